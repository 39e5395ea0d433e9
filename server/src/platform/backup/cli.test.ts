import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { VERSION, buildApp } from '../../app.ts';
import { type Config, loadConfig, repoRoot } from '../../config.ts';
import { PGLITE_EXTENSIONS, migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedDemoOrg } from '../../demo/org.ts';
import { ADMIN_PASSWORD, TestClock, openTestDatabase } from '../../../test/harness.ts';
import { baseName, withDatabase } from '../../../test/global-setup.ts';
import { ensureFirstAdmin } from '../auth/bootstrap.ts';
import { backupCommand } from './cli.ts';
import { LOCAL_TOKEN_FILE } from './create.service.ts';
import { countRows } from './dump.ts';
import type { Manifest } from './manifest.ts';
import { restoreCommand } from './restore.ts';

// The real `npm run backup` / `npm run restore` code paths, in process, on this run's driver.
const onPostgres = !!process.env.DATABASE_URL;
const clock = new TestClock();
let tmp: string;
const cleanups: (() => Promise<void>)[] = [];

function capture() {
  const lines: string[] = [];
  return { lines, text: () => lines.join('\n'), log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) };
}

function configFor(name: string, databaseUrl?: string): Config {
  const dataDir = path.join(tmp, name, 'data');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  return loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', now: clock.now, adminPassword: ADMIN_PASSWORD, webDist: '/nonexistent' });
}

/** A database with the demo organisation, files and a master key, as an installation has them. */
async function makeSource(name: string): Promise<Config> {
  let config: Config;
  if (onPostgres) {
    const database = await openTestDatabase();
    cleanups.push(database.drop);
    config = configFor(name, database.pool!.options.connectionString);
    await ensureFirstAdmin(database.db, config);
    await seedDemoOrg(database.db, clock.now());
  } else {
    config = configFor(name);
    // From the migrated template (an initdb would cost seconds), then opened as the server opens it.
    const template = new PGlite({ dataDir: config.dataDir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplateFile'))]), extensions: PGLITE_EXTENSIONS });
    await template.waitReady;
    await template.close();
    const database = await openDatabase(config);
    await migrateDatabase(database);
    await ensureFirstAdmin(database.db, config);
    await seedDemoOrg(database.db, clock.now());
    await database.close();
  }
  fs.mkdirSync(path.join(config.filesDir, 'cas', '9f'), { recursive: true });
  fs.mkdirSync(path.join(config.filesDir, 'secret'), { recursive: true });
  fs.writeFileSync(path.join(config.filesDir, 'cas', '9f', '9f86d081'), 'HT-SX-20230920 A公司产品销售合同');
  fs.writeFileSync(path.join(config.filesDir, 'secret', 'k1'), randomBytes(4096));
  fs.writeFileSync(config.keyFile, randomBytes(32), { mode: 0o600 });
  return config;
}

/** An empty target: a fresh data dir, or a new PostgreSQL database without tables. */
async function makeTarget(name: string): Promise<Config> {
  if (!onPostgres) return configFor(name);
  const url = process.env.DATABASE_URL!;
  const db = `${baseName(url)}_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db} TEMPLATE template0`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });
  return configFor(name, withDatabase(url, db));
}

/** Every row of every table, as text: equal snapshots mean equal databases. */
async function snapshot(config: Config): Promise<Record<string, string>> {
  const read = async (query: (sql: string) => Promise<{ rows: unknown[] }>) => {
    const out: Record<string, string> = {};
    for (const table of Object.keys(await countRows(query))) {
      const [schema, name] = table.split('.');
      out[table] = JSON.stringify((await query(`select * from "${schema}"."${name}" order by 1`)).rows);
    }
    return out;
  };
  if (config.databaseUrl) {
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      return await read((sql) => client.query(sql));
    } finally {
      await client.end();
    }
  }
  const pglite = new PGlite({ dataDir: config.dataDir, extensions: PGLITE_EXTENSIONS });
  try {
    return await read((sql) => pglite.query(sql));
  } finally {
    await pglite.close();
  }
}

function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = createHash('sha256').update(fs.readFileSync(path.join(entry.parentPath, entry.name))).digest('hex');
  }
  return out;
}

const onlyFolder = (dir: string) => path.join(dir, fs.readdirSync(dir).find((n) => n.startsWith('opsdesk-backup-'))!);
const containsBytes = (dir: string, needle: Buffer) =>
  fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .some((e) => {
      const data = fs.readFileSync(path.join(e.parentPath, e.name));
      return (e.name.endsWith('.gz') ? zlib.gunzipSync(data) : data).includes(needle);
    });
const targetIsEmpty = async (config: Config) => {
  if (!config.databaseUrl) return !fs.existsSync(path.join(config.dataDir, 'PG_VERSION'));
  return Object.keys(await snapshot(config)).length === 0;
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-cli-'));
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`DOC-7 npm run backup / restore (${onPostgres ? 'PostgreSQL: pg_dump / pg_restore' : 'PGlite: data-dir tarball'})`, () => {
  let source: Config;
  let backupDir: string;

  it('backup → wipe → restore gives the same rows and files; the master key is not in the backup', { timeout: 120_000 }, async () => {
    source = await makeSource('source');
    // The backup records itself in the source afterwards; the restore must equal the moment before.
    const before = await snapshot(source);
    const io = capture();
    expect(await backupCommand(source, ['--out', path.join(tmp, 'out')], VERSION, io)).toBe(0);
    expect(io.text()).toMatch(/备份完成 Backup written: .*opsdesk-backup-20261126-100000/);
    expect(io.text()).toContain('✓ 恢复检查通过 Restore check passed');
    backupDir = onlyFolder(path.join(tmp, 'out'));
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.driver).toBe(onPostgres ? 'postgres' : 'pglite');
    expect(containsBytes(backupDir, fs.readFileSync(source.keyFile))).toBe(false);

    const target = await makeTarget('restored');
    const out = capture();
    expect(await restoreCommand(target, [backupDir], out)).toBe(0);
    expect(out.text()).toContain('恢复完成 Restored');
    expect(out.text()).toContain('主密钥不在备份中');
    expect(await snapshot(target)).toEqual(before);
    expect(fileHashes(target.filesDir)).toEqual(fileHashes(source.filesDir));
  });

  it('restore refuses a target that already has a database, and a files folder that is not empty', { timeout: 60_000 }, async () => {
    const io = capture();
    expect(await restoreCommand(source, [backupDir], io)).toBe(1);
    expect(io.text()).toMatch(onPostgres ? /文件目录不是空的|目标数据库不是空的/ : /文件目录不是空的|数据目录中已有数据库/);
    const target = await makeTarget('has-db');
    if (onPostgres) {
      const client = new pg.Client({ connectionString: target.databaseUrl });
      await client.connect();
      await client.query('create table keep_me (x int)');
      await client.end();
    } else {
      const pglite = new PGlite({ dataDir: target.dataDir, extensions: PGLITE_EXTENSIONS });
      await pglite.exec('create table keep_me (x int)');
      await pglite.close();
    }
    const refused = capture();
    expect(await restoreCommand(target, [backupDir], refused)).toBe(1);
    expect(refused.text()).toMatch(onPostgres ? /目标数据库不是空的.*The target database has tables/ : /数据目录中已有数据库.*The data dir already holds a database/);
    expect(Object.keys(await snapshot(target))).toEqual(['public.keep_me']);
  });

  it('restore refuses a tampered backup (checksum mismatch) before touching anything', async () => {
    const tampered = path.join(tmp, 'tampered');
    fs.cpSync(backupDir, tampered, { recursive: true });
    fs.appendFileSync(path.join(tampered, 'files', 'cas', '9f', '9f86d081'), '!');
    const target = await makeTarget('tampered-target');
    const io = capture();
    expect(await restoreCommand(target, [tampered], io)).toBe(1);
    expect(io.text()).toContain('files/cas/9f/9f86d081: 校验和不符 checksum mismatch');
    expect(await targetIsEmpty(target)).toBe(true);
    expect(fs.existsSync(target.filesDir)).toBe(false);

    // The manifest itself is covered by SHA256SUMS: editing a row count is caught too.
    const edited = path.join(tmp, 'edited');
    fs.cpSync(backupDir, edited, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(edited, 'manifest.json'), 'utf8')) as Manifest;
    manifest.rowCounts['public.people'] = 999;
    fs.writeFileSync(path.join(edited, 'manifest.json'), JSON.stringify(manifest));
    const io2 = capture();
    expect(await restoreCommand(target, [edited], io2)).toBe(1);
    expect(io2.text()).toContain('manifest.json: 校验和不符 checksum mismatch');
  });

  it('usage errors and a missing database are reported, not thrown', async () => {
    const io = capture();
    expect(await backupCommand(source, ['--out'], VERSION, io)).toBe(2);
    expect(await restoreCommand(source, [], io)).toBe(2);
    expect(await restoreCommand(source, [path.join(tmp, 'nothing-here')], io)).toBe(1);
    expect(io.text()).toContain('不是 OpsDesk 备份 not an OpsDesk backup');
    if (!onPostgres) {
      expect(await backupCommand(configFor('never-started'), [], VERSION, io)).toBe(1);
      expect(io.text()).toContain('没有可备份的数据库 No database to back up');
    }
  });
});

describe('DOC-7 npm run backup while the server is running', () => {
  if (onPostgres) {
    // PostgreSQL has no data-dir lock: pg_dump works beside a running server.
    it('backs up directly with pg_dump while an app is serving the same database', { timeout: 60_000 }, async () => {
      const config = await makeSource('live-pg');
      const database = await openDatabase(config);
      const app = await buildApp({ config, database });
      try {
        expect(await backupCommand(config, [], VERSION, capture())).toBe(0);
        expect(fs.readdirSync(config.backupDir)).toHaveLength(1);
      } finally {
        await app.close();
        await database.close();
      }
    });
    return;
  }

  it('goes through the server (local token, loopback) because the server holds the data-dir lock', { timeout: 120_000 }, async () => {
    const config = await makeSource('live');
    // Node with tsx's loader, not the tsx command: that one relays SIGTERM and, if the server does not
    // confirm it within 30 ms (a loaded CI machine), kills it outright, so its shutdown never runs.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'start'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: '',
        OPSDESK_DATA_DIR: config.dataDir,
        OPSDESK_KEY_FILE: config.keyFile,
        OPSDESK_BACKUP_DIR: config.backupDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const tokenFile = path.join(config.dataDir, LOCAL_TOKEN_FILE);
      for (let i = 0; i < 1200 && !fs.existsSync(tokenFile) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      expect(fs.existsSync(tokenFile), stderr).toBe(true);
      expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);

      const io = capture();
      expect(await backupCommand(config, [], VERSION, io), io.text()).toBe(0);
      expect(io.text()).toContain('服务器正在运行，由服务器执行备份');
      const made = onlyFolder(config.backupDir);
      expect(containsBytes(made, fs.readFileSync(config.keyFile))).toBe(false);
      expect(containsBytes(made, Buffer.from(JSON.parse(fs.readFileSync(tokenFile, 'utf8')).token))).toBe(false);

      const target = await makeTarget('live-restored');
      expect(await restoreCommand(target, [made], capture())).toBe(0);
      expect(fileHashes(target.filesDir)).toEqual(fileHashes(config.filesDir));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    expect(fs.existsSync(path.join(config.dataDir, LOCAL_TOKEN_FILE))).toBe(false);
  });
});
