import { describe, expect, it } from 'vitest';
import { addDays, dateOfDay, dayNumber } from './dates.ts';

describe('dayNumber', () => {
  it('counts every day of 1900–2100 as Date does (leap years, century rules)', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    for (let n = start; n <= Date.UTC(2100, 11, 31) / 86_400_000; n += 1) {
      const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (dayNumber(date) !== n) expect(dayNumber(date), date).toBe(n);
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-02-29')).toBe(dayNumber('2000-03-01') - 1);
  });

  it('rolls an out-of-range day over as Date does, and reads years below 100 as written', () => {
    expect(dateOfDay(dayNumber('2026-02-30'))).toBe('2026-03-02');
    expect(dateOfDay(dayNumber('2026-11-31'))).toBe('2026-12-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });
});
