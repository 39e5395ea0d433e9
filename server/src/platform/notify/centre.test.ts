import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TNotification, TNotificationPage } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { type NotifyInput, notify } from './notify.ts';

let t: TestApp;
let alice: Client;
let bob: Client;
beforeAll(async () => {
  t = await startTestApp();
  await makePerson(t.database, { username: 'alice' });
  await makePerson(t.database, { username: 'bob' });
  alice = await login(t.app, 'alice', PASSWORD);
  bob = await login(t.app, 'bob', PASSWORD);
});
afterAll(() => t.close());

const send = (recipientId: number, input: Partial<NotifyInput> = {}) =>
  t.database.db.transaction((tx) => notify(tx, t.clock.now(), { recipientId, event: 'approval.waiting', title: '待审批：借阅申请', link: '/approvals/1', ...input }));
const page = async (client: Client, query = '') => {
  const res = await client.get(`/api/notifications${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TNotificationPage>();
};

describe('ALL-2 notification centre: access', () => {
  it('401 without login on every endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/1/read'],
      ['POST', '/api/notifications/read-all'],
      ['GET', '/api/notifications/stream'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('403 on a mutation without the CSRF token, and before the forced password change', async () => {
    const noCsrf = await alice.post('/api/notifications/read-all', {}, { 'x-csrf-token': 'wrong' });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'CSRF' });
    const one = await alice.post('/api/notifications/1/read', undefined, { 'x-csrf-token': '' });
    expect(one.statusCode).toBe(403);
    const newcomer = await login(t.app, 'admin', 'Admin-start-1');
    for (const url of ['/api/notifications', '/api/notifications/unread-count', '/api/notifications/stream']) {
      expect((await newcomer.get(url)).json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    }
  });

  it('400 naming the field', async () => {
    expect((await alice.get('/api/notifications?unread=maybe')).json()).toMatchObject({ code: 'VALIDATION', field: 'unread' });
    expect((await alice.get('/api/notifications?page=0')).json()).toMatchObject({ code: 'VALIDATION', field: 'page' });
    expect((await alice.get('/api/notifications?pageSize=500')).json()).toMatchObject({ code: 'VALIDATION', field: 'pageSize' });
    const badId = await alice.post('/api/notifications/abc/read');
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ code: 'VALIDATION', field: 'id' });
    const badUpTo = await alice.post('/api/notifications/read-all', { upToId: -3 });
    expect(badUpTo.statusCode).toBe(400);
    expect(badUpTo.json()).toMatchObject({ code: 'VALIDATION', field: 'upToId', message: expect.stringContaining('最新已读消息') });
  });
});

describe('ALL-2 notification centre: list, counts, read marks', () => {
  it('lists only the caller’s notifications, newest first, with total and unread count; pages', async () => {
    const first = await send(alice.userId, { title: '第一条' });
    t.clock.advanceMinutes(1);
    const second = await send(alice.userId, { title: '第二条', body: '请于今日处理', entity: 'approval', entityId: 7 });
    await send(bob.userId, { title: '给 bob 的' });
    const list = await page(alice);
    expect(list).toMatchObject({ total: 2, unreadCount: 2, page: 1, pageSize: 20 });
    expect(list.items.map((n) => n.id)).toEqual([second!.id, first!.id]);
    expect(list.items[0]).toEqual({
      id: second!.id,
      event: 'approval.waiting',
      title: '第二条',
      body: '请于今日处理',
      link: '/approvals/1',
      entity: 'approval',
      entityId: '7',
      createdAt: t.clock.now().toISOString(),
      readAt: null,
    } satisfies TNotification);
    expect(list.items[0]).not.toHaveProperty('recipientId');
    expect(list.items[0]).not.toHaveProperty('dedupeKey');
    const paged = await page(alice, '?pageSize=1&page=2');
    expect(paged).toMatchObject({ total: 2, items: [{ id: first!.id }] });
    expect((await alice.get('/api/notifications/unread-count')).json()).toEqual({ unreadCount: 2 });
  });

  it('marks one read (idempotent); someone else’s is a 404; unread=true/false filter', async () => {
    const n = await send(alice.userId, { title: '待读' });
    expect((await bob.post(`/api/notifications/${n!.id}/read`)).statusCode).toBe(404);
    expect((await alice.post('/api/notifications/2147483647/read')).json()).toMatchObject({ code: 'NOT_FOUND' });
    const readAt = t.clock.now().toISOString();
    const read = await alice.post(`/api/notifications/${n!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: n!.id, readAt });
    t.clock.advanceMinutes(5);
    expect((await alice.post(`/api/notifications/${n!.id}/read`)).json()).toMatchObject({ readAt });
    const unread = await page(alice, '?unread=true');
    expect(unread.items.every((i) => i.readAt === null)).toBe(true);
    expect(unread.total).toBe(unread.unreadCount);
    const seen = await page(alice, '?unread=false');
    expect(seen.items.map((i) => i.id)).toEqual([n!.id]);
    // Bob's notification is untouched by anything Alice did.
    expect((await page(bob)).items.map((i) => i.readAt)).toEqual([null]);
  });

  it('read-all marks everything up to the newest seen (upToId); without it, everything', async () => {
    const before = (await page(alice, '?unread=true')).items;
    const seen = await send(alice.userId, { title: '已看到' });
    const arrivedLater = await send(alice.userId, { title: '刚到的' });
    const partial = await alice.post('/api/notifications/read-all', { upToId: seen!.id });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toEqual({ updated: before.length + 1, unreadCount: 1 });
    expect((await page(alice, '?unread=true')).items.map((i) => i.id)).toEqual([arrivedLater!.id]);
    const all = await alice.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1, unreadCount: 0 });
    expect((await alice.get('/api/notifications/unread-count')).json()).toEqual({ unreadCount: 0 });
    expect((await bob.get('/api/notifications/unread-count')).json()).toEqual({ unreadCount: 1 });
  });
});
