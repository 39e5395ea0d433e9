import { eq } from 'drizzle-orm';
import type { TCalendarDay, ZCalendarOverrideInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { yearOf } from './dates.ts';
import { canManageCalendar } from './policy.ts';
import { presentDay } from './presenters.ts';
import { editableYears } from './rules.ts';
import { calendarDays } from './schema.ts';
import { getCalendar, invalidateCalendar } from './service.ts';
import { dayOf } from './snapshot.ts';
import { fillYearsTo, lockCalendar, recomputeOrdinals } from './store.ts';

/** The override fields as the audit trail shows them. */
const overrideOf = (row: typeof calendarDays.$inferSelect) => ({ overrideWorking: row.overrideWorking, overrideName: row.overrideName, working: row.working });

function checkYear(ctx: AuthedCtx, date: string, timeZone: string) {
  const range = editableYears(ctx.now, timeZone);
  const year = yearOf(date);
  if (year < range.from || year > range.to) throw new AppError('CALENDAR_OUT_OF_RANGE', 'date', range);
}

/** Runs a change of one day under the calendar lock, then recomputes the ordinals (ALL-6). */
async function changeDay(ctx: AuthedCtx, date: string, timeZone: string, action: string, change: (tx: Tx) => Promise<typeof calendarDays.$inferSelect | undefined>): Promise<TCalendarDay> {
  if (!canManageCalendar(ctx.actor)) throw new AppError('FORBIDDEN');
  checkYear(ctx, date, timeZone);
  await mutate(ctx, async (tx, audit) => {
    await lockCalendar(tx);
    await fillYearsTo(tx, yearOf(date));
    const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const after = await change(tx);
    if (!after) throw new AppError('NOT_FOUND');
    await recomputeOrdinals(tx);
    await audit({ entity: 'calendar_day', entityId: date, action, before: overrideOf(before), after: overrideOf(after) });
  });
  invalidateCalendar(ctx.db);
  return presentDay(dayOf(await getCalendar(ctx.db), date));
}

/**
 * ALL-6 company override: an extra holiday (working: false) or an extra workday (working: true).
 * Deadlines already declared keep their due time; only provisional ones move, on import.
 */
export function setOverride(ctx: AuthedCtx, date: string, input: z.output<typeof ZCalendarOverrideInput>, timeZone: string) {
  return changeDay(ctx, date, timeZone, 'override', async (tx) => {
    const [row] = await tx.update(calendarDays).set({ overrideWorking: input.working, overrideName: input.name }).where(eq(calendarDays.date, date)).returning();
    return row;
  });
}

/** Back to the official schedule for that day; 404 when the day has no override. */
export function clearOverride(ctx: AuthedCtx, date: string, timeZone: string) {
  return changeDay(ctx, date, timeZone, 'override_clear', async (tx) => {
    const [row] = await tx.select({ overrideWorking: calendarDays.overrideWorking }).from(calendarDays).where(eq(calendarDays.date, date));
    if (row?.overrideWorking === null) return undefined;
    const [after] = await tx.update(calendarDays).set({ overrideWorking: null, overrideName: null }).where(eq(calendarDays.date, date)).returning();
    return after;
  });
}
