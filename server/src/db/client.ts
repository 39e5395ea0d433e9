import type { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { repoRoot } from '../config.ts';
import { type EmbeddedPg, RemotePGlite } from './pglite-remote.ts';
import * as schema from './schema.ts';

/**
 * The extensions the migrations create (btree_gin: the tasks' search index over visibility columns
 * and text pieces). PGlite loads an extension's code only when told, so every PGlite that opens
 * our data must be given them — or writing a task fails. The app's own PGlite, on its worker thread,
 * imports them there (pglite-worker.mjs: an extension is code, which cannot be posted): keep both lists alike.
 */
export const PGLITE_EXTENSIONS = { btree_gin };

export type Schema = typeof schema;
/** Both drivers share this surface; modules never see which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DriverName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DriverName;
  /** Runs SQL text as-is (several statements allowed): triggers, admin tools. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded database, on its own thread (pglite-remote.ts). */
  pglite?: EmbeddedPg;
  pool?: pg.Pool;
}

export const migrationsFolder = path.join(repoRoot, 'server/migrations');

// timestamptz and date come back as strings we control, not as Dates in the server's zone.
const DATE_OIDS = [1082, 1114, 1184];

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'pgliteTemplate'>): Promise<Database> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          DATE_OIDS.includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // A connection dropped by the server (restart, admin kill) must not crash the process: the pool
    // replaces idle clients; a client already being closed has nothing left to do.
    pool.on('error', (err) => console.error(`database connection lost: ${err.message}`));
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      pool,
      exec: async (sql) => {
        await pool.query(sql);
      },
      close: () => pool.end(),
    };
  }
  const pglite = await RemotePGlite.open({
    ...(config.pgliteTemplate ? { loadDataDir: config.pgliteTemplate } : { dataDir: config.dataDir }),
    textOids: DATE_OIDS,
  });
  const db = drizzlePglite({ client: pglite as unknown as PGlite, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite,
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    close: () => pglite.close(),
  };
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.pglite) {
    await migratePglite(drizzlePglite({ client: database.pglite as unknown as PGlite }), { migrationsFolder });
  } else if (database.pool) {
    await migratePg(drizzlePg({ client: database.pool }), { migrationsFolder });
  }
}
