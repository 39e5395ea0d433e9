import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { people } from '../../modules/org/schema.ts';
import type { ReminderSpec, ReminderState } from './reminder-rules.ts';
import type { DeadlineRule } from './rules.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * ALL-2/ALL-6: every deadline of every module, one row per (entity, entity id, kind). `due_at` is
 * computed from the anchor and the rule on the working-day calendar; `provisional` = a fallback year
 * was involved (暂定), and such rows are computed again when that year's schedule is imported.
 * Reminders and escalations (deadline_reminders) hang off a row; `owner_id` is who recipients
 * like `owner.head` are resolved from, `subject` and `link` what their notifications say and open.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: serial('id').primaryKey(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    kind: text('kind').notNull(),
    anchorDate: date('anchor_date', { mode: 'string' }),
    anchorAt: stamp('anchor_at'),
    rule: jsonb('rule').$type<DeadlineRule>().notNull(),
    dueAt: stamp('due_at').notNull(),
    provisional: boolean('provisional').notNull().default(false),
    doneAt: stamp('done_at'),
    ownerId: integer('owner_id').references(() => people.id),
    subject: text('subject'),
    link: text('link'),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deadlines_subject').on(t.entity, t.entityId, t.kind),
    index('deadlines_open_due').on(t.dueAt).where(sql`${t.doneAt} is null`),
    index('deadlines_open_provisional').on(t.id).where(sql`${t.provisional} and ${t.doneAt} is null`),
    check('deadlines_anchor', sql`${t.anchorDate} is not null or ${t.anchorAt} is not null`),
  ],
);

/**
 * ALL-2: one row per reminder spec of a deadline (`key` = the spec, canonical JSON). `fire_at` is
 * computed from the deadline's due time; the scanner turns `pending` rows whose time has come into
 * notifications (dedupe key per row, fire time and recipient) and marks them `fired`. A move of
 * the due time that moves `fire_at` makes a row pending again; completion cancels pending rows.
 */
export const deadlineReminders = pgTable(
  'deadline_reminders',
  {
    id: serial('id').primaryKey(),
    deadlineId: integer('deadline_id')
      .notNull()
      .references(() => deadlines.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    spec: jsonb('spec').$type<ReminderSpec>().notNull(),
    fireAt: stamp('fire_at').notNull(),
    /** A fallback year (暂定) was involved: computed again when that year's schedule arrives. */
    provisional: boolean('provisional').notNull().default(false),
    state: text('state').$type<ReminderState>().notNull().default('pending'),
    firedAt: stamp('fired_at'),
    /** How many notifications the firing created (0: nobody to tell, e.g. a vacant head at the top). */
    notified: integer('notified'),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deadline_reminders_spec').on(t.deadlineId, t.key),
    index('deadline_reminders_due').on(t.fireAt).where(sql`${t.state} = 'pending'`),
    index('deadline_reminders_provisional').on(t.deadlineId).where(sql`${t.provisional} and ${t.state} = 'pending'`),
    check('deadline_reminders_state', sql`${t.state} in ('pending', 'fired', 'skipped', 'cancelled')`),
  ],
);
