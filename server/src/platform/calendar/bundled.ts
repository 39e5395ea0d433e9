import chineseDays from 'chinese-days';
import type { TCalendarImportDay } from '@opsdesk/contract';
import { datesOfYear } from './dates.ts';

// chinese-days is CommonJS: only its default export is reliable from ESM.
const { getDayDetail, getHolidaysInRange } = chineseDays;

/** Years for which the bundled chinese-days package has the official schedule (2004 … 2026 in 1.5.7). */
export function bundledYears(from = 2000, to = 2100): number[] {
  const years: number[] = [];
  for (let y = from; y <= to; y++) {
    if (getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) years.push(y);
    else if (years.length > 0) break; // the data is one unbroken run of years
  }
  return years;
}

/**
 * A bundled year in the import format: its holidays and make-up workdays (调休上班), with the
 * Chinese name ("Spring Festival,春节,4" → 春节). Ordinary days carry a weekday name instead.
 */
export function bundledSchedule(year: number): TCalendarImportDay[] {
  const days: TCalendarImportDay[] = [];
  for (const date of datesOfYear(year)) {
    const detail = getDayDetail(date);
    const parts = detail.name.split(',');
    if (parts.length < 2) continue;
    days.push({ date, name: parts[1] ?? detail.name, isOffDay: !detail.work });
  }
  return days;
}
