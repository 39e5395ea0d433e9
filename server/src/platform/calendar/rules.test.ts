import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { bundledSchedule } from './bundled.ts';
import { addDays, datesOfYear } from './dates.ts';
import { planYears } from './ensure.ts';
import {
  addWorkingDays,
  addWorkingHours,
  checkSchedule,
  dueWithinWorkingDays,
  firstProvisionalAfter,
  isMoreThanOneDayOverdue,
  isProvisional,
  isWorkingDay,
  latestDayAtLeastBefore,
  workingDaysBetween,
  yearNeedingSchedule,
} from './rules.ts';
import { type CalendarDay, calendarFromDays, dayKind, dayOf, yearFromSchedule } from './snapshot.ts';

const TZ = 'Asia/Shanghai';
// As the database holds it: 2025 and 2026 official (chinese-days), 2027 a Monday–Friday fallback.
const cal = calendarFromDays([
  ...yearFromSchedule(2025, 'official', bundledSchedule(2025)),
  ...yearFromSchedule(2026, 'official', bundledSchedule(2026)),
  ...yearFromSchedule(2027, 'fallback', []),
]);
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const at = (iso: string) => new Date(iso);

describe('ALL-6 the 2026 official schedule (chinese-days)', () => {
  const holidays: [string, string, string][] = [
    ['元旦', '2026-01-01', '2026-01-03'],
    ['春节', '2026-02-15', '2026-02-23'],
    ['清明', '2026-04-04', '2026-04-06'],
    ['劳动节', '2026-05-01', '2026-05-05'],
    ['端午', '2026-06-19', '2026-06-21'],
    ['中秋', '2026-09-25', '2026-09-27'],
    ['国庆节', '2026-10-01', '2026-10-07'],
  ];
  it.each(holidays)('%s %s … %s is off, every day of it, and named', (name, from, to) => {
    for (const date of range(from, to)) {
      expect(isWorkingDay(cal, date), date).toBe(false);
      expect(dayKind(dayOf(cal, date)), date).toBe('holiday');
      expect(dayOf(cal, date).officialName).toBe(name);
    }
    // In 2026 every break is framed by working days (ordinary or make-up).
    expect(isWorkingDay(cal, addDays(from, -1))).toBe(true);
    expect(isWorkingDay(cal, addDays(to, 1))).toBe(true);
  });

  it('the nine-day Spring Festival break is 2026-02-15 … 02-23; the data lists 33 holiday dates in all', () => {
    expect(range('2026-02-15', '2026-02-23').every((d) => !isWorkingDay(cal, d))).toBe(true);
    expect(isWorkingDay(cal, '2026-02-24')).toBe(true);
    expect(bundledSchedule(2026).filter((d) => d.isOffDay)).toHaveLength(33);
  });

  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])('%s is a make-up workday (调休上班)', (date) => {
    expect(isWorkingDay(cal, date)).toBe(true);
    expect(dayKind(dayOf(cal, date))).toBe('makeup');
  });

  it('agrees with chinese-days on every day of 2025 and 2026, and weekends are plain weekends', () => {
    for (const date of [...datesOfYear(2025), ...datesOfYear(2026)]) expect(isWorkingDay(cal, date), date).toBe(chineseDays.isWorkday(date));
    expect(dayKind(dayOf(cal, '2026-03-07'))).toBe('weekend');
    expect(dayKind(dayOf(cal, '2026-03-09'))).toBe('workday');
    expect(isProvisional(cal, '2026-01-01', '2026-12-31')).toBe(false);
  });
});

describe('ALL-6 addWorkingDays (the date itself not counted)', () => {
  it('skips holidays and counts make-up workdays', () => {
    expect(addWorkingDays(cal, '2026-02-13', 1)).toEqual({ date: '2026-02-14', provisional: false });
    expect(addWorkingDays(cal, '2026-02-13', 2)).toEqual({ date: '2026-02-24', provisional: false });
    expect(addWorkingDays(cal, '2026-09-30', 1).date).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-09-30', 3).date).toBe('2026-10-10');
    expect(addWorkingDays(cal, '2026-10-03', 1).date).toBe('2026-10-08');
  });

  it('counts back for a negative n', () => {
    expect(addWorkingDays(cal, '2026-10-08', -1)).toEqual({ date: '2026-09-30', provisional: false });
    expect(addWorkingDays(cal, '2026-02-24', -1).date).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-24', -2).date).toBe('2026-02-13');
  });

  it('n = 0 is the date itself on a working day, else the next working day', () => {
    expect(addWorkingDays(cal, '2026-11-26', 0).date).toBe('2026-11-26');
    expect(addWorkingDays(cal, '2026-10-03', 0).date).toBe('2026-10-08');
    expect(() => addWorkingDays(cal, '2026-11-26', 1.5)).toThrow(RangeError);
  });

  it('crosses 2026-12-31 into the 2027 fallback year, and says so (暂定)', () => {
    expect(addWorkingDays(cal, '2026-12-30', 1)).toEqual({ date: '2026-12-31', provisional: false });
    // Without an official 2027 schedule, 1 January 2027 (a Friday) counts as a working day.
    expect(addWorkingDays(cal, '2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true });
    expect(addWorkingDays(cal, '2026-12-31', 2)).toEqual({ date: '2027-01-04', provisional: true });
    expect(addWorkingDays(cal, '2027-01-04', -2)).toEqual({ date: '2026-12-31', provisional: true });
  });

  it('beyond the years held it assumes Monday–Friday, provisional', () => {
    expect(addWorkingDays(cal, '2028-06-02', 1)).toEqual({ date: '2028-06-05', provisional: true });
    expect(isWorkingDay(cal, '2030-10-01')).toBe(true);
  });
});

describe('ALL-6 workingDaysBetween', () => {
  it('counts working days in (a, b], negative backwards', () => {
    expect(workingDaysBetween(cal, '2026-09-30', '2026-10-08')).toEqual({ days: 1, provisional: false });
    expect(workingDaysBetween(cal, '2026-10-08', '2026-09-30')).toEqual({ days: -1, provisional: false });
    expect(workingDaysBetween(cal, '2026-02-13', '2026-02-24').days).toBe(2);
    expect(workingDaysBetween(cal, '2026-11-26', '2026-11-26').days).toBe(0);
    expect(workingDaysBetween(cal, '2026-12-28', '2027-01-04')).toEqual({ days: 5, provisional: true });
  });

  it('is the inverse of addWorkingDays', () => {
    for (const a of ['2026-01-30', '2026-02-13', '2026-09-28', '2026-12-24']) {
      for (const n of [-7, -1, 1, 3, 10]) {
        const b = addWorkingDays(cal, a, n).date;
        expect(workingDaysBetween(cal, a, b).days, `${a} ${n}`).toBe(n);
      }
    }
  });
});

describe('ALL-6 addWorkingHours over business hours (09:00–12:00, 13:30–18:00 Asia/Shanghai)', () => {
  it('stops for lunch', () => {
    // 2026-11-26T02:00Z is Thursday 10:00 in Shanghai.
    expect(addWorkingHours(cal, at('2026-11-26T02:00:00Z'), 2, TZ).at.toISOString()).toBe('2026-11-26T04:00:00.000Z'); // 12:00
    expect(addWorkingHours(cal, at('2026-11-26T02:00:00Z'), 3, TZ).at.toISOString()).toBe('2026-11-26T06:30:00.000Z'); // 14:30
    expect(addWorkingHours(cal, at('2026-11-26T04:30:00Z'), 1, TZ).at.toISOString()).toBe('2026-11-26T06:30:00.000Z'); // from 12:30
    expect(addWorkingHours(cal, at('2026-11-26T01:00:00Z'), 7.5, TZ).at.toISOString()).toBe('2026-11-26T10:00:00.000Z'); // 09:00 + a full day = 18:00
  });

  it('carries over the night, the weekend and a holiday', () => {
    expect(addWorkingHours(cal, at('2026-11-26T09:00:00Z'), 2, TZ).at.toISOString()).toBe('2026-11-27T02:00:00.000Z'); // Thu 17:00 → Fri 10:00
    expect(addWorkingHours(cal, at('2026-11-27T09:00:00Z'), 2, TZ).at.toISOString()).toBe('2026-11-30T02:00:00.000Z'); // Fri 17:00 → Mon 10:00
    expect(addWorkingHours(cal, at('2026-09-30T09:00:00Z'), 2, TZ)).toEqual({ at: at('2026-10-08T02:00:00Z'), provisional: false }); // → after 国庆
    expect(addWorkingHours(cal, at('2026-11-25T23:00:00Z'), 1, TZ).at.toISOString()).toBe('2026-11-26T02:00:00.000Z'); // 07:00 → opens 09:00
    expect(addWorkingHours(cal, at('2026-11-26T02:00:00Z'), 0.5, TZ).at.toISOString()).toBe('2026-11-26T02:30:00.000Z');
  });

  it('into a fallback year is provisional', () => {
    expect(addWorkingHours(cal, at('2026-12-31T09:00:00Z'), 2, TZ)).toEqual({ at: at('2027-01-01T02:00:00Z'), provisional: true });
    expect(() => addWorkingHours(cal, at('2026-11-26T02:00:00Z'), -1, TZ)).toThrow(RangeError);
  });
});

describe('ALL-6 deadline words', () => {
  it('"within N working days of X" ends at 18:00 of the N-th working day after X’s date', () => {
    // RES-3: a request on 2026-09-30 at 15:00 is evaluated by 10-08 18:00.
    expect(dueWithinWorkingDays(cal, at('2026-09-30T07:00:00Z'), 1, TZ)).toEqual({ date: '2026-10-08', at: at('2026-10-08T10:00:00Z'), provisional: false });
    expect(dueWithinWorkingDays(cal, '2026-12-30', 2, TZ)).toEqual({ date: '2027-01-01', at: at('2027-01-01T10:00:00Z'), provisional: true });
  });

  it('"at least N working days before D" is the N-th working day before D’s date (MTG-3)', () => {
    expect(latestDayAtLeastBefore(cal, '2026-10-09', 2, TZ)).toEqual({ date: '2026-09-30', provisional: false });
    expect(latestDayAtLeastBefore(cal, '2026-02-24', 2, TZ).date).toBe('2026-02-13');
    expect(latestDayAtLeastBefore(cal, '2026-10-04', 0, TZ).date).toBe('2026-09-30');
    expect(latestDayAtLeastBefore(cal, '2027-01-05', 2, TZ)).toEqual({ date: '2027-01-01', provisional: true });
  });

  it('"more than 1 day overdue" (TSK-6): today is later than the due date + 1 day, in company time', () => {
    expect(isMoreThanOneDayOverdue('2026-11-24', at('2026-11-25T15:59:00Z'), TZ)).toBe(false); // 25th, 23:59
    expect(isMoreThanOneDayOverdue('2026-11-24', at('2026-11-25T16:00:00Z'), TZ)).toBe(true); // 26th, 00:00 in Shanghai
    expect(isMoreThanOneDayOverdue('2026-11-24', at('2026-11-25T16:00:00Z'), 'UTC')).toBe(false);
  });
});

describe('ALL-6 company time zone, whatever the server’s zone', () => {
  const run = () => ({
    // 2026-11-26T17:00Z is already Friday 27 November, 01:00, in Shanghai.
    due: dueWithinWorkingDays(cal, at('2026-11-26T17:00:00Z'), 1, TZ),
    hours: addWorkingHours(cal, at('2026-11-26T17:00:00Z'), 1, TZ),
    before: latestDayAtLeastBefore(cal, at('2026-11-26T17:00:00Z'), 1, TZ),
    overdue: isMoreThanOneDayOverdue('2026-11-25', at('2026-11-26T17:00:00Z'), TZ),
  });

  it('reads an instant as its Shanghai date', () => {
    const r = run();
    expect(r.due).toEqual({ date: '2026-11-30', at: at('2026-11-30T10:00:00Z'), provisional: false }); // Mon 18:00
    expect(r.hours.at.toISOString()).toBe('2026-11-27T02:00:00.000Z'); // Fri 10:00
    expect(r.before.date).toBe('2026-11-26');
    expect(r.overdue).toBe(true);
  });

  it('gives the same answers with the process in UTC, Los Angeles or Kiritimati', () => {
    const saved = process.env.TZ;
    const expected = run();
    const localDays = new Set<number>();
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = zone;
        localDays.add(at('2026-11-26T17:00:00Z').getDate()); // the process zone really changed …
        expect(run(), zone).toEqual(expected); // … and the calendar did not care
      }
      expect(localDays.size).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('ALL-6 provisional years and the November warning', () => {
  const years = [
    { year: 2026, source: 'official' as const },
    { year: 2027, source: 'fallback' as const },
  ];
  it('warns from 1 November (company time) of the year before a fallback year', () => {
    expect(yearNeedingSchedule(years, at('2026-10-31T15:59:00Z'), TZ)).toBeNull();
    expect(yearNeedingSchedule(years, at('2026-10-31T16:00:00Z'), TZ)).toBe(2027);
    expect(yearNeedingSchedule([years[0]!, { year: 2027, source: 'official' }], at('2026-11-26T02:00:00Z'), TZ)).toBeNull();
    expect(yearNeedingSchedule(years, at('2027-03-01T02:00:00Z'), TZ)).toBe(2027);
  });

  it('finds the first provisional day after a date: a count that reaches it is 暂定', () => {
    expect(firstProvisionalAfter(cal, '2026-11-28')).toBe('2027-01-01');
    expect(firstProvisionalAfter(cal, '2026-12-31')).toBe('2027-01-01');
    expect(firstProvisionalAfter(cal, '2027-03-01')).toBe('2027-03-02');
    // Past the calendar's end, and before its start, days count as fallback.
    expect(firstProvisionalAfter(calendarFromDays(yearFromSchedule(2026, 'official', bundledSchedule(2026))), '2026-11-28')).toBe('2027-01-01');
    expect(firstProvisionalAfter(cal, '2020-05-01')).toBe('2020-05-02');
    expect(isProvisional(cal, '2026-12-01', '2026-12-31')).toBe(false);
  });

  it('plans bundled years as official and fills the rest through next year as fallback', () => {
    expect(planYears([], [2025, 2026], 2026)).toEqual({ bundled: [2025, 2026], fallback: [2027] });
    expect(planYears(years, [2026], 2026)).toEqual({ bundled: [], fallback: [] });
    // A newer chinese-days that knows 2027 replaces the fallback year; an imported year stays.
    expect(planYears(years, [2026, 2027], 2026)).toEqual({ bundled: [2027], fallback: [] });
    expect(planYears([{ year: 2027, source: 'official' }], [2027], 2029)).toEqual({ bundled: [], fallback: [2028, 2029, 2030] });
  });
});

describe('calendar snapshot', () => {
  it('shows company overrides as their own kinds', () => {
    const base = dayOf(cal, '2026-11-27');
    const off: CalendarDay = { ...base, overrideWorking: false, overrideName: '公司年会', working: false };
    const on: CalendarDay = { ...dayOf(cal, '2026-11-28'), overrideWorking: true, overrideName: '盘点', working: true };
    expect(dayKind(off)).toBe('company-holiday');
    expect(dayKind(on)).toBe('company-workday');
  });

  it('fills a gap between years as fallback days', () => {
    const gappy = calendarFromDays([...yearFromSchedule(2026, 'official', []), ...yearFromSchedule(2028, 'official', [])]);
    expect(gappy.days).toHaveLength(365 + 365 + 366);
    expect(dayOf(gappy, '2027-06-01').source).toBe('fallback');
  });

  it('an imported schedule covers one year and lists each date once', () => {
    const day = (date: string) => ({ date, name: '国庆节', isOffDay: true });
    expect(checkSchedule({ days: [day('2027-10-01'), day('2027-10-02')] })).toEqual({ year: 2027 });
    expect(checkSchedule({ year: 2027, days: [day('2027-10-01'), day('2028-01-01')] })).toEqual({ code: 'CALENDAR_YEAR_MISMATCH', index: 1, value: '2028-01-01', year: 2027 });
    expect(checkSchedule({ year: 2028, days: [day('2027-10-01')] })).toMatchObject({ code: 'CALENDAR_YEAR_MISMATCH', index: 0 });
    expect(checkSchedule({ days: [day('2027-10-01'), day('2027-10-01')] })).toEqual({ code: 'CALENDAR_DATE_REPEATED', index: 1, value: '2027-10-01' });
  });
});
