import type { EmbeddedPg } from '../../db/pglite-remote.ts';
import type PgBoss from 'pg-boss';
import type { Database, Tx } from '../../db/client.ts';

/** pg-boss's whole database contract: run one SQL text (with or without parameters), answer `{ rows }`. */
export type BossDb = PgBoss.Db;

// pg-boss sends schema changes and maintenance as one string `BEGIN; …; COMMIT;` (plans.locked).
const WRAPPED = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/i;

/**
 * pg-boss on embedded PGlite: one connection, shared with the app and serialised by PGlite's
 * mutex. Parameterised statements go to `query`; parameterless text (possibly several
 * statements) to `exec`, inside `pglite.transaction` so that a failure is rolled back while we
 * still hold the connection: a bare `BEGIN …` left aborted would break every later app query.
 * Advisory locks and SKIP LOCKED work unchanged on the single connection.
 */
export function pgliteBossDb(pglite: EmbeddedPg, isOpen: () => boolean): BossDb {
  return {
    async executeSql(text: string, values?: unknown[]) {
      // A worker's last poll can land after stop(); the database may be closing by then.
      if (!isOpen()) return { rows: [] };
      if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
      const body = WRAPPED.exec(text)?.[1] ?? text;
      const results = await pglite.transaction((tx) => tx.exec(body));
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Sends a job through the caller's open transaction, so the job exists only if the transaction
 * commits. Drizzle keeps the driver's transaction client (PGlite Transaction, pg PoolClient) on
 * `tx.session.client`. On PGlite this is also the only deadlock-free way to send from inside a
 * transaction: PGlite's one connection is held until the transaction ends.
 */
export function txBossDb(tx: Tx): BossDb {
  const client = (tx as unknown as { session: { client: Queryable } }).session.client;
  return {
    executeSql: async (text: string, values?: unknown[]) => ({ rows: (await client.query(text, values)).rows }),
  };
}

/** How pg-boss reaches our database: PGlite through the adapter, PostgreSQL with its own small pool. */
export function bossConnection(database: Database, isOpen: () => boolean): PgBoss.DatabaseOptions {
  if (database.pglite) return { db: pgliteBossDb(database.pglite, isOpen) };
  const connectionString = database.pool?.options.connectionString;
  if (!connectionString) throw new Error('jobs: the PostgreSQL pool has no connection string');
  return { connectionString, max: 4, application_name: 'opsdesk-jobs' };
}
