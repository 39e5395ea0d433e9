import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTaskPage, TTaskWeeklyItemPage, TTaskWeeklyReport, TTaskWeeklySection, TWorkbench } from '@opsdesk/contract';
import { captureStatements } from '../../../test/capture.ts';
import { invalidateOrgTree } from '../../platform/access/org-tree.ts';
import { departments } from '../org/schema.ts';
import { tasks } from './schema.ts';
import { type TaskTestWorld, createVia, ok, taskBody, taskWorld } from './testing.ts';

// Test clock: Thursday 2026-11-26; the week is Monday 2026-11-23 … Sunday 2026-11-29.
let w: TaskTestWorld;
const ids: Record<string, number> = {};
beforeAll(async () => {
  w = await taskWorld();
  const lisi = await w.as('lisi');
  const make = async (name: string, ownerId: number, extra: Parameters<typeof taskBody>[1] = {}) => (ids[name] = (await createVia(lisi, taskBody(ownerId, { ...extra, name }))).id);
  await make('客户数据整理', w.ids.xiaowang!, { startDate: '2026-11-16', dueDate: '2026-11-24' });
  await make('展会物料清单', w.ids.xiaowang!, { startDate: '2026-11-16', dueDate: '2026-11-30' });
  await make('月度销售报告撰写', w.ids.xiaowang!, { startDate: '2026-11-20', dueDate: '2026-12-20' });
  await make('上月回款核对', w.ids.qianqi!, { startDate: '2026-11-02', dueDate: '2026-11-25' });
  await make('明年计划', w.ids.qianqi!, { startDate: '2027-01-04', dueDate: '2027-01-29' });
  const db = w.t.database.db;
  await db.update(tasks).set({ status: 'in_progress', progress: 40, stage: '数据清洗中', delayReason: '财务数据未到' }).where(eq(tasks.id, ids['客户数据整理']!));
  await db.update(tasks).set({ status: 'in_progress', progress: 10, stage: '询价' }).where(eq(tasks.id, ids['展会物料清单']!));
  await db.update(tasks).set({ status: 'in_progress', progress: 30, stage: '数据收集中' }).where(eq(tasks.id, ids['月度销售报告撰写']!));
  await db.update(tasks).set({ status: 'done', progress: 100, doneAt: '2026-11-24T08:00:00Z' }).where(eq(tasks.id, ids['上月回款核对']!));
});
afterAll(() => w.t.close());

type Client = Awaited<ReturnType<TaskTestWorld['as']>>;
/** Every item of one section (pages of 50). */
const section = async (who: Client, query: string, name: TTaskWeeklySection) =>
  (await ok<TTaskWeeklyItemPage>(who.get(`/api/tasks/weekly-report/items?section=${name}&pageSize=50${query ? `&${query}` : ''}`))).items;

describe('GET /api/tasks/weekly-report (TSK-10 每周例会同步)', () => {
  it('401; 403 outside one’s scope; 404 for an unknown person; 400 naming the field', async () => {
    expect((await w.t.app.inject({ method: 'GET', url: '/api/tasks/weekly-report' })).statusCode).toBe(401);
    const xw = await w.as('xiaowang');
    expect((await xw.get(`/api/tasks/weekly-report?personId=${w.ids.qianqi}`)).statusCode).toBe(403);
    expect((await xw.get(`/api/tasks/weekly-report?departmentId=${w.depts.SC}`)).statusCode).toBe(403);
    expect((await (await w.as('zhangsan')).get(`/api/tasks/weekly-report?departmentId=${w.depts.SC}`)).statusCode).toBe(403);
    expect((await xw.get('/api/tasks/weekly-report?personId=999999')).statusCode).toBe(404);
    expect((await xw.get('/api/tasks/weekly-report?week=2026-11-31')).json()).toMatchObject({ code: 'VALIDATION', field: 'week' });
    expect((await xw.get(`/api/tasks/weekly-report?personId=${w.ids.xiaowang}&departmentId=${w.depts.SC}`)).json()).toMatchObject({ field: 'departmentId' });
  });

  it('per person: done this week, in progress with %, overdue with the reason, at risk; ALL-6 working days left as the list gives them', async () => {
    const xw = await w.as('xiaowang');
    const report = await ok<TTaskWeeklyReport>(xw.get('/api/tasks/weekly-report'));
    expect(report).toMatchObject({ from: '2026-11-23', to: '2026-11-29', subject: { kind: 'person', name: '小王' } });
    expect(report.totals).toEqual({ done: 0, inProgress: 2, overdue: 1, atRisk: 1 });
    expect(report.people).toEqual([{ person: { id: w.ids.xiaowang, name: '小王' }, done: 0, inProgress: 2, overdue: 1, atRisk: 1 }]);
    expect(await section(xw, '', 'done')).toEqual([]);
    expect(await section(xw, '', 'overdue')).toMatchObject([
      { name: '客户数据整理', overdueDays: 2, delayReason: '财务数据未到', progress: 40, stage: '数据清洗中', status: 'overdue', workingDaysLeft: null, workingDaysProvisional: false },
    ]);
    // Thursday 11-26: 展会物料清单 is due Monday 11-30 (Friday and Monday left); 月度销售报告撰写 Sunday 12-20 (16).
    expect((await section(xw, '', 'inProgress')).map((i) => [i.name, i.progress, i.stage, i.workingDaysLeft, i.workingDaysProvisional])).toEqual([
      ['展会物料清单', 10, '询价', 2, false],
      ['月度销售报告撰写', 30, '数据收集中', 16, false],
    ]);
    // 展会物料清单: 10 % after 8 of 11 working days.
    expect((await section(xw, '', 'atRisk')).map((i) => i.name)).toEqual(['展会物料清单']);
    // The same statements (kept per shape) for another person give that person's week.
    const lisi = await w.as('lisi');
    expect((await ok<TTaskWeeklyReport>(lisi.get(`/api/tasks/weekly-report?personId=${w.ids.qianqi}`))).totals).toEqual({ done: 1, inProgress: 0, overdue: 0, atRisk: 0 });
    expect((await section(lisi, `personId=${w.ids.qianqi}`, 'done')).map((i) => i.name)).toEqual(['上月回款核对']);
    expect(await section(lisi, `personId=${w.ids.qianqi}`, 'overdue')).toEqual([]);
  });

  it('a section comes in pages with its total; 401, 403 and 400 as the report', async () => {
    const xw = await w.as('xiaowang');
    const first = await ok<TTaskWeeklyItemPage>(xw.get('/api/tasks/weekly-report/items?section=inProgress&pageSize=1'));
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ name: '展会物料清单' }] });
    const second = await ok<TTaskWeeklyItemPage>(xw.get('/api/tasks/weekly-report/items?section=inProgress&pageSize=1&page=2'));
    expect(second).toMatchObject({ total: 2, page: 2, items: [{ name: '月度销售报告撰写' }] });
    expect(await ok<TTaskWeeklyItemPage>(xw.get('/api/tasks/weekly-report/items?section=inProgress&pageSize=1&page=3'))).toMatchObject({ total: 2, items: [] });
    expect((await w.t.app.inject({ method: 'GET', url: '/api/tasks/weekly-report/items?section=done' })).statusCode).toBe(401);
    expect((await xw.get(`/api/tasks/weekly-report/items?section=done&departmentId=${w.depts.SC}`)).statusCode).toBe(403);
    expect((await xw.get('/api/tasks/weekly-report/items?section=late')).json()).toMatchObject({ code: 'VALIDATION', field: 'section' });
    expect((await xw.get('/api/tasks/weekly-report/items')).json()).toMatchObject({ code: 'VALIDATION', field: 'section' });
  });

  it('per department for its head, every member listed; a past week shows what was accepted then', async () => {
    const lisi = await w.as('lisi');
    const dept = `departmentId=${w.depts.SC}`;
    const report = await ok<TTaskWeeklyReport>(lisi.get(`/api/tasks/weekly-report?${dept}`));
    expect(report.subject).toEqual({ kind: 'department', id: w.depts.SC, name: '市场部' });
    expect(report.totals).toEqual({ done: 1, inProgress: 2, overdue: 1, atRisk: 1 });
    expect((await section(lisi, dept, 'done')).map((i) => [i.name, i.owner.name])).toEqual([['上月回款核对', '钱七']]);
    // One person's row of the table opens their tasks only.
    expect(await section(lisi, `${dept}&ownerId=${w.ids.qianqi}`, 'inProgress')).toEqual([]);
    expect((await section(lisi, `${dept}&ownerId=${w.ids.xiaowang}`, 'inProgress')).length).toBe(2);
    // 明年计划 starts next year: not in this week's sync — until its owner starts it early.
    expect((await section(lisi, dept, 'inProgress')).map((i) => i.name)).not.toContain('明年计划');
    await w.t.database.db.update(tasks).set({ status: 'in_progress', progress: 5 }).where(eq(tasks.id, ids['明年计划']!));
    expect((await section(lisi, dept, 'inProgress')).map((i) => i.name)).toContain('明年计划');
    expect((await ok<TTaskWeeklyReport>(lisi.get(`/api/tasks/weekly-report?${dept}`))).totals.inProgress).toBe(3);
    await w.t.database.db.update(tasks).set({ status: 'not_started', progress: 0 }).where(eq(tasks.id, ids['明年计划']!));
    expect(report.people.map((p) => [p.person.name, p.done, p.inProgress, p.overdue, p.atRisk])).toEqual([
      ['郑华', 0, 0, 0, 0],
      ['李四', 0, 0, 0, 0],
      ['小王', 0, 2, 1, 1],
      ['钱七', 1, 0, 0, 0],
    ]);
    // A task the department holds whose owner sits elsewhere: the owner is listed after the members, by name.
    await w.t.database.db.update(tasks).set({ ownerId: w.ids.zhangsan!, status: 'in_progress' }).where(eq(tasks.id, ids['明年计划']!));
    const withOutsider = await ok<TTaskWeeklyReport>(lisi.get(`/api/tasks/weekly-report?${dept}`));
    expect(withOutsider.people.at(-1)).toEqual({ person: { id: w.ids.zhangsan, name: '张三' }, done: 0, inProgress: 1, overdue: 0, atRisk: 0 });
    expect(withOutsider.people).toHaveLength(5);
    await w.t.database.db.update(tasks).set({ ownerId: w.ids.qianqi!, status: 'not_started' }).where(eq(tasks.id, ids['明年计划']!));
    const last = await ok<TTaskWeeklyReport>(lisi.get(`/api/tasks/weekly-report?${dept}&week=2026-11-18`));
    expect(last).toMatchObject({ from: '2026-11-16', to: '2026-11-22', totals: { done: 0 } });
    expect(await section(lisi, `${dept}&week=2026-11-18`, 'done')).toEqual([]);
    // The division leader over 市场部 and the general manager may read it too.
    for (const u of ['zhenghua', 'zhouzong']) expect((await (await w.as(u)).get(`/api/tasks/weekly-report?departmentId=${w.depts.SC}`)).statusCode, u).toBe(200);
  });

  it('ALL-7 TSK-10 a department report follows a change of the organisation at once: a head replaced is refused the next one', async () => {
    const db = w.t.database.db;
    const setHead = async (username: string) => {
      await db.update(departments).set({ headId: w.ids[username]! }).where(eq(departments.id, w.depts.SC!));
      invalidateOrgTree();
    };
    const lisi = await w.as('lisi');
    const report = () => lisi.get(`/api/tasks/weekly-report?departmentId=${w.depts.SC}`);
    const items = () => lisi.get(`/api/tasks/weekly-report/items?departmentId=${w.depts.SC}&section=overdue`);
    expect((await report()).statusCode).toBe(200);
    expect((await items()).statusCode).toBe(200);
    await setHead('qianqi');
    expect((await report()).statusCode).toBe(403);
    expect((await items()).statusCode).toBe(403);
    await setHead('lisi');
    expect((await report()).json<TTaskWeeklyReport>().people.map((p) => p.person.name)).toContain('小王');
  });

  it('exported as .csv and .xlsx with the 任务跟踪表 words', async () => {
    const lisi = await w.as('lisi');
    const csv = await lisi.get(`/api/tasks/weekly-report/export?departmentId=${w.depts.SC}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(decodeURIComponent(String(csv.headers['content-disposition']))).toContain('任务周报-市场部-20261123.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('分类,任务编号,任务名称,负责人,截止时间,当前进度(%/阶段),完成状态,延期天数,延期原因');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).filter((_, i) => i !== 1))).toEqual([
      ['本周完成', '上月回款核对'],
      ['进行中', '展会物料清单'],
      ['进行中', '月度销售报告撰写'],
      ['延期', '客户数据整理'],
      ['延期风险', '展会物料清单'],
    ]);
    expect(lines.find((l) => l.startsWith('延期,'))).toContain('40%(数据清洗中),延期,2,财务数据未到');
    const xlsx = await lisi.get(`/api/tasks/weekly-report/export?departmentId=${w.depts.SC}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await (await w.as('xiaowang')).get(`/api/tasks/weekly-report/export?departmentId=${w.depts.SC}`)).statusCode).toBe(403);
  });
});

describe('ALL-3 我的任务 on the workbench', () => {
  it('the owner’s open tasks, overdue first, with the count', async () => {
    const workbench = await ok<TWorkbench>((await w.as('xiaowang')).get('/api/workbench'));
    const section = workbench.sections.find((s) => s.key === 'tasks')!;
    expect(section.count).toBe(3);
    expect(section.items[0]).toMatchObject({ title: expect.stringContaining('客户数据整理'), subtitle: '延期 · 40%', link: `/tasks/${ids['客户数据整理']}`, overdue: true });
    expect(section.items.slice(1).map((i) => i.overdue)).toEqual([false, false]);
  });
});

describe('TSK-8 in the weekly counts (memoized calendar joins) and in the list (per-row lookups)', () => {
  it('TSK-10 TSK-8 the counts read the calendar ordinals once per statement (calendar_ordinals), not per task', async () => {
    const lisi = await w.as('lisi');
    const statements = await captureStatements(w.t.database, async () => {
      await ok<TTaskWeeklyReport>(lisi.get(`/api/tasks/weekly-report?departmentId=${w.depts.SC}`));
    });
    const counts = statements.find((s) => s.text.includes('at_risk'))!;
    const { pool, pglite } = w.t.database;
    const sql = `explain (analyze, costs off, timing off, summary off) ${counts.text}`;
    const plan = ((pool ? await pool.query(sql, counts.values) : await pglite!.query(sql, counts.values)).rows as Record<string, string>[]).map((r) => Object.values(r)[0]).join('\n');
    // The array is read by its key, once; no probe of calendar_days per task date.
    expect(plan).toMatch(/Index Scan using calendar_ordinals_pkey on calendar_ordinals \(actual rows=1(\.00)? loops=1\)/);
    expect(plan).not.toMatch(/on calendar_days[^\n]*loops=([2-9]|\d\d)/);
  });

  it('TSK-8 the two SQL forms flag the same tasks', async () => {
    const zhangsan = await w.as('zhangsan');
    const db = w.t.database.db;
    const plan: [string, string, string, 'not_started' | 'in_progress', number][] = [
      ['R1 未开始已过开始日', '2026-11-02', '2026-12-31', 'not_started', 0],
      ['R2 进度领先', '2026-11-02', '2026-12-04', 'in_progress', 90],
      ['R3 刚开始', '2026-11-20', '2027-02-26', 'in_progress', 20],
      ['R4 进度落后', '2026-10-08', '2026-12-10', 'in_progress', 5],
      ['R5 下周才开始', '2026-12-07', '2026-12-31', 'not_started', 0],
    ];
    for (const [name, startDate, dueDate, status, progress] of plan) {
      const { id } = await createVia(zhangsan, taskBody(w.ids.zhangsan!, { name, startDate, dueDate }));
      await db.update(tasks).set({ status, progress }).where(eq(tasks.id, id));
    }
    const list = await ok<TTaskPage>(zhangsan.get('/api/tasks?scope=department&atRisk=true&pageSize=100'));
    expect(list.items.map((i) => i.name).sort()).toEqual(['R1 未开始已过开始日', 'R4 进度落后']);
    const report = await ok<TTaskWeeklyReport>(zhangsan.get(`/api/tasks/weekly-report?departmentId=${w.depts.YF}`));
    const row = report.people.find((p) => p.person.id === w.ids.zhangsan)!;
    expect(row).toMatchObject({ inProgress: 4, atRisk: 2 });
    expect((await section(zhangsan, `departmentId=${w.depts.YF}`, 'atRisk')).map((i) => i.name).sort()).toEqual(['R1 未开始已过开始日', 'R4 进度落后']);
  });
});
