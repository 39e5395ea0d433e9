/**
 * The Gantt's time axis: plain calendar-day arithmetic on YYYY-MM-DD strings (UTC day numbers, so
 * no daylight-saving hour ever shifts a bar). Working days are not needed here: bars span calendar
 * days as the dates were entered.
 */
export type GanttZoom = 'week' | 'month';

/** Pixels per calendar day at each zoom. */
export const DAY_WIDTH: Record<GanttZoom, number> = { week: 30, month: 9 };

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / MS_PER_DAY);
}

export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (Chinese weeks start on Monday). */
export const weekdayOf = (day: number): number => (new Date(day * MS_PER_DAY).getUTCDay() + 6) % 7;

export interface Axis {
  first: number;
  /** Number of days shown. */
  days: number;
  dayWidth: number;
  width: number;
  x: (date: string) => number;
}

/**
 * The visible range: from the earliest start to the latest due date or milestone, with a little
 * room either side, aligned to a Monday (week zoom) or the first of a month (month zoom), and
 * always including today so the today line has a place.
 */
export function buildAxis(dates: readonly string[], today: string, zoom: GanttZoom): Axis {
  const numbers = [...dates, today].map(dayNumber);
  let first = Math.min(...numbers) - 3;
  let last = Math.max(...numbers) + 7;
  if (zoom === 'week') {
    first -= weekdayOf(first);
    last += 6 - weekdayOf(last);
  } else {
    first = dayNumber(`${dateOf(first).slice(0, 7)}-01`);
    const end = new Date(last * MS_PER_DAY);
    last = Math.round(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1) / MS_PER_DAY) - 1;
  }
  const dayWidth = DAY_WIDTH[zoom];
  const days = last - first + 1;
  return { first, days, dayWidth, width: days * dayWidth, x: (date) => (dayNumber(date) - first) * dayWidth };
}

export interface Segment {
  key: string;
  x: number;
  width: number;
  /** First day of the segment. */
  date: string;
}

/** Months (the header's top row) cut to the axis. */
export function monthSegments(axis: Axis): Segment[] {
  const out: Segment[] = [];
  let start = axis.first;
  for (let day = axis.first; day <= axis.first + axis.days; day += 1) {
    const ends = day === axis.first + axis.days || dateOf(day).slice(8) === '01';
    if (ends && day > start) {
      out.push({ key: dateOf(start).slice(0, 7), x: (start - axis.first) * axis.dayWidth, width: (day - start) * axis.dayWidth, date: dateOf(start) });
      start = day;
    }
  }
  return out;
}

/** Weeks starting on Monday (the month zoom's bottom row). */
export function weekSegments(axis: Axis): Segment[] {
  const out: Segment[] = [];
  for (let day = axis.first; day < axis.first + axis.days; day += 1) {
    if (day === axis.first || weekdayOf(day) === 0) {
      const end = Math.min(day + 7 - weekdayOf(day), axis.first + axis.days);
      out.push({ key: dateOf(day), x: (day - axis.first) * axis.dayWidth, width: (end - day) * axis.dayWidth, date: dateOf(day) });
    }
  }
  return out;
}

/** Every day (the week zoom's bottom row). */
export function daySegments(axis: Axis): (Segment & { weekend: boolean })[] {
  return Array.from({ length: axis.days }, (_, i) => {
    const day = axis.first + i;
    return { key: dateOf(day), x: i * axis.dayWidth, width: axis.dayWidth, date: dateOf(day), weekend: weekdayOf(day) >= 5 };
  });
}
