import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TTaskWorkflowStatus } from '@opsdesk/contract';
import { departments, people } from '../org/schema.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * TSK-1 tasks. `status` is the stored workflow status; 延期 is derived in queries (TSK-4), never
 * stored. `department_id` is the owner's department (ALL-7 本部门), kept in step with the owner.
 * Indexes are laid out for ~1M rows over ~5,000 people: a person's open tasks by due date, a
 * department's by due date (延期 = due before today among open ones), the 2-character search.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    deliverable: text('deliverable').notNull(),
    qualityStandard: text('quality_standard').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => people.id),
    departmentId: integer('department_id').references(() => departments.id),
    creatorId: integer('creator_id')
      .notNull()
      .references(() => people.id),
    /** 需求方/验收人 (TSK-9); null → the owner's head accepts. */
    acceptorId: integer('acceptor_id').references(() => people.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    progress: integer('progress').notNull().default(0),
    stage: text('stage'),
    status: text('status').$type<TTaskWorkflowStatus>().notNull().default('not_started'),
    major: boolean('major').notNull().default(false),
    riskNote: text('risk_note'),
    mitigationPlan: text('mitigation_plan'),
    remarks: text('remarks'),
    acceptanceOpinion: text('acceptance_opinion'),
    /** The latest TSK-6 delay reason (all of them are in task_delays). */
    delayReason: text('delay_reason'),
    /** The approval request of the current or last acceptance round (TSK-9). */
    approvalId: integer('approval_id'),
    /** e.g. a meeting resolution (MTG-10): where the task came from, shown as a link. */
    sourceType: text('source_type'),
    sourceId: integer('source_id'),
    sourceLabel: text('source_label'),
    /** 2-character pieces of number, name and description (platform/search/tokens.ts). */
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    doneAt: stamp('done_at'),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('tasks_number').on(t.number),
    // department_id last: the word search's own-task arm (word-search.ts) skips the department's
    // tasks in the index, without visiting them.
    index('tasks_owner_status_due').on(t.ownerId, t.status, t.dueDate, t.id, t.departmentId),
    index('tasks_department_due').on(t.departmentId, t.dueDate, t.id),
    // Open tasks are a small share of a long history: "my open tasks", a department's 延期.
    index('tasks_open_owner_due').on(t.ownerId, t.dueDate, t.id).where(sql`${t.status} <> 'done'`),
    // …with what TSK-10's weekly counts read (TSK-4, TSK-8), so a department's week is an index-only scan.
    index('tasks_open_department_due').on(t.departmentId, t.dueDate, t.id, t.ownerId, t.status, t.startDate, t.progress).where(sql`${t.status} <> 'done'`),
    // TSK-10 done this week, per department.
    index('tasks_done_department').on(t.departmentId, t.doneAt, t.ownerId).where(sql`${t.status} = 'done'`),
    index('tasks_acceptor').on(t.acceptorId, t.departmentId, t.id).where(sql`${t.acceptorId} is not null`),
    index('tasks_creator').on(t.creatorId, t.departmentId, t.id),
    index('tasks_approval').on(t.approvalId).where(sql`${t.approvalId} is not null`),
    index('tasks_source').on(t.sourceType, t.sourceId).where(sql`${t.sourceType} is not null`),
    // Text search (platform/search/tokens.ts) within what the person may see (ALL-7, sql.ts visibleArms):
    // a word's pieces and the department / owner / creator / acceptor are intersected in the index
    // (btree_gin, migration 0018), not by visiting every row that holds a common word.
    index('tasks_search').using('gin', t.departmentId, t.ownerId, t.creatorId, t.acceptorId, t.searchTokens),
    check('tasks_progress', sql`${t.progress} between 0 and 100`),
    check('tasks_dates', sql`${t.dueDate} >= ${t.startDate}`),
    check('tasks_status', sql`${t.status} in ('not_started', 'in_progress', 'awaiting_acceptance', 'done')`),
  ],
);

/**
 * The 2-character search's postings: one row per piece of a task's search_tokens, with the task's
 * department (0 for none) and due date, so "a word within these departments" is counted and paged
 * in due-date order from this index alone (word-search.ts). At a million tasks the GIN on
 * search_tokens finds a common word's matches fast but must read each from the table to sort and
 * count them (issue 5's bench: ~14 ms for a head's 5,000 matches of 数据). Kept in step with
 * `tasks` by triggers (migration 0020), so every way a task is written — the services, the import,
 * SQL by hand — keeps it. About 22 rows a task.
 */
export const taskWords = pgTable(
  'task_words',
  {
    word: text('word').notNull(),
    departmentId: integer('department_id').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    taskId: integer('task_id').notNull(),
  },
  (t) => [index('task_words_word').on(t.word, t.departmentId, t.dueDate, t.taskId)],
);

/** TSK-2 协作者分工: a collaborator and their share of the work. */
export const taskCollaborators = pgTable(
  'task_collaborators',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    share: text('share').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.personId] }), index('task_collaborators_person').on(t.personId, t.taskId)],
);

/** TSK-1 milestones (TSK-8: the next undone one within 2 working days flags the task). */
export const taskMilestones = pgTable(
  'task_milestones',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    done: boolean('done').notNull().default(false),
    doneAt: stamp('done_at'),
    position: integer('position').notNull(),
  },
  (t) => [index('task_milestones_task').on(t.taskId, t.position), index('task_milestones_open').on(t.taskId, t.date).where(sql`not ${t.done}`)],
);

/** TSK-5 the progress timeline. */
export const taskProgress = pgTable(
  'task_progress',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** Company date of the update. */
    date: date('date', { mode: 'string' }).notNull(),
    at: stamp('at').notNull(),
    progress: integer('progress').notNull(),
    stage: text('stage').notNull(),
    note: text('note'),
    authorId: integer('author_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('task_progress_task').on(t.taskId, t.id)],
);

/** TSK-6 every delay: the reason and the adjusted plan, oldest first. */
export const taskDelays = pgTable(
  'task_delays',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    at: stamp('at').notNull(),
    oldDueDate: date('old_due_date', { mode: 'string' }).notNull(),
    newDueDate: date('new_due_date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [index('task_delays_task').on(t.taskId, t.id)],
);

/** Finish-to-start: `task_id` cannot start before `predecessor_id` is done. */
export const taskDependencies = pgTable(
  'task_dependencies',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.predecessorId] }),
    index('task_dependencies_predecessor').on(t.predecessorId),
    check('task_dependencies_self', sql`${t.taskId} <> ${t.predecessorId}`),
  ],
);

/** A start before the predecessors were done, with the reason given (recorded, shown). */
export const taskDependencyOverrides = pgTable(
  'task_dependency_overrides',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    at: stamp('at').notNull(),
    byId: integer('by_id')
      .notNull()
      .references(() => people.id),
    reason: text('reason').notNull(),
    predecessorNumbers: text('predecessor_numbers').array().notNull(),
  },
  (t) => [index('task_dependency_overrides_task').on(t.taskId)],
);

/** TSK-9 one row per submission (round): the deliverable and the decision on it. */
export const taskAcceptances = pgTable(
  'task_acceptances',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    approvalId: integer('approval_id').notNull(),
    submittedAt: stamp('submitted_at').notNull(),
    submittedById: integer('submitted_by_id')
      .notNull()
      .references(() => people.id),
    fileId: uuid('file_id'),
    link: text('link'),
    note: text('note'),
    decision: text('decision').$type<'accepted' | 'rejected'>(),
    decidedById: integer('decided_by_id').references(() => people.id),
    decidedAt: stamp('decided_at'),
    opinion: text('opinion'),
  },
  (t) => [uniqueIndex('task_acceptances_round').on(t.taskId, t.round), index('task_acceptances_file').on(t.fileId).where(sql`${t.fileId} is not null`)],
);
