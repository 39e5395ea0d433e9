import type { TCalendarSource } from '@opsdesk/contract';
import type { Db } from '../../db/client.ts';
import { recomputeProvisional } from '../deadlines/service.ts';
import { mutate } from '../http/context.ts';
import { bundledSchedule, bundledYears } from './bundled.ts';
import { yearOf } from './dates.ts';
import { loadCalendar, lockCalendar, recomputeOrdinals, writeYears, yearsHeld } from './store.ts';
import { dateInZone } from './zone.ts';

/**
 * Which years to add: every year the bundled chinese-days package has (also replacing a fallback
 * year it now knows), and Monday–Friday fallback years for the rest, through next year. An
 * official year (bundled or imported) is never touched.
 */
export function planYears(held: { year: number; source: TCalendarSource }[], bundled: number[], currentYear: number): { bundled: number[]; fallback: number[] } {
  const source = new Map(held.map((y) => [y.year, y.source]));
  const all = [...source.keys(), ...bundled, currentYear, currentYear + 1];
  const plan = { bundled: [] as number[], fallback: [] as number[] };
  const inBundle = new Set(bundled);
  for (let y = Math.min(...all); y <= Math.max(...all); y++) {
    if (inBundle.has(y) && source.get(y) !== 'official') plan.bundled.push(y);
    else if (!source.has(y)) plan.fallback.push(y);
  }
  return plan;
}

let bundledCache: number[] | undefined;

/**
 * ALL-6: at start (and when a new year comes into reach) make sure the calendar holds every year
 * in use: seeded in bulk, ordinals computed, provisional deadlines computed again if a fallback
 * year became official. Cheap when nothing is missing (one query). Returns true if it wrote.
 */
export async function ensureCalendar(db: Db, opts: { now: Date; timeZone: string }): Promise<boolean> {
  const bundled = (bundledCache ??= bundledYears());
  const currentYear = yearOf(dateInZone(opts.now, opts.timeZone));
  const first = planYears(await yearsHeld(db), bundled, currentYear);
  if (first.bundled.length + first.fallback.length === 0) return false;
  const system = { db, actor: null, ip: null, now: opts.now, locale: 'zh-CN' as const };
  return mutate(system, async (tx, audit) => {
    await lockCalendar(tx);
    // Another instance may have seeded while we waited for the lock.
    const plan = planYears(await yearsHeld(tx), bundled, currentYear);
    if (plan.bundled.length + plan.fallback.length === 0) return false;
    await writeYears(
      tx,
      [...plan.bundled.map((year) => ({ year, source: 'official' as const, listed: bundledSchedule(year) })), ...plan.fallback.map((year) => ({ year, source: 'fallback' as const, listed: [] }))],
      { at: opts.now.toISOString(), by: null },
    );
    await recomputeOrdinals(tx);
    const recomputed = await recomputeProvisional(tx, { cal: await loadCalendar(tx), timeZone: opts.timeZone, now: opts.now, audit });
    await audit({ entity: 'calendar', entityId: null, action: 'seed', note: { official: plan.bundled, fallback: plan.fallback, recomputedDeadlines: recomputed } });
    return true;
  });
}
