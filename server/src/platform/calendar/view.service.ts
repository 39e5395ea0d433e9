import { asc, eq } from 'drizzle-orm';
import type { TCalendarMonth, TCalendarYears } from '@opsdesk/contract';
import { people } from '../../modules/org/schema.ts';
import type { AuthedCtx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { addDays, datesOfMonth, weekdayOf } from './dates.ts';
import { canReadCalendar } from './policy.ts';
import { presentDay, presentYear, scheduleWarning } from './presenters.ts';
import { MAX_YEAR, MIN_YEAR, yearNeedingSchedule } from './rules.ts';
import { calendarYears } from './schema.ts';
import { getCalendar } from './service.ts';
import { dayOf } from './snapshot.ts';

const GRID_DAYS = 42;

/** The month view in one answer: the 6-week grid (Monday first) with every day's kind and name. */
export async function getMonth(ctx: AuthedCtx, month: string, timeZone: string): Promise<TCalendarMonth> {
  if (!canReadCalendar(ctx.actor)) throw new AppError('FORBIDDEN');
  const year = Number(month.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) throw new AppError('CALENDAR_OUT_OF_RANGE', 'month', { from: MIN_YEAR, to: MAX_YEAR });
  const cal = await getCalendar(ctx.db, { now: ctx.now, timeZone });
  const first = datesOfMonth(month)[0]!;
  const start = addDays(first, -((weekdayOf(first) + 6) % 7));
  const days = Array.from({ length: GRID_DAYS }, (_, i) => addDays(start, i)).map((date) => presentDay(dayOf(cal, date), date.startsWith(month)));
  const own = days.filter((d) => d.inMonth);
  return { month, days, workingDays: own.filter((d) => d.working).length, provisional: own.some((d) => d.provisional) };
}

/** Years held with their source, and the ALL-6 November warning when a schedule is missing. */
export async function listYears(ctx: AuthedCtx, timeZone: string): Promise<TCalendarYears> {
  if (!canReadCalendar(ctx.actor)) throw new AppError('FORBIDDEN');
  await getCalendar(ctx.db, { now: ctx.now, timeZone });
  const rows = await ctx.db
    .select({ year: calendarYears.year, source: calendarYears.source, importedAt: calendarYears.importedAt, importedByName: people.name })
    .from(calendarYears)
    .leftJoin(people, eq(people.id, calendarYears.importedBy))
    .orderBy(asc(calendarYears.year));
  const missing = yearNeedingSchedule(rows, ctx.now, timeZone);
  return { years: rows.map(presentYear), warning: missing === null ? null : { year: missing, message: scheduleWarning(missing, ctx.locale) } };
}
