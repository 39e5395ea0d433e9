import type { TestProject } from 'vitest/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.ts';
import { ensureCalendar } from '../src/platform/calendar/ensure.ts';
import { installJobsSchema } from '../src/platform/jobs/jobs.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFile: string;
    pgTemplateDb: string;
  }
}

/**
 * Migrate once, copy per test file: a PGlite data-dir tarball, or a PostgreSQL template database.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    // Named after the run's database, so CI's cleanup of that prefix also catches leftovers.
    const name = `${baseName(url)}_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), dataDir: '' });
    await migrateDatabase(database);
    await seedCalendar(database);
    await installJobsSchema(database);
    await database.close();
    project.provide('pgTemplateDb', name);
    project.provide('pgliteTemplateFile', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
  await migrateDatabase(database);
  await seedCalendar(database);
  // pg-boss's schema too, so each test database starts with it (no per-file install).
  await installJobsSchema(database);
  const blob = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-tpl-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplateFile', file);
  project.provide('pgTemplateDb', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/** The TestClock's default start: the template's calendar (and its seed audit row) is made "then". */
export const TEST_START = '2026-11-26T02:00:00.000Z';

/** ALL-6: the working-day calendar is seeded once in the template, so every test app starts with it at once. */
const seedCalendar = (database: Database) => ensureCalendar(database.db, { now: new Date(TEST_START), timeZone: 'Asia/Shanghai' });

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const baseName = (url: string) => (new URL(url).pathname.slice(1) || 'opsdesk').slice(0, 40);
