import type { TCalendarDay, TCalendarYear, TLocale } from '@opsdesk/contract';
import { weekdayOf } from './dates.ts';
import { type CalendarDay, dayKind, dayName } from './snapshot.ts';
import { toIso } from './zone.ts';

export function presentDay(day: CalendarDay, inMonth = true): TCalendarDay {
  return {
    date: day.date,
    weekday: weekdayOf(day.date),
    inMonth,
    working: day.working,
    kind: dayKind(day),
    name: dayName(day),
    provisional: day.source === 'fallback',
    officialWorking: day.officialWorking,
    officialName: day.officialName,
    override: day.overrideWorking === null ? null : { working: day.overrideWorking, name: day.overrideName },
  };
}

export function presentYear(row: { year: number; source: TCalendarYear['source']; importedAt: string | null; importedByName: string | null }): TCalendarYear {
  return { year: row.year, source: row.source, importedAt: row.importedAt === null ? null : toIso(row.importedAt), importedByName: row.importedByName };
}

/** ALL-6: the admin's reminder to import a year's official schedule. */
export function scheduleWarning(year: number, locale: TLocale): string {
  return locale === 'zh-CN'
    ? `${year} 年的法定节假日安排尚未导入：该年暂按周一至周五上班推算，据此计算的期限均标为“暂定”。请在国务院办公厅公布后导入。`
    : `The official holiday schedule for ${year} has not been imported: the year is assumed to be Monday–Friday and deadlines computed on it are marked provisional. Import it once the State Council publishes it.`;
}
