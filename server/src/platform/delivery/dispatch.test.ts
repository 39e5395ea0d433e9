import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, makePerson, startTestApp } from '../../../test/harness.ts';
import { toIso } from '../calendar/zone.ts';
import type { DispatchResult } from './dispatch.ts';
import { enqueueDeliveries } from './enqueue.ts';
import { DISPATCH_JOB } from './install.ts';
import { deliveries, deliveryAttempts, deliveryChannels } from './schema.ts';
import { type HttpSink, makeBot, makeDepartment, notifyNow, setContact, startHttpSink } from './testing.ts';

// Pasted from openssl (see sign.test.ts): the signatures at the test clock's start, 2026-11-26T02:00:00Z.
const DINGTALK_SECRET = 'SEC0123456789abcdefDEMOsecret';
const DINGTALK_SIGN_AT_START = 'EX2YpQ8M0g4v2tyb1X7MLOxx6%2Ff8CNIetaeejCxUGOo%3D';
const FEISHU_SECRET = 'feishu-demo-secret-6Yq9';
const FEISHU_SIGN_AT_START = 'ZUwG20Cl+YjBtSRay33cm5X4cEbRlqOy4p6q5oLQ5cw=';

let t: TestApp;
let sink: HttpSink;
beforeAll(async () => {
  sink = await startHttpSink();
  t = await startTestApp({ publicUrl: 'https://ops.example.com' });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const dispatch = () => t.app.jobs.runNow(DISPATCH_JOB) as Promise<DispatchResult>;
const rowsFor = (channelId: number) => t.database.db.select().from(deliveries).where(eq(deliveries.channelId, channelId)).orderBy(deliveries.id);

/** A person in a new department that has one bot of `kind`, pointed at the sink. */
async function personWithBot(kind: 'dingtalk' | 'wecom' | 'feishu', secret: string | null = null) {
  const dept = await makeDepartment(t.database);
  const bot = await makeBot(t.database, { departmentId: dept.id, kind, webhookUrl: sink.url(`/${kind}/hook-0123456789abcdef?access_token=tok-${kind}-${dept.id}`), secret });
  const person = await makePerson(t.database, { departmentId: dept.id, name: '小王' });
  await setContact(t.database, person.id, { phone: '13800138000', wecomUserId: 'wangxiao', feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706' });
  return { dept, bot, person };
}
const remind = (recipientId: number, n: number) =>
  notifyNow(t.database, t.clock.now(), { recipientId, event: 'deadline.reminder', title: `任务即将到期 #${n}`, body: '请尽快处理', link: `/tasks/${n}` });

describe('ALL-2 real bot payloads reach a local HTTP sink, signed', () => {
  it('DingTalk (signed query), Feishu (signed body) and WeCom (unsigned) at the clock’s start', async () => {
    const ding = await personWithBot('dingtalk', DINGTALK_SECRET);
    const fei = await personWithBot('feishu', FEISHU_SECRET);
    const wecom = await personWithBot('wecom');
    for (const p of [ding, fei, wecom]) await remind(p.person.id, p.person.id);
    expect(await dispatch()).toEqual({ sent: 3, failed: 0, dead: 0 });

    const dReq = sink.requests.find((r) => r.url.startsWith('/dingtalk/'))!;
    expect(dReq.url).toBe(`/dingtalk/hook-0123456789abcdef?access_token=tok-dingtalk-${ding.dept.id}&timestamp=1795658400000&sign=${DINGTALK_SIGN_AT_START}`);
    expect(dReq.body).toMatchObject({ msgtype: 'markdown', at: { atMobiles: ['13800138000'], isAtAll: false } });
    expect((dReq.body.markdown as { text: string }).text).toContain(`[查看详情](https://ops.example.com/tasks/${ding.person.id})`);

    const fReq = sink.requests.find((r) => r.url.startsWith('/feishu/'))!;
    expect(fReq.body).toMatchObject({ timestamp: '1795658400', sign: FEISHU_SIGN_AT_START, msg_type: 'post' });

    const wReq = sink.requests.find((r) => r.url.startsWith('/wecom/'))!;
    expect(wReq.url).toBe(`/wecom/hook-0123456789abcdef?access_token=tok-wecom-${wecom.dept.id}`);
    expect((wReq.body as { markdown: { content: string } }).markdown.content).toMatch(/^<@wangxiao> \*\*任务即将到期/);

    const [row] = await rowsFor(ding.bot.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, idempotencyKey: `${row!.notificationId}:dingtalk:bot:${ding.bot.id}` });
    const attempts = await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, row!.id));
    expect(attempts).toMatchObject([{ outcome: 'sent', statusCode: 200, error: null }]);
    expect(attempts[0]!.response).toContain('"errcode":0');
  });
});

describe('ALL-2 bot rate limits on an injected clock (no real waiting)', () => {
  it('50 queued messages to one DingTalk bot go out at ≤ 20 per minute', async () => {
    const { bot, person } = await personWithBot('dingtalk', DINGTALK_SECRET);
    for (let i = 0; i < 50; i++) await remind(person.id, 1000 + i);
    const start = t.clock.now().getTime();
    const seen = () => sink.requests.filter((r) => r.url.includes(`tok-dingtalk-${bot.departmentId}&`));

    expect((await dispatch()).sent).toBe(20);
    expect((await dispatch()).sent).toBe(0);
    // The rest wait for the window: their next attempt is when the first of the 20 leaves it.
    const waiting = (await rowsFor(bot.id)).filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(30);
    expect(new Set(waiting.map((r) => Date.parse(toIso(r.nextAttemptAt!))))).toEqual(new Set([start + 60_000]));
    // Every 7 s for 3 minutes: never more than 20 in any 60 s window, by the signed timestamps.
    for (let s = 0; s < 26; s++) {
      t.clock.advance(7_000);
      await dispatch();
    }
    const stamps = seen().map((r) => Number(new URL(r.url, 'http://x').searchParams.get('timestamp')));
    expect(stamps).toHaveLength(50);
    for (const s of stamps) expect(stamps.filter((x) => x >= s && x < s + 60_000).length).toBeLessThanOrEqual(20);
    expect(Math.max(...stamps) - start).toBeLessThan(3 * 60_000);
    expect((await rowsFor(bot.id)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('Feishu: at most 5 per second', async () => {
    const { bot, person } = await personWithBot('feishu', FEISHU_SECRET);
    for (let i = 0; i < 12; i++) await remind(person.id, 2000 + i);
    expect((await dispatch()).sent).toBe(5);
    t.clock.advance(500);
    expect((await dispatch()).sent).toBe(0);
    t.clock.advance(500);
    expect((await dispatch()).sent).toBe(5);
    t.clock.advance(1_000);
    expect((await dispatch()).sent).toBe(2);
    expect((await rowsFor(bot.id)).filter((r) => r.status === 'sent')).toHaveLength(12);
  });
});

describe('ALL-2 failures: a bot errcode ≠ 0 fails, retried with backoff, then dead', () => {
  it('WeCom answering errcode 45009 is a failure each time; 1, 2, 4, 8, 16 min later; dead after 6 attempts', async () => {
    const { bot, person } = await personWithBot('wecom');
    sink.reply((r) => (r.url.includes(`tok-wecom-${bot.departmentId}`) ? { body: { errcode: 45009, errmsg: 'api freq out of limit' } } : { body: { errcode: 0 } }));
    await remind(person.id, 3000);
    const gaps = [1, 2, 4, 8, 16];
    expect(await dispatch()).toMatchObject({ failed: 1 });
    for (const [i, minutes] of gaps.entries()) {
      const [row] = await rowsFor(bot.id);
      expect(row).toMatchObject({ status: 'failed', attempts: i + 1, lastError: 'wecom error 45009: api freq out of limit' });
      t.clock.advanceMinutes(minutes - 0.5);
      expect(await dispatch()).toEqual({ sent: 0, failed: 0, dead: 0 });
      t.clock.advanceMinutes(0.5);
      expect(await dispatch()).toEqual(i === gaps.length - 1 ? { sent: 0, failed: 0, dead: 1 } : { sent: 0, failed: 1, dead: 0 });
    }
    const [dead] = await rowsFor(bot.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 6, nextAttemptAt: null });
    const log = await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, dead!.id));
    expect(log).toHaveLength(6);
    expect(log.every((a) => a.outcome === 'failed' && a.statusCode === 200 && a.response?.includes('45009'))).toBe(true);
    t.clock.advanceMinutes(60);
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, dead: 0 });
    sink.reply(() => ({ body: { errcode: 0, errmsg: 'ok', code: 0 } }));
  });

  it('an unreachable bot and an HTTP 500 are failures too, logged without the webhook token', async () => {
    const { bot, person } = await personWithBot('dingtalk', DINGTALK_SECRET);
    sink.reply((r) => (r.url.includes(`tok-dingtalk-${bot.departmentId}&`) ? { status: 500, body: `oops ${r.url}` } : { body: { errcode: 0 } }));
    await remind(person.id, 4000);
    expect((await dispatch()).failed).toBe(1);
    const [attempt] = await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.channelId, bot.id));
    expect(attempt).toMatchObject({ outcome: 'failed', statusCode: 500, error: 'HTTP 500' });
    expect(attempt!.response).not.toContain(`tok-dingtalk-${bot.departmentId}`);
    expect(attempt!.response).toContain('***');
    sink.reply(() => ({ body: { errcode: 0, errmsg: 'ok', code: 0 } }));
  });
});

describe('ALL-2 a bot switched off or removed', () => {
  it('messages waiting for a disabled bot stop (dead, with the reason); a removed bot’s too', async () => {
    const { bot, person } = await personWithBot('wecom');
    await remind(person.id, 7000);
    await t.database.db.update(deliveryChannels).set({ enabled: false }).where(eq(deliveryChannels.id, bot.id));
    expect(await dispatch()).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect((await rowsFor(bot.id))[0]).toMatchObject({ status: 'dead', lastError: 'the bot is disabled' });
    // Disabled bots get no new messages at all.
    await remind(person.id, 7001);
    expect(await rowsFor(bot.id)).toHaveLength(1);
  });
});

describe('ALL-2 at-least-once with an idempotency key', () => {
  it('enqueueing the same notification twice yields one delivery per target', async () => {
    const { bot, person } = await personWithBot('wecom');
    const n = await remind(person.id, 5000);
    await t.database.db.transaction((tx) => enqueueDeliveries(tx, n!));
    await t.database.db.transaction((tx) => enqueueDeliveries(tx, n!));
    expect(await rowsFor(bot.id)).toHaveLength(1);
  });

  it('a sender that died mid-send: after its lease another pass takes the row over and logs the lost attempt', async () => {
    const { bot, person } = await personWithBot('wecom');
    await remind(person.id, 6000);
    const now = t.clock.now().toISOString();
    const [row] = await rowsFor(bot.id);
    // As if a process claimed it and crashed before recording an outcome.
    await t.database.db.update(deliveries).set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(t.clock.now().getTime() + 120_000).toISOString() }).where(eq(deliveries.id, row!.id));
    await t.database.db.insert(deliveryAttempts).values({ deliveryId: row!.id, channelId: bot.id, startedAt: now });
    await dispatch();
    expect((await rowsFor(bot.id))[0]).toMatchObject({ status: 'sending', attempts: 1 });
    t.clock.advanceMinutes(2);
    await dispatch();
    const log = await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, row!.id)).orderBy(deliveryAttempts.id);
    expect(log.map((a) => a.outcome)).toEqual(['failed', 'sent']);
    expect(log[0]!.error).toMatch(/interrupted/);
    expect((await rowsFor(bot.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
