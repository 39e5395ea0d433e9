import {
  type BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  addWorkingHours,
  dueWithinWorkingDays,
  latestDayAtLeastBefore,
} from '../calendar/rules.ts';
import type { Calendar } from '../calendar/snapshot.ts';
import { atWallClock, dateInZone, startOfDay } from '../calendar/zone.ts';

/**
 * ALL-6 deadline rules, stored as jsonb:
 * - workingDays: "within N working days of the anchor" → 18:00 of the N-th working day after it;
 * - workingDaysBefore: "at least N working days before the anchor" → end of the N-th working day before it;
 * - hours: N clock hours after the anchor instant (never provisional);
 * - workingHours: N hours counted inside business hours of working days.
 */
export type DeadlineRule = { workingDays: number } | { workingDaysBefore: number } | { hours: number } | { workingHours: number };

export interface DeadlineAnchor {
  /** A company date (YYYY-MM-DD), e.g. a meeting day. */
  date?: string | null;
  /** An instant (ISO string or Date), e.g. when a request arrived. */
  at?: Date | string | null;
}

const END_OF_DAY_MS = 86_400_000 - 1000;

/** The due instant of a rule from an anchor, and whether a fallback year was involved. */
export function computeDue(cal: Calendar, anchor: DeadlineAnchor, rule: DeadlineRule, timeZone: string, business: BusinessHours = DEFAULT_BUSINESS_HOURS): { dueAt: Date; provisional: boolean } {
  const at = anchor.at ? new Date(anchor.at) : null;
  const date = anchor.date ?? (at ? dateInZone(at, timeZone) : null);
  if (!date) throw new RangeError('a deadline needs an anchor date or instant');
  if ('workingDays' in rule) {
    const due = dueWithinWorkingDays(cal, date, rule.workingDays, timeZone, business);
    return { dueAt: due.at, provisional: due.provisional };
  }
  if ('workingDaysBefore' in rule) {
    const day = latestDayAtLeastBefore(cal, date, rule.workingDaysBefore, timeZone);
    // Done "on or before" that day: late once the day is over (23:59:59 company time).
    return { dueAt: atWallClock(day.date, END_OF_DAY_MS, timeZone), provisional: day.provisional };
  }
  const from = at ?? startOfDay(date, timeZone);
  if ('hours' in rule) return { dueAt: new Date(from.getTime() + rule.hours * 3_600_000), provisional: false };
  const due = addWorkingHours(cal, from, rule.workingHours, timeZone, business);
  return { dueAt: due.at, provisional: due.provisional };
}
