import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TOKEN_HEADER, type TBackup, type TBackupPage } from '@opsdesk/contract';
import { buildApp } from '../../app.ts';
import { PASSWORD, type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { rowsOf } from '../access/scope.ts';
import { restoreCheck } from './check.ts';
import { createBackup } from './create.service.ts';
import { BACKUP_JOB } from './job.ts';
import type { Manifest } from './manifest.ts';

let t: TestApp;
let admin: Client;
let tmp: string;
let tokenApp: FastifyInstance;
const TOKEN = 'local-token-for-tests';

const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
const list = async () => (await admin.get('/api/system/backups?pageSize=50')).json<TBackupPage>();
const folders = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const local = (opts: { payload?: object; token?: string; remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  tokenApp.inject({
    method: 'POST',
    url: '/api/system/backups',
    payload: opts.payload ?? {},
    remoteAddress: opts.remoteAddress ?? '127.0.0.1',
    headers: { [LOCAL_TOKEN_HEADER]: opts.token ?? TOKEN, ...(opts.headers ?? {}) },
  });

/** Every byte of a backup folder, the database tarball unpacked. */
function backupBytes(dir: string): Buffer[] {
  const out: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const data = fs.readFileSync(path.join(entry.parentPath, entry.name));
    out.push(entry.name.endsWith('.gz') ? zlib.gunzipSync(data) : data);
  }
  return out;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-backup-'));
  t = await startTestApp({ backupDir: path.join(tmp, 'backups'), backupKeep: 2 });
  admin = await loginAdmin(t.app);
  // Opaque files as the files platform leaves them (content-addressed and secret).
  fs.mkdirSync(path.join(t.config.filesDir, 'cas', 'ab'), { recursive: true });
  fs.mkdirSync(path.join(t.config.filesDir, 'secret'), { recursive: true });
  fs.writeFileSync(path.join(t.config.filesDir, 'cas', 'ab', 'abcdef'), '员工考勤管理制度 V1');
  fs.writeFileSync(path.join(t.config.filesDir, 'secret', 's1'), Buffer.from([0, 1, 2, 3, 255]));
  tokenApp = await buildApp({ config: t.config, database: t.database, localAdminToken: TOKEN });
});
afterAll(async () => {
  await tokenApp.close();
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// A backup dumps the whole database and then restores it to check it: over 20 s on a busy machine.
describe('DOC-7 backups through the API', { timeout: 120_000 }, () => {
  it('401 without login, 403 for staff, 403 without the CSRF token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/system/backups' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/system/backups', payload: {} })).statusCode).toBe(401);
    await makePerson(t.database, { username: 'staff1' });
    await makePerson(t.database, { username: 'auditor1', roles: ['auditor'] });
    for (const username of ['staff1', 'auditor1']) {
      const someone = await login(t.app, username, PASSWORD);
      expect((await someone.get('/api/system/backups')).statusCode).toBe(403);
      expect((await someone.post('/api/system/backups', {})).json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/system/backups', payload: {}, headers: { cookie: admin.cookie } });
    expect(noCsrf.json()).toMatchObject({ code: 'CSRF' });
    expect(folders(t.config.backupDir)).toEqual([]);
  });

  it('400 naming the field for a relative folder; 403 on `out` for a signed-in admin (only the local CLI may choose)', async () => {
    const bad = await admin.post('/api/system/backups', { out: 'relative/dir' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'out', message: '备份位置：格式不正确' });
    const chosen = await admin.post('/api/system/backups', { out: path.join(tmp, 'elsewhere') });
    expect(chosen.statusCode).toBe(403);
    expect(chosen.json()).toMatchObject({ code: 'FORBIDDEN', field: 'out' });
  });

  it('an admin backs up the database and the files: manifest, checksums, restore check passed, listed, audited', async () => {
    const res = await admin.post('/api/system/backups');
    expect(res.statusCode).toBe(201);
    const backup = res.json<TBackup>();
    expect(backup).toMatchObject({ kind: 'manual', status: 'succeeded', restoreCheck: 'passed', actorName: '系统管理员', startedAt: t.clock.now().toISOString() });
    expect(path.dirname(backup.path)).toBe(t.config.backupDir);
    expect(path.basename(backup.path)).toBe('opsdesk-backup-20261126-100000');
    const manifest = readManifest(backup.path);
    expect(manifest).toMatchObject({ format: 'opsdesk-backup/1', driver: t.database.driver, appVersion: '0.1.0', createdAt: backup.startedAt });
    expect(manifest.database.path).toBe(t.database.driver === 'pglite' ? 'database.tar.gz' : 'database.dump');
    expect(manifest.files.map((f) => f.path)).toEqual(['cas/ab/abcdef', 'secret/s1']);
    expect(fs.readFileSync(path.join(backup.path, 'files', 'cas', 'ab', 'abcdef'), 'utf8')).toBe('员工考勤管理制度 V1');
    const [people] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from people`));
    expect(manifest.rowCounts['public.people']).toBe(people!.n);
    const sums = fs.readFileSync(path.join(backup.path, 'SHA256SUMS'), 'utf8');
    expect(sums).toContain('  manifest.json\n');
    expect(sums).toContain(`${manifest.files[0]!.sha256}  files/cas/ab/abcdef\n`);
    expect(backup.restoreCheckMessage).toMatch(/^恢复检查通过 Restore check passed: \d+ 张表 tables, \d+ 行 rows, 2 个文件 files$/);

    const page = await list();
    expect(page.items[0]).toEqual(backup);
    expect(page.lastSucceeded).toEqual(backup);
    expect(page.schedule).toEqual({ cron: '0 2 * * 0', timeZone: 'Asia/Shanghai', keep: 2, dir: t.config.backupDir });
    const [audit] = rowsOf<{ action: string; actor_name: string }>(
      await t.database.db.execute(sql`select action, actor_name from audit_log where entity = 'backup' and entity_id = ${String(backup.id)}`),
    );
    expect(audit).toEqual({ action: 'create', actor_name: '系统管理员' });
  });

  it('the master key is never in a backup, also when it was configured inside the files or data folder', async () => {
    const key = fs.readFileSync(t.config.keyFile);
    const [first] = (await list()).items;
    expect(backupBytes(first!.path).some((b) => b.includes(key))).toBe(false);

    const insideKey = path.join(t.config.filesDir, 'secret', 'master.key');
    fs.writeFileSync(insideKey, key, { mode: 0o600 });
    try {
      t.clock.advanceMinutes(1);
      const backup = await createBackup(
        { config: { ...t.config, keyFile: insideKey }, database: t.database, version: '0.1.0' },
        { kind: 'manual', out: path.join(tmp, 'key-check'), actor: null, ip: null, via: 'cli' },
      );
      expect(readManifest(backup.path).files.map((f) => f.path)).toEqual(['cas/ab/abcdef', 'secret/s1']);
      expect(backupBytes(backup.path).some((b) => b.includes(key))).toBe(false);
    } finally {
      fs.rmSync(insideKey);
    }
  });

  it('one backup at a time: a second request meanwhile gets 409 BACKUP_RUNNING', async () => {
    t.clock.advanceMinutes(1);
    const [a, b] = await Promise.all([admin.post('/api/system/backups'), admin.post('/api/system/backups')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'BACKUP_RUNNING', message: '已有备份正在进行，请稍后再试' });
  });

  it('retention keeps the newest config.backupKeep (2) backups; the older records are marked pruned', async () => {
    t.clock.advanceMinutes(1);
    expect((await admin.post('/api/system/backups')).statusCode).toBe(201);
    const kept = folders(t.config.backupDir);
    expect(kept).toEqual(['opsdesk-backup-20261126-100200', 'opsdesk-backup-20261126-100300']);
    const page = await list();
    const inDir = page.items.filter((b) => path.dirname(b.path) === t.config.backupDir);
    expect(inDir.map((b) => [path.basename(b.path), b.prunedAt !== null])).toEqual([
      ['opsdesk-backup-20261126-100300', false],
      ['opsdesk-backup-20261126-100200', false],
      ['opsdesk-backup-20261126-100000', true],
    ]);
  });

  it('the restore check fails on a tampered backup and names the file', async () => {
    const [newest] = (await list()).items;
    const file = path.join(newest!.path, 'files', 'secret', 's1');
    fs.writeFileSync(file, 'tampered');
    const check = await restoreCheck(t.database, newest!.path);
    expect(check.passed).toBe(false);
    expect(check.message).toContain('files/secret/s1: 校验和不符 checksum mismatch');
  });
});

describe('DOC-7 the command line’s local token', { timeout: 120_000 }, () => {
  it('is accepted from loopback, may choose the folder, and backs up without touching retention', async () => {
    t.clock.advanceMinutes(1);
    const before = folders(t.config.backupDir);
    const res = await local({ payload: { out: path.join(tmp, 'cli-out') } });
    expect(res.statusCode).toBe(201);
    expect(res.json<TBackup>()).toMatchObject({ kind: 'manual', actorName: null, restoreCheck: 'passed' });
    expect(folders(path.join(tmp, 'cli-out'))).toEqual(['opsdesk-backup-20261126-100400']);
    expect(folders(t.config.backupDir)).toEqual(before);
  });

  it('401 for a wrong token, or where the server has none; 403 from another machine or through a proxy', async () => {
    expect((await local({ token: 'wrong' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/system/backups', headers: { [LOCAL_TOKEN_HEADER]: TOKEN } })).statusCode).toBe(401);
    expect((await local({ remoteAddress: '10.0.0.5' })).statusCode).toBe(403);
    expect((await local({ headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
    const listed = await tokenApp.inject({ method: 'GET', url: '/api/system/backups', remoteAddress: '127.0.0.1', headers: { [LOCAL_TOKEN_HEADER]: TOKEN } });
    expect(listed.statusCode).toBe(200);
  });

  it('a backup that cannot be written is recorded as failed and answered 500 BACKUP_FAILED', async () => {
    const blocker = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const res = await local({ payload: { out: blocker } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'BACKUP_FAILED', message: expect.stringMatching(/^备份失败：/) });
    expect((await list()).items[0]).toMatchObject({ status: 'failed', restoreCheck: null, path: blocker, message: expect.any(String) });
  });
});

describe('DOC-7 the scheduled backup job', { timeout: 120_000 }, () => {
  it('runs through the queue and records its restore-check result', async () => {
    t.clock.advanceMinutes(1);
    const id = await t.app.jobs.send(BACKUP_JOB);
    expect(await t.app.jobs.drain([BACKUP_JOB])).toEqual({ completed: 1, failed: [] });
    const newest = (await list()).items[0]!;
    expect(newest).toMatchObject({ kind: 'scheduled', status: 'succeeded', restoreCheck: 'passed', actorName: null });
    expect(await t.app.jobs.job(BACKUP_JOB, id!)).toMatchObject({ state: 'completed', output: { backupId: newest.id, restoreCheck: 'passed' } });
    expect(folders(t.config.backupDir)).toHaveLength(2);
  });

  it('is scheduled weekly (Sunday 02:00 company time) and runs end to end through a pg-boss worker', async () => {
    await t.app.jobs.stop();
    await t.app.jobs.start({ background: true, pollingIntervalSeconds: 0.5 });
    try {
      // Other modules schedule their own jobs (e.g. the ALL-2 reminder scanner every minute).
      expect(await t.app.jobs.schedules()).toContainEqual({ name: BACKUP_JOB, cron: '0 2 * * 0', timezone: 'Asia/Shanghai' });
      t.clock.advanceMinutes(1);
      const id = (await t.app.jobs.send(BACKUP_JOB))!;
      let job = await t.app.jobs.job(BACKUP_JOB, id);
      // Bounded poll in 50 ms steps: the worker runs on pg-boss's own loop.
      for (let i = 0; i < 400 && job?.state !== 'completed' && job?.state !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = await t.app.jobs.job(BACKUP_JOB, id);
      }
      expect(job).toMatchObject({ state: 'completed', output: { restoreCheck: 'passed' } });
      expect((await list()).items[0]).toMatchObject({ kind: 'scheduled', restoreCheck: 'passed', startedAt: t.clock.now().toISOString() });
    } finally {
      await t.app.jobs.stop();
      await t.app.jobs.start();
    }
  });
});
