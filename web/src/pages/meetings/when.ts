import dayjs, { type Dayjs } from 'dayjs';
import { COMPANY_TZ, DATE_FORMAT } from '../../lib/time.ts';

/** Meeting times are shown and entered in the company's zone (ALL-6), whatever the browser's. */
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const inCompany = (iso: string | Date): Dayjs => dayjs(iso).tz(COMPANY_TZ);

/** A company-zone wall time (date + HH:mm) as an instant. */
export const companyTime = (date: string, hhmm: string): Dayjs => dayjs.tz(`${date} ${hhmm}`, COMPANY_TZ);

/** Monday of the week holding `date` (Chinese calendars start on Monday). */
export function mondayOf(date: string): string {
  const d = dayjs(date);
  const back = (d.day() + 6) % 7;
  return d.subtract(back, 'day').format(DATE_FORMAT);
}

export const addDays = (date: string, n: number): string => dayjs(date).add(n, 'day').format(DATE_FORMAT);

export const weekDates = (date: string): string[] => {
  const monday = mondayOf(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
};

/** Minutes since midnight in the company zone; a time on another day is clamped to that day's edges. */
export function minuteOfDay(iso: string, date: string): number {
  const t = inCompany(iso);
  const day = t.format(DATE_FORMAT);
  if (day < date) return 0;
  if (day > date) return 24 * 60;
  return t.hour() * 60 + t.minute();
}

/** "14:00–16:00", with the date when asked, and the end's date when it falls on another day. */
export function timeRange(start: string, end: string, withDate = true): string {
  const s = inCompany(start);
  const e = inCompany(end);
  const sameDay = s.format(DATE_FORMAT) === e.format(DATE_FORMAT);
  const head = withDate ? `${s.format('YYYY-MM-DD HH:mm')}` : s.format('HH:mm');
  return `${head}–${sameDay ? e.format('HH:mm') : e.format('YYYY-MM-DD HH:mm')}`;
}

/** Length in minutes, e.g. for "120 分钟". */
export const minutesBetween = (start: string, end: string): number => Math.round((dayjs(end).valueOf() - dayjs(start).valueOf()) / 60_000);
