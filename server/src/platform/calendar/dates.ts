/**
 * ALL-6: calendar dates are plain 'YYYY-MM-DD' strings. All arithmetic here is UTC arithmetic on
 * those strings, so the server's own time zone never shifts a day.
 */
const DAY_MS = 86_400_000;

// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
const utcDay = (y: number, m: number, d: number) => new Date(0).setUTCFullYear(y, m - 1, d) / DAY_MS;

const CANONICAL = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Days since 1970-01-01. A canonical date is counted by arithmetic (days from the civil date,
 * H. Hinnant) — lists call this for every row; anything else goes through Date, which also rolls
 * an out-of-range day over (2026-02-30 → 2026-03-02) the same way.
 */
export function dayNumber(date: string): number {
  if (!CANONICAL.test(date)) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return utcDay(y, m, d);
  }
  // Digits by char code ('0' is 48), without a closure: this runs for every row of a list.
  const m = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528;
  const y = date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3) - 53_328 - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528 - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

export const dateOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: string, n: number): string => dateOfDay(dayNumber(date) + n);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

export const isWeekend = (date: string): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** A real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dateOfDay(dayNumber(value)) === value;
}

/** Every date of a year, in order. */
export function datesOfYear(year: number): string[] {
  const first = utcDay(year, 1, 1);
  const next = utcDay(year + 1, 1, 1);
  return Array.from({ length: next - first }, (_, i) => dateOfDay(first + i));
}

/** Every date of a month ('YYYY-MM'), in order. */
export function datesOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = utcDay(y, m, 1);
  const next = utcDay(y, m + 1, 1);
  return Array.from({ length: next - first }, (_, i) => dateOfDay(first + i));
}
