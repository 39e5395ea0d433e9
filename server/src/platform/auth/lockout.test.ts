import { describe, expect, it } from 'vitest';
import { lockedUntil, minutesLeft } from './lockout.ts';

const at = (min: number) => new Date(Date.UTC(2026, 10, 26, 2, min));
const newestFirst = (...mins: number[]) => mins.map(at).sort((a, b) => b.getTime() - a.getTime());

describe('ALL-8 lockout rule', () => {
  it('four failures do not lock', () => {
    expect(lockedUntil(newestFirst(0, 1, 2, 3), at(4))).toBeNull();
  });
  it('the fifth failure within 15 minutes locks for 15 minutes from that failure', () => {
    expect(lockedUntil(newestFirst(0, 1, 2, 3, 10), at(10))).toEqual(at(25));
    expect(lockedUntil(newestFirst(0, 1, 2, 3, 10), at(24))).toEqual(at(25));
  });
  it('the lock ends after 15 minutes', () => {
    expect(lockedUntil(newestFirst(0, 1, 2, 3, 10), at(25))).toBeNull();
  });
  it('five failures spread over more than 15 minutes do not lock', () => {
    expect(lockedUntil(newestFirst(0, 5, 10, 14, 16), at(16))).toBeNull();
  });
  it('minutesLeft rounds up and never says 0', () => {
    expect(minutesLeft(at(25), at(10))).toBe(15);
    expect(minutesLeft(new Date(at(10).getTime() + 1000), at(10))).toBe(1);
  });
});
