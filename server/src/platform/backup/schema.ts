import { bigint, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** DOC-7: every backup run, its size, and whether a restore of it was proven (restore check). */
export const backups = pgTable(
  'backups',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['scheduled', 'manual'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }).notNull(),
    path: text('path').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
    message: text('message'),
    restoreCheck: text('restore_check', { enum: ['passed', 'failed'] }),
    restoreCheckMessage: text('restore_check_message'),
    prunedAt: timestamp('pruned_at', { withTimezone: true, mode: 'string' }),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
  },
  (t) => [index('backups_started').on(t.startedAt)],
);
