import { eq } from 'drizzle-orm';
import type { TCalendarImportResult, ZCalendarImport } from '@opsdesk/contract';
import type { z } from 'zod';
import { recomputeProvisional } from '../deadlines/service.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { isWeekend } from './dates.ts';
import { canManageCalendar } from './policy.ts';
import { checkSchedule, editableYears } from './rules.ts';
import { calendarYears } from './schema.ts';
import { invalidateCalendar } from './service.ts';
import { fillYearsTo, loadCalendar, lockCalendar, recomputeOrdinals, writeYears } from './store.ts';

/**
 * ALL-6: a year's official schedule (国务院办公厅 notice, in the holiday-cn JSON format) replaces
 * that year's official days; company overrides stay. Ordinals and every provisional deadline are
 * computed again in the same transaction.
 */
export async function importSchedule(ctx: AuthedCtx, input: z.output<typeof ZCalendarImport>, timeZone: string): Promise<TCalendarImportResult> {
  if (!canManageCalendar(ctx.actor)) throw new AppError('FORBIDDEN');
  const checked = checkSchedule(input);
  if ('code' in checked) {
    const params: Record<string, string | number> = { value: checked.value };
    if (checked.code === 'CALENDAR_YEAR_MISMATCH') params.year = checked.year;
    throw new AppError(checked.code, `days.${checked.index}.date`, params);
  }
  const { year } = checked;
  const range = editableYears(ctx.now, timeZone);
  if (year < range.from || year > range.to) throw new AppError('CALENDAR_OUT_OF_RANGE', input.year === undefined ? 'days.0.date' : 'year', range);

  const holidays = input.days.filter((d) => d.isOffDay).length;
  const makeupDays = input.days.filter((d) => !d.isOffDay && isWeekend(d.date)).length;
  const result = await mutate(ctx, async (tx, audit) => {
    await lockCalendar(tx);
    await fillYearsTo(tx, year);
    const [before] = await tx.select({ source: calendarYears.source }).from(calendarYears).where(eq(calendarYears.year, year)).for('update');
    await writeYears(tx, [{ year, source: 'official', listed: input.days }], { at: ctx.now.toISOString(), by: ctx.actor.id });
    await recomputeOrdinals(tx);
    const recomputedDeadlines = await recomputeProvisional(tx, { cal: await loadCalendar(tx), timeZone, now: ctx.now, audit });
    await audit({
      entity: 'calendar_year',
      entityId: year,
      action: 'import',
      before: { source: before?.source ?? null },
      after: { source: 'official' },
      note: { holidays, makeupDays, recomputedDeadlines },
    });
    return { year, source: 'official' as const, holidays, makeupDays, recomputedDeadlines };
  });
  invalidateCalendar(ctx.db);
  return result;
}
