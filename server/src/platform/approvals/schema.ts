import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TApprovalAction, TApprovalNote, TApprovalStatus, TApprovalStepStatus, TLocale } from '@opsdesk/contract';
import { people } from '../../modules/org/schema.ts';
import type { DeciderRule } from './rules.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A stored escalation note: the person by id (names are looked up when presented). */
export type StoredNote = Omit<TApprovalNote, 'person'> & { personId: number | null };

/**
 * One approval request per submission of a module's item (a loan application, a resource request…).
 * `version` grows with every change; deciders lock the row (SELECT … FOR UPDATE), so two people
 * acting at once are serialised and the later one finds the step no longer current (409).
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: serial('id').primaryKey(),
    flow: text('flow').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    title: text('title').notNull(),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => people.id),
    status: text('status').$type<TApprovalStatus>().notNull(),
    stuck: boolean('stuck').notNull().default(false),
    round: integer('round').notNull().default(1),
    currentStepId: integer('current_step_id'),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
    decidedAt: stamp('decided_at'),
  },
  (t) => [
    // One live approval per item and flow: a returned one is resubmitted, not duplicated.
    uniqueIndex('approval_requests_live_subject')
      .on(t.flow, t.entity, t.entityId)
      .where(sql`${t.status} in ('pending', 'returned')`),
    index('approval_requests_requester').on(t.requesterId, t.id),
    index('approval_requests_subject').on(t.entity, t.entityId),
  ],
);

/** The steps of each round; a step's decider is resolved (and stored) when it opens. */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => approvalRequests.id),
    round: integer('round').notNull(),
    position: integer('position').notNull(),
    key: text('key').notNull(),
    label: jsonb('label').$type<Record<TLocale, string>>().notNull(),
    rule: jsonb('rule').$type<DeciderRule>().notNull(),
    status: text('status').$type<TApprovalStepStatus>().notNull(),
    deciderId: integer('decider_id').references(() => people.id),
    decidedById: integer('decided_by_id').references(() => people.id),
    opinion: text('opinion'),
    openedAt: stamp('opened_at'),
    decidedAt: stamp('decided_at'),
  },
  (t) => [
    uniqueIndex('approval_steps_order').on(t.requestId, t.round, t.position),
    index('approval_steps_open_decider').on(t.deciderId).where(sql`${t.status} = 'open'`),
    index('approval_steps_decided_by').on(t.decidedById),
  ],
);

/** The full history: every action with its actor (null = the system), time and opinion. */
export const approvalEvents = pgTable(
  'approval_events',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => approvalRequests.id),
    round: integer('round').notNull(),
    stepId: integer('step_id').references(() => approvalSteps.id),
    action: text('action').$type<TApprovalAction>().notNull(),
    actorId: integer('actor_id').references(() => people.id),
    opinion: text('opinion'),
    targetIds: integer('target_ids').array().notNull().default(sql`'{}'::integer[]`),
    notes: jsonb('notes').$type<StoredNote[]>().notNull().default(sql`'[]'::jsonb`),
    at: stamp('at').notNull(),
  },
  (t) => [index('approval_events_request').on(t.requestId, t.id)],
);

/**
 * Who may see a request: its requester, every decider (past and current), CC'd people, and the
 * admins told about a stuck request. "Not a participant" answers 404, like "does not exist".
 */
export const approvalParticipants = pgTable(
  'approval_participants',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => approvalRequests.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').$type<ParticipantKind>().notNull(),
    addedAt: stamp('added_at').notNull(),
  },
  (t) => [uniqueIndex('approval_participants_key').on(t.requestId, t.personId, t.kind), index('approval_participants_person').on(t.personId, t.kind)],
);
export type ParticipantKind = 'requester' | 'decider' | 'cc' | 'admin';
