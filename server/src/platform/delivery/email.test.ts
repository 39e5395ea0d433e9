import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, login, makePerson, PASSWORD, startTestApp } from '../../../test/harness.ts';
import { toIso } from '../calendar/zone.ts';
import type { DispatchResult } from './dispatch.ts';
import { onEmailAttachments } from './enqueue.ts';
import { DISPATCH_JOB } from './install.ts';
import { deliveries, deliveryAttempts } from './schema.ts';
import { decodeHeader, mimePart, notifyNow, setContact, startSmtpSink } from './testing.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestApp({ smtpUrl: smtp.url, mailFrom: '运营台 <opsdesk@example.com>', publicUrl: 'https://ops.example.com/' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const dispatch = () => t.app.jobs.runNow(DISPATCH_JOB) as Promise<DispatchResult>;
const emailsTo = (recipientId: number) =>
  t.database.db.select().from(deliveries).where(eq(deliveries.recipientId, recipientId)).then((rows) => rows.filter((r) => r.channel === 'email'));

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'SUMMARY:Q4项目启动会', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');

describe('ALL-2 e-mail over SMTP to a local server (MTG-3 .ics attachment)', () => {
  it('a real e-mail with a Chinese subject and an attachment arrives, authenticated', async () => {
    onEmailAttachments('meeting.notice', async () => [{ filename: 'invite.ics', content: ICS, contentType: 'text/calendar; method=REQUEST; charset=utf-8' }]);
    const p = await makePerson(t.database, { name: '张三' });
    await setContact(t.database, p.id, { email: 'Zhang.San@Example.com' });
    await notifyNow(t.database, t.clock.now(), {
      recipientId: p.id,
      event: 'meeting.notice',
      title: '会议通知：Q4项目启动会',
      body: '时间：2026-11-30 14:00-16:00\n地点：3号会议室',
      link: '/meetings/7',
    });
    expect(await dispatch()).toEqual({ sent: 1, failed: 0, dead: 0 });

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail).toMatchObject({ from: 'opsdesk@example.com', to: ['zhang.san@example.com'], user: 'opsdesk' });
    expect(decodeHeader(mail.raw, 'Subject')).toBe('会议通知：Q4项目启动会');
    expect(decodeHeader(mail.raw, 'From')).toContain('运营台');
    const text = mimePart(mail.raw, /content-type:\s*text\/plain/i);
    expect(text?.body).toContain('地点：3号会议室');
    expect(text?.body).toContain('查看详情: https://ops.example.com/meetings/7');
    const ics = mimePart(mail.raw, /filename="?invite\.ics/i);
    expect(ics?.headers).toMatch(/content-type:\s*text\/calendar/i);
    expect(ics?.body.replace(/\r\n/g, '\n')).toBe(ICS.replace(/\r\n/g, '\n'));

    const [row] = await emailsTo(p.id);
    expect(row).toMatchObject({ status: 'sent', target: 'zhang.san@example.com', idempotencyKey: `${row!.notificationId}:email:zhang.san@example.com` });
    const [attempt] = await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, row!.id));
    expect(attempt).toMatchObject({ outcome: 'sent', statusCode: 250, error: null });
  });

  it('follows preferences: approvals by e-mail by default, none when switched off; tasks only when switched on', async () => {
    const p = await makePerson(t.database);
    await setContact(t.database, p.id, { email: 'pref@example.com' });
    const me = await login(t.app, p.username, PASSWORD);
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'approval.waiting', title: '待审批：借阅申请' });
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'task.assigned', title: '新任务' });
    expect((await emailsTo(p.id)).map((r) => r.payload.kind === 'email' && r.payload.subject)).toEqual(['待审批：借阅申请']);

    const put = await me.put('/api/me/notification-preferences', { items: [{ event: 'approval', email: false }, { event: 'task', email: true }] });
    expect(put.statusCode).toBe(200);
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'approval.waiting', title: '待审批 2' });
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'task.assigned', title: '新任务 2' });
    expect((await emailsTo(p.id)).map((r) => r.payload.kind === 'email' && r.payload.subject)).toEqual(['待审批：借阅申请', '新任务 2']);
  });

  it('nobody without an address, and no inactive person, is e-mailed', async () => {
    const none = await makePerson(t.database);
    const gone = await makePerson(t.database, { active: false });
    await setContact(t.database, gone.id, { email: 'gone@example.com' });
    for (const p of [none, gone]) await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'approval.waiting', title: 'x' });
    expect(await emailsTo(none.id)).toHaveLength(0);
    expect(await emailsTo(gone.id)).toHaveLength(0);
  });

  it('an SMTP refusal is a failure, retried later with the reply logged', async () => {
    const p = await makePerson(t.database);
    await setContact(t.database, p.id, { email: 'bounce@example.com' });
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'approval.waiting', title: '退信测试' });
    expect(await dispatch()).toMatchObject({ failed: 1 });
    const [row] = await emailsTo(p.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(toIso(row!.nextAttemptAt!)).toBe(new Date(t.clock.now().getTime() + 60_000).toISOString());
    expect(row!.lastError).toMatch(/No such user/);
    const [attempt] = await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, row!.id));
    expect(attempt).toMatchObject({ outcome: 'failed', statusCode: 550 });
    expect(JSON.stringify(attempt)).not.toContain('mail-pass');
  });
});

describe('ALL-2 without SMTP configured', () => {
  it('queues no e-mail at all', async () => {
    const other = await startTestApp();
    try {
      const p = await makePerson(other.database);
      await setContact(other.database, p.id, { email: 'nosmtp@example.com' });
      await notifyNow(other.database, other.clock.now(), { recipientId: p.id, event: 'approval.waiting', title: '待审批' });
      expect(await other.database.db.select().from(deliveries)).toHaveLength(0);
      const me = await login(other.app, p.username, PASSWORD);
      expect((await me.get('/api/me/notification-preferences')).json().email).toEqual({ available: false, address: 'nosmtp@example.com' });
    } finally {
      await other.close();
    }
  });
});
