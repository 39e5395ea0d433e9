import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('ALL-8 session cache', () => {
  it('answers repeated requests without a database round-trip, and reloads after the cache period', async () => {
    await makePerson(t.database, { username: 'cached' });
    const c = await login(t.app, 'cached', PASSWORD);
    const select = vi.spyOn(t.database.db, 'select');
    try {
      expect((await c.get('/api/auth/session')).statusCode).toBe(200);
      expect((await c.get('/api/auth/session')).statusCode).toBe(200);
      expect(select).not.toHaveBeenCalled();
      t.clock.advance(31_000);
      expect((await c.get('/api/auth/session')).statusCode).toBe(200);
      expect(select).toHaveBeenCalledTimes(1);
    } finally {
      select.mockRestore();
    }
  });

  it('a session expires after 7 days', async () => {
    await makePerson(t.database, { username: 'weekly' });
    const c = await login(t.app, 'weekly', PASSWORD);
    t.clock.advance(7 * 24 * 3600_000 + 1000);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });
});
