import ExcelJS from 'exceljs';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TErrorBody, TImportJob } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { csvOf, uploadSheet } from '../../../test/imports.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { Db, Tx } from '../../db/client.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { deadlineReminders, deadlines } from '../../platform/deadlines/schema.ts';
import { importRunner } from '../../platform/import/runner.ts';
import { sequences } from '../../platform/numbering/schema.ts';
import { departments, people } from '../org/schema.ts';
import { declareDue } from './deadlines.ts';
import { IMPORTED_QUALITY_STANDARD } from './io.rules.ts';
import { taskProgress, tasks } from './schema.ts';
import { expectWordsInStep } from './testing.ts';

/** The 任务跟踪表 headers exactly as the manual's template writes them. */
const HEADERS = ['任务编号', '任务名称', '负责人', '开始时间', '截止时间', '当前进度(%/阶段)', '完成状态(未开始/进行中/已完成/延期)', '交付成果', '验收意见', '备注'];
/** The seed's two rows (operations manual, 任务跟踪表). */
const SEED = [
  ['T20231001', '客户数据整理', '小王', '2023-10-08', '2023-10-15', '70%(已完成数据清洗)', '进行中', '整理后的客户数据表', '待验收', '需核对异常数据'],
  ['T20231002', '月度销售报告撰写', '李四', '2023-10-01', '2023-10-20', '30%(数据收集中)', '进行中', 'Word/PPT报告', '-', '需财务部配合数据'],
];
/** 延期 derived again: both were due in October 2023 and are not done (the test clock is in November 2026). */
const SEED_EXPORTED = SEED.map((r) => [...r.slice(0, 6), '延期', ...r.slice(7)]);

let t: TestApp;
let head: Client; // 李四, head of 市场部
let staff: Client; // 小王
let admin: Client;
let market = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  const stamp = t.clock.now().toISOString();
  const dept = async (name: string, code: string) => (await t.database.db.insert(departments).values({ name, code, createdAt: stamp, updatedAt: stamp }).returning())[0]!.id;
  market = await dept('市场部', 'SC');
  const rd = await dept('研发部', 'YF');
  const li = await makePerson(t.database, { username: 'io.lisi', name: '李四', departmentId: market, roles: ['department_head', 'employee'] });
  const wang = await makePerson(t.database, { username: 'io.xiaowang', name: '小王', departmentId: market });
  await t.database.db.update(departments).set({ headId: li.id }).where(eq(departments.id, market));
  await t.database.db.update(people).set({ employeeNo: 'E0201' }).where(eq(people.id, li.id));
  await t.database.db.update(people).set({ employeeNo: 'E0202' }).where(eq(people.id, wang.id));
  for (const [username, no] of [
    ['io.zhang1', 'E001'],
    ['io.zhang2', 'E002'],
  ] as const) {
    const p = await makePerson(t.database, { username, name: '张三', departmentId: rd });
    await t.database.db.update(people).set({ employeeNo: no }).where(eq(people.id, p.id));
  }
  await makePerson(t.database, { username: 'io.gone', name: '赵九', active: false });
  head = await login(t.app, 'io.lisi', PASSWORD);
  staff = await login(t.app, 'io.xiaowang', PASSWORD);
});
afterAll(() => t.close());

async function importTasks(client: Client, fileName: string, data: Buffer | string): Promise<TImportJob> {
  const res = await uploadSheet(client, fileName, data, 'tasks');
  expect(res.statusCode, res.body).toBe(202);
  await importRunner(t.app).idle();
  return (await client.get(`/api/imports/${res.json<TImportJob>().id}`)).json<TImportJob>();
}

const taskCount = async () => (await t.database.db.select({ n: count() }).from(tasks))[0]!.n;
const exportCsv = async (client: Client, query: string) => {
  const res = await client.get(`/api/tasks/export?format=csv&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n').map((line) => line.split(','));
};

describe('任务跟踪表 export and import: permissions and bad requests', () => {
  it('401 without a session; 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/export' })).statusCode).toBe(401);
    const format = await head.get('/api/tasks/export?format=pdf');
    expect(format.statusCode).toBe(400);
    expect(format.json<TErrorBody>().field).toBe('format');
    expect((await head.get('/api/tasks/export?status=lost')).json<TErrorBody>().field).toBe('status.0');
  });

  it('import: 403 for staff and for the system administrator (三员分立); the template has the exact headers', async () => {
    for (const client of [staff, admin]) {
      const res = await uploadSheet(client, '任务跟踪表.csv', csvOf([HEADERS, SEED[0]!]), 'tasks');
      expect(res.statusCode).toBe(403);
      expect(res.json<TErrorBody>().code).toBe('FORBIDDEN');
    }
    const template = await head.get('/api/imports/tasks/template?format=csv');
    expect(template.statusCode).toBe(200);
    expect(template.rawPayload.subarray(3).toString('utf8')).toBe(`${HEADERS.join(',')}\r\n`);
  });
});

describe('TSK-1/TSK-4 the seed rows round-trip (SPEC: numbers and dates kept, 延期 derived again)', () => {
  it('imports the two rows as given: numbers kept, owners by name, 延期 not stored, TSK-3 default quality standard', async () => {
    const job = await importTasks(head, '任务跟踪表.csv', csvOf([HEADERS, ...SEED]));
    expect(job).toMatchObject({ status: 'ready', errorCount: 0, columns: HEADERS });
    const res = await head.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TImportJob>()).toMatchObject({ status: 'committed', committedCount: 2 });

    const rows = await t.database.db.select().from(tasks).orderBy(tasks.number);
    expect(rows.map((r) => r.number)).toEqual(['T20231001', 'T20231002']);
    expect(rows[0]).toMatchObject({
      name: '客户数据整理',
      startDate: '2023-10-08',
      dueDate: '2023-10-15',
      progress: 70,
      stage: '已完成数据清洗',
      status: 'in_progress',
      deliverable: '整理后的客户数据表',
      qualityStandard: IMPORTED_QUALITY_STANDARD,
      acceptanceOpinion: '待验收',
      remarks: '需核对异常数据',
      departmentId: market,
      creatorId: head.userId,
      doneAt: null,
    });
    expect(rows[0]!.ownerId).toBe(staff.userId);
    expect(rows[1]).toMatchObject({ ownerId: head.userId, acceptanceOpinion: '-', progress: 30, stage: '数据收集中' });
    // The search finds them: the import's one insert wrote their postings too.
    await expectWordsInStep(t.database);
    // TSK-1: the month's counter moved past the kept numbers; TSK-5 the timeline starts; ALL-2 reminders.
    expect(await t.database.db.select().from(sequences).where(eq(sequences.key, 'task:202310'))).toEqual([{ key: 'task:202310', value: 2 }]);
    const timeline = await t.database.db.select().from(taskProgress).where(eq(taskProgress.taskId, rows[0]!.id));
    expect(timeline).toMatchObject([{ progress: 70, stage: '已完成数据清洗', note: '任务跟踪表导入', authorId: head.userId, date: '2026-11-26' }]);
    const due = await t.database.db.select().from(deadlines).where(and(eq(deadlines.entity, 'task'), eq(deadlines.kind, 'due')));
    expect(due.map((d) => d.entityId).sort()).toEqual(rows.map((r) => String(r.id)).sort());
    // ALL-4: one audit row for the import.
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'import'));
    expect(audits.at(-1)?.changes).toMatchObject({ kind: { after: 'tasks' }, rows: { after: 2 } });
  });

  it('ALL-2 the imported tasks’ reminders are exactly what declareDue writes for a task made in the form', async () => {
    const [task] = await t.database.db.select().from(tasks).where(eq(tasks.number, 'T20231002'));
    const remindersOf = async (db: Db | Tx, entityId: string) => {
      const [deadline] = await db.select().from(deadlines).where(and(eq(deadlines.entity, 'task'), eq(deadlines.entityId, entityId), eq(deadlines.kind, 'due')));
      const reminders = await db.select().from(deadlineReminders).where(eq(deadlineReminders.deadlineId, deadline!.id)).orderBy(deadlineReminders.key);
      return {
        deadline: { dueAt: deadline!.dueAt, provisional: deadline!.provisional, ownerId: deadline!.ownerId, subject: deadline!.subject, rule: deadline!.rule },
        reminders: reminders.map((r) => ({ key: r.key, fireAt: r.fireAt, provisional: r.provisional, state: r.state })),
      };
    };
    const imported = await remindersOf(t.database.db, String(task!.id));
    // The one-by-one path, for a task that does not exist, rolled back.
    const expected = await t.database.db
      .transaction(async (tx) => {
        await declareDue(tx, await loadCalendar(tx), t.clock.now(), { ...task!, id: 999_999 });
        const out = await remindersOf(tx, '999999');
        throw Object.assign(new Error('rollback'), { out });
      })
      .catch((err: { out?: Awaited<ReturnType<typeof remindersOf>> }) => err.out);
    expect(imported.reminders.length).toBe(4);
    expect(imported).toEqual(expected);
  });

  it('.csv export gives the template back, with 延期 derived from today', async () => {
    expect(await exportCsv(head, 'scope=all')).toEqual([HEADERS, ...SEED_EXPORTED]);
    const res = await head.get('/api/tasks/export?format=csv&scope=all');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('任务跟踪表-20261126.csv')}`);
  });

  it('uses the list’s filters: 延期 is filterable, scopes are ALL-7, search, order', async () => {
    const numbers = async (client: Client, query: string) => (await exportCsv(client, query)).slice(1).map((r) => r[0]);
    expect(await numbers(head, 'scope=all&status=overdue')).toEqual(['T20231001', 'T20231002']);
    expect(await numbers(head, 'scope=all&status=in_progress')).toEqual([]);
    expect(await numbers(head, 'scope=mine')).toEqual(['T20231002']);
    expect(await numbers(head, 'scope=all&q=客户')).toEqual(['T20231001']);
    expect(await numbers(head, 'scope=all&sort=-dueDate')).toEqual(['T20231002', 'T20231001']);
    // 小王 sees only their own task (ALL-7), whatever scope is asked for.
    expect(await numbers(staff, 'scope=all')).toEqual(['T20231001']);
  });

  it('.xlsx export: the same sheet, dates as date cells; read back it names the numbers already taken', async () => {
    const res = await head.get('/api/tasks/export?format=xlsx&scope=all');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('任务跟踪表');
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(HEADERS);
    expect(values.slice(1)).toEqual(SEED_EXPORTED.map((r) => r.map((v, i) => (i === 3 || i === 4 ? new Date(`${v}T00:00:00Z`) : v))));

    const before = await taskCount();
    const job = await importTasks(head, '任务跟踪表.xlsx', res.rawPayload);
    expect(job.preview.map((p) => HEADERS.map((h) => p.values[h]))).toEqual(SEED_EXPORTED);
    expect(job.errors).toEqual([
      { row: 2, column: '任务编号', field: 'number', message: '任务编号：“T20231001”已存在' },
      { row: 3, column: '任务编号', field: 'number', message: '任务编号：“T20231002”已存在' },
    ]);
    expect((await head.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await taskCount()).toBe(before);
  });
});

describe('TSK-2/ALL-5 import: per-row errors naming row and field, nothing written', () => {
  const row = (values: Partial<Record<(typeof HEADERS)[number], string>>) =>
    HEADERS.map((h) => values[h] ?? ({ 任务名称: '整理', 负责人: '小王', 开始时间: '2026-11-01', 截止时间: '2026-12-01', 交付成果: '表' } as Record<string, string>)[h] ?? '');

  it('reports every bad cell; the commit is refused and writes nothing', async () => {
    const before = await taskCount();
    const job = await importTasks(
      head,
      '任务跟踪表.csv',
      csvOf([
        HEADERS,
        row({ 负责人: '张三' }),
        row({ 负责人: '张三(E002)' }),
        row({ 负责人: '赵九' }),
        row({ 开始时间: '2026/13/01' }),
        row({ 截止时间: '2026-10-01' }),
        row({ '当前进度(%/阶段)': '差不多' }),
        row({ '完成状态(未开始/进行中/已完成/延期)': '搁置' }),
        row({ 任务编号: 'T20231001' }),
        row({ 任务编号: 'T20261150' }),
        row({ 任务编号: 't20261150' }),
        row({ 交付成果: '' }),
      ]),
    );
    expect(job.status).toBe('ready');
    const errors = (await head.get(`/api/imports/${job.id}/errors?pageSize=50`)).json<{ items: TImportJob['errors'] }>().items;
    expect(errors).toEqual([
      { row: 2, column: '负责人', field: 'owner', message: '负责人：有多位名为“张三”的人员，请写成 姓名(工号)，如 张三(E001)' },
      { row: 4, column: '负责人', field: 'owner', message: '负责人：没有名为“赵九”的在职人员' },
      { row: 5, column: '开始时间', field: 'startDate', message: '开始时间：日期格式应为 YYYY-MM-DD' },
      { row: 6, column: '截止时间', field: 'dueDate', message: '截止时间：不能早于开始时间' },
      { row: 7, column: '当前进度(%/阶段)', field: 'progress', message: '当前进度(%/阶段)：应为 0–100 的百分比，可带阶段，如 70%(已完成数据清洗)' },
      { row: 8, column: '完成状态(未开始/进行中/已完成/延期)', field: 'status', message: '完成状态(未开始/进行中/已完成/延期)：只能填写 未开始、进行中、待验收、已完成 或 延期' },
      { row: 9, column: '任务编号', field: 'number', message: '任务编号：“T20231001”已存在' },
      { row: 11, column: '任务编号', field: 'number', message: '任务编号：“T20261150”与第 10 行重复' },
      { row: 12, column: '交付成果', field: 'deliverable', message: '交付成果：必填' },
    ]);
    const res = await head.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode).toBe(409);
    expect(res.json<TErrorBody>()).toMatchObject({ code: 'IMPORT_HAS_ERRORS', params: { count: 9 } });
    expect(await taskCount()).toBe(before);
  });

  it('blank numbers come from the numbering service and never take a number the file keeps; 已完成 and 延期 as derived', async () => {
    const job = await importTasks(
      head,
      '任务跟踪表.csv',
      csvOf([
        HEADERS,
        row({ 任务名称: '新任务甲' }),
        row({ 任务编号: 'T20261101', 任务名称: '表中已有编号' }),
        row({ 任务名称: '已完成的', 负责人: '张三(E001)', '完成状态(未开始/进行中/已完成/延期)': '已完成' }),
        row({ 任务名称: '标了延期但未到期', '当前进度(%/阶段)': '20%', '完成状态(未开始/进行中/已完成/延期)': '延期' }),
      ]),
    );
    expect(job.errorCount).toBe(0);
    expect((await head.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(200);
    const byName = async (name: string) => (await t.database.db.select().from(tasks).where(eq(tasks.name, name)))[0]!;
    expect((await byName('表中已有编号')).number).toBe('T20261101');
    expect((await byName('新任务甲')).number).toBe('T20261102');
    expect(await byName('已完成的')).toMatchObject({ status: 'done', progress: 100, doneAt: null });
    expect(await byName('标了延期但未到期')).toMatchObject({ status: 'in_progress', progress: 20 });
    const sheet = await exportCsv(head, 'scope=all&dueFrom=2026-12-01');
    expect(sheet.slice(1).map((r) => [r[1], r[2], r[5], r[6]])).toEqual([
      ['新任务甲', '小王', '0%', '未开始'],
      ['表中已有编号', '小王', '0%', '未开始'],
      ['已完成的', '张三(E001)', '100%', '已完成'],
      ['标了延期但未到期', '小王', '20%', '进行中'],
    ]);
  });
});
