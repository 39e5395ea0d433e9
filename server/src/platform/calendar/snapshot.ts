import type { TCalendarDayKind, TCalendarImportDay, TCalendarSource } from '@opsdesk/contract';
import { dateOfDay, datesOfYear, dayNumber, isWeekend } from './dates.ts';

/** One company day as the calendar knows it (a row of calendar_days, ordinal aside). */
export interface CalendarDay {
  date: string;
  /** The official schedule's answer (or Monday–Friday in a fallback year). */
  officialWorking: boolean;
  /** Holiday or make-up workday name from the schedule (春节, 国庆节 …). */
  officialName: string | null;
  /** 'fallback' = no official schedule for the year: Monday–Friday, results are 暂定. */
  source: TCalendarSource;
  /** Company override: an extra holiday (false) or an extra workday (true). */
  overrideWorking: boolean | null;
  overrideName: string | null;
  /** What counts: the override if any, else the official flag. */
  working: boolean;
}

/**
 * The in-memory calendar every pure function reads: contiguous days from `first` (a day number).
 * Dates outside it behave as a fallback year (Monday–Friday, provisional).
 */
export interface Calendar {
  first: number;
  days: CalendarDay[];
}

export function fallbackDay(date: string): CalendarDay {
  const working = !isWeekend(date);
  return { date, officialWorking: working, officialName: null, source: 'fallback', overrideWorking: null, overrideName: null, working };
}

/** Rows sorted by date; a gap (should not happen: years are kept contiguous) is filled as fallback. */
export function calendarFromDays(rows: CalendarDay[]): Calendar {
  const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const head = sorted[0];
  if (!head) return { first: 0, days: [] };
  const first = dayNumber(head.date);
  const days: CalendarDay[] = [];
  for (const row of sorted) {
    while (first + days.length < dayNumber(row.date)) days.push(fallbackDay(dateOfDay(first + days.length)));
    days.push(row);
  }
  return { first, days };
}

export function dayOf(cal: Calendar, date: string): CalendarDay {
  return cal.days[dayNumber(date) - cal.first] ?? fallbackDay(date);
}

/** What the month view shows for a day. */
export function dayKind(day: CalendarDay): TCalendarDayKind {
  if (day.overrideWorking !== null) return day.overrideWorking ? 'company-workday' : 'company-holiday';
  const weekend = isWeekend(day.date);
  if (day.officialWorking) return weekend ? 'makeup' : 'workday';
  return weekend && !day.officialName ? 'weekend' : 'holiday';
}

/** The name shown for a day: the company's own, else the schedule's. */
export const dayName = (day: CalendarDay): string | null => (day.overrideWorking !== null ? day.overrideName : day.officialName);

/**
 * A year's days from a schedule in the official format: listed days are holidays (isOffDay) or
 * make-up workdays (调休上班); days not listed follow Monday–Friday.
 */
export function yearFromSchedule(year: number, source: TCalendarSource, listed: TCalendarImportDay[]): CalendarDay[] {
  const byDate = new Map(listed.map((d) => [d.date, d]));
  return datesOfYear(year).map((date) => {
    const entry = byDate.get(date);
    const officialWorking = entry ? !entry.isOffDay : !isWeekend(date);
    return { date, officialWorking, officialName: entry?.name ?? null, source, overrideWorking: null, overrideName: null, working: officialWorking };
  });
}
