import type { TCalendarImportDay, TCalendarSource } from '@opsdesk/contract';
import { addDays, dateOfDay, dayNumber, yearOf } from './dates.ts';
import { type Calendar, dayOf } from './snapshot.ts';
import { atWallClock, dateInZone, wallClock } from './zone.ts';

/**
 * ALL-6 time words as pure functions over a calendar snapshot: no database, no clock, no use of
 * the server's time zone. Every result that read a day of a fallback year (no official schedule,
 * Monday–Friday assumed) says `provisional: true`, so callers show it as 暂定.
 */

export interface DateResult {
  date: string;
  provisional: boolean;
}
export interface InstantResult {
  at: Date;
  provisional: boolean;
}

/** Business hours in company time, 'HH:MM'. */
export interface BusinessHours {
  am: { from: string; to: string };
  pm: { from: string; to: string };
}
/** ALL-6 default: 09:00–12:00 and 13:30–18:00. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = { am: { from: '09:00', to: '12:00' }, pm: { from: '13:30', to: '18:00' } };

const hhmmMs = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
};

export const isWorkingDay = (cal: Calendar, date: string): boolean => dayOf(cal, date).working;

/** Did any day from `from` to `to` (inclusive, either order) come from a fallback year? */
export function isProvisional(cal: Calendar, from: string, to: string): boolean {
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let d = a; d <= b; d = addDays(d, 1)) if (dayOf(cal, d).source === 'fallback') return true;
  return false;
}

/**
 * The first day after `date` that comes from a fallback year, or past the calendar's end (which
 * counts as fallback): a count from `date` to any day on or after it is provisional (暂定).
 */
export function firstProvisionalAfter(cal: Calendar, date: string): string {
  let i = dayNumber(date) + 1 - cal.first;
  if (i < 0) return addDays(date, 1);
  while (i < cal.days.length && cal.days[i]!.source !== 'fallback') i += 1;
  return dateOfDay(cal.first + i);
}

function checkInteger(n: number) {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
}

/**
 * The n-th working day after `date` (`date` itself not counted); a negative n counts back.
 * n = 0: `date` itself when it is a working day, else the next working day (a "same day" deadline
 * that falls on a holiday moves to the next working day).
 */
export function addWorkingDays(cal: Calendar, date: string, n: number): DateResult {
  checkInteger(n);
  if (n === 0) {
    let d = date;
    while (!isWorkingDay(cal, d)) d = addDays(d, 1);
    return { date: d, provisional: isProvisional(cal, date, d) };
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(cal, d)) left -= 1;
  }
  return { date: d, provisional: isProvisional(cal, addDays(date, step), d) };
}

/**
 * Working days in (a, b] — a not counted, b counted — negative when b is before a. The same number
 * as `ordinal(b) - ordinal(a)` in calendar_days, so `addWorkingDays(a, result)` lands on b when b is
 * a working day.
 */
export function workingDaysBetween(cal: Calendar, a: string, b: string): { days: number; provisional: boolean } {
  if (a === b) return { days: 0, provisional: false };
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(cal, d)) count += 1;
  return { days: sign * count, provisional: isProvisional(cal, addDays(lo, 1), hi) };
}

/**
 * ALL-6 "N working hours": `hours` clock hours counted only inside business hours of working days
 * (lunch break, nights, weekends and holidays skipped), in the company time zone. Ending exactly at
 * a window's end gives that end (12:00, 18:00). 0 h moves an instant outside business hours to the
 * next opening.
 */
export function addWorkingHours(cal: Calendar, instant: Date, hours: number, timeZone: string, business: BusinessHours = DEFAULT_BUSINESS_HOURS): InstantResult {
  if (!(hours >= 0) || !Number.isFinite(hours)) throw new RangeError(`working hours must be zero or more, got ${hours}`);
  const windows = [business.am, business.pm].map((w) => [hhmmMs(w.from), hhmmMs(w.to)] as const);
  if (windows.every(([from, to]) => to <= from)) throw new RangeError('business hours are empty');
  const start = wallClock(instant, timeZone);
  let remaining = Math.round(hours * 3_600_000);
  let date = start.date;
  let cursor = start.ms;
  for (;;) {
    if (isWorkingDay(cal, date)) {
      for (const [from, to] of windows) {
        if (cursor >= to) continue;
        const begin = Math.max(cursor, from);
        if (remaining <= to - begin) return { at: atWallClock(date, begin + remaining, timeZone), provisional: isProvisional(cal, start.date, date) };
        remaining -= to - begin;
        cursor = to;
      }
    }
    date = addDays(date, 1);
    cursor = 0;
  }
}

/** A date, or an instant read as its company date. */
const companyDate = (x: string | Date, timeZone: string) => (typeof x === 'string' ? x : dateInZone(x, timeZone));

/**
 * ALL-6 "within N working days of X": ends at the close of business (end of the afternoon window,
 * 18:00 company time) of the N-th working day after X's date, X's own day not counted.
 */
export function dueWithinWorkingDays(
  cal: Calendar,
  x: string | Date,
  n: number,
  timeZone: string,
  business: BusinessHours = DEFAULT_BUSINESS_HOURS,
): InstantResult & { date: string } {
  const day = addWorkingDays(cal, companyDate(x, timeZone), n);
  return { date: day.date, at: atWallClock(day.date, hhmmMs(business.pm.to), timeZone), provisional: day.provisional };
}

/**
 * ALL-6 "at least N working days before D": the latest day it may be done on, the N-th working day
 * before D's date. N = 0: D's date if it is a working day, else the working day before it.
 */
export function latestDayAtLeastBefore(cal: Calendar, d: string | Date, n: number, timeZone: string): DateResult {
  checkInteger(n);
  if (n < 0) throw new RangeError(`working days before must be zero or more, got ${n}`);
  const date = companyDate(d, timeZone);
  if (n > 0) return addWorkingDays(cal, date, -n);
  let day = date;
  while (!isWorkingDay(cal, day)) day = addDays(day, -1);
  return { date: day, provisional: isProvisional(cal, day, date) };
}

/** ALL-6 / TSK-6 "more than 1 day overdue": today (company time) is later than the due date + 1 calendar day. */
export function isMoreThanOneDayOverdue(due: string | Date, now: Date, timeZone: string): boolean {
  return dateInZone(now, timeZone) > addDays(companyDate(due, timeZone), 1);
}

/**
 * ALL-6: admins are warned from 1 November of the year before a year that has no official
 * schedule (and, of course, during such a year). Returns the year to import, or null.
 */
export function yearNeedingSchedule(years: { year: number; source: TCalendarSource }[], now: Date, timeZone: string): number | null {
  const today = dateInZone(now, timeZone);
  const current = yearOf(today);
  const official = new Set(years.filter((y) => y.source === 'official').map((y) => y.year));
  if (!official.has(current)) return current;
  if (today.slice(5) >= '11-01' && !official.has(current + 1)) return current + 1;
  return null;
}

/** The calendar covers these years at most (views); changes reach at most 5 years ahead. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export function editableYears(now: Date, timeZone: string): { from: number; to: number } {
  return { from: MIN_YEAR, to: yearOf(dateInZone(now, timeZone)) + 5 };
}

export type ScheduleProblem =
  | { code: 'CALENDAR_YEAR_MISMATCH'; index: number; value: string; year: number }
  | { code: 'CALENDAR_DATE_REPEATED'; index: number; value: string };

/**
 * An official schedule covers exactly one year (the given `year`, else that of its first day) and
 * lists each date once. Returns the year, or the first problem with the index of the day at fault.
 */
export function checkSchedule(input: { year?: number | undefined; days: TCalendarImportDay[] }): { year: number } | ScheduleProblem {
  const year = input.year ?? yearOf(input.days[0]?.date ?? '');
  const seen = new Set<string>();
  for (const [index, day] of input.days.entries()) {
    if (yearOf(day.date) !== year) return { code: 'CALENDAR_YEAR_MISMATCH', index, value: day.date, year };
    if (seen.has(day.date)) return { code: 'CALENDAR_DATE_REPEATED', index, value: day.date };
    seen.add(day.date);
  }
  return { year };
}
