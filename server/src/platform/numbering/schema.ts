import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Named counters (e.g. `task:202611`); one row per key, bumped atomically by an upsert. */
export const sequences = pgTable('sequences', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});
