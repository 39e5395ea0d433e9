import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTask, TTaskHistoryEntry, TTaskListItem, TTaskStatusItem } from '@opsdesk/contract';
import { deadlines } from '../../platform/deadlines/schema.ts';
import { type Ctx, mutate } from '../../platform/http/context.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { actorOf } from '../../platform/approvals/testing.ts';
import { createTaskWithin, taskStatuses } from './create.service.ts';
import { tasks } from './schema.ts';
import { type TaskTestWorld, createVia, ok, taskBody, taskWorld } from './testing.ts';

let w: TaskTestWorld;
beforeAll(async () => {
  w = await taskWorld();
});
afterAll(() => w.t.close());

describe('POST /api/tasks (TSK-1, TSK-2, TSK-3)', () => {
  it('401 without login', async () => {
    expect((await w.t.app.inject({ method: 'POST', url: '/api/tasks', payload: taskBody(1) })).statusCode).toBe(401);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/tasks' })).statusCode).toBe(401);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/tasks/1' })).statusCode).toBe(401);
  });

  it('TSK-3 deliverable and quality standard are required: 400 naming the field; nothing saved', async () => {
    const lisi = await w.as('lisi');
    const { deliverable: _d, ...noDeliverable } = taskBody(w.ids.xiaowang!);
    const res = await lisi.post('/api/tasks', noDeliverable);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', field: 'deliverable', message: '交付成果：必填' });
    const blank = await lisi.post('/api/tasks', { ...taskBody(w.ids.xiaowang!), qualityStandard: '  ' });
    expect(blank.json()).toMatchObject({ code: 'VALIDATION', field: 'qualityStandard', message: '质量标准：不能为空' });
    expect(await w.t.database.db.select().from(tasks)).toEqual([]);
  });

  it('TSK-2 exactly one owner: required, active, never also a collaborator; the acceptor is not the owner', async () => {
    const lisi = await w.as('lisi');
    const { ownerId: _o, ...noOwner } = taskBody(1);
    expect((await lisi.post('/api/tasks', noOwner)).json()).toMatchObject({ code: 'VALIDATION', field: 'ownerId' });
    expect((await lisi.post('/api/tasks', taskBody(999_999))).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'ownerId', message: '负责人不存在或已停用' });
    const twice = await lisi.post('/api/tasks', taskBody(w.ids.xiaowang!, { collaborators: [{ personId: w.ids.xiaowang!, share: '数据清洗' }] }));
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ field: 'collaborators.0.personId' });
    const self = await lisi.post('/api/tasks', taskBody(w.ids.xiaowang!, { acceptorId: w.ids.xiaowang! }));
    expect(self.json()).toMatchObject({ code: 'APPROVAL_SELF', field: 'acceptorId' });
    const dates = await lisi.post('/api/tasks', taskBody(w.ids.xiaowang!, { startDate: '2026-12-05' }));
    expect(dates.json()).toMatchObject({ code: 'TASK_DATES', field: 'dueDate', message: '截止日期不能早于开始时间' });
    const milestone = await lisi.post('/api/tasks', taskBody(w.ids.xiaowang!, { milestones: [{ name: '初稿', date: '2027-01-01' }] }));
    expect(milestone.json()).toMatchObject({ code: 'VALIDATION', field: 'milestones.0.date' });
  });

  it('TSK-1 happy path: number T+yyyymm+seq, every field, owner and collaborators told, due-date reminders declared, audited', async () => {
    const lisi = await w.as('lisi');
    const body = taskBody(w.ids.xiaowang!, {
      collaborators: [{ personId: w.ids.qianqi!, share: '核对销售客户' }],
      milestones: [{ name: '完成数据清洗', date: '2026-11-30' }],
      acceptorId: w.ids.lisi!,
      remarks: '需核对异常数据',
    });
    const task = await createVia(lisi, body);
    expect(task).toMatchObject({
      number: 'T20261101',
      name: '客户数据整理',
      owner: { id: w.ids.xiaowang, name: '小王' },
      department: { id: w.depts.SC, name: '市场部' },
      acceptor: { id: w.ids.lisi, name: '李四' },
      creator: { id: w.ids.lisi, name: '李四' },
      collaborators: [{ id: w.ids.qianqi, name: '钱七', share: '核对销售客户' }],
      milestones: [{ name: '完成数据清洗', date: '2026-11-30', done: false }],
      status: 'not_started',
      workflowStatus: 'not_started',
      progress: 0,
      deliverable: '整理后的客户数据表',
      qualityStandard: '无重复记录，字段完整率100%，异常数据单独标注',
      remarks: '需核对异常数据',
      expectedAcceptor: { id: w.ids.lisi, name: '李四' },
      needsDelayReason: false,
      version: 1,
    });
    // The creator (李四, 市场部 head) edits; the owner would see canStart etc.
    expect(task.permissions).toMatchObject({ canEdit: true, canPostProgress: false, canSubmit: false, canAccept: false });
    expect((await createVia(lisi, taskBody(w.ids.xiaowang!))).number).toBe('T20261102');

    const told = await w.t.database.db.select().from(notifications).where(eq(notifications.entityId, String(task.id)));
    expect(told.map((n) => [n.recipientId, n.title]).sort()).toEqual(
      [
        [w.ids.xiaowang, '新任务：T20261101 客户数据整理'],
        [w.ids.qianqi, '新任务：T20261101 客户数据整理'],
      ].sort(),
    );
    const [due] = await w.t.database.db.select().from(deadlines).where(and(eq(deadlines.entity, 'task'), eq(deadlines.entityId, String(task.id))));
    expect(due).toMatchObject({ kind: 'due', ownerId: w.ids.xiaowang, link: `/tasks/${task.id}` });

    const history = await ok<TTaskHistoryEntry[]>(lisi.get(`/api/tasks/${task.id}/history`));
    expect(history).toMatchObject([{ action: 'create', actor: { name: '李四' } }]);
  });
});

describe('TSK-1/TSK-2 lists inside a task keep their order', () => {
  it('collaborators and milestones as entered (whatever their ids), predecessors by id — in the detail and in the list', async () => {
    const lisi = await w.as('lisi');
    const [first, second] = [await createVia(lisi, taskBody(w.ids.xiaowang!)), await createVia(lisi, taskBody(w.ids.xiaowang!))];
    // Higher ids first: an order taken from the database's indexes would differ from the one entered.
    const people = [w.ids.qianqi!, w.ids.zhaoliu!, w.ids.wangwu!].sort((a, b) => b - a);
    const task = await createVia(
      lisi,
      taskBody(w.ids.xiaowang!, {
        name: '排序核对任务',
        collaborators: people.map((personId, i) => ({ personId, share: `分工${i + 1}` })),
        milestones: [
          { name: '终稿', date: '2026-12-03' },
          { name: '初稿', date: '2026-11-27' },
          { name: '复核', date: '2026-12-01' },
        ],
        predecessorIds: [second.id, first.id],
      }),
    );
    const expected = {
      collaborators: people.map((id, i) => ({ id, share: `分工${i + 1}` })),
      milestones: [{ name: '终稿' }, { name: '初稿' }, { name: '复核' }],
      predecessorIds: [first.id, second.id],
    };
    expect(task).toMatchObject(expected);
    expect(task.collaborators[0]).not.toHaveProperty('position');
    const page = await ok<{ items: TTaskListItem[] }>(lisi.get(`/api/tasks?scope=all&q=${encodeURIComponent('排序核对')}`));
    expect(page.items).toMatchObject([expected]);
  });
});

describe('GET/PATCH /api/tasks/:id (ALL-7 visibility, edits with a version)', () => {
  it('not yours is 404 (like a missing id); 400 for a bad id', async () => {
    const lisi = await w.as('lisi');
    const task = await createVia(lisi, taskBody(w.ids.xiaowang!));
    const outsider = await w.as('chenjing'); // 人力资源部 head: not over 市场部
    expect((await outsider.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/tasks/${task.id}/history`)).statusCode).toBe(404);
    expect((await outsider.patch(`/api/tasks/${task.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await lisi.get('/api/tasks/999999')).statusCode).toBe(404);
    expect((await lisi.get('/api/tasks/abc')).json()).toMatchObject({ code: 'VALIDATION', field: 'id' });
    // The owner, the division leader over 市场部 and the general manager see it.
    for (const u of ['xiaowang', 'zhenghua', 'zhouzong']) expect((await (await w.as(u)).get(`/api/tasks/${task.id}`)).statusCode, u).toBe(200);
  });

  it('edits: 403 for a collaborator, 409 on a stale version, 400 naming the field; the change is audited', async () => {
    const lisi = await w.as('lisi');
    const task = await createVia(lisi, taskBody(w.ids.xiaowang!, { collaborators: [{ personId: w.ids.qianqi!, share: '协助' }] }));
    const qianqi = await w.as('qianqi');
    expect((await qianqi.patch(`/api/tasks/${task.id}`, { version: 1, name: '改名' })).statusCode).toBe(403);
    expect((await lisi.patch(`/api/tasks/${task.id}`, { version: 1, deliverable: '' })).json()).toMatchObject({ field: 'deliverable' });
    const changed = await ok(lisi.patch(`/api/tasks/${task.id}`, { version: 1, name: '客户数据整理（第二批）', dueDate: '2026-12-10' }));
    expect(changed).toMatchObject({ name: '客户数据整理（第二批）', dueDate: '2026-12-10', version: 2 });
    const stale = await lisi.patch(`/api/tasks/${task.id}`, { version: 1, name: '再改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    const history = await ok<TTaskHistoryEntry[]>(lisi.get(`/api/tasks/${task.id}/history`));
    expect(history.at(-1)).toMatchObject({ action: 'update', changes: expect.arrayContaining([{ field: 'dueDate', before: '2026-12-04', after: '2026-12-10' }]) });
    // A new owner moves the task to their department and is told.
    const moved = await ok(lisi.patch(`/api/tasks/${task.id}`, { version: 2, ownerId: w.ids.zhangsan! }));
    expect(moved).toMatchObject({ owner: { name: '张三' }, department: { name: '研发部' } });
  });
});

describe('createTaskWithin and taskStatuses (MTG-10: a meeting resolution becomes a task)', () => {
  it('same rules as HTTP, the source kept; live statuses by id, visible ones only over HTTP', async () => {
    const actor = await actorOf(w.t, 'lisi');
    const ctx = { db: w.t.database.db, actor, ip: null, now: w.t.clock.now(), locale: 'zh-CN' as const } satisfies Ctx;
    await expect(mutate(ctx, (tx, audit) => createTaskWithin(tx, audit, ctx, { ...taskBody(w.ids.zhangsan!), qualityStandard: '' }))).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['qualityStandard'] })],
    });
    const created = await mutate(ctx, (tx, audit) =>
      createTaskWithin(tx, audit, ctx, {
        ...taskBody(w.ids.zhangsan!, { name: '提交详细开发计划', acceptorId: w.ids.lisi! }),
        source: { type: 'meeting', id: 7, label: 'Q4项目启动会' },
      }),
    );
    expect(created.number).toMatch(/^T202611\d{2}$/);
    const detail = await ok<TTask>((await w.as('zhangsan')).get(`/api/tasks/${created.id}`));
    expect(detail).toMatchObject({ source: { type: 'meeting', id: 7, label: 'Q4项目启动会' }, acceptor: { name: '李四' } });

    const map = await taskStatuses(w.t.database.db, [created.id], w.t.clock.now());
    expect(map.get(created.id)).toEqual({ number: created.number, status: 'not_started', progress: 0, dueDate: '2026-12-04', ownerName: '张三' });
    const later = new Date(Date.parse('2026-12-08T02:00:00Z'));
    expect((await taskStatuses(w.t.database.db, [created.id], later)).get(created.id)?.status).toBe('overdue');

    const visible = await ok<TTaskStatusItem[]>((await w.as('zhangsan')).get(`/api/tasks/statuses?ids=${created.id},999999`));
    expect(visible).toEqual([{ id: created.id, number: created.number, status: 'not_started', progress: 0, dueDate: '2026-12-04', ownerName: '张三' }]);
    expect(await ok<TTaskStatusItem[]>((await w.as('chenjing')).get(`/api/tasks/statuses?ids=${created.id}`))).toEqual([]);
    expect((await (await w.as('zhangsan')).get('/api/tasks/statuses?ids=x')).statusCode).toBe(400);
  });
});
