import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { type Database, PGLITE_EXTENSIONS } from '../../db/client.ts';
import { connectionString, countRows, readPgliteDump, restorePostgresDump, withDatabaseName } from './dump.ts';
import { type Manifest, verifyBackup } from './manifest.ts';
import { compareRowCounts } from './rules.ts';

export interface CheckResult {
  passed: boolean;
  message: string;
}

/**
 * DOC-7 "a restore is tested": verifies every checksum of the backup, restores its database
 * somewhere temporary (PGlite: in memory; PostgreSQL: a scratch database) and compares the rows
 * per table with the manifest. Never throws: the outcome is recorded either way.
 */
export async function restoreCheck(database: Database, dir: string): Promise<CheckResult> {
  try {
    const manifest = await verifyBackup(dir);
    const counts = manifest.driver === 'pglite' ? await pgliteCounts(dir, manifest) : await postgresCounts(database, dir, manifest);
    const problems = compareRowCounts(manifest.rowCounts, counts);
    if (problems.length) return { passed: false, message: `恢复后行数不符 Row counts differ after restore: ${problems.join('; ')}` };
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      passed: true,
      message: `恢复检查通过 Restore check passed: ${Object.keys(counts).length} 张表 tables, ${rows} 行 rows, ${manifest.files.length} 个文件 files`,
    };
  } catch (err) {
    return { passed: false, message: (err as Error).message };
  }
}

async function pgliteCounts(dir: string, manifest: Manifest): Promise<Record<string, number>> {
  const pglite = new PGlite({ loadDataDir: await readPgliteDump(path.join(dir, manifest.database.path)), extensions: PGLITE_EXTENSIONS });
  try {
    await pglite.waitReady;
    return await countRows((sql) => pglite.query(sql));
  } finally {
    await pglite.close();
  }
}

async function postgresCounts(database: Database, dir: string, manifest: Manifest): Promise<Record<string, number>> {
  const pool = database.pool;
  if (!pool) throw new Error('恢复检查需要 PostgreSQL A PostgreSQL backup is checked on PostgreSQL');
  const url = connectionString(pool);
  // Named after the live database, so a leftover is easy to attribute (and CI's prefix cleanup finds it).
  const name = `${new URL(url).pathname.slice(1).slice(0, 40) || 'opsdesk'}_rc_${randomBytes(4).toString('hex')}`;
  await pool.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  try {
    const scratch = withDatabaseName(url, name);
    await restorePostgresDump(scratch, path.join(dir, manifest.database.path));
    const client = new pg.Client({ connectionString: scratch });
    await client.connect();
    try {
      return await countRows((sql) => client.query(sql));
    } finally {
      await client.end();
    }
  } finally {
    await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
