import dayjs from 'dayjs';
import type { TCalendarDay, TCalendarDayKind } from '@opsdesk/contract';
import { COMPANY_TZ } from '../../../lib/time.ts';

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The company's current month and day (not the browser's). */
export const todayInCompany = () => dayjs().tz(COMPANY_TZ).format('YYYY-MM-DD');
export const thisMonth = () => todayInCompany().slice(0, 7);

export const shiftMonth = (month: string, by: number) => dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM');

/** The wall-calendar corner badge: 休 on days off that would otherwise be worked, 班 on worked days that would be off. */
export type Badge = 'off' | 'work' | null;

export function badgeOf(kind: TCalendarDayKind): Badge {
  switch (kind) {
    case 'holiday':
    case 'company-holiday':
      return 'off';
    case 'makeup':
    case 'company-workday':
      return 'work';
    default:
      return null;
  }
}

export const isCompany = (kind: TCalendarDayKind) => kind === 'company-holiday' || kind === 'company-workday';

/** i18n key for each kind's plain name. */
export const KIND_LABEL = {
  workday: 'calendar.kind.workday',
  weekend: 'calendar.kind.weekend',
  holiday: 'calendar.kind.holiday',
  makeup: 'calendar.kind.makeup',
  'company-holiday': 'calendar.kind.companyHoliday',
  'company-workday': 'calendar.kind.companyWorkday',
} as const satisfies Record<TCalendarDayKind, string>;

/** What the official schedule alone says about the day (before any company override). */
export function officialKind(day: TCalendarDay): TCalendarDayKind {
  const weekend = day.weekday === 0 || day.weekday === 6;
  if (day.officialWorking) return weekend ? 'makeup' : 'workday';
  return weekend && !day.officialName ? 'weekend' : 'holiday';
}

const WEEKDAY_KEYS = [
  'calendar.weekday.sun',
  'calendar.weekday.mon',
  'calendar.weekday.tue',
  'calendar.weekday.wed',
  'calendar.weekday.thu',
  'calendar.weekday.fri',
  'calendar.weekday.sat',
] as const;

/** i18n key of a weekday, 0 = Sunday as in the contract. */
export const weekdayKey = (weekday: number) => WEEKDAY_KEYS[weekday % 7] ?? WEEKDAY_KEYS[0];
