import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../../../test/harness.ts';
import { nextTaskNumber, registerImportedTaskNumber } from './sequence.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const tz = 'Asia/Shanghai';
const create = (at: string) => t.database.db.transaction((tx) => nextTaskNumber(tx, new Date(at), tz));

describe('TSK-1 numbering service', () => {
  it('numbers per company month, starting at 01', async () => {
    expect(await create('2026-10-10T02:00:00Z')).toBe('T20261001');
    expect(await create('2026-10-11T02:00:00Z')).toBe('T20261002');
    // 2026-10-31T17:00Z is already 1 November in Shanghai.
    expect(await create('2026-10-31T17:00:00Z')).toBe('T20261101');
  });

  it('50 parallel creates get 50 distinct numbers (real concurrency on PostgreSQL)', async () => {
    const numbers = await Promise.all(Array.from({ length: 50 }, () => create('2026-12-01T02:00:00Z')));
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `T202612${String(i + 1).padStart(2, '0')}`));
  });

  it('a rolled-back create gives its number back', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await nextTaskNumber(tx, new Date('2027-01-05T02:00:00Z'), tz);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await create('2027-01-05T02:00:00Z')).toBe('T20270101');
  });

  it('imported numbers are kept and advance the sequence past them', async () => {
    await t.database.db.transaction(async (tx) => {
      await registerImportedTaskNumber(tx, 'T20231001');
      await registerImportedTaskNumber(tx, 'T20231002');
    });
    expect(await create('2023-10-20T02:00:00Z')).toBe('T20231003');
    // An older imported number never moves the counter back.
    await t.database.db.transaction((tx) => registerImportedTaskNumber(tx, 'T20231001'));
    expect(await create('2023-10-21T02:00:00Z')).toBe('T20231004');
  });
});
