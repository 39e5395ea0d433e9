import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { TCalendarSource } from '@opsdesk/contract';
import { people } from '../../modules/org/schema.ts';

/**
 * ALL-6: one row per company day of every year in use. `working` is what counts (the override if
 * any, else the official flag). `ordinal` counts working days from the first row, and a non-working
 * day carries the ordinal of the last working day before it, so working-day distances are plain
 * SQL (`due.ordinal - today.ordinal`). Only differences are meaningful: never store an ordinal.
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    officialWorking: boolean('official_working').notNull(),
    officialName: text('official_name'),
    /** The year's source, copied to each day so SQL can tell provisional (暂定) days apart. */
    source: text('source').$type<TCalendarSource>().notNull(),
    overrideWorking: boolean('override_working'),
    overrideName: text('override_name'),
    working: boolean('working')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(override_working, official_working)`),
    ordinal: integer('ordinal').notNull().default(0),
  },
  // ordinalOf (store.ts) reads the ordinal of a date for every row TSK-8 checks: from the index alone.
  (t) => [index('calendar_days_ordinal').on(t.ordinal), index('calendar_days_date_ordinal').on(t.date, t.ordinal)],
);

/**
 * ALL-6: the ordinal of every day of calendar_days in one array (day `first_date + i` at index
 * i + 1), written with the ordinals (store.ts recomputeOrdinals). A statement that needs the
 * ordinals of many tasks' dates (TSK-10's counts) reads them by subscript, instead of an index probe
 * per date: see tasks/sql.ts arrayOrdinals.
 */
export const calendarOrdinals = pgTable(
  'calendar_ordinals',
  {
    id: smallint('id').primaryKey().default(1),
    firstDate: date('first_date', { mode: 'string' }).notNull(),
    ordinals: integer('ordinals').array().notNull(),
  },
  (t) => [check('calendar_ordinals_one_row', sql`${t.id} = 1`)],
);

/** Which years the calendar holds, and whether each has the official schedule. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').$type<TCalendarSource>().notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }),
  importedBy: integer('imported_by').references(() => people.id),
});
