import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDelivery } from '@opsdesk/contract';
import { type Client, type TestApp, PASSWORD, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import type { DispatchResult } from './dispatch.ts';
import { DISPATCH_JOB } from './install.ts';
import { type HttpSink, makeBot, makeDepartment, notifyNow, startHttpSink } from './testing.ts';

let t: TestApp;
let sink: HttpSink;
let admin: Client;
let staff: Client;
const TOKEN = 'wecom0key0must0stay0hidden';
beforeAll(async () => {
  sink = await startHttpSink();
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await makePerson(t.database, { username: 'staff2' });
  staff = await login(t.app, 'staff2', PASSWORD);
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const dispatch = () => t.app.jobs.runNow(DISPATCH_JOB) as Promise<DispatchResult>;

describe('ALL-2 delivery queue (admin item 5): /api/admin/deliveries', () => {
  let failing: TDelivery;

  it('401 without login, 403 for staff, 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/deliveries' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/deliveries/1/retry' })).statusCode).toBe(401);
    expect((await staff.get('/api/admin/deliveries')).statusCode).toBe(403);
    expect((await staff.post('/api/admin/deliveries/1/retry')).statusCode).toBe(403);
    const bad = await admin.get('/api/admin/deliveries?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'status' });
    expect((await admin.get('/api/admin/deliveries?page=0')).json()).toMatchObject({ field: 'page' });
    expect((await admin.post('/api/admin/deliveries/x/retry')).json()).toMatchObject({ field: 'id' });
    expect((await admin.post('/api/admin/deliveries/999999/retry')).statusCode).toBe(404);
  });

  it('lists pending, failed and dead deliveries with every attempt, filtered by status', async () => {
    const dept = await makeDepartment(t.database);
    await makeBot(t.database, { departmentId: dept.id, kind: 'wecom', webhookUrl: sink.url(`/cgi-bin/webhook/send?key=${TOKEN}`) });
    const p = await makePerson(t.database, { departmentId: dept.id, name: '李四' });
    sink.reply(() => ({ body: { errcode: 93000, errmsg: 'invalid webhook url' } }));
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'deadline.escalation', title: '任务已逾期：月度销售报告' });

    const pending = (await admin.get('/api/admin/deliveries?status=pending')).json();
    expect(pending).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(pending.items[0]).toMatchObject({ status: 'pending', channel: 'wecom', title: '任务已逾期：月度销售报告', event: 'deadline.escalation', recipientName: '李四', attemptLog: [] });

    await dispatch();
    const res = await admin.get('/api/admin/deliveries?status=failed');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(TOKEN);
    failing = res.json().items[0];
    expect(failing).toMatchObject({ status: 'failed', attempts: 1, lastError: 'wecom error 93000: invalid webhook url', nextAttemptAt: '2026-11-26T02:01:00.000Z' });
    expect(failing.attemptLog).toMatchObject([{ outcome: 'failed', statusCode: 200, startedAt: '2026-11-26T02:00:00.000Z', finishedAt: '2026-11-26T02:00:00.000Z' }]);
    expect((await admin.get('/api/admin/deliveries?status=pending')).json().total).toBe(0);

    for (const m of [1, 2, 4, 8, 16]) {
      t.clock.advanceMinutes(m);
      await dispatch();
    }
    const dead = (await admin.get('/api/admin/deliveries?status=dead&channel=wecom')).json();
    expect(dead.total).toBe(1);
    expect(dead.items[0]).toMatchObject({ id: failing.id, status: 'dead', attempts: 6, nextAttemptAt: null });
    expect(dead.items[0].attemptLog).toHaveLength(6);
  });

  it('retry sends a dead delivery again now, keeping its attempt log; audited', async () => {
    sink.reply(() => ({ body: { errcode: 0, errmsg: 'ok' } }));
    const res = await admin.post(`/api/admin/deliveries/${failing.id}/retry`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: t.clock.now().toISOString() });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const sent = (await admin.get('/api/admin/deliveries?status=sent')).json().items[0] as TDelivery;
    expect(sent).toMatchObject({ id: failing.id, status: 'sent', attempts: 1, sentAt: t.clock.now().toISOString() });
    expect(sent.attemptLog.map((a) => a.outcome)).toEqual(['sent', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
  });

  it('409 when retrying a delivery that was sent', async () => {
    const res = await admin.post(`/api/admin/deliveries/${failing.id}/retry`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DELIVERY_NOT_RETRYABLE', message: '该消息已发送或正在发送，不能重试' });
  });
});
