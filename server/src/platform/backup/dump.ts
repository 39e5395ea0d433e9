import type { EmbeddedPg } from '../../db/pglite-remote.ts';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import type { Database } from '../../db/client.ts';
import type { Manifest } from './manifest.ts';
import { sha256File } from './manifest.ts';
import { writePgDataTar } from './tar.ts';

type Query = (sql: string) => Promise<{ rows: unknown[] }>;

export const PGLITE_DUMP = 'database.tar.gz';
export const PG_DUMP = 'database.dump';

/**
 * Rows per table of the application's schemas ("schema.table"); pg-boss's queue tables are
 * transient and left out. Runs inside the caller's snapshot so it matches the dump.
 */
export async function countRows(query: Query): Promise<Record<string, number>> {
  const { rows } = await query(
    `select table_schema as s, table_name as t from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'pgboss')
      order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { s, t } of rows as { s: string; t: string }[]) {
    const { rows: [row] } = await query(`select count(*)::int as n from ${ident(s)}.${ident(t)}`);
    counts[`${s}.${t}`] = Number((row as { n: number }).n);
  }
  return counts;
}

export async function hasTables(query: Query): Promise<boolean> {
  const { rows } = await query(
    `select 1 from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE' limit 1`,
  );
  return rows.length > 0;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A consistent dump of the database into `dir`, with the row counts of the same moment. */
export async function dumpDatabase(database: Database, dir: string, exclude: ReadonlySet<string>): Promise<{ fact: Manifest['database']; rowCounts: Record<string, number> }> {
  if (database.pglite) {
    const file = path.join(dir, PGLITE_DUMP);
    const rowCounts = await dumpPglite(database.pglite, file, exclude);
    return { fact: { path: PGLITE_DUMP, format: 'pglite-datadir-tar-gz', ...(await sha256File(file)) }, rowCounts };
  }
  if (!database.pool) throw new Error('backup: no database connection');
  const file = path.join(dir, PG_DUMP);
  const rowCounts = await dumpPostgres(database.pool, file);
  return { fact: { path: PG_DUMP, format: 'pg-dump-custom', ...(await sha256File(file)) }, rowCounts };
}

/**
 * PGlite: while our transaction holds PGlite's one connection nothing else can run, so the
 * counts and the copy of the data dir describe the same state (crash-consistent: the WAL is in it).
 */
async function dumpPglite(pglite: EmbeddedPg, file: string, exclude: ReadonlySet<string>): Promise<Record<string, number>> {
  const hostDir = pglite.dataDir && !pglite.dataDir.startsWith('memory://') ? path.resolve(pglite.dataDir.replace(/^file:\/\//, '')) : null;
  return pglite.transaction(async (tx) => {
    const counts = await countRows((sql) => tx.query(sql));
    // Fast compression: PGlite is held still for as long as this takes.
    const gzip = zlib.createGzip({ level: 1 });
    const written = pipeline(gzip, fs.createWriteStream(file, { mode: 0o600 }));
    try {
      if (hostDir) {
        await pglite.runExclusive(() => writePgDataTar(hostDir, gzip, exclude));
      } else {
        // In-memory database (tests): nothing but PostgreSQL's own files in it.
        const blob = await pglite.dumpDataDir('none');
        gzip.write(Buffer.from(await blob.arrayBuffer()));
      }
    } finally {
      gzip.end();
      await written;
    }
    return counts;
  });
}

/** PostgreSQL: pg_dump joins an exported REPEATABLE READ snapshot, the one the counts were taken in. */
async function dumpPostgres(pool: pg.Pool, file: string): Promise<Record<string, number>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows } = await client.query<{ s: string }>('select pg_export_snapshot() as s');
    const counts = await countRows((sql) => client.query(sql));
    await runPgTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.s}`, `--file=${file}`], connectionString(pool));
    fs.chmodSync(file, 0o600);
    await client.query('COMMIT');
    return counts;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The PGlite tarball of a backup, ready for `new PGlite({ loadDataDir })`. */
export async function readPgliteDump(file: string): Promise<Blob> {
  return new Blob([zlib.gunzipSync(fs.readFileSync(file))], { type: 'application/x-tar' });
}

/** pg_restore into an empty database, all or nothing. */
export async function restorePostgresDump(url: string, file: string): Promise<void> {
  await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', file], url);
}

export function connectionString(pool: pg.Pool): string {
  const url = pool.options.connectionString;
  if (!url) throw new Error('backup: the PostgreSQL pool has no connection string');
  return url;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Runs pg_dump / pg_restore (from OPSDESK_PG_BIN if set, else PATH). The password goes in the
 * environment, not on the command line where `ps` would show it.
 */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const bin = process.env.OPSDESK_PG_BIN ? path.join(process.env.OPSDESK_PG_BIN, tool) : tool;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--no-password', `--dbname=${u.toString()}`, ...args], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err) => reject(new Error(`${tool}: ${err.message} (set OPSDESK_PG_BIN to the folder holding ${tool})`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}: ${stderr.trim().slice(0, 2000)}`))));
  });
}
