import { describe, expect, it } from 'vitest';
import { toIso } from './zone.ts';

describe('toIso', () => {
  it('turns every form PostgreSQL prints a timestamptz in into the ISO instant Date would give', () => {
    for (const [printed, iso] of [
      ['2026-11-26 09:00:00+00', '2026-11-26T09:00:00.000Z'],
      ['2026-11-26 09:00:00.1+00', '2026-11-26T09:00:00.100Z'],
      ['2026-11-26 09:00:00.123456+00', '2026-11-26T09:00:00.123Z'],
      ['2026-11-26 09:00:00.999999+00', '2026-11-26T09:00:00.999Z'],
      ['2026-11-26 17:00:00.5+08', '2026-11-26T09:00:00.500Z'],
      ['2026-11-27 01:30:00-05', '2026-11-27T06:30:00.000Z'],
      ['2026-11-26T09:00:00.000Z', '2026-11-26T09:00:00.000Z'],
    ]) {
      expect(toIso(printed!)).toBe(iso);
      expect(toIso(printed!)).toBe(new Date(printed!.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString());
    }
  });
});
