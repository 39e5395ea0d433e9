import { describe, expect, it } from 'vitest';
import { calendarFromDays, fallbackDay } from '../../platform/calendar/snapshot.ts';
import { addDays } from '../../platform/calendar/dates.ts';
import {
  agendaWarnings,
  attendanceOf,
  freeSlots,
  leaveIsLate,
  nextMeetingFor,
  noticeTiming,
  nonWorkingDayWarning,
  phaseOf,
  releaseDue,
  signInStatus,
  signInToken,
  tokenExpiresAt,
  tokenValid,
  vagueOwnerPhrase,
  weeklyStarts,
} from './rules.ts';

const TZ = 'Asia/Shanghai';
const at = (s: string) => new Date(`${s}+08:00`);

// 2026-10: National Day holiday 10-01…10-08 off, Saturday 10-10 a make-up working day (调休).
function october() {
  const days = [];
  for (let d = '2026-09-20'; d <= '2026-10-31'; d = addDays(d, 1)) {
    const base = fallbackDay(d);
    const holiday = d >= '2026-10-01' && d <= '2026-10-08';
    const makeup = d === '2026-10-10';
    days.push({ ...base, source: 'official' as const, officialWorking: makeup || (!holiday && base.officialWorking), working: makeup || (!holiday && base.working) });
  }
  return calendarFromDays(days);
}

describe('MTG-4 agenda limits', () => {
  it('5 items and 120 minutes pass; more needs a reason', () => {
    expect(agendaWarnings([20, 40, 30, 20, 10].map((d) => ({ durationMinutes: d })))).toEqual([]);
    expect(agendaWarnings(Array.from({ length: 6 }, () => ({ durationMinutes: 10 }))).map((w) => [w.code, w.reasonField])).toEqual([['agenda_items', 'agendaReason']]);
    expect(agendaWarnings([{ durationMinutes: 121 }])[0]).toMatchObject({ code: 'agenda_duration', params: { minutes: 121, max: 120 } });
  });
});

describe('MTG-2 / MTG-3 / ALL-6 calendar rules', () => {
  const cal = october();
  it('a holiday or a weekend warns; a make-up Saturday does not', () => {
    expect(nonWorkingDayWarning(cal, at('2026-10-05T10:00:00'), TZ)).toMatchObject({ code: 'non_working_day', params: { date: '2026-10-05' } });
    expect(nonWorkingDayWarning(cal, at('2026-10-10T10:00:00'), TZ)).toBeNull();
    expect(nonWorkingDayWarning(cal, at('2026-10-12T10:00:00'), TZ)).toBeNull();
  });

  it('the notice is due on the 2nd working day before the meeting date, holidays skipped', () => {
    // Meeting Friday 10-09: 10-01…10-08 are off, so the working days before it are 09-30, then 09-29.
    expect(noticeTiming(cal, at('2026-10-09T14:00:00'), at('2026-09-29T18:00:00'), TZ)).toMatchObject({ dueDate: '2026-09-29', late: false });
    expect(noticeTiming(cal, at('2026-10-09T14:00:00'), at('2026-09-30T09:00:00'), TZ)).toMatchObject({ dueDate: '2026-09-29', late: true, workingDaysAhead: 1 });
    // Monday 10-12: the make-up Saturday 10-10 counts: 10-10 (1), 10-09 (2).
    expect(noticeTiming(cal, at('2026-10-12T09:00:00'), at('2026-10-09T17:00:00'), TZ)).toMatchObject({ dueDate: '2026-10-09', late: false, workingDaysAhead: 2 });
  });

  it('MTG-6 leave is on time up to the day before the meeting date (calendar days)', () => {
    expect(leaveIsLate(at('2026-10-12T09:00:00'), at('2026-10-11T23:59:00'), TZ)).toEqual({ late: false, latestDate: '2026-10-11' });
    expect(leaveIsLate(at('2026-10-12T09:00:00'), at('2026-10-12T07:00:00'), TZ)).toEqual({ late: true, latestDate: '2026-10-11' });
  });
});

describe('MTG-7 sign-in window, attendance and the room release', () => {
  const m = { startsAt: at('2026-10-12T14:00:00'), endsAt: at('2026-10-12T16:00:00'), onTimeMinutes: 5 };
  it('opens 10 min before, on time until 5 min after the start, late after, closed at the end', () => {
    expect(signInStatus(m, at('2026-10-12T13:49:59'))).toBeNull();
    expect(signInStatus(m, at('2026-10-12T13:50:00'))).toBe('present');
    expect(signInStatus(m, at('2026-10-12T14:05:00'))).toBe('present');
    expect(signInStatus(m, at('2026-10-12T14:05:01'))).toBe('late');
    expect(signInStatus(m, at('2026-10-12T16:00:00'))).toBeNull();
    expect(signInStatus({ ...m, onTimeMinutes: 15 }, at('2026-10-12T14:10:00'))).toBe('present');
  });

  it('phases and attendance: absent only after the end, leave shown as leave', () => {
    expect(['13:00', '13:55', '14:30', '16:00'].map((t) => phaseOf(m, at(`2026-10-12T${t}:00`)))).toEqual(['upcoming', 'signin', 'ongoing', 'ended']);
    const none = { signedInAt: null, onLeave: false };
    expect(attendanceOf(m, none, at('2026-10-12T15:00:00'))).toBe('expected');
    expect(attendanceOf(m, none, at('2026-10-12T16:00:00'))).toBe('absent');
    expect(attendanceOf(m, { signedInAt: null, onLeave: true }, at('2026-10-12T17:00:00'))).toBe('on_leave');
    expect(attendanceOf(m, { signedInAt: at('2026-10-12T14:20:00'), onLeave: true }, at('2026-10-12T17:00:00'))).toBe('late');
  });

  it('released 15 min after the start (configurable, or never)', () => {
    expect(releaseDue({ startsAt: m.startsAt, releaseAfterMinutes: 15 }, at('2026-10-12T14:14:59'))).toBe(false);
    expect(releaseDue({ startsAt: m.startsAt, releaseAfterMinutes: 15 }, at('2026-10-12T14:15:00'))).toBe(true);
    expect(releaseDue({ startsAt: m.startsAt, releaseAfterMinutes: null }, at('2026-10-12T15:00:00'))).toBe(false);
  });

  it('the QR token: one per 30-s window per meeting; the current and the previous window pass', () => {
    const key = Buffer.alloc(32, 7);
    const t0 = new Date(Date.UTC(2026, 9, 12, 6, 0, 3));
    const token = signInToken(key, 12, t0);
    expect(signInToken(key, 12, new Date(t0.getTime() + 20_000))).toBe(token);
    expect(signInToken(key, 13, t0)).not.toBe(token);
    expect(signInToken(Buffer.alloc(32, 8), 12, t0)).not.toBe(token);
    expect(tokenExpiresAt(t0).toISOString()).toBe('2026-10-12T06:00:30.000Z');
    expect(tokenValid(key, 12, token, new Date(t0.getTime() + 50_000))).toBe(true);
    expect(tokenValid(key, 12, token, new Date(t0.getTime() + 60_000))).toBe(false);
    expect(tokenValid(key, 12, 'short', t0)).toBe(false);
  });
});

describe('MTG-10 vague owners', () => {
  it.each(['相关部门负责', '由有关部门负责落实', '各部门负责跟进', '相关人员跟进处理', 'relevant departments are responsible'])('refuses %s', (text) => {
    expect(vagueOwnerPhrase(text)).not.toBeNull();
  });
  it.each(['10月15日前提交详细开发计划', '协调相关部门提供数据后出具报告', '研发部：提交开发计划'])('accepts %s', (text) => {
    expect(vagueOwnerPhrase(text)).toBeNull();
  });
});

describe('MTG-2 free slots, series, MTG-11 next meeting', () => {
  it('gaps of at least the length between bookings', () => {
    const h = (n: number) => n * 3_600_000;
    expect(freeSlots([{ start: h(10), end: h(11) }, { start: h(10.5), end: h(12) }, { start: h(15), end: h(16) }], h(9), h(18), h(1))).toEqual([
      { start: h(9), end: h(10) },
      { start: h(12), end: h(15) },
      { start: h(16), end: h(18) },
    ]);
    expect(freeSlots([{ start: h(9.5), end: h(17.5) }], h(9), h(18), h(1))).toEqual([]);
  });

  it('weekly starts: by count or until a date, same wall-clock time', () => {
    const first = at('2026-11-30T09:00:00');
    expect(weeklyStarts(first, TZ, { count: 3 }).map((d) => d.toISOString())).toEqual(['2026-11-30T01:00:00.000Z', '2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z']);
    expect(weeklyStarts(first, TZ, { until: '2026-12-13' })).toHaveLength(2);
    // Across a daylight-saving change the meeting stays at 09:00 local time.
    const berlin = weeklyStarts(new Date('2026-10-19T07:00:00Z'), 'Europe/Berlin', { count: 2 });
    expect(berlin[1]!.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('the first meeting on or after the next date takes an item up', () => {
    const list = ['2026-11-30', '2026-12-07', '2026-12-14'].map((d) => ({ id: d, startsAt: at(`${d}T09:00:00`) }));
    expect(nextMeetingFor(list, '2026-12-01', TZ)?.id).toBe('2026-12-07');
    expect(nextMeetingFor(list, '2026-12-07', TZ)?.id).toBe('2026-12-07');
    expect(nextMeetingFor(list, '2026-12-15', TZ)).toBeNull();
  });
});
