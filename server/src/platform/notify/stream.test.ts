import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TNotification } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { type Instance, secondInstance } from '../../../test/instances.ts';
import { declare, setClock } from '../../../test/reminders.ts';
import { listenLocal, openStream } from '../../../test/sse.ts';
import { REMINDER_JOB } from '../deadlines/scan.ts';
import { notify } from './notify.ts';
import { STREAM_RETRY_MS } from './stream.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

// PostgreSQL: instance A (t.app) writes, instance B holds the streams — two processes in miniature.
// PGlite: one process is all there is; the same assertions run on the one instance.
let t: TestApp;
let b: Instance | null = null;
let streams: FastifyInstance;
let port: number;
let alice: Client;
let bob: Client;
let appClosed = false;
beforeAll(async () => {
  t = await startTestApp();
  if (onPostgres) b = await secondInstance(t);
  streams = b?.app ?? t.app;
  port = await listenLocal(streams);
  await makePerson(t.database, { username: 'alice' });
  await makePerson(t.database, { username: 'bob' });
  alice = await login(t.app, 'alice', PASSWORD);
  bob = await login(t.app, 'bob', PASSWORD);
});
afterAll(async () => {
  await b?.close();
  if (!appClosed) await t.close();
});

/** Created through instance A, in its own transaction, as any module's service would. */
const sendViaA = (recipientId: number, title: string) =>
  t.database.db.transaction((tx) => notify(tx, t.clock.now(), { recipientId, event: 'approval.waiting', title, link: '/approvals/9' }));

describe(onPostgres ? 'ALL-2 live notifications: SSE on instance B, notifications created on instance A (one PostgreSQL)' : 'ALL-2 live notifications: SSE on PGlite (one instance)', () => {
  it('401 without a session cookie (JSON error, no stream)', async () => {
    const res = await streams.inject({ method: 'GET', url: '/api/notifications/stream' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const anonymous = await openStream(port, null);
    expect(anonymous.status).toBe(401);
  });

  it('opens an event stream: retry, then ready with the unread count; a new notification arrives live, only to its recipient', async () => {
    await sendViaA(alice.userId, '开流前的一条');
    const s = await openStream(port, alice.cookie);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toBe('no-cache, no-transform');
    expect(await s.next('retry')).toEqual({ kind: 'retry', ms: STREAM_RETRY_MS });
    expect((await s.next('event', 'ready')).data).toEqual({ unreadCount: 1 });

    await sendViaA(bob.userId, '给 bob 的');
    const mine = await sendViaA(alice.userId, '请审批：借阅《年度报告》');
    const event = await s.next('event', 'notification');
    expect(event.id).toBe(String(mine!.id));
    expect(event.data).toEqual({
      id: mine!.id,
      event: 'approval.waiting',
      title: '请审批：借阅《年度报告》',
      body: '',
      link: '/approvals/9',
      entity: null,
      entityId: null,
      createdAt: t.clock.now().toISOString(),
      readAt: null,
    } satisfies TNotification);

    // Read in another tab (through instance A): this stream hears the new count.
    expect((await alice.post(`/api/notifications/${mine!.id}/read`)).statusCode).toBe(200);
    expect((await s.next('event', 'unread')).data).toEqual({ unreadCount: 1 });
    expect((await alice.post('/api/notifications/read-all')).statusCode).toBe(200);
    expect((await s.next('event', 'unread')).data).toEqual({ unreadCount: 0 });
    s.close();
  });

  it('a reminder fired by the scanner on instance A reaches the stream live', async () => {
    const s = await openStream(port, alice.cookie);
    await s.next('event', 'ready');
    setClock(t.clock, '2026-11-26T02:00:00.000Z');
    const d = await declare(t, { entityId: 'LIVE1', anchorDate: '2026-11-27', ownerId: alice.userId, reminders: [{ when: 'atDue', to: ['owner'] }] });
    setClock(t.clock, d.dueAt);
    await t.app.jobs.runNow(REMINDER_JOB);
    expect((await s.next('event', 'notification')).data).toMatchObject({ event: 'deadline.due', title: '已到期：测试任务 LIVE1', link: '/tasks/LIVE1' });
    s.close();
  });

  it('a reconnecting EventSource (Last-Event-ID) gets what it missed, in order', async () => {
    const seen = await sendViaA(alice.userId, '断线前');
    const missed1 = await sendViaA(alice.userId, '断线期间 1');
    const missed2 = await sendViaA(alice.userId, '断线期间 2');
    const s = await openStream(port, alice.cookie, { 'last-event-id': String(seen!.id) });
    expect((await s.next('event', 'notification')).id).toBe(String(missed1!.id));
    expect((await s.next('event', 'notification')).id).toBe(String(missed2!.id));
    expect((await s.next('event', 'ready')).data).toEqual({ unreadCount: 4 }); // these three and the reminder above
    s.close();
  });

  it('a heartbeat comment every 25 s; a stream whose session ended is closed at the next heartbeat', async () => {
    const s = await openStream(port, alice.cookie);
    await s.next('event', 'ready');
    await streams.notificationHub.heartbeat();
    expect(await s.next('comment')).toEqual({ kind: 'comment', text: 'heartbeat' });

    const other = await login(t.app, 'alice', PASSWORD);
    const stale = await openStream(port, other.cookie);
    await stale.next('event', 'ready');
    expect((await other.post('/api/auth/logout')).statusCode).toBe(200);
    t.clock.advance(31_000); // past the session cache of the process holding the stream
    await streams.notificationHub.heartbeat();
    await stale.ended();
    await expect(s.ended(100)).rejects.toThrow(/no end of stream/);
    s.close();
  });

  it('closing the app ends its open streams cleanly', async () => {
    const s = await openStream(port, alice.cookie);
    await s.next('event', 'ready');
    expect(streams.notificationHub.size).toBeGreaterThan(0);
    if (b) {
      await b.close();
      b = null;
    } else {
      await t.close();
      appClosed = true;
    }
    await s.ended();
  });
});
