import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTask } from '@opsdesk/contract';
import { setClock } from '../../../test/reminders.ts';
import { scanReminders } from '../../platform/deadlines/scan.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { tasks } from './schema.ts';
import { type TaskTestWorld, createVia, ok, taskBody, taskWorld } from './testing.ts';

// Test clock: Thursday 2026-11-26 10:00 in Shanghai.
let w: TaskTestWorld;
beforeAll(async () => {
  w = await taskWorld();
});
afterAll(() => w.t.close());

const noticesOf = (taskId: number, recipientId: number) =>
  w.t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.entityId, String(taskId)), eq(notifications.recipientId, recipientId)));

describe('POST /api/tasks/:id/progress (TSK-5)', () => {
  it('401, 403 for someone who neither owns nor helps, 400 naming the field; the timeline keeps date, %, stage, note, author', async () => {
    const lisi = await w.as('lisi');
    const task = await createVia(lisi, taskBody(w.ids.xiaowang!, { collaborators: [{ personId: w.ids.qianqi!, share: '核对销售客户' }] }));
    const url = `/api/tasks/${task.id}/progress`;
    expect((await w.t.app.inject({ method: 'POST', url, payload: { progress: 10, stage: 'x' } })).statusCode).toBe(401);
    expect((await lisi.post(url, { progress: 10, stage: '开始' })).statusCode).toBe(403);
    const xw = await w.as('xiaowang');
    expect((await xw.post(url, { progress: 101, stage: '超了' })).json()).toMatchObject({ code: 'VALIDATION', field: 'progress' });
    expect((await xw.post(url, { progress: 10 })).json()).toMatchObject({ code: 'VALIDATION', field: 'stage', message: '阶段：必填' });

    const first = await ok(xw.post(url, { progress: 30, stage: '数据收集中', note: '已导出CRM数据' }));
    // The first update starts the task.
    expect(first).toMatchObject({ status: 'in_progress', progress: 30, stage: '数据收集中' });
    w.t.clock.advanceMinutes(60 * 24);
    const second = await ok((await w.as('qianqi')).post(url, { progress: 70, stage: '已完成数据清洗' }));
    expect(second.progressLog.map((e) => [e.date, e.progress, e.stage, e.note, e.author.name])).toEqual([
      ['2026-11-26', 30, '数据收集中', '已导出CRM数据', '小王'],
      ['2026-11-27', 70, '已完成数据清洗', null, '钱七'],
    ]);
    const history = (await (await w.as('xiaowang')).get(`/api/tasks/${task.id}/history`)).json<{ action: string }[]>();
    expect(history.map((h) => h.action)).toEqual(['create', 'start', 'progress', 'progress']);
    setClock(w.t.clock, '2026-11-26T02:00:00.000Z');
  });
});

describe('TSK-6 more than 1 day overdue: delay reason and new due date first', () => {
  it('progress is refused (409 TASK_DELAY_REQUIRED) until a delay is recorded; every delay kept; the head is told', async () => {
    const lisi = await w.as('lisi');
    const xw = await w.as('xiaowang');
    const late = await createVia(lisi, taskBody(w.ids.xiaowang!, { startDate: '2026-11-16', dueDate: '2026-11-24', acceptorId: w.ids.zhangsan! }));
    await w.t.database.db.update(tasks).set({ status: 'in_progress' }).where(eq(tasks.id, late.id));
    const refused = await xw.post(`/api/tasks/${late.id}/progress`, { progress: 50, stage: '数据清洗' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'TASK_DELAY_REQUIRED', message: '任务已超过截止时间（2026-11-24）1天以上，请先填写延期原因和新的截止时间，再更新进度' });
    expect((await ok((await w.as('xiaowang')).get(`/api/tasks/${late.id}`))).needsDelayReason).toBe(true);

    // Exactly 1 day overdue (due yesterday) is not yet "more than 1 day".
    const yesterday = await createVia(lisi, taskBody(w.ids.xiaowang!, { startDate: '2026-11-20', dueDate: '2026-11-25' }));
    expect((await ok(xw.post(`/api/tasks/${yesterday.id}/progress`, { progress: 90, stage: '收尾' }))).status).toBe('overdue');

    const delay = `/api/tasks/${late.id}/delay`;
    expect((await w.t.app.inject({ method: 'POST', url: delay, payload: {} })).statusCode).toBe(401);
    expect((await (await w.as('qianqi')).post(delay, { reason: '等数据', newDueDate: '2026-12-02' })).statusCode).toBe(404);
    expect((await xw.post(delay, { newDueDate: '2026-12-02' })).json()).toMatchObject({ field: 'reason' });
    expect((await xw.post(delay, { reason: '财务数据晚到', newDueDate: '2026-11-25' })).json()).toMatchObject({
      code: 'TASK_DATES',
      field: 'newDueDate',
      message: '新的截止时间不能早于2026-11-26',
    });
    const delayed = await ok(xw.post(delay, { reason: '财务部数据延迟三天提供', newDueDate: '2026-12-02' }));
    expect(delayed).toMatchObject({ dueDate: '2026-12-02', status: 'in_progress', delayReason: '财务部数据延迟三天提供', needsDelayReason: false });
    expect(delayed.delays).toMatchObject([{ oldDueDate: '2026-11-24', newDueDate: '2026-12-02', reason: '财务部数据延迟三天提供', author: { name: '小王' } }]);
    expect(await noticesOf(late.id, w.ids.lisi!)).toMatchObject([{ event: 'task.delayed', title: `任务延期：${late.number} 客户数据整理` }]);
    expect(await noticesOf(late.id, w.ids.zhangsan!)).toMatchObject([{ event: 'task.delayed' }]);
    expect((await ok(xw.post(`/api/tasks/${late.id}/progress`, { progress: 50, stage: '数据清洗' }))).progress).toBe(50);
  });

  it('ALL-2 the morning a task becomes more than 1 day overdue, the owner and their head are reminded', async () => {
    const lisi = await w.as('lisi');
    const task = await createVia(lisi, taskBody(w.ids.xiaowang!, { dueDate: '2026-11-27' }));
    setClock(w.t.clock, '2026-11-27T01:30:00.000Z'); // the due day, 09:30
    await scanReminders(w.t.database.db, { now: w.t.clock.now(), timeZone: 'Asia/Shanghai' });
    expect((await noticesOf(task.id, w.ids.xiaowang!)).map((n) => n.title)).toContain(`今日到期：任务 ${task.number} 客户数据整理`);
    setClock(w.t.clock, '2026-11-28T01:30:00.000Z'); // Saturday 09:30: 1 day overdue
    await scanReminders(w.t.database.db, { now: w.t.clock.now(), timeZone: 'Asia/Shanghai' });
    expect((await noticesOf(task.id, w.ids.lisi!)).filter((n) => n.event.startsWith('deadline'))).toEqual([]);
    setClock(w.t.clock, '2026-11-29T01:30:00.000Z'); // Sunday 09:30: more than 1 day overdue
    await scanReminders(w.t.database.db, { now: w.t.clock.now(), timeZone: 'Asia/Shanghai' });
    expect(await noticesOf(task.id, w.ids.lisi!)).toMatchObject([{ event: 'deadline.escalation', link: `/tasks/${task.id}`, body: expect.stringContaining('负责人：小王') }]);
    const owner = await noticesOf(task.id, w.ids.xiaowang!);
    expect(owner.map((n) => n.event)).toEqual(expect.arrayContaining(['task.assigned', 'deadline.reminder', 'deadline.escalation']));
    setClock(w.t.clock, '2026-11-26T02:00:00.000Z');
  });
});

describe('TSK-7 and finish-to-start dependencies: what may start', () => {
  it('a major task cannot start without risk note and mitigation plan (409 naming the field); once started it keeps them', async () => {
    const lisi = await w.as('lisi');
    const xw = await w.as('xiaowang');
    const major = await createVia(lisi, taskBody(w.ids.xiaowang!, { major: true, riskNote: '客户数据量大' }));
    expect(major.startBlockers).toEqual({ missingRiskPlan: true, openPredecessors: [] });
    expect((await w.t.app.inject({ method: 'POST', url: `/api/tasks/${major.id}/start`, payload: {} })).statusCode).toBe(401);
    expect((await lisi.post(`/api/tasks/${major.id}/start`, {})).statusCode).toBe(403);
    const refused = await xw.post(`/api/tasks/${major.id}/start`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'TASK_RISK_PLAN_REQUIRED', field: 'mitigationPlan', message: '重大任务开始前须填写风险说明和应对方案（缺少应对方案）' });
    expect((await xw.post(`/api/tasks/${major.id}/progress`, { progress: 5, stage: '启动' })).json().code).toBe('TASK_RISK_PLAN_REQUIRED');
    await ok(xw.patch(`/api/tasks/${major.id}`, { version: major.version, mitigationPlan: '分批导入，每批校验' }));
    const started = await ok(xw.post(`/api/tasks/${major.id}/start`, {}));
    expect(started).toMatchObject({ status: 'in_progress', startBlockers: { missingRiskPlan: false } });
    expect((await xw.post(`/api/tasks/${major.id}/start`, {})).json()).toMatchObject({ code: 'TASK_STATE', message: '任务当前状态为“进行中”，不能进行此操作' });
    expect((await xw.patch(`/api/tasks/${major.id}`, { version: started.version, riskNote: '' })).json()).toMatchObject({ code: 'TASK_RISK_PLAN_REQUIRED', field: 'riskNote' });
  });

  it('a task cannot start before its predecessor is done unless a reason is given (recorded); no cycles', async () => {
    const lisi = await w.as('lisi');
    const xw = await w.as('xiaowang');
    const first = await createVia(lisi, taskBody(w.ids.xiaowang!, { name: '需求确认' }));
    const second = await createVia(lisi, taskBody(w.ids.xiaowang!, { name: '初稿提交', predecessorIds: [first.id] }));
    expect(second.predecessors).toMatchObject([{ id: first.id, number: first.number, status: 'not_started' }]);
    expect(second.startBlockers.openPredecessors.map((p) => p.id)).toEqual([first.id]);
    const refused = await xw.post(`/api/tasks/${second.id}/start`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'TASK_PREDECESSOR_OPEN', field: 'overrideReason', message: `前置任务 ${first.number} 尚未完成；如需提前开始，请填写提前开始的原因` });
    const started = await ok(xw.post(`/api/tasks/${second.id}/start`, { overrideReason: '初稿框架可先行' }));
    expect(started.dependencyOverrides).toMatchObject([{ by: { name: '小王' }, reason: '初稿框架可先行', predecessors: [first.number] }]);

    const cycle = await lisi.patch(`/api/tasks/${first.id}`, { version: first.version, predecessorIds: [second.id] });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ code: 'TASK_DEPENDENCY_CYCLE', field: 'predecessorIds.0' });
    expect((await lisi.patch(`/api/tasks/${first.id}`, { version: first.version, predecessorIds: [first.id] })).json().code).toBe('TASK_DEPENDENCY_CYCLE');
    expect((await lisi.patch(`/api/tasks/${first.id}`, { version: first.version, predecessorIds: [999999] })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'predecessorIds.0' });
    const succ = await ok<TTask>(lisi.get(`/api/tasks/${first.id}`));
    expect(succ.successors.map((s) => s.id)).toEqual([second.id]);
  });
});

describe('PATCH /api/tasks/:id/milestones/:milestoneId', () => {
  it('owner ticks a milestone off; another task’s milestone is 404; bad body 400', async () => {
    const lisi = await w.as('lisi');
    const xw = await w.as('xiaowang');
    const task = await createVia(lisi, taskBody(w.ids.xiaowang!, { milestones: [{ name: '需求确认完成', date: '2026-11-30' }] }));
    const other = await createVia(lisi, taskBody(w.ids.xiaowang!, { milestones: [{ name: '初稿提交', date: '2026-12-01' }] }));
    const id = task.milestones[0]!.id;
    expect((await w.t.app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}/milestones/${id}`, payload: { done: true } })).statusCode).toBe(401);
    expect((await xw.patch(`/api/tasks/${task.id}/milestones/${id}`, {})).json()).toMatchObject({ field: 'done' });
    expect((await xw.patch(`/api/tasks/${task.id}/milestones/${other.milestones[0]!.id}`, { done: true })).statusCode).toBe(404);
    expect((await (await w.as('chenjing')).patch(`/api/tasks/${task.id}/milestones/${id}`, { done: true })).statusCode).toBe(404);
    const done = await ok(xw.patch(`/api/tasks/${task.id}/milestones/${id}`, { done: true }));
    expect(done.milestones).toMatchObject([{ name: '需求确认完成', done: true, doneAt: w.t.clock.now().toISOString() }]);
  });
});
