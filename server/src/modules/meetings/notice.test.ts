import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeetingDetail, TMeetingSaved } from '@opsdesk/contract';
import { loginAdmin } from '../../../test/harness.ts';
import { deliveries } from '../../platform/delivery/schema.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
beforeAll(async () => {
  // E-mail configured (nothing is sent: the deliveries are only queued and read here).
  s = await startMeetingsTest({ smtpUrl: 'smtp://127.0.0.1:9', mailFrom: '运营台 <opsdesk@example.com>' });
}, 240_000);
afterAll(() => s.close());

/** A standards parser (ical.js), not our code, reads what we wrote. */
function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
  return {
    method: cal.getFirstPropertyValue('method'),
    timezones: cal.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate,
    end: event.endDate,
    summary: event.summary,
    location: event.location,
    attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
    status: event.component.getFirstPropertyValue('status'),
    stamp: event.component.getFirstProperty('dtstamp')!.getFirstValue() as ICAL.Time,
  };
}

async function emailsOf(personId: number, event: string) {
  const rows = await s.t.database.db
    .select({ d: deliveries, event: notifications.event })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .where(and(eq(deliveries.recipientId, personId), eq(deliveries.channel, 'email'), eq(notifications.event, event)));
  return rows.map((r) => r.d.payload).filter((p) => p.kind === 'email');
}

describe('MTG-3 the notice', () => {
  let meeting: TMeetingDetail;
  beforeAll(async () => {
    meeting = (await createMeetingAs(s, 'wangwu', q4Meeting(s))).meeting;
  });

  it('401 / 403 for people who may not send it / 404 for those who do not see the meeting', async () => {
    expect((await s.t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/notice`, payload: {} })).statusCode).toBe(401);
    expect((await (await s.as('xiaowang')).post(`/api/meetings/${meeting.id}/notice`, {})).statusCode).toBe(403);
    expect((await (await s.as('hetao')).post(`/api/meetings/${meeting.id}/notice`, {})).statusCode).toBe(404);
    expect((await (await s.as('wangwu')).post(`/api/meetings/${meeting.id}/notice`, { lateReason: 'x'.repeat(501) })).statusCode).toBe(400);
  });

  it('on time (2 working days before 11-30 is today, 11-26): no reason needed; participants get it in-app, by e-mail with an .ics, and on the department bot', async () => {
    const admin = await loginAdmin(s.t.app);
    const bot = await admin.post('/api/admin/delivery-channels', {
      departmentId: (await (await s.as('zhangsan')).get(`/api/people/${s.ids.zhangsan}`)).json().departmentId,
      kind: 'dingtalk',
      name: '研发部钉钉群',
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
      signingSecret: 'SEC0123456789',
    });
    expect(bot.statusCode).toBe(201);
    const res = await (await s.as('wangwu')).post(`/api/meetings/${meeting.id}/notice`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json<TMeetingDetail>()).toMatchObject({ status: 'notified', notice: { sequence: 0, lateReason: null } });

    const [inApp] = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.zhangsan!), eq(notifications.event, 'meeting.notice')));
    expect(inApp!.title).toBe('会议通知：Q4项目启动会');
    expect(inApp!.body).toContain('时间：2026-11-30 14:00-16:00');
    expect(inApp!.body).toContain('地点：3号会议室（3楼东侧） / 腾讯会议 123-456-789');
    expect(inApp!.body).toContain('2. 各模块负责人汇报实施方案（40分钟）：确认各模块实施方案');
    expect(inApp!.body).toContain('需准备材料：各部门《Q4项目实施方案PPT》');

    const botRows = await s.t.database.db.select().from(deliveries).where(and(eq(deliveries.recipientId, s.ids.zhangsan!), eq(deliveries.channel, 'dingtalk')));
    expect(botRows).toHaveLength(1);

    const [mail] = await emailsOf(s.ids.zhangsan!, 'meeting.notice');
    expect(mail!.kind === 'email' && mail!.attachments?.[0]).toMatchObject({ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8' });
    const ics = parseIcs(mail!.kind === 'email' ? mail!.attachments![0]!.content : '');
    expect(ics).toMatchObject({ method: 'REQUEST', timezones: ['Asia/Shanghai'], sequence: 0, summary: 'Q4项目启动会', status: 'CONFIRMED' });
    expect(ics.start.toString()).toBe('2026-11-30T14:00:00');
    expect(ics.start.zone?.tzid).toBe('Asia/Shanghai');
    expect(ics.end.toString()).toBe('2026-11-30T16:00:00');
    expect(ics.location).toContain('3号会议室');
    expect(ics.attendees).toContain('mailto:zhangsan@example.com');
    expect(ics.stamp.zone?.tzid).toBe('UTC');
  });

  it('an update keeps the UID with a higher SEQUENCE; a removed participant gets a CANCEL; GET /ics agrees', async () => {
    const before = parseIcs((await (await s.as('zhangsan')).get(`/api/meetings/${meeting.id}/ics`)).body);
    const fresh = (await (await s.as('wangwu')).get(`/api/meetings/${meeting.id}`)).json<TMeetingDetail>();
    const res = await (await s.as('wangwu')).patch(`/api/meetings/${meeting.id}`, {
      startsAt: at('2026-11-30', '15:00'),
      endsAt: at('2026-11-30', '17:00'),
      participantIds: [s.ids.zhouzong!, s.ids.zhangsan!, s.ids.xiaowang!],
      version: fresh.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<TMeetingSaved>().meeting.notice.sequence).toBe(1);

    const [update] = await emailsOf(s.ids.zhangsan!, 'meeting.update');
    const after = parseIcs(update!.kind === 'email' ? update!.attachments![0]!.content : '');
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(after.start.toString()).toBe('2026-11-30T15:00:00');

    const [gone] = await emailsOf(s.ids.qianqi!, 'meeting.cancel');
    const cancel = parseIcs(gone!.kind === 'email' ? gone!.attachments![0]!.content : '');
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: before.uid, sequence: 1, status: 'CANCELLED', attendees: ['mailto:qianqi@example.com'] });

    const download = await (await s.as('zhangsan')).get(`/api/meetings/${meeting.id}/ics`);
    expect(download.headers['content-type']).toContain('text/calendar');
    expect(parseIcs(download.body)).toMatchObject({ uid: before.uid, sequence: 1 });
    expect((await (await s.as('qianqi')).get(`/api/meetings/${meeting.id}/ics`)).statusCode).toBe(404);
  });

  it('a cancellation sends METHOD:CANCEL with the same UID and gives the room back', async () => {
    expect((await (await s.as('xiaowang')).post(`/api/meetings/${meeting.id}/cancel`, { reason: '改期' })).statusCode).toBe(403);
    expect((await (await s.as('lisi')).post(`/api/meetings/${meeting.id}/cancel`, { reason: '' })).statusCode).toBe(400);
    const res = await (await s.as('lisi')).post(`/api/meetings/${meeting.id}/cancel`, { reason: '总经理出差，改期另行通知' });
    expect(res.json<TMeetingDetail>()).toMatchObject({ status: 'cancelled', cancelReason: '总经理出差，改期另行通知', notice: { sequence: 2 } });
    const [mail] = await emailsOf(s.ids.zhangsan!, 'meeting.cancel');
    const ics = parseIcs(mail!.kind === 'email' ? mail!.attachments![0]!.content : '');
    expect(ics).toMatchObject({ method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
    expect(parseIcs((await (await s.as('zhangsan')).get(`/api/meetings/${meeting.id}/ics`)).body).method).toBe('CANCEL');
    const tl = (await (await s.as('zhangsan')).get('/api/rooms/timeline?date=2026-11-30')).json();
    expect(tl.rooms.find((r: { room: { id: number } }) => r.room.id === s.rooms.big).bookings.filter((b: { status: string }) => b.status === 'active')).toHaveLength(0);
  });

  it('MTG-3 / ALL-6 less than 2 working days ahead needs a reason, which is kept', async () => {
    // Friday 11-27: the 2nd working day before is Wednesday 11-25, already past.
    const { meeting: late } = await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: s.rooms.small, participantIds: [s.ids.zhangsan!], startsAt: at('2026-11-27', '10:00'), endsAt: at('2026-11-27', '11:00') }));
    expect(late.warnings.map((w) => w.code)).toContain('notice_late');
    const w = await s.as('wangwu');
    const refused = await w.post(`/api/meetings/${late.id}/notice`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'REASON_REQUIRED', field: 'lateReason' });
    expect(refused.json().message).toContain('会议通知需至少提前2个工作日发出（最晚 2026-11-25），当前仅提前1个工作日');
    const sent = await w.post(`/api/meetings/${late.id}/notice`, { lateReason: '客户临时要求提前' });
    expect(sent.json<TMeetingDetail>().notice).toMatchObject({ lateReason: '客户临时要求提前', dueDate: '2026-11-25' });
  });
});
