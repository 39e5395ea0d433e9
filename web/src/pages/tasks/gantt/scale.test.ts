import { describe, expect, it } from 'vitest';
import { buildAxis, dateOf, daySegments, dayNumber, monthSegments, weekSegments } from './scale.ts';

describe('Gantt axis (calendar days; weeks start on Monday)', () => {
  it('week zoom: from the Monday before the earliest date to the Sunday after, today included', () => {
    // Earliest 2026-12-02 (Wed) - 3 days = 11-29 (Sun) → Monday 11-23; latest 12-10 + 7 = 12-17 (Thu) → Sunday 12-20.
    const axis = buildAxis(['2026-12-02', '2026-12-10'], '2026-12-04', 'week');
    expect(dateOf(axis.first)).toBe('2026-11-23');
    expect(axis.days).toBe(28);
    expect(axis.width).toBe(28 * 30);
    expect(axis.x('2026-11-23')).toBe(0);
    expect(axis.x('2026-12-02')).toBe(9 * 30);
    // Today far after the tasks still gets its place.
    const later = buildAxis(['2026-12-02'], '2027-01-15', 'week');
    expect(later.x('2027-01-15')).toBeLessThan(later.width);
  });

  it('month zoom: whole months, split into months, Monday weeks and days with weekends marked', () => {
    const axis = buildAxis(['2026-12-30', '2027-01-10'], '2026-12-30', 'month');
    expect(dateOf(axis.first)).toBe('2026-12-01');
    expect(dateOf(axis.first + axis.days - 1)).toBe('2027-01-31');
    expect(monthSegments(axis).map((m) => [m.key, m.width / axis.dayWidth])).toEqual([
      ['2026-12', 31],
      ['2027-01', 31],
    ]);
    const weeks = weekSegments(axis);
    // 12-01 is a Tuesday: the first week is cut to six days, the next starts on Monday 12-07.
    expect(weeks.slice(0, 2).map((w) => [w.date, w.width / axis.dayWidth])).toEqual([
      ['2026-12-01', 6],
      ['2026-12-07', 7],
    ]);
    expect(weeks.reduce((sum, w) => sum + w.width, 0)).toBe(axis.width);
    const days = daySegments(axis);
    expect(days.filter((d) => d.weekend).map((d) => d.date).slice(0, 2)).toEqual(['2026-12-05', '2026-12-06']);
    expect(dayNumber('2026-12-05') - dayNumber('2026-12-01')).toBe(4);
  });
});
