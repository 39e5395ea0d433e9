import type { Db } from '../../db/client.ts';
import { dateOfDay, yearOf } from './dates.ts';
import { ensureCalendar } from './ensure.ts';
import type { Calendar } from './snapshot.ts';
import { loadCalendar } from './store.ts';
import { dateInZone } from './zone.ts';

/**
 * CalendarService: the snapshot other modules compute with. Cached per database; a change in this
 * process drops it at once (invalidateCalendar), other server instances pick it up within a minute.
 * Inside a transaction that just changed the calendar, use loadCalendar(tx) instead.
 */
const TTL_MS = 60_000;
const cache = new WeakMap<Db, { loadedAt: number; calendar: Promise<Calendar> }>();

const lastYear = (cal: Calendar) => (cal.days.length ? yearOf(dateOfDay(cal.first + cal.days.length - 1)) : 0);

export async function getCalendar(db: Db, reach?: { now: Date; timeZone: string }): Promise<Calendar> {
  let entry = cache.get(db);
  if (!entry || performance.now() - entry.loadedAt > TTL_MS) {
    const fresh = { loadedAt: performance.now(), calendar: loadCalendar(db) };
    fresh.calendar.catch(() => cache.get(db) === fresh && cache.delete(db));
    cache.set(db, fresh);
    entry = fresh;
  }
  const cal = await entry.calendar;
  // A long-running server crossing into a new year adds the year after it.
  if (reach && lastYear(cal) < yearOf(dateInZone(reach.now, reach.timeZone)) + 1) {
    await ensureCalendar(db, reach);
    invalidateCalendar(db);
    return getCalendar(db);
  }
  return cal;
}

export function invalidateCalendar(db: Db): void {
  cache.delete(db);
}
