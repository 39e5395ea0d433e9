import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDelivery, TDeliveryChannel } from '@opsdesk/contract';
import { type Client, type TestApp, PASSWORD, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { type HttpSink, makeDepartment, startHttpSink } from './testing.ts';

// Pasted from openssl: DingTalk sign at the test clock's start (see sign.test.ts).
const SECRET = 'SEC0123456789abcdefDEMOsecret';
const SIGN_AT_START = 'EX2YpQ8M0g4v2tyb1X7MLOxx6%2Ff8CNIetaeejCxUGOo%3D';
const TOKEN = 'tok0dingtalk0access0token0secret';

let t: TestApp;
let sink: HttpSink;
let admin: Client;
let staff: Client;
let auditor: Client;
let deptId: number;
beforeAll(async () => {
  sink = await startHttpSink();
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await makePerson(t.database, { username: 'staff1' });
  staff = await login(t.app, 'staff1', PASSWORD);
  await makePerson(t.database, { username: 'auditor1', roles: ['auditor'] });
  auditor = await login(t.app, 'auditor1', PASSWORD);
  deptId = (await makeDepartment(t.database, { name: '研发部' })).id;
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const dingtalk = () => ({ departmentId: deptId, kind: 'dingtalk', name: '研发部钉钉群', webhookUrl: sink.url(`/robot/send?access_token=${TOKEN}`), signingSecret: SECRET });
const noSecrets = (body: string) => {
  expect(body).not.toContain(SECRET);
  expect(body).not.toContain(TOKEN);
};

describe('ALL-2 department bots (admin): /api/admin/delivery-channels', () => {
  let created: TDeliveryChannel;

  it('401 without login on every endpoint', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/admin/delivery-channels', undefined],
      ['POST', '/api/admin/delivery-channels', dingtalk()],
      ['PATCH', '/api/admin/delivery-channels/1', { enabled: false }],
      ['DELETE', '/api/admin/delivery-channels/1', undefined],
      ['POST', '/api/admin/delivery-channels/1/test', {}],
    ] as const) {
      expect((await t.app.inject({ method, url, payload })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('creates a bot; the secret never comes back, only that it is set; the token is masked', async () => {
    const res = await admin.post('/api/admin/delivery-channels', dingtalk());
    expect(res.statusCode).toBe(201);
    noSecrets(res.body);
    created = res.json();
    expect(created).toMatchObject({ departmentId: deptId, departmentName: '研发部', kind: 'dingtalk', signingSecretSet: true, enabled: true });
    expect(created.webhookUrl).toMatch(/\/robot\/send\?access_token=••••cret$/);
    const list = await admin.get('/api/admin/delivery-channels');
    expect(list.statusCode).toBe(200);
    noSecrets(list.body);
    expect(list.json()).toHaveLength(1);
  });

  it('403 for staff on every endpoint', async () => {
    expect((await staff.get('/api/admin/delivery-channels')).statusCode).toBe(403);
    expect((await staff.post('/api/admin/delivery-channels', dingtalk())).statusCode).toBe(403);
    expect((await staff.patch(`/api/admin/delivery-channels/${created.id}`, { enabled: false })).statusCode).toBe(403);
    expect((await staff.post(`/api/admin/delivery-channels/${created.id}/test`, {})).statusCode).toBe(403);
    expect((await staff.del(`/api/admin/delivery-channels/${created.id}`)).statusCode).toBe(403);
  });

  it('400 naming the field: bad URL, unknown kind, missing department; 409 for a second DingTalk bot', async () => {
    const badUrl = await admin.post('/api/admin/delivery-channels', { ...dingtalk(), webhookUrl: 'ftp://x' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ code: 'VALIDATION', field: 'webhookUrl' });
    expect(badUrl.json().message).toMatch(/^Webhook 地址/);
    expect((await admin.post('/api/admin/delivery-channels', { ...dingtalk(), kind: 'slack' })).json()).toMatchObject({ field: 'kind' });
    expect((await admin.post('/api/admin/delivery-channels', { ...dingtalk(), departmentId: 999999 })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'departmentId' });
    expect((await admin.patch(`/api/admin/delivery-channels/${created.id}`, { name: '' })).json()).toMatchObject({ field: 'name' });
    const dup = await admin.post('/api/admin/delivery-channels', dingtalk());
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', field: 'kind' });
    expect((await admin.post('/api/admin/delivery-channels/abc/test', {})).json()).toMatchObject({ field: 'id' });
  });

  it('test-send: the real signed message reaches the bot now and comes back with its attempt', async () => {
    const res = await admin.post(`/api/admin/delivery-channels/${created.id}/test`, { text: '测试：请忽略' });
    expect(res.statusCode).toBe(200);
    noSecrets(res.body);
    const d = res.json<TDelivery>();
    expect(d).toMatchObject({ status: 'sent', test: true, channel: 'dingtalk', channelId: created.id, channelName: '研发部钉钉群', attempts: 1, notificationId: null });
    expect(d.attemptLog).toMatchObject([{ outcome: 'sent', statusCode: 200 }]);
    const req = sink.requests.at(-1)!;
    expect(req.url).toBe(`/robot/send?access_token=${TOKEN}&timestamp=1795658400000&sign=${SIGN_AT_START}`);
    expect((req.body.markdown as { text: string }).text).toContain('测试：请忽略');
  });

  it('test-send to a bot that answers errcode ≠ 0 reports the failure at once (no retries into the group)', async () => {
    sink.reply(() => ({ body: { errcode: 310000, errmsg: `keywords not in content, token ${TOKEN}` } }));
    const d = (await admin.post(`/api/admin/delivery-channels/${created.id}/test`)).json<TDelivery>();
    sink.reply(() => ({ body: { errcode: 0, errmsg: 'ok' } }));
    expect(d).toMatchObject({ status: 'dead', lastError: 'dingtalk error 310000: keywords not in content, token ***' });
    expect(d.attemptLog[0]!.response).not.toContain(TOKEN);
  });

  it('PATCH: omitted secret kept, null clears it; the audit trail records a change, never the value', async () => {
    const renamed = await admin.patch(`/api/admin/delivery-channels/${created.id}`, { name: '研发群', enabled: false });
    expect(renamed.json()).toMatchObject({ name: '研发群', enabled: false, signingSecretSet: true });
    const cleared = await admin.patch(`/api/admin/delivery-channels/${created.id}`, { signingSecret: null });
    expect(cleared.json()).toMatchObject({ signingSecretSet: false });
    const reset = await admin.patch(`/api/admin/delivery-channels/${created.id}`, { signingSecret: 'SEC-new-secret-value', webhookUrl: sink.url('/robot/send?access_token=another0token0value') });
    expect(reset.statusCode).toBe(200);
    noSecrets(reset.body);
    expect(reset.body).not.toContain('SEC-new-secret-value');
    const audit = await auditor.get('/api/audit?entity=delivery_channel');
    expect(audit.statusCode).toBe(200);
    noSecrets(audit.body);
    expect(audit.body).not.toContain('SEC-new-secret-value');
    expect(audit.body).not.toContain('another0token0value');
    const actions = audit.json().items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'test']));
    expect(audit.json().items[0].changes).toMatchObject({ signingSecret: { after: 'changed' }, webhookUrl: { after: 'changed' } });
  });

  it('404 for an unknown bot; DELETE removes it and its waiting messages die with it', async () => {
    expect((await admin.patch('/api/admin/delivery-channels/999999', { enabled: true })).statusCode).toBe(404);
    expect((await admin.post('/api/admin/delivery-channels/999999/test')).statusCode).toBe(404);
    expect((await admin.del(`/api/admin/delivery-channels/${created.id}`)).json()).toEqual({ ok: true });
    expect((await admin.del(`/api/admin/delivery-channels/${created.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/admin/delivery-channels')).json()).toEqual([]);
    // The history stays: the test messages are still listed, without their bot.
    const page = (await admin.get('/api/admin/deliveries')).json();
    expect(page.total).toBe(2);
    expect(page.items.every((d: TDelivery) => d.channelId === null)).toBe(true);
  });
});
