import ExcelJS from 'exceljs';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TErrorBody, TImportErrorsPage, TImportJob } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { PEOPLE_HEADERS, csvOf, importSheet, uploadSheet } from '../../../test/imports.ts';
import { formData } from '../../../test/multipart.ts';
import { people } from '../../modules/org/schema.ts';
import { auditLog } from '../audit/schema.ts';
import { importRunner } from './runner.ts';
import { importJobs, importRows } from './schema.ts';

let t: TestApp;
let admin: Client;
let otherAdmin: Client;
let staff: Client;

beforeAll(async () => {
  t = await startTestApp();
  await loginAdmin(t.app);
  admin = await login(t.app, 'admin', PASSWORD);
  await makePerson(t.database, { username: 'imp.admin2', roles: ['admin'] });
  otherAdmin = await login(t.app, 'imp.admin2', PASSWORD);
  await makePerson(t.database, { username: 'imp.staff' });
  staff = await login(t.app, 'imp.staff', PASSWORD);
});
afterAll(() => t.close());

const peopleCount = async () => (await t.database.db.select({ n: count() }).from(people))[0]!.n;
const person = (i: number, extra: Partial<Record<string, string>> = {}) => {
  const row: Record<string, string> = { 工号: `G${i}`, 姓名: `导入${i}`, 用户名: `imp${i}`, 部门: '', 职务: '', 手机号: '', 邮箱: '', 角色: '', 状态: '', ...extra };
  return PEOPLE_HEADERS.map((h) => row[h] ?? '');
};
const sheetOf = (from: number, to: number, extra: (i: number) => Partial<Record<string, string>> = () => ({})) => {
  const rows = [PEOPLE_HEADERS];
  for (let i = from; i <= to; i++) rows.push(person(i, extra(i)));
  return csvOf(rows);
};

describe('ALL-5/ALL-7 imports: sign-in, permissions and bad requests', () => {
  it('401 on every import endpoint without a session', async () => {
    const form = formData([{ name: 'file', filename: 'a.csv', data: sheetOf(1, 1) }]);
    const calls = [
      { method: 'POST' as const, url: '/api/imports/people', payload: form.payload, headers: form.headers },
      { method: 'GET' as const, url: '/api/imports/1' },
      { method: 'GET' as const, url: '/api/imports/1/errors' },
      { method: 'POST' as const, url: '/api/imports/1/commit' },
      { method: 'GET' as const, url: '/api/imports/people/template' },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, call.url).toBe(401);
      expect(res.json<TErrorBody>().code).toBe('UNAUTHENTICATED');
    }
  });

  it('403 for someone who may not import the kind (people: admins only), before the file is read', async () => {
    expect((await uploadSheet(staff, 'a.csv', sheetOf(1, 1))).statusCode).toBe(403);
    expect((await staff.get('/api/imports/people/template')).statusCode).toBe(403);
    const job = await importSheet(t.app, admin, 'a.csv', sheetOf(1, 1));
    for (const res of [await staff.get(`/api/imports/${job.id}`), await staff.get(`/api/imports/${job.id}/errors`), await staff.post(`/api/imports/${job.id}/commit`)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json<TErrorBody>().code).toBe('FORBIDDEN');
    }
    // Another admin's job is none of yours: it reads as not found.
    expect((await otherAdmin.get(`/api/imports/${job.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(404);
  });

  it('400 naming the field: no file, wrong type, a renamed file, an unknown kind, bad ids and paging', async () => {
    const noFile = await admin.post('/api/imports/people', { x: 1 });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: 'VALIDATION', field: 'file', message: '文件：必填' });
    const txt = await uploadSheet(admin, 'people.txt', 'x');
    expect(txt.statusCode).toBe(400);
    expect(txt.json()).toMatchObject({ code: 'IMPORT_FILE_TYPE', field: 'file', message: '文件只能是 Excel（.xlsx）或 CSV（.csv）格式' });
    const fake = await uploadSheet(admin, 'people.xlsx', 'not a zip');
    expect(fake.json()).toMatchObject({ code: 'IMPORT_FILE_TYPE', field: 'file' });
    expect((await uploadSheet(admin, 'empty.csv', '')).json()).toMatchObject({ code: 'VALIDATION', field: 'file' });
    const kind = await uploadSheet(admin, 'a.csv', 'x', 'rockets');
    expect(kind.statusCode).toBe(400);
    expect(kind.json<TErrorBody>().field).toBe('kind');
    expect((await admin.get('/api/imports/abc')).json<TErrorBody>().field).toBe('id');
    expect((await admin.get('/api/imports/1/errors?page=0')).json<TErrorBody>().field).toBe('page');
    expect((await admin.post('/api/imports/abc/commit')).json<TErrorBody>().field).toBe('id');
    expect((await admin.get('/api/imports/people/template?format=pdf')).json<TErrorBody>().field).toBe('format');
    expect((await admin.get('/api/imports/999999')).statusCode).toBe(404);
  });

  it('413 over the upload limit, and nothing is kept', async () => {
    const small = await startTestApp({ maxUploadBytes: 2048 });
    try {
      await loginAdmin(small.app);
      const a = await login(small.app, 'admin', PASSWORD);
      const res = await uploadSheet(a, 'big.csv', sheetOf(1, 200));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
      expect(await small.database.db.select().from(importJobs)).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('imports: background read with progress (UX: a progress bar on large files)', () => {
  it('answers 202 at once; progress is written every batch and can be watched mid-read', async () => {
    const runner = importRunner(t.app);
    runner.batchSize = 10;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: (rows: number) => void;
    const firstBatch = new Promise<number>((resolve) => (reached = resolve));
    const seen: number[] = [];
    runner.onProgress = async (_id, rows) => {
      seen.push(rows);
      if (seen.length === 1) {
        reached(rows);
        await gate; // the reader waits here while the test looks at the job
      }
    };
    try {
      const res = await uploadSheet(admin, '进度.csv', sheetOf(1001, 1035));
      expect(res.statusCode).toBe(202);
      const started = res.json<TImportJob>();
      expect(started).toMatchObject({ status: 'reading', fileName: '进度.csv', format: 'csv', progress: { rowsRead: 0, rowsTotal: null } });

      expect(await firstBatch).toBe(10);
      const mid = (await admin.get(`/api/imports/${started.id}`)).json<TImportJob>();
      expect(mid.status).toBe('reading');
      expect(mid.progress.rowsRead).toBe(10);
      expect(mid.progress.rowsTotal).toBeNull();
      expect(mid.progress.percent).toBeGreaterThan(0);
      expect(mid.progress.percent).toBeLessThan(100);
      expect((await admin.post(`/api/imports/${started.id}/commit`)).json<TErrorBody>().code).toBe('IMPORT_NOT_READY');

      release();
      await runner.idle();
      expect(seen).toEqual([10, 20, 30, 35]);
      const done = (await admin.get(`/api/imports/${started.id}`)).json<TImportJob>();
      expect(done).toMatchObject({ status: 'ready', errorCount: 0, progress: { rowsRead: 35, rowsTotal: 35, percent: 100 } });
      expect(done.columns).toEqual(PEOPLE_HEADERS);
      expect(done.preview).toHaveLength(20);
      expect(done.preview[0]).toEqual({ row: 2, values: { 工号: 'G1001', 姓名: '导入1001', 用户名: 'imp1001', 部门: '', 职务: '', 手机号: '', 邮箱: '', 角色: '', 状态: '' } });
    } finally {
      runner.batchSize = 1000;
      runner.onProgress = null;
      release();
    }
  });
});

describe('ALL-5 imports: preview with per-row errors naming the field, then all or nothing (nothing written when any row is invalid)', () => {
  it('names the row as Excel shows it and the column; pages the errors; refuses the commit; writes nothing', async () => {
    const before = await peopleCount();
    const data = sheetOf(2001, 2030, (i) => (i === 2005 ? { 邮箱: 'not-mail' } : i === 2020 ? { 姓名: '', 状态: '离职' } : {}));
    const job = await importSheet(t.app, admin, 'errors.csv', data);
    expect(job.status).toBe('ready');
    expect(job.errorCount).toBe(3);
    expect(job.errors).toEqual([
      { row: 6, column: '邮箱', field: 'email', message: '邮箱：邮箱格式不正确' },
      { row: 21, column: '姓名', field: 'name', message: '姓名：必填' },
      { row: 21, column: '状态', field: 'active', message: '状态：只能填写“启用”或“停用”' },
    ]);
    const page = (await admin.get(`/api/imports/${job.id}/errors?page=2&pageSize=2`)).json<TImportErrorsPage>();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ row: 21, field: 'active' }] });

    const commit = await admin.post(`/api/imports/${job.id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json()).toMatchObject({ code: 'IMPORT_HAS_ERRORS', message: '文件中有 3 处错误，未写入任何数据；请修改后重新上传' });
    expect(await peopleCount()).toBe(before);
  });

  it('finds values repeated within the file, naming the first row', async () => {
    const data = sheetOf(2101, 2104, (i) => (i === 2103 ? { 用户名: 'IMP2101' } : i === 2104 ? { 工号: 'G2102' } : {}));
    const job = await importSheet(t.app, admin, 'dups.csv', data);
    expect(job.errors).toEqual([
      { row: 4, column: '用户名', field: 'username', message: '用户名：“IMP2101”与第 2 行重复' },
      { row: 5, column: '工号', field: 'employeeNo', message: '工号：“G2102”与第 3 行重复' },
    ]);
  });

  it('writes the messages in the uploader’s language', async () => {
    await makePerson(t.database, { username: 'imp.en', roles: ['admin'], locale: 'en-US' });
    const en = await login(t.app, 'imp.en', PASSWORD);
    const job = await importSheet(t.app, en, 'en.csv', sheetOf(2201, 2201, () => ({ 邮箱: 'x' })));
    expect(job.errors[0]?.message).toBe('邮箱: is not a valid e-mail address');
  });

  it('a good file commits in one go: all rows, one audit row, and cannot be committed twice', async () => {
    const before = await peopleCount();
    const job = await importSheet(t.app, admin, 'good.csv', sheetOf(2301, 2340));
    const res = await admin.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TImportJob>()).toMatchObject({ status: 'committed', committedCount: 40, committedAt: '2026-11-26T02:00:00.000Z' });
    expect(await peopleCount()).toBe(before + 40);
    expect(await t.database.db.select().from(importRows).where(eq(importRows.jobId, job.id))).toEqual([]);
    // ALL-4: one audit row for the whole import, enough to trace every record back to the file.
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'import'), eq(auditLog.entityId, String(job.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'commit', actorId: admin.userId });
    const note = Object.fromEntries(Object.entries(audits[0]!.changes).map(([k, v]) => [k, (v as { after: unknown }).after]));
    expect(note).toMatchObject({ kind: 'people', entity: 'person', fileName: 'good.csv', rows: 40 });
    expect(note.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const created = await t.database.db.select({ id: people.id }).from(people).where(sql`${people.username} like 'imp23%'`);
    expect(created).toHaveLength(40);
    expect(Math.min(...created.map((p) => p.id))).toBe(note.firstId);
    expect(Math.max(...created.map((p) => p.id))).toBe(note.lastId);
    const again = await admin.post(`/api/imports/${job.id}/commit`);
    expect(again.statusCode).toBe(409);
    expect(again.json<TErrorBody>().code).toBe('IMPORT_NOT_READY');
  });

  it('checks the database again at commit: a username taken since the preview refuses the whole import', async () => {
    const before = await peopleCount();
    const job = await importSheet(t.app, admin, 'race.csv', sheetOf(2401, 2405));
    expect(job.errorCount).toBe(0);
    const created = await admin.post('/api/people', { username: 'imp2404', name: '抢先一步' });
    expect(created.statusCode).toBe(201);
    const res = await admin.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'IMPORT_HAS_ERRORS', params: { count: 1 } });
    expect(await peopleCount()).toBe(before + 1);
    const after = (await admin.get(`/api/imports/${job.id}`)).json<TImportJob>();
    expect(after).toMatchObject({ status: 'ready', errorCount: 1, errors: [{ row: 5, column: '用户名', message: '用户名：“imp2404”已存在' }] });
  });
});

describe('imports: files that cannot be imported', () => {
  it('missing required columns, no data rows, malformed CSV: the job fails and says why', async () => {
    const missing = await importSheet(t.app, admin, 'cols.csv', csvOf([['工号', '姓名'], ['1', '张三']]));
    expect(missing).toMatchObject({ status: 'failed', failure: '缺少必填列：用户名。请使用导入模板，第一行为列标题' });
    const empty = await importSheet(t.app, admin, 'empty.csv', csvOf([PEOPLE_HEADERS]));
    expect(empty).toMatchObject({ status: 'failed', failure: '文件中没有数据行' });
    const broken = await importSheet(t.app, admin, 'broken.csv', `${PEOPLE_HEADERS.join(',')}\r\n"G1,张三,zs\r\n`);
    expect(broken).toMatchObject({ status: 'failed' });
    expect(broken.failure).toMatch(/CSV 格式有误/);
    expect((await admin.post(`/api/imports/${broken.id}/commit`)).json<TErrorBody>().code).toBe('IMPORT_NOT_READY');
  });

  it('a damaged .xlsx fails the job instead of hanging', async () => {
    const zipHead = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    const job = await importSheet(t.app, admin, 'damaged.xlsx', zipHead);
    expect(job).toMatchObject({ status: 'failed', failure: '文件无法读取，请确认是 Excel（.xlsx）或 CSV 文件' });
  });

  it('a read that lost its process (restart) shows as failed once it has been silent for 10 minutes', async () => {
    const stamp = t.clock.now().toISOString();
    const [stuck] = await t.database.db
      .insert(importJobs)
      .values({ kind: 'people', status: 'reading', fileName: 'x.csv', format: 'csv', fileSha256: '0', bytesTotal: 10, locale: 'zh-CN', createdBy: admin.userId, createdAt: stamp, updatedAt: stamp })
      .returning();
    expect((await admin.get(`/api/imports/${stuck!.id}`)).json<TImportJob>().status).toBe('reading');
    t.clock.advanceMinutes(11);
    expect((await admin.get(`/api/imports/${stuck!.id}`)).json<TImportJob>()).toMatchObject({ status: 'failed', failure: '读取中断（服务器重启），请重新上传' });
  });

  it('a preview left uncommitted for a day expires: its staged rows are dropped', async () => {
    const old = await importSheet(t.app, admin, 'old.csv', sheetOf(2501, 2503));
    expect(old.status).toBe('ready');
    t.clock.advanceMinutes(25 * 60);
    await importSheet(t.app, admin, 'new.csv', sheetOf(2601, 2601));
    expect((await admin.get(`/api/imports/${old.id}`)).json<TImportJob>()).toMatchObject({ status: 'failed', failure: '预览已超过 24 小时未导入，已失效，请重新上传' });
    expect(await t.database.db.select().from(importRows).where(eq(importRows.jobId, old.id))).toEqual([]);
  });
});

describe('imports: template', () => {
  it('downloads the empty template with the headers, named after the list', async () => {
    const res = await admin.get('/api/imports/people/template?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('人员名册导入模板-')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...PEOPLE_HEADERS]);
    expect(book.worksheets[0]!.rowCount).toBe(1);
  });
});
