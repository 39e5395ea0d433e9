import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry, TFileMeta } from '@opsdesk/contract';
import { rowsOf } from '../access/scope.ts';
import { PASSWORD, type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { type FormPart, formData } from '../../../test/multipart.ts';

const LIMIT = 64 * 1024;
let t: TestApp;
let alice: Client;
let bob: Client;
let auditor: Client;
beforeAll(async () => {
  t = await startTestApp({ maxUploadBytes: LIMIT });
  await makePerson(t.database, { username: 'alice', name: '王芳' });
  await makePerson(t.database, { username: 'bob', name: '李强' });
  await makePerson(t.database, { username: 'auditor', name: '孙丽', roles: ['auditor'] });
  [alice, bob, auditor] = await Promise.all([login(t.app, 'alice', PASSWORD), login(t.app, 'bob', PASSWORD), login(t.app, 'auditor', PASSWORD)]);
});
afterAll(() => t.close());

const upload = (client: Client, parts: FormPart[], headers: Record<string, string> = {}) => {
  const form = formData(parts);
  return client.post('/api/files', form.payload, { ...form.headers, ...headers });
};
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];
const fileCount = async () => rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from files`))[0]!.n;

describe('POST /api/files', () => {
  it('401 without login', async () => {
    const form = formData([{ name: 'file', filename: 'a.txt', data: 'x' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: form.payload, headers: form.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('403 without the CSRF token', async () => {
    const res = await upload(alice, [{ name: 'file', filename: 'a.txt', data: 'x' }], { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it('400 naming the file field when no file is sent, or the body is not multipart', async () => {
    const none = await upload(alice, [{ name: 'secret', value: 'false' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'VALIDATION', field: 'file', message: '文件：必填' });
    const json = await alice.post('/api/files', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().field).toBe('file');
  });

  it('400 naming the secret field for a bad value, or when it comes after the file (storage is chosen by then)', async () => {
    const bad = await upload(alice, [{ name: 'secret', value: 'maybe' }, { name: 'file', filename: 'a.txt', data: 'x' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'secret' });
    const before = await fileCount();
    const late = await upload(alice, [{ name: 'file', filename: 'a.txt', data: 'x' }, { name: 'secret', value: 'true' }]);
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ code: 'VALIDATION', field: 'secret' });
    expect(await fileCount()).toBe(before);
  });

  it('round trip with a Chinese file name: metadata, then the same bytes as an attachment', async () => {
    const content = '第一季度经营分析：营收同比增长 12%。\n';
    const res = await upload(alice, [{ name: 'file', filename: '2026年第一季度经营分析（终稿）.txt', type: 'text/plain; charset=utf-8', data: content }]);
    expect(res.statusCode).toBe(201);
    const meta = res.json<TFileMeta>();
    expect(meta).toMatchObject({
      fileName: '2026年第一季度经营分析（终稿）.txt',
      size: Buffer.byteLength(content),
      mimeType: 'text/plain',
      sha256: sha256(content),
      secret: false,
      ownerType: null,
      ownerId: null,
      uploadedBy: alice.userId,
      uploadedByName: '王芳',
      createdAt: t.clock.now().toISOString(),
      previewable: false,
    });

    const got = await alice.get(`/api/files/${meta.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe(content);
    expect(got.headers['content-type']).toBe('text/plain');
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(content)));
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="2026${'_'.repeat(13)}.txt"; filename*=UTF-8''${encodeURIComponent('2026年第一季度经营分析（终稿）.txt')}`,
    );
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe("sandbox; default-src 'none'");

    const again = await alice.get(`/api/files/${meta.id}/meta`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(meta);
  });

  it('stores identical ordinary content once (content-addressed), under cas/ab/cd/<sha256>', async () => {
    const content = `会议纪要 ${'内容'.repeat(500)}`;
    const digest = sha256(content);
    const a = (await upload(alice, [{ name: 'file', filename: '纪要.txt', type: 'text/plain', data: content }])).json<TFileMeta>();
    const b = (await upload(bob, [{ name: 'file', filename: '纪要-副本.txt', type: 'text/plain', data: content }])).json<TFileMeta>();
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(digest);
    expect(b.sha256).toBe(digest);
    const blob = path.join(t.config.filesDir, 'cas', digest.slice(0, 2), digest.slice(2, 4), digest);
    expect(fs.readFileSync(blob, 'utf8')).toBe(content);
    expect(filesUnder(path.join(t.config.filesDir, 'cas')).filter((f) => f.endsWith(digest))).toEqual([blob]);
    expect(filesUnder(path.join(t.config.filesDir, 'tmp'))).toEqual([]);
    expect((await bob.get(`/api/files/${b.id}`)).body).toBe(content);
  });

  it('413 naming the file field over the size limit, in the caller’s language; nothing kept', async () => {
    const before = await fileCount();
    const casBefore = filesUnder(path.join(t.config.filesDir, 'cas')).length;
    const res = await upload(alice, [{ name: 'file', filename: '大文件.bin', data: Buffer.alloc(LIMIT + 1, 7) }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file', message: '文件过大：单个文件不能超过 64 KB' });
    await makePerson(t.database, { username: 'emma', name: 'Emma', locale: 'en-US' });
    const en = await upload(await login(t.app, 'emma', PASSWORD), [{ name: 'file', filename: 'big.bin', data: Buffer.alloc(LIMIT + 1000, 7) }]);
    expect(en.statusCode).toBe(413);
    expect(en.json().message).toBe('File is too large: each file may be at most 64 KB');
    const secret = await upload(alice, [{ name: 'secret', value: 'true' }, { name: 'file', filename: '大文件.bin', data: Buffer.alloc(LIMIT * 2, 7) }]);
    expect(secret.statusCode).toBe(413);
    expect(await fileCount()).toBe(before);
    expect(filesUnder(path.join(t.config.filesDir, 'cas'))).toHaveLength(casBefore);
    expect(filesUnder(path.join(t.config.filesDir, 'secret'))).toEqual([]);
    expect(filesUnder(path.join(t.config.filesDir, 'tmp'))).toEqual([]);
    // Exactly at the limit is allowed.
    expect((await upload(alice, [{ name: 'file', filename: 'edge.bin', data: Buffer.alloc(LIMIT, 8) }])).statusCode).toBe(201);
  });

  it('ALL-4 writes an audit row for every upload', async () => {
    const meta = (await upload(bob, [{ name: 'file', filename: '报价单.txt', type: 'text/plain', data: '报价' }])).json<TFileMeta>();
    const res = await auditor.get(`/api/audit?entity=file&entityId=${meta.id}`);
    const items = res.json().items as TAuditEntry[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'upload',
      actorId: bob.userId,
      actorName: '李强',
      changes: { fileName: { before: null, after: '报价单.txt' }, size: { after: 6 }, secret: { after: false }, sha256: { after: meta.sha256 } },
    });
  });
});

describe('ALL-7 reading an unattached file', () => {
  it('only its uploader may: anyone else, the administrator included, gets 404 as for a missing file', async () => {
    const meta = (await upload(alice, [{ name: 'file', filename: '草稿.txt', type: 'text/plain', data: '草稿' }])).json<TFileMeta>();
    const admin = await loginAdmin(t.app);
    for (const client of [bob, admin]) {
      const content = await client.get(`/api/files/${meta.id}`);
      expect(content.statusCode).toBe(404);
      expect(content.json().code).toBe('NOT_FOUND');
      expect((await client.get(`/api/files/${meta.id}/meta`)).statusCode).toBe(404);
    }
    const missing = await alice.get('/api/files/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('401 without login; 400 naming the id for a malformed one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/files/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/files/00000000-0000-4000-8000-000000000000/meta' })).statusCode).toBe(401);
    const bad = await alice.get('/api/files/not-an-id');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('id');
  });
});
