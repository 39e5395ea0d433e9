import { type SQL, type SQLWrapper, asc, sql } from 'drizzle-orm';
import type { TCalendarImportDay, TCalendarSource } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { type Calendar, calendarFromDays, yearFromSchedule } from './snapshot.ts';
import { calendarDays, calendarYears } from './schema.ts';

/** Rows per INSERT: 4 parameters each, far below PostgreSQL's 65 535. */
const CHUNK = 2000;

/** The whole calendar as an in-memory snapshot (about 365 rows per year). */
export async function loadCalendar(db: Db | Tx): Promise<Calendar> {
  const rows = await db
    .select({
      date: calendarDays.date,
      officialWorking: calendarDays.officialWorking,
      officialName: calendarDays.officialName,
      source: calendarDays.source,
      overrideWorking: calendarDays.overrideWorking,
      overrideName: calendarDays.overrideName,
      working: calendarDays.working,
    })
    .from(calendarDays)
    .orderBy(asc(calendarDays.date));
  return calendarFromDays(rows);
}

/**
 * Calendar writes take turns (one transaction-scoped advisory lock): the ordinal recomputation
 * reads the whole table, so two concurrent writers would each miss the other's change.
 */
export async function lockCalendar(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('opsdesk.calendar'))`);
}

export interface YearWrite {
  year: number;
  source: TCalendarSource;
  /** Listed holidays / make-up workdays; empty for a fallback year. */
  listed: TCalendarImportDay[];
}

/**
 * Writes whole years: every date of each year gets its official flag, name and source, in bulk.
 * Company overrides on those dates are kept.
 */
export async function writeYears(tx: Tx, years: YearWrite[], stamp: { at: string | null; by: number | null }): Promise<void> {
  const rows = years.flatMap((y) => yearFromSchedule(y.year, y.source, y.listed).map(({ date, officialWorking, officialName, source }) => ({ date, officialWorking, officialName, source })));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insert(calendarDays)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: calendarDays.date,
        set: { officialWorking: sql`excluded.official_working`, officialName: sql`excluded.official_name`, source: sql`excluded.source` },
      });
  }
  if (years.length === 0) return;
  const official = (y: YearWrite) => y.source === 'official';
  await tx
    .insert(calendarYears)
    .values(years.map((y) => ({ year: y.year, source: y.source, importedAt: official(y) ? stamp.at : null, importedBy: official(y) ? stamp.by : null })))
    .onConflictDoUpdate({
      target: calendarYears.year,
      set: { source: sql`excluded.source`, importedAt: sql`excluded.imported_at`, importedBy: sql`excluded.imported_by` },
    });
}

/** ALL-6: working-day ordinals, computed again in one statement after any change. */
export async function recomputeOrdinals(tx: Tx): Promise<void> {
  await tx.execute(sql`
    update calendar_days c set ordinal = s.ordinal
    from (select date, (count(*) filter (where working) over (order by date))::int as ordinal from calendar_days) s
    where c.date = s.date and c.ordinal <> s.ordinal`);
  // The same ordinals as one array (schema.ts calendarOrdinals); the years held are contiguous.
  await tx.execute(sql`
    insert into calendar_ordinals (id, first_date, ordinals)
    select 1, min(date), array_agg(ordinal order by date) from calendar_days having count(*) > 0
    on conflict (id) do update set first_date = excluded.first_date, ordinals = excluded.ordinals`);
}

/**
 * ALL-6 in SQL: the working-day ordinal of a date (a column or a 'YYYY-MM-DD' value), for working-day
 * distances in queries, e.g. `sql\`${ordinalOf(tasks.dueDate)} - ${ordinalOf(today)}\`` = working days left.
 * NULL for a date outside the years held.
 */
export const ordinalOf = (date: SQLWrapper | string): SQL<number | null> => sql<number | null>`(select cd.ordinal from calendar_days cd where cd.date = ${date}::date)`;

export async function yearsHeld(db: Db | Tx): Promise<{ year: number; source: TCalendarSource }[]> {
  return db.select({ year: calendarYears.year, source: calendarYears.source }).from(calendarYears).orderBy(asc(calendarYears.year));
}

/**
 * Years must stay contiguous (ordinals count across them): before writing `year`, any missing year
 * between it and those held is added as a fallback year.
 */
export async function fillYearsTo(tx: Tx, year: number): Promise<void> {
  const held = new Set((await yearsHeld(tx)).map((y) => y.year));
  const all = [...held, year];
  const missing: YearWrite[] = [];
  for (let y = Math.min(...all); y <= Math.max(...all); y++) if (!held.has(y)) missing.push({ year: y, source: 'fallback', listed: [] });
  await writeYears(tx, missing, { at: null, by: null });
}
