import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApprovalDetail } from '@opsdesk/contract';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { departments } from '../../modules/org/schema.ts';
import { type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { type Ctx, mutate } from '../http/context.ts';
import { registerFlow } from './flows.ts';
import { approvalRequests } from './schema.ts';
import { resubmitApproval, submitApproval } from './submit.service.ts';
import { actorOf, failNext, noticesFor, outcomes, registerTestFlow, submitAs } from './testing.ts';

let t: TestApp;
let ids: Record<string, number>;
const clients: Record<string, Client> = {};
const as = async (username: string) => (clients[username] ??= await login(t.app, username, DEMO_PASSWORD));

beforeAll(async () => {
  t = await startTestApp();
  ids = (await seedDemoOrg(t.database.db, t.clock.now())).people;
  registerTestFlow();
});
afterAll(() => t.close());

const detail = async (c: Client, id: number) => (await c.get(`/api/approvals/${id}`)).json<TApprovalDetail>();
const stepOf = async (c: Client, id: number) => (await detail(c, id)).currentStep!.id;

describe('approval chains over HTTP (DOC-5 borrowing, TSK-9 acceptance)', () => {
  it('DOC-5 two-step chain (head → archivist) end to end over HTTP, each decider notified in turn', async () => {
    const req = await submitAs(t, 'xiaowang');
    expect(req.status).toBe('pending');
    const lisi = await as('lisi');
    const waiting = (await lisi.get('/api/approvals?box=waiting')).json();
    expect(waiting.items.map((i: { id: number }) => i.id)).toContain(req.id);
    const first = await detail(lisi, req.id);
    expect(first).toMatchObject({ flowLabel: '文档借阅', subjectLink: `/documents/loans/${req.subject.entityId}`, currentStep: { label: '部门负责人审批', decider: { name: '李四' } } });
    expect(first.permissions).toEqual({ canApprove: true, canReject: true, canReturn: true, canTransfer: true, canComment: true, canCC: true });
    expect(await noticesFor(t, ids.lisi!, req.id)).toMatchObject([{ event: 'approval.waiting', link: `/approvals/${req.id}`, title: `待您审批：${req.title}` }]);

    t.clock.advanceMinutes(30);
    const approved = await lisi.post(`/api/approvals/${req.id}/approve`, { stepId: first.currentStep!.id, opinion: '同意借阅' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'pending', currentStep: { label: '档案管理员登记', decider: { name: '赵六' } } });
    expect(approved.json().permissions.canApprove).toBe(false);
    expect(await noticesFor(t, ids.zhaoliu!, req.id)).toMatchObject([{ event: 'approval.waiting', link: `/approvals/${req.id}` }]);

    t.clock.advanceMinutes(30);
    const zhaoliu = await as('zhaoliu');
    const done = await zhaoliu.post(`/api/approvals/${req.id}/approve`, { stepId: await stepOf(zhaoliu, req.id) });
    expect(done.statusCode).toBe(200);
    const body = done.json<TApprovalDetail>();
    expect(body).toMatchObject({ status: 'approved', currentStep: null, decidedAt: t.clock.now().toISOString() });
    expect(body.steps.map((s) => [s.key, s.status, s.decidedBy?.name, s.opinion])).toEqual([
      ['head', 'approved', '李四', '同意借阅'],
      ['archivist', 'approved', '赵六', null],
    ]);
    expect(body.history.map((e) => [e.action, e.actor?.name ?? null])).toEqual([
      ['submit', '小王'],
      ['approve', '李四'],
      ['approve', '赵六'],
    ]);
    expect(outcomes).toContainEqual({ requestId: req.id, outcome: 'approved', actorId: ids.zhaoliu, opinion: null });
    expect(await noticesFor(t, ids.xiaowang!, req.id)).toMatchObject([{ event: 'approval.approved' }]);
    // 我已处理 for both deciders, nothing left waiting for the head.
    expect((await lisi.get('/api/approvals?box=done')).json().items.map((i: { id: number }) => i.id)).toContain(req.id);
    expect((await lisi.get('/api/approvals/counts')).json().waiting).toBe(0);
    expect((await (await as('xiaowang')).get('/api/approvals?box=submitted')).json().items[0]).toMatchObject({ id: req.id, status: 'approved' });
  });

  it('reject needs a reason (400 naming opinion); with one the request is final and the requester told', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    const stepId = await stepOf(lisi, req.id);
    const missing = await lisi.post(`/api/approvals/${req.id}/reject`, { stepId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION', field: 'opinion', message: '审批意见：必填' });
    expect((await lisi.post(`/api/approvals/${req.id}/reject`, { stepId, opinion: '   ' })).json().field).toBe('opinion');

    const res = await lisi.post(`/api/approvals/${req.id}/reject`, { stepId, opinion: '该制度已作废，请借阅新版' });
    expect(res.statusCode).toBe(200);
    expect(res.json<TApprovalDetail>().steps.map((s) => s.status)).toEqual(['rejected', 'cancelled']);
    expect(res.json()).toMatchObject({ status: 'rejected', permissions: { canApprove: false, canComment: true } });
    expect(outcomes).toContainEqual({ requestId: req.id, outcome: 'rejected', actorId: ids.lisi, opinion: '该制度已作废，请借阅新版' });
    expect(await noticesFor(t, ids.xiaowang!, req.id)).toMatchObject([{ event: 'approval.rejected', body: expect.stringContaining('该制度已作废') }]);
    // Deciding a step that is no longer current.
    expect((await lisi.post(`/api/approvals/${req.id}/approve`, { stepId })).statusCode).toBe(409);
  });

  it('TSK-9 return for changes goes back to the requester; the resubmission is a new round, history kept', async () => {
    const req = await submitAs(t, 'xiaowang', { secret: false });
    const lisi = await as('lisi');
    const returned = await lisi.post(`/api/approvals/${req.id}/return`, { stepId: await stepOf(lisi, req.id), opinion: '请补充借阅用途' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', currentStep: null });
    expect(outcomes).toContainEqual({ requestId: req.id, outcome: 'returned', actorId: ids.lisi, opinion: '请补充借阅用途' });
    expect(await noticesFor(t, ids.xiaowang!, req.id)).toMatchObject([{ event: 'approval.returned' }]);

    // The module resubmits with the changed item: now a secret document, so the division leader joins.
    const actor = await actorOf(t, 'xiaowang');
    const ctx: Ctx = { db: t.database.db, actor, ip: null, now: t.clock.now(), locale: 'zh-CN' };
    const again = await mutate(ctx, (tx) => resubmitApproval(tx, ctx, { requestId: req.id, facts: { secret: true } }));
    expect(again).toMatchObject({ status: 'pending', round: 2 });
    const d = await detail(lisi, req.id);
    expect(d.steps.map((s) => [s.round, s.key, s.status])).toEqual([
      [1, 'head', 'returned'],
      [1, 'archivist', 'cancelled'],
      [2, 'head', 'open'],
      [2, 'leader', 'waiting'],
      [2, 'archivist', 'waiting'],
    ]);
    expect(d.history.map((e) => e.action)).toEqual(['submit', 'return', 'resubmit']);
    // A new round notifies the head again.
    expect((await noticesFor(t, ids.lisi!, req.id)).filter((n) => n.event === 'approval.waiting')).toHaveLength(2);
    // Only a returned request can be resubmitted.
    await expect(mutate(ctx, (tx) => resubmitApproval(tx, ctx, { requestId: req.id }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('self approval refused: a head’s own request escalates to the division leader, with a note', async () => {
    const req = await submitAs(t, 'lisi');
    const lisi = await as('lisi');
    const d = await detail(lisi, req.id);
    expect(d.currentStep?.decider?.name).toBe('郑华');
    expect(d.history.find((e) => e.action === 'escalate')?.notes).toEqual([{ level: 'departmentHead', reason: 'self', person: { id: ids.lisi, name: '李四' } }]);
    expect(d.permissions.canApprove).toBe(false);
    expect((await lisi.post(`/api/approvals/${req.id}/approve`, { stepId: d.currentStep!.id })).statusCode).toBe(403);
    expect(await noticesFor(t, ids.zhenghua!, req.id)).toMatchObject([{ event: 'approval.waiting' }]);
  });

  it('a vacant head escalates to the division leader; a disabled head too — recorded, never silent', async () => {
    const stamp = t.clock.now().toISOString();
    const [dept] = await t.database.db
      .insert(departments)
      .values({ name: '质量部', code: 'ZL', divisionLeaderId: ids.wuming, createdAt: stamp, updatedAt: stamp })
      .returning();
    await makePerson(t.database, { username: 'zhouqi', name: '周七', departmentId: dept!.id });
    const vacant = await submitAs(t, 'zhouqi');
    const wuming = await as('wuming');
    const d = await detail(wuming, vacant.id);
    expect(d.currentStep?.decider?.name).toBe('吴明');
    expect(d.history.map((e) => [e.action, e.actor])).toEqual([
      ['submit', expect.objectContaining({ name: '周七' })],
      ['escalate', null],
    ]);
    expect(d.history[1]!.notes).toEqual([{ level: 'departmentHead', reason: 'vacant', person: null }]);

    const head = await makePerson(t.database, { username: 'zhengba', name: '郑八', departmentId: dept!.id, active: false });
    await t.database.db.update(departments).set({ headId: head.id }).where(eq(departments.id, dept!.id));
    const disabled = await submitAs(t, 'zhouqi');
    const d2 = await detail(wuming, disabled.id);
    expect(d2.currentStep?.decider?.name).toBe('吴明');
    expect(d2.history[1]!.notes).toEqual([{ level: 'departmentHead', reason: 'inactive', person: { id: head.id, name: '郑八' } }]);
  });

  it('DOC-5 a secret document adds the division leader’s step (conditional step)', async () => {
    const req = await submitAs(t, 'xiaowang', { secret: true });
    const lisi = await as('lisi');
    expect((await detail(lisi, req.id)).steps.map((s) => [s.key, s.status])).toEqual([
      ['head', 'open'],
      ['leader', 'waiting'],
      ['archivist', 'waiting'],
    ]);
    await lisi.post(`/api/approvals/${req.id}/approve`, { stepId: await stepOf(lisi, req.id) });
    const zhenghua = await as('zhenghua');
    const d = await detail(zhenghua, req.id);
    expect(d.currentStep).toMatchObject({ label: '分管领导审批', decider: { name: '郑华' } });
    expect(await noticesFor(t, ids.zhenghua!, req.id)).toMatchObject([{ event: 'approval.waiting' }]);
    await zhenghua.post(`/api/approvals/${req.id}/approve`, { stepId: d.currentStep!.id, opinion: '秘密文件，仅限阅览' });
    const zhaoliu = await as('zhaoliu');
    const res = await zhaoliu.post(`/api/approvals/${req.id}/approve`, { stepId: await stepOf(zhaoliu, req.id) });
    expect(res.json().status).toBe('approved');
  });

  it('nobody found → stuck: admins are notified (approval.stuck) and may transfer it to a decider', async () => {
    registerFlow({
      type: 'test.gm',
      label: { 'zh-CN': '预算审批', 'en-US': 'Budget' },
      steps: [{ key: 'gm', label: { 'zh-CN': '总经理审批', 'en-US': 'General manager' }, decider: { kind: 'generalManager' } }],
    });
    const admin = await loginAdmin(t.app);
    // The general manager's own budget request: there is no one above him.
    const actor = await actorOf(t, 'zhouzong');
    const ctx: Ctx = { db: t.database.db, actor, ip: null, now: t.clock.now(), locale: 'zh-CN' };
    const req = await mutate(ctx, (tx) => submitApproval(tx, ctx, { flow: 'test.gm', subject: { entity: 'budget', entityId: 1 }, title: '2027 年度预算', facts: { budget: 5_000_000 } }));
    const adminId = admin.userId;
    expect(await noticesFor(t, adminId, req.id)).toMatchObject([{ event: 'approval.stuck', link: `/approvals/${req.id}` }]);
    const d = await detail(admin, req.id);
    expect(d).toMatchObject({ stuck: true, currentStep: { decider: null } });
    expect(d.history.map((e) => e.action)).toEqual(['submit', 'escalate', 'stuck']);
    expect(d.permissions).toEqual({ canApprove: false, canReject: false, canReturn: false, canTransfer: true, canComment: true, canCC: false });
    expect((await admin.get('/api/approvals?box=cc')).json().items.map((i: { id: number }) => i.id)).toContain(req.id);

    const moved = await admin.post(`/api/approvals/${req.id}/transfer`, { stepId: d.currentStep!.id, toId: ids.wuming, opinion: '请吴总代为审批' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stuck: false, currentStep: { decider: { name: '吴明' } }, permissions: { canTransfer: false } });
    expect(await noticesFor(t, ids.wuming!, req.id)).toMatchObject([{ event: 'approval.waiting', title: expect.stringContaining('转交') }]);
    const wuming = await as('wuming');
    expect((await wuming.post(`/api/approvals/${req.id}/approve`, { stepId: d.currentStep!.id })).json().status).toBe('approved');
  });

  it('the module’s onDecided runs in the decision’s transaction: if it fails, nothing is decided', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    await lisi.post(`/api/approvals/${req.id}/approve`, { stepId: await stepOf(lisi, req.id) });
    const zhaoliu = await as('zhaoliu');
    const stepId = await stepOf(zhaoliu, req.id);
    failNext.decided = true;
    expect((await zhaoliu.post(`/api/approvals/${req.id}/approve`, { stepId })).statusCode).toBe(500);
    const d = await detail(zhaoliu, req.id);
    expect(d).toMatchObject({ status: 'pending', currentStep: { id: stepId } });
    expect(d.history.map((e) => e.action)).toEqual(['submit', 'approve']);
    expect((await zhaoliu.post(`/api/approvals/${req.id}/approve`, { stepId })).json().status).toBe('approved');
  });

  it('one live approval per item: a second submission while one is pending is refused', async () => {
    await submitAs(t, 'xiaowang', {}, 9001);
    await expect(submitAs(t, 'xiaowang', {}, 9001)).rejects.toMatchObject({ code: 'APPROVAL_OPEN' });
    const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(approvalRequests).where(eq(approvalRequests.entityId, '9001'));
    expect(row?.n).toBe(1);
  });
});
