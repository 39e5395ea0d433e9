import ExcelJS from 'exceljs';
import { and, count, eq, sql } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TErrorBody, TImportJob } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, loginAdmin, startTestApp } from '../../../test/harness.ts';
import { PEOPLE_HEADERS, csvOf, importSheet } from '../../../test/imports.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { importRows } from '../../platform/import/schema.ts';
import { departments, people } from './schema.ts';

const ROWS = 100_000;
const BAD_ROW = 61_234; // as Excel numbers it: the header is row 1

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  await loginAdmin(t.app);
  admin = await login(t.app, 'admin', PASSWORD);
  const stamp = t.clock.now().toISOString();
  await t.database.db.insert(departments).values({ name: '运营部', code: 'YY', createdAt: stamp, updatedAt: stamp });
});
afterAll(() => t.close());

const personRow = (i: number) => [`E${i}`, `员工${i}`, `bulk${i}`, i % 2 ? '运营部' : 'YY', '专员', `139${String(i).padStart(8, '0')}`, `bulk${i}@example.cn`, '员工', '启用'];
const peopleCount = async () => (await t.database.db.select({ n: count() }).from(people))[0]!.n;

/** 100,000 people written with exceljs' streaming writer, as a big export would be. */
async function bigWorkbook(bad: { row: number; email: string }): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('人员名册');
  sheet.addRow(PEOPLE_HEADERS).commit();
  for (let i = 1; i <= ROWS; i++) {
    const values = personRow(i);
    if (i + 1 === bad.row) values[6] = bad.email;
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

describe('ALL-1/ALL-5 import at scale: 100,000 rows, all or nothing', () => {
  it('one bad row among 100,000 (.xlsx): the row and the column are named, the commit writes nothing', { timeout: 180_000 }, async () => {
    const before = await peopleCount();
    const job = await importSheet(t.app, admin, '十万人.xlsx', await bigWorkbook({ row: BAD_ROW, email: 'not-an-address' }));
    expect(job).toMatchObject({ status: 'ready', errorCount: 1, progress: { rowsRead: ROWS, rowsTotal: ROWS, percent: 100 } });
    expect(job.errors).toEqual([{ row: BAD_ROW, column: '邮箱', field: 'email', message: '邮箱：邮箱格式不正确' }]);

    const res = await admin.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json<TErrorBody>()).toMatchObject({ code: 'IMPORT_HAS_ERRORS', params: { count: 1 } });
    expect(await peopleCount()).toBe(before);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'import'))).toEqual([]);
  });

  it('a good file of 100,000 rows (.csv) imports in one transaction: every row is there', { timeout: 180_000 }, async () => {
    const before = await peopleCount();
    const rows: string[][] = [PEOPLE_HEADERS];
    for (let i = 1; i <= ROWS; i++) rows.push(personRow(i));
    const job = await importSheet(t.app, admin, '十万人.csv', csvOf(rows));
    expect(job).toMatchObject({ status: 'ready', errorCount: 0, progress: { rowsRead: ROWS, rowsTotal: ROWS } });

    const res = await admin.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TImportJob>()).toMatchObject({ status: 'committed', committedCount: ROWS });
    expect(await peopleCount()).toBe(before + ROWS);
    const [yy] = await t.database.db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'YY'));
    const [inDept] = await t.database.db
      .select({ n: count() })
      .from(people)
      .where(and(eq(people.departmentId, yy!.id), sql`${people.username} like 'bulk%'`));
    expect(inDept!.n).toBe(ROWS);
    const [last] = await t.database.db.select().from(people).where(eq(people.username, `bulk${ROWS}`));
    expect(last).toMatchObject({ employeeNo: `E${ROWS}`, phone: `139${String(ROWS).padStart(8, '0')}`, roles: ['employee'], active: true });
    expect(await t.database.db.select({ n: count() }).from(importRows).where(eq(importRows.jobId, job.id))).toEqual([{ n: 0 }]);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'import'));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.changes).toMatchObject({ rows: { after: ROWS } });
  });
});
