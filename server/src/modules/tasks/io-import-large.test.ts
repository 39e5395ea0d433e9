import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TErrorBody, TImportJob } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { csvOf, uploadSheet } from '../../../test/imports.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { importRunner } from '../../platform/import/runner.ts';
import { departments } from '../org/schema.ts';
import { expectWordsInStep } from './testing.ts';
import { tasks } from './schema.ts';

const ROWS = 10_000;
const BAD_ROW = 6_543; // as Excel numbers it: the header is row 1
const HEADERS = ['任务编号', '任务名称', '负责人', '开始时间', '截止时间', '当前进度(%/阶段)', '完成状态(未开始/进行中/已完成/延期)', '交付成果', '验收意见', '备注'];

let t: TestApp;
let head: Client;

beforeAll(async () => {
  t = await startTestApp();
  const stamp = t.clock.now().toISOString();
  const [market] = await t.database.db.insert(departments).values({ name: '市场部', code: 'SC', createdAt: stamp, updatedAt: stamp }).returning();
  const li = await makePerson(t.database, { username: 'big.lisi', name: '李四', departmentId: market!.id, roles: ['department_head', 'employee'] });
  await t.database.db.update(departments).set({ headId: li.id }).where(eq(departments.id, market!.id));
  await makePerson(t.database, { username: 'big.xiaowang', name: '小王', departmentId: market!.id });
  head = await login(t.app, 'big.lisi', PASSWORD);
});
afterAll(() => t.close());

const taskRow = (i: number) => [
  `T2025${String(1 + (i % 12)).padStart(2, '0')}${String(i).padStart(5, '0')}`,
  `客户数据整理${i}`,
  i % 3 ? '小王' : '李四',
  '2025-01-06',
  '2025-03-28',
  `${i % 101}%(第${i}阶段)`,
  i % 2 ? '进行中' : '延期',
  '整理后的客户数据表',
  '',
  '需核对异常数据',
];
const taskCount = async () => (await t.database.db.select({ n: count() }).from(tasks))[0]!.n;

async function importTasks(fileName: string, data: Buffer | string): Promise<TImportJob> {
  const res = await uploadSheet(head, fileName, data, 'tasks');
  expect(res.statusCode, res.body).toBe(202);
  await importRunner(t.app).idle();
  return (await head.get(`/api/imports/${res.json<TImportJob>().id}`)).json<TImportJob>();
}

/** 10,000 tasks written with exceljs' streaming writer, as a big export would be. */
async function bigWorkbook(bad: { row: number; dueDate: string }): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('任务跟踪表');
  sheet.addRow(HEADERS).commit();
  for (let i = 1; i <= ROWS; i++) {
    const values = taskRow(i);
    if (i + 1 === bad.row) values[4] = bad.dueDate;
    sheet.addRow(values).commit();
  }
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

describe('ALL-5 任务跟踪表 import at scale: 10,000 rows, all or nothing', () => {
  it('one bad row among 10,000 (.xlsx): the row and the field are named, the commit writes nothing', { timeout: 180_000 }, async () => {
    const before = await taskCount();
    const job = await importTasks('任务跟踪表.xlsx', await bigWorkbook({ row: BAD_ROW, dueDate: '2025-02-30' }));
    expect(job).toMatchObject({ status: 'ready', errorCount: 1, progress: { rowsRead: ROWS, rowsTotal: ROWS, percent: 100 } });
    expect(job.errors).toEqual([{ row: BAD_ROW, column: '截止时间', field: 'dueDate', message: '截止时间：日期格式应为 YYYY-MM-DD' }]);

    const res = await head.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json<TErrorBody>()).toMatchObject({ code: 'IMPORT_HAS_ERRORS', params: { count: 1 } });
    expect(await taskCount()).toBe(before);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'import'))).toEqual([]);
  });

  it('TSK-1 a blank number never takes a number the same file keeps for a later batch (commit batches of 1,000)', { timeout: 120_000 }, async () => {
    // The test clock is in November 2026, so the numbering service would hand out T20261101 first.
    const rows = Array.from({ length: 1_001 }, (_, i) => {
      const row = taskRow(i + 1);
      row[0] = i === 0 ? '' : i === 1_000 ? 'T20261101' : `T202401${String(i).padStart(4, '0')}`;
      return row;
    });
    const job = await importTasks('任务跟踪表.csv', csvOf([HEADERS, ...rows]));
    expect(job).toMatchObject({ status: 'ready', errorCount: 0 });
    expect((await head.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(200);
    const numbered = async (name: string) => (await t.database.db.select({ number: tasks.number }).from(tasks).where(eq(tasks.name, name)))[0]?.number;
    expect(await numbered('客户数据整理1')).toBe('T20261102');
    expect(await numbered('客户数据整理1001')).toBe('T20261101');
  });

  it('a good file of 10,000 rows (.csv) imports in one transaction, numbers kept', { timeout: 300_000 }, async () => {
    const before = await taskCount();
    const job = await importTasks('任务跟踪表.csv', csvOf([HEADERS, ...Array.from({ length: ROWS }, (_, i) => taskRow(i + 1))]));
    expect(job).toMatchObject({ status: 'ready', errorCount: 0, progress: { rowsRead: ROWS, rowsTotal: ROWS } });
    const res = await head.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TImportJob>()).toMatchObject({ status: 'committed', committedCount: ROWS });
    expect(await taskCount()).toBe(before + ROWS);
    const [last] = await t.database.db.select().from(tasks).where(eq(tasks.number, taskRow(ROWS)[0]!));
    expect(last).toMatchObject({ name: `客户数据整理${ROWS}`, progress: ROWS % 101, stage: `第${ROWS}阶段`, status: 'in_progress' });
    await expectWordsInStep(t.database);
  });
});
