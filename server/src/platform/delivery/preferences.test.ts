import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS, type TNotificationPreferences } from '@opsdesk/contract';
import { type Client, type TestApp, PASSWORD, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { auditLog } from '../audit/schema.ts';
import type { BotPayload } from './payloads.ts';
import { deliveries } from './schema.ts';
import { makeBot, makeDepartment, notifyNow, setContact } from './testing.ts';

let t: TestApp;
let me: Client;
let meId: number;
let parentId: number;
beforeAll(async () => {
  t = await startTestApp({ smtpUrl: 'smtp://u:p@127.0.0.1:9', publicUrl: 'https://ops.example.com' });
  const parent = await makeDepartment(t.database, { name: '销售中心' });
  parentId = parent.id;
  const team = await makeDepartment(t.database, { name: '华东销售组', parentId: parent.id });
  await makeBot(t.database, { departmentId: parent.id, kind: 'wecom', webhookUrl: 'http://127.0.0.1:9/wecom?key=k' });
  await makeBot(t.database, { departmentId: parent.id, kind: 'feishu', webhookUrl: 'http://127.0.0.1:9/feishu/hook' });
  const p = await makePerson(t.database, { username: 'pref.user', departmentId: team.id, name: '王五' });
  meId = p.id;
  await setContact(t.database, p.id, { email: 'wangwu@example.com', phone: '138 0013 8000' });
  me = await login(t.app, 'pref.user', PASSWORD);
});
afterAll(() => t.close());

type Row = typeof deliveries.$inferSelect;
const wecomText = (r: Row) => ((r.payload as BotPayload).message as { markdown: { content: string } }).markdown.content;
const feishuFirstLine = (r: Row) => ((r.payload as BotPayload).message as { content: { post: { zh_cn: { content: unknown[][] } } } }).content.post.zh_cn.content[0];
const botRows = (recipientId: number) =>
  t.database.db.select().from(deliveries).where(eq(deliveries.recipientId, recipientId)).then((rows) => rows.filter((r) => r.channel !== 'email'));

describe('ALL-2 my notification preferences: /api/me/notification-preferences', () => {
  it('401 without login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notification-preferences' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/me/notification-preferences', payload: {} })).statusCode).toBe(401);
  });

  it('GET: the events × channels matrix with defaults, and what can reach me (the parent department’s bots)', async () => {
    const res = await me.get('/api/me/notification-preferences');
    expect(res.statusCode).toBe(200);
    const body = res.json<TNotificationPreferences>();
    expect(body.items.map((i) => i.event)).toEqual([...NOTIFICATION_EVENTS]);
    expect(body.items.find((i) => i.event === 'approval')).toEqual({ event: 'approval', email: true, bot: false });
    expect(body.items.find((i) => i.event === 'reminder')).toEqual({ event: 'reminder', email: true, bot: true });
    expect(body).toMatchObject({
      email: { available: true, address: 'wangwu@example.com' },
      bot: { available: true, kinds: ['wecom', 'feishu'], departmentName: '销售中心' },
      mobile: '138 0013 8000',
      wecomUserId: null,
      feishuOpenId: null,
    });
  });

  it('400 naming the field: unknown event, wrong type, bad WeCom id or Feishu open id', async () => {
    const bad = await me.put('/api/me/notification-preferences', { items: [{ event: 'lunch', email: true }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'items.0.event' });
    expect((await me.put('/api/me/notification-preferences', { items: [{ event: 'task', bot: 'yes' }] })).json()).toMatchObject({ field: 'items.0.bot' });
    expect((await me.put('/api/me/notification-preferences', { wecomUserId: 'has space' })).json()).toMatchObject({ field: 'wecomUserId' });
    const feishu = await me.put('/api/me/notification-preferences', { feishuOpenId: 'x' });
    expect(feishu.json()).toMatchObject({ field: 'feishuOpenId' });
    expect(feishu.json().message).toMatch(/^飞书 Open ID/);
  });

  it('PUT changes only the named cells and my chat ids; the bots then @mention me by them', async () => {
    const res = await me.put('/api/me/notification-preferences', {
      items: [{ event: 'approval', bot: true }, { event: 'reminder', email: false }, { event: 'reminder', bot: true }],
      wecomUserId: 'wangwu',
      feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<TNotificationPreferences>();
    expect(body.items.find((i) => i.event === 'approval')).toEqual({ event: 'approval', email: true, bot: true });
    expect(body.items.find((i) => i.event === 'reminder')).toEqual({ event: 'reminder', email: false, bot: true });
    expect(body).toMatchObject({ wecomUserId: 'wangwu', feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706' });

    await notifyNow(t.database, t.clock.now(), { recipientId: meId, event: 'approval.waiting', title: '待审批', link: '/approvals/3' });
    const rows = await botRows(meId);
    expect(rows.map((r) => r.channel).sort()).toEqual(['feishu', 'wecom']);
    expect(wecomText(rows.find((r) => r.channel === 'wecom')!)).toBe('<@wangwu> **待审批**\n\n[查看详情](https://ops.example.com/approvals/3)');
    expect(feishuFirstLine(rows.find((r) => r.channel === 'feishu')!)).toEqual([{ tag: 'at', user_id: 'ou_7d8a6e6df7621556ce0d21922b676706' }]);
  });

  it('switching a channel off stops its deliveries; clearing an id goes back to naming me', async () => {
    await me.put('/api/me/notification-preferences', { items: [{ event: 'approval', bot: false }], wecomUserId: '' });
    const before = (await botRows(meId)).length;
    await notifyNow(t.database, t.clock.now(), { recipientId: meId, event: 'approval.waiting', title: '待审批 2' });
    expect(await botRows(meId)).toHaveLength(before);
    await notifyNow(t.database, t.clock.now(), { recipientId: meId, event: 'deadline.reminder', title: '提醒' });
    const wecom = (await botRows(meId)).find((r) => r.channel === 'wecom' && (r.payload as BotPayload).title === '提醒')!;
    expect(wecomText(wecom)).toMatch(/^\*\*王五\*\* \*\*提醒\*\*/);
    expect((await me.get('/api/me/notification-preferences')).json().wecomUserId).toBeNull();
  });

  it('a department’s own bot wins over its parent’s', async () => {
    const own = await makeDepartment(t.database, { name: '华南销售组', parentId });
    const bot = await makeBot(t.database, { departmentId: own.id, kind: 'dingtalk', webhookUrl: 'http://127.0.0.1:9/robot/send?access_token=t' });
    const p = await makePerson(t.database, { departmentId: own.id });
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'meeting.notice', title: '会议通知' });
    expect((await botRows(p.id)).map((r) => [r.channel, r.channelId, r.target])).toEqual([['dingtalk', bot.id, `bot:${bot.id}`]]);
  });

  it('my choices are audited as mine', async () => {
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'notification_preferences'), eq(auditLog.entityId, String(meId))))
      .orderBy(auditLog.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.actorId === meId)).toBe(true);
    expect(rows[0]!.changes).toMatchObject({ 'approval.bot': { after: true }, 'reminder.email': { after: false }, wecomUserId: { after: 'wangwu' } });
  });
});
