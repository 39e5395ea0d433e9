import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DeadlineRule } from './rules.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * ALL-2/ALL-6: every deadline of every module, one row per (entity, entity id, kind). `due_at` is
 * computed from the anchor and the rule on the working-day calendar; `provisional` = a fallback year
 * was involved (暂定), and such rows are computed again when that year's schedule is imported.
 * The workflow platform adds its reminders on top of this table.
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
