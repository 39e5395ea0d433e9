import { describe, expect, it } from 'vitest';
import { bundledSchedule } from '../calendar/bundled.ts';
import { calendarFromDays, yearFromSchedule } from '../calendar/snapshot.ts';
import { computeDue } from './rules.ts';

const TZ = 'Asia/Shanghai';
const cal = calendarFromDays([...yearFromSchedule(2026, 'official', bundledSchedule(2026)), ...yearFromSchedule(2027, 'fallback', [])]);
const iso = (r: { dueAt: Date; provisional: boolean }) => ({ dueAt: r.dueAt.toISOString(), provisional: r.provisional });

describe('ALL-6 deadline rules', () => {
  it('workingDays: 18:00 of the N-th working day after the anchor’s company date', () => {
    expect(iso(computeDue(cal, { date: '2026-09-30' }, { workingDays: 1 }, TZ))).toEqual({ dueAt: '2026-10-08T10:00:00.000Z', provisional: false });
    // CRQ-6 回访 within 2 working days of a resolution at 23:30 on Friday 27 Nov (15:30Z): Tue 1 Dec 18:00.
    expect(iso(computeDue(cal, { at: '2026-11-27T15:30:00Z' }, { workingDays: 2 }, TZ))).toEqual({ dueAt: '2026-12-01T10:00:00.000Z', provisional: false });
    expect(iso(computeDue(cal, { date: '2027-09-29' }, { workingDays: 2 }, TZ))).toEqual({ dueAt: '2027-10-01T10:00:00.000Z', provisional: true });
  });

  it('workingDaysBefore: the end of the N-th working day before the anchor (MTG-3 notice)', () => {
    expect(iso(computeDue(cal, { date: '2026-10-09' }, { workingDaysBefore: 2 }, TZ))).toEqual({ dueAt: '2026-09-30T15:59:59.000Z', provisional: false });
  });

  it('hours are clock hours and never provisional; workingHours skip nights and holidays', () => {
    expect(iso(computeDue(cal, { at: '2026-12-31T09:00:00Z' }, { hours: 24 }, TZ))).toEqual({ dueAt: '2027-01-01T09:00:00.000Z', provisional: false });
    expect(iso(computeDue(cal, { at: '2026-12-31T09:00:00Z' }, { workingHours: 2 }, TZ))).toEqual({ dueAt: '2027-01-01T02:00:00.000Z', provisional: true });
    expect(iso(computeDue(cal, { date: '2026-11-26' }, { workingHours: 1 }, TZ))).toEqual({ dueAt: '2026-11-26T02:00:00.000Z', provisional: false });
  });

  it('needs an anchor', () => {
    expect(() => computeDue(cal, {}, { workingDays: 1 }, TZ)).toThrow(RangeError);
  });
});
