import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import type { TestApp } from './harness.ts';

export interface Instance {
  app: FastifyInstance;
  database: Database;
  close: () => Promise<void>;
}

/**
 * A second server process in miniature (PostgreSQL only): its own pool, pg-boss and LISTEN on the
 * same test database, the same config and clock. Sessions live in the database, so a client
 * signed in on one instance is signed in on the other.
 */
export async function secondInstance(t: TestApp): Promise<Instance> {
  const url = t.database.pool?.options.connectionString;
  if (!url) throw new Error('secondInstance needs PostgreSQL (DATABASE_URL)');
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  const app = await buildApp({ config: t.config, database });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
