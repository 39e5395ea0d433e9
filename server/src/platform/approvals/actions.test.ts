import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApprovalDetail } from '@opsdesk/contract';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { type Client, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { rowsOf } from '../access/scope.ts';
import { noticesFor, registerTestFlow, submitAs } from './testing.ts';

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
const idsIn = async (c: Client, box: string) => (await c.get(`/api/approvals?box=${box}`)).json().items.map((i: { id: number }) => i.id) as number[];

describe('transfer (转交) and CC (抄送)', () => {
  it('the decider transfers to another active person with a note; the new decider is notified and decides', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    const stepId = await stepOf(lisi, req.id);
    const res = await lisi.post(`/api/approvals/${req.id}/transfer`, { stepId, toId: ids.chenjing, opinion: '本周出差，请陈经理代审' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ currentStep: { id: stepId, decider: { name: '陈静' } }, permissions: { canApprove: false, canTransfer: false } });
    const event = res.json<TApprovalDetail>().history.at(-1);
    expect(event).toMatchObject({ action: 'transfer', actor: { name: '李四' }, opinion: '本周出差，请陈经理代审', targets: [{ id: ids.chenjing, name: '陈静' }] });
    expect(await noticesFor(t, ids.chenjing!, req.id)).toMatchObject([{ event: 'approval.waiting', title: `转交您审批：${req.title}` }]);
    // The former decider keeps seeing it but can no longer decide.
    expect((await lisi.post(`/api/approvals/${req.id}/approve`, { stepId })).statusCode).toBe(403);
    expect(await idsIn(lisi, 'waiting')).not.toContain(req.id);
    const chenjing = await as('chenjing');
    expect(await idsIn(chenjing, 'waiting')).toContain(req.id);
    const approved = await chenjing.post(`/api/approvals/${req.id}/approve`, { stepId });
    expect(approved.json().steps[0]).toMatchObject({ status: 'approved', decider: { name: '陈静' }, decidedBy: { name: '陈静' } });
  });

  it('transfer refuses the requester (nobody approves their own request), a disabled person and the same decider (400 on toId)', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    const stepId = await stepOf(lisi, req.id);
    const self = await lisi.post(`/api/approvals/${req.id}/transfer`, { stepId, toId: ids.xiaowang });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'APPROVAL_SELF', field: 'toId', message: '转交给不能是申请人本人：任何人不能审批自己的申请' });
    const gone = await makePerson(t.database, { active: false });
    expect((await lisi.post(`/api/approvals/${req.id}/transfer`, { stepId, toId: gone.id })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'toId' });
    expect((await lisi.post(`/api/approvals/${req.id}/transfer`, { stepId, toId: ids.lisi })).json()).toMatchObject({ code: 'VALIDATION', field: 'toId' });
    expect((await lisi.post(`/api/approvals/${req.id}/transfer`, { stepId })).json()).toMatchObject({ code: 'VALIDATION', field: 'toId' });
  });

  it('CC: the CC’d person is notified, sees it in the cc box, may comment but not decide', async () => {
    const req = await submitAs(t, 'xiaowang');
    const xiaowang = await as('xiaowang');
    const res = await xiaowang.post(`/api/approvals/${req.id}/cc`, { personIds: [ids.qianqi, ids.qianqi], opinion: '供参考' });
    expect(res.statusCode).toBe(200);
    expect(res.json().watchers).toEqual([{ id: ids.qianqi, name: '钱七' }]);
    expect(await noticesFor(t, ids.qianqi!, req.id)).toMatchObject([{ event: 'approval.cc', link: `/approvals/${req.id}` }]);
    // CC'ing again adds nobody and notifies nobody twice.
    await xiaowang.post(`/api/approvals/${req.id}/cc`, { personIds: [ids.qianqi] });
    expect(await noticesFor(t, ids.qianqi!, req.id)).toHaveLength(1);

    const qianqi = await as('qianqi');
    expect(await idsIn(qianqi, 'cc')).toContain(req.id);
    expect((await qianqi.get('/api/approvals/counts')).json()).toEqual({ waiting: 0, submitted: 0, cc: 1, done: 0 });
    const d = await detail(qianqi, req.id);
    expect(d.permissions).toEqual({ canApprove: false, canReject: false, canReturn: false, canTransfer: false, canComment: true, canCC: false });
    expect((await qianqi.post(`/api/approvals/${req.id}/approve`, { stepId: d.currentStep!.id })).statusCode).toBe(403);
    expect((await qianqi.post(`/api/approvals/${req.id}/cc`, { personIds: [ids.gaoyan] })).statusCode).toBe(403);
    const comment = await qianqi.post(`/api/approvals/${req.id}/comment`, { opinion: '客户合同也在这个柜子里' });
    expect(comment.statusCode).toBe(200);
    expect(comment.json().history.at(-1)).toMatchObject({ action: 'comment', actor: { name: '钱七' }, opinion: '客户合同也在这个柜子里' });
    // The requester and the current decider hear of a comment.
    expect((await noticesFor(t, ids.lisi!, req.id)).map((n) => n.event)).toEqual(['approval.waiting', 'approval.comment']);
    expect((await noticesFor(t, ids.xiaowang!, req.id)).map((n) => n.event)).toEqual(['approval.comment']);
  });

  it('the boxes and their counts agree', async () => {
    const lisi = await as('lisi');
    const counts = (await lisi.get('/api/approvals/counts')).json();
    for (const box of ['waiting', 'submitted', 'cc', 'done'] as const) {
      expect((await lisi.get(`/api/approvals?box=${box}&pageSize=1`)).json().total).toBe(counts[box]);
    }
    expect(counts.waiting).toBeGreaterThan(0);
    const page = (await lisi.get('/api/approvals?box=waiting&pageSize=1&page=2')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 1, total: counts.waiting });
  });

  it('ALL-4 every action is audited', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    const stepId = await stepOf(lisi, req.id);
    await lisi.post(`/api/approvals/${req.id}/comment`, { opinion: '请稍等' });
    await lisi.post(`/api/approvals/${req.id}/cc`, { personIds: [ids.gaoyan] });
    await lisi.post(`/api/approvals/${req.id}/approve`, { stepId, opinion: '同意' });
    const rows = rowsOf<{ action: string; actor_id: number | null }>(
      await t.database.db.execute(sql`select action, actor_id from audit_log where entity = 'approval_request' and entity_id = ${String(req.id)} order by id`),
    );
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['submit', ids.xiaowang],
      ['comment', ids.lisi],
      ['cc', ids.lisi],
      ['approve', ids.lisi],
    ]);
  });
});

describe('approval endpoints: 401 / 403 / 404 / 400', () => {
  it('401 without login on every endpoint', async () => {
    const valid: Record<string, object> = {
      approve: { stepId: 1 },
      reject: { stepId: 1, opinion: 'x' },
      return: { stepId: 1, opinion: 'x' },
      comment: { opinion: 'x' },
      transfer: { stepId: 1, toId: 1 },
      cc: { personIds: [1] },
    };
    const calls = [
      { method: 'GET' as const, url: '/api/approvals' },
      { method: 'GET' as const, url: '/api/approvals/counts' },
      { method: 'GET' as const, url: '/api/approvals/1' },
      ...Object.entries(valid).map(([a, payload]) => ({ method: 'POST' as const, url: `/api/approvals/1/${a}`, payload })),
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, call.url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('404 for a non-participant on every request endpoint (as if it did not exist), and for a missing id', async () => {
    const req = await submitAs(t, 'xiaowang');
    const stepId = await stepOf(await as('lisi'), req.id);
    const outsider = await as('hetao');
    const bodies: Record<string, unknown> = {
      approve: { stepId },
      reject: { stepId, opinion: 'x' },
      return: { stepId, opinion: 'x' },
      comment: { opinion: 'x' },
      transfer: { stepId, toId: ids.gaoyan },
      cc: { personIds: [ids.gaoyan] },
    };
    expect((await outsider.get(`/api/approvals/${req.id}`)).statusCode).toBe(404);
    for (const [action, body] of Object.entries(bodies)) {
      const res = await outsider.post(`/api/approvals/${req.id}/${action}`, body);
      expect(res.statusCode, action).toBe(404);
      expect((await outsider.post(`/api/approvals/999999/${action}`, body)).statusCode, action).toBe(404);
    }
    expect(await idsIn(outsider, 'submitted')).not.toContain(req.id);
    expect((await outsider.get('/api/approvals/999999')).json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('403 for a participant who may not act: the requester cannot decide or transfer', async () => {
    const req = await submitAs(t, 'xiaowang');
    const xiaowang = await as('xiaowang');
    const stepId = await stepOf(xiaowang, req.id);
    for (const [action, body] of [
      ['approve', { stepId }],
      ['reject', { stepId, opinion: 'x' }],
      ['return', { stepId, opinion: 'x' }],
      ['transfer', { stepId, toId: ids.gaoyan }],
    ] as const) {
      const res = await xiaowang.post(`/api/approvals/${req.id}/${action}`, body);
      expect(res.statusCode, action).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('409 when the step is no longer current (a stale page)', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    const stepId = await stepOf(lisi, req.id);
    await lisi.post(`/api/approvals/${req.id}/approve`, { stepId });
    for (const [action, body] of [
      ['approve', { stepId }],
      ['reject', { stepId, opinion: 'x' }],
      ['return', { stepId, opinion: 'x' }],
      ['transfer', { stepId, toId: ids.gaoyan }],
    ] as const) {
      const res = await lisi.post(`/api/approvals/${req.id}/${action}`, body);
      expect(res.statusCode, action).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' });
    }
  });

  it('400 naming the field', async () => {
    const req = await submitAs(t, 'xiaowang');
    const lisi = await as('lisi');
    const stepId = await stepOf(lisi, req.id);
    const cases: [string, unknown, string][] = [
      ['approve', {}, 'stepId'],
      ['approve', { stepId: 'abc' }, 'stepId'],
      ['reject', { stepId }, 'opinion'],
      ['return', { stepId, opinion: '' }, 'opinion'],
      ['comment', {}, 'opinion'],
      ['comment', { opinion: 'x'.repeat(2001) }, 'opinion'],
      ['transfer', { stepId, toId: 0 }, 'toId'],
      ['cc', { personIds: [] }, 'personIds'],
      ['cc', { personIds: [999999] }, 'personIds'],
    ];
    for (const [action, body, field] of cases) {
      const res = await lisi.post(`/api/approvals/${req.id}/${action}`, body);
      expect(res.statusCode, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().field, action).toBe(field);
    }
    expect((await lisi.get('/api/approvals?box=mine')).json()).toMatchObject({ code: 'VALIDATION', field: 'box' });
    expect((await lisi.get('/api/approvals?page=0')).json().field).toBe('page');
    expect((await lisi.get('/api/approvals/abc')).json().field).toBe('id');
  });
});
