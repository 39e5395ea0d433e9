import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { openTestDatabase } from '../../../test/harness.ts';
import { rowsOf } from '../access/scope.ts';
import { startListener } from './listener.ts';
import { NOTIFY_CHANNEL } from './notify.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
const silent = { info: () => undefined, warn: () => undefined };

let database: Database & { drop: () => Promise<void> };
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const signal = (payload: string) => database.db.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`);

/** Payloads as they arrive, and a bounded wait (< 1 s) for the next one. */
function inbox() {
  const got: string[] = [];
  const waiters: (() => void)[] = [];
  return {
    got,
    push: (p: string) => {
      got.push(p);
      waiters.splice(0).forEach((w) => w());
    },
    until: async (p: string, ms = 900) => {
      const deadline = Date.now() + ms;
      while (!got.includes(p)) {
        if (Date.now() > deadline) throw new Error(`no ${p} within ${ms} ms`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, deadline - Date.now());
        });
      }
    },
  };
}

const listening = async () =>
  rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()`),
  )[0]!.n;

describe(onPostgres ? 'ALL-2 LISTEN connection on PostgreSQL: reconnects after it is killed' : 'ALL-2 LISTEN on PGlite: listen and stop', () => {
  it('delivers signals, survives the loss of its connection, and stops cleanly', async () => {
    const box = inbox();
    let reconnected = 0;
    const listener = await startListener(database, { channel: NOTIFY_CHANNEL, onPayload: box.push, onReconnect: () => reconnected++, log: silent, retry: { initialMs: 20, maxMs: 100 } });
    await signal('one');
    await box.until('one');

    if (onPostgres) {
      expect(await listening()).toBe(1);
      // An administrator (or a failover) kills the listening backend: the listener takes a new client.
      await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()`);
      const deadline = Date.now() + 900;
      while (reconnected === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(reconnected).toBe(1);
      await signal('two');
      await box.until('two');
    }

    await listener.stop();
    if (onPostgres) {
      const deadline = Date.now() + 900;
      while ((await listening()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await listening()).toBe(0);
    } else {
      // PGlite hands signals over as the statement completes: nothing arrives after stop.
      await signal('three');
      expect(box.got).toEqual(['one']);
    }
  });

  it('refuses a channel name that is not a plain identifier (it is written into LISTEN)', async () => {
    await expect(startListener(database, { channel: 'x; drop table people', onPayload: () => undefined, log: silent })).rejects.toThrow(/bad channel/);
  });
});
