import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemotePGlite } from './pglite-remote.ts';

// The embedded database on its worker thread, as the app, Drizzle and pg-boss use it. The whole
// suite runs on it too (db/client.ts); these pin down what crossing the thread could lose.
describe('RemotePGlite (the embedded database on its own thread)', () => {
  let db: RemotePGlite;
  beforeAll(async () => {
    db = await RemotePGlite.open({ textOids: [1082, 1114, 1184] });
    await db.exec('create table t (x int primary key, d date, at timestamptz)');
  });
  afterAll(() => db.close());

  it('answers rows, fields and counts; dates and instants stay as the text PostgreSQL sends', async () => {
    const inserted = await db.query('insert into t values ($1, $2, $3), (2, null, null)', [1, '2026-11-27', '2026-11-27T08:00:00Z']);
    expect(inserted.affectedRows).toBe(2);
    const { rows, fields } = await db.query<[number, string, string]>('select x, d, at from t where x = $1', [1], { rowMode: 'array', parsers: { 1082: (v) => v } });
    expect(rows).toEqual([[1, '2026-11-27', '2026-11-27 08:00:00+00']]);
    expect(fields.map((f) => f.name)).toEqual(['x', 'd', 'at']);
  });

  it('keeps an error’s code and constraint, also when the query carried parsers (they cannot be posted)', async () => {
    const err = await db.query('insert into t values ($1)', [1], { parsers: { 1082: (v) => v } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '23505', constraint: 't_pkey' });
  });

  it('refuses a parser that is not text, rather than dropping it', () => {
    expect(() => db.query('select 1', [], { parsers: { 23: (v) => Number(v) } })).toThrow(/only text parsers/);
  });

  it('commits a transaction when its callback resolves and rolls it back when it throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into t (x) values (10)');
      await tx.exec('insert into t (x) values (11)');
    });
    const failed = db.transaction(async (tx) => {
      await tx.query('insert into t (x) values (12)');
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    const { rows } = await db.query<{ x: number }>('select x from t where x >= 10 order by x');
    expect(rows.map((r) => r.x)).toEqual([10, 11]);
    expect(await db.isInTransaction()).toBe(false);
  });

  it('runs another caller’s query only once the open transaction ends (one connection, as in-process)', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = db.transaction(async (t) => {
      await t.query('update t set x = 20 where x = 10');
      order.push('tx wrote');
      await held;
      order.push('tx ends');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db.query<{ x: number }>('select count(*)::int as x from t where x = 20').then((r) => {
      order.push('outside read');
      return r.rows[0]!.x;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await tx;
    expect(await outside).toBe(1);
    expect(order).toEqual(['tx wrote', 'tx ends', 'outside read']);
  });

  it('delivers notifications to every listener of a channel until each unlistens', async () => {
    const heard: string[] = [];
    const stopA = await db.listen('news', (p) => heard.push(`a:${p}`));
    const stopB = await db.listen('news', (p) => heard.push(`b:${p}`));
    await db.query(`select pg_notify('news', 'one')`);
    await expect.poll(() => heard.length).toBe(2);
    await stopA();
    await db.query(`select pg_notify('news', 'two')`);
    await expect.poll(() => heard).toEqual(['a:one', 'b:one', 'b:two']);
    await stopB();
    await db.query(`select pg_notify('news', 'three')`);
    await db.query('select 1');
    expect(heard).toHaveLength(3);
  });

  it('holds every query while runExclusive runs (the backup reads the data dir meanwhile)', async () => {
    const order: string[] = [];
    await db.runExclusive(async () => {
      const waiting = db.query('select 1').then(() => order.push('query'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('exclusive done');
      void waiting;
    });
    await expect.poll(() => order).toEqual(['exclusive done', 'query']);
  });

  it('dumps its data dir, which opens again as a database with the same rows', async () => {
    const dump = await db.dumpDataDir('none');
    const copy = await RemotePGlite.open({ loadDataDir: dump, textOids: [] });
    try {
      const { rows } = await copy.query<{ n: number }>('select count(*)::int as n from t');
      expect(rows).toEqual([{ n: 4 }]);
    } finally {
      await copy.close();
    }
  });

  it('refuses calls once closed', async () => {
    const other = await RemotePGlite.open({ textOids: [] });
    await other.close();
    expect(other.closed).toBe(true);
    await expect(other.query('select 1')).rejects.toThrow(/closed/);
  });
});
