import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeetingDetail, TSignInCode } from '@opsdesk/contract';
import { notifications } from '../../platform/notify/schema.ts';
import { RELEASE_JOB } from './materials.service.ts';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
beforeAll(async () => {
  s = await startMeetingsTest();
}, 240_000);
afterAll(() => s.close());

const detail = async (username: string, id: number) => (await (await s.as(username)).get(`/api/meetings/${id}`)).json<TMeetingDetail>();
const row = (m: TMeetingDetail, personId: number) => m.participants.find((p) => p.person.id === personId)!;

describe('MTG-6 leave with a delegate', () => {
  let id: number;
  beforeAll(async () => {
    // Friday 11-27 10:00; the clock is Thursday 11-26 10:00.
    id = (await createMeetingAs(s, 'wangwu', q4Meeting(s, { startsAt: at('2026-11-27', '10:00'), endsAt: at('2026-11-27', '11:00'), agendaReason: null }))).meeting.id;
    await (await s.as('wangwu')).post(`/api/meetings/${id}/notice`, { lateReason: '临时会议' });
  });

  it('401, 403 for non-participants and the host, 400 for a missing delegate or oneself', async () => {
    expect((await s.t.app.inject({ method: 'POST', url: `/api/meetings/${id}/leave`, payload: {} })).statusCode).toBe(401);
    expect((await (await s.as('lisi')).post(`/api/meetings/${id}/leave`, { reason: '出差', delegateId: s.ids.xiaowang })).statusCode).toBe(403);
    expect((await (await s.as('zhenghua')).post(`/api/meetings/${id}/leave`, { reason: '出差', delegateId: s.ids.xiaowang })).statusCode).toBe(403);
    const z = await s.as('zhangsan');
    expect((await z.post(`/api/meetings/${id}/leave`, { reason: '出差' })).json().fields[0].field).toBe('delegateId');
    expect((await z.post(`/api/meetings/${id}/leave`, { reason: '出差', delegateId: s.ids.zhangsan })).json().fields[0].field).toBe('delegateId');
    expect((await z.post(`/api/meetings/${id}/leave`, { reason: '出差', delegateId: 999_999 })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'delegateId' });
  });

  it('asked 1 day before: not late; the delegate is invited and gets the notice; the host is told', async () => {
    const res = await (await s.as('zhangsan')).post(`/api/meetings/${id}/leave`, { reason: '赴客户现场', delegateId: s.ids.wuming });
    expect(res.statusCode).toBe(200);
    const m = res.json<TMeetingDetail>();
    expect(row(m, s.ids.zhangsan!)).toMatchObject({ attendance: 'on_leave', leave: { reason: '赴客户现场', delegate: { name: '吴明' }, late: false } });
    expect(row(m, s.ids.wuming!)).toMatchObject({ kind: 'delegate', delegateFor: { name: '张三' }, attendance: 'expected' });
    const told = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.wuming!), eq(notifications.event, 'meeting.notice')));
    expect(told).toHaveLength(1);
    const host = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.lisi!), eq(notifications.event, 'meeting.leave')));
    expect(host[0]!.title).toBe('请假：张三 无法参加“Q4项目启动会”');
    expect((await detail('wuming', id)).myRoles).toEqual(['delegate']);
  });

  it('asked on the meeting day: accepted but flagged late', async () => {
    s.t.clock.advanceMinutes(18 * 60); // Friday 11-27 04:00
    const before = await detail('xiaowang', id);
    expect(before.warnings.find((w) => w.code === 'leave_late')?.message).toBe('请假需至少提前1天（最晚 2026-11-26）提出，本次请假将标记为逾期请假');
    const res = await (await s.as('xiaowang')).post(`/api/meetings/${id}/leave`, { reason: '身体不适', delegateId: s.ids.qianqi });
    expect(row(res.json<TMeetingDetail>(), s.ids.xiaowang!).leave).toMatchObject({ late: true });
    const host = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.lisi!), eq(notifications.event, 'meeting.leave')));
    expect(host.map((n) => n.title)).toContain('【逾期请假】请假：小王 无法参加“Q4项目启动会”');
  });

  it('withdrawing leave brings the person back and uninvites a delegate who came only for them', async () => {
    const res = await (await s.as('xiaowang')).del(`/api/meetings/${id}/leave`);
    const m = res.json<TMeetingDetail>();
    expect(row(m, s.ids.xiaowang!)).toMatchObject({ leave: null, attendance: 'expected' });
    expect(row(m, s.ids.qianqi!)).toMatchObject({ kind: 'invited' });
    expect((await (await s.as('xiaowang')).del(`/api/meetings/${id}/leave`)).statusCode).toBe(403);
  });
});

describe('MTG-7 sign-in', () => {
  let id: number;
  let online: number;
  beforeAll(async () => {
    // Friday 11-27 09:00–10:00 in the room; the clock is 04:00 that day.
    id = (await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: s.rooms.small, onlineNumber: null, participantIds: [s.ids.zhangsan!, s.ids.xiaowang!], startsAt: at('2026-11-27', '09:00'), endsAt: at('2026-11-27', '10:00') }))).meeting.id;
    online = (await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: null, participantIds: [s.ids.zhangsan!], startsAt: at('2026-11-27', '09:00'), endsAt: at('2026-11-27', '10:00') }))).meeting.id;
  });
  const code = async () => (await (await s.as('lisi')).get(`/api/meetings/${id}/sign-in-code`)).json<TSignInCode>();

  it('the room screen’s code: host, minute-taker, contact or organizer only', async () => {
    expect((await s.t.app.inject({ method: 'GET', url: `/api/meetings/${id}/sign-in-code` })).statusCode).toBe(401);
    expect((await (await s.as('zhangsan')).get(`/api/meetings/${id}/sign-in-code`)).statusCode).toBe(403);
    expect((await (await s.as('hetao')).get(`/api/meetings/${id}/sign-in-code`)).statusCode).toBe(404);
    const c = await code();
    expect(c).toMatchObject({ rotateSeconds: 30, opensAt: at('2026-11-27', '08:50'), closesAt: at('2026-11-27', '10:00'), signedIn: 0, expected: 4 });
    expect(c.path).toBe(`/meetings/${id}/sign-in?token=${c.token}`);
  });

  it('before the window opens (10 min before) sign-in is refused', async () => {
    const res = await (await s.as('zhangsan')).post(`/api/meetings/${id}/sign-in`, { token: (await code()).token });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SIGN_IN_CLOSED' });
    expect(res.json().message).toBe('现在不在签到时间内：签到从 08:50 开始，到 10:00 结束');
  });

  it('the token rotates every 30 s: the current and the previous one work, an older photo does not', async () => {
    s.t.clock.advanceMinutes(4 * 60 + 52); // 08:52
    const c = await code();
    s.t.clock.advance(35_000); // next window: the previous token still passes
    expect((await (await s.as('zhangsan')).post(`/api/meetings/${id}/sign-in`, { token: c.token })).json()).toMatchObject({ attendance: 'present' });
    s.t.clock.advance(60_000); // two windows on: a photo of the old code is useless
    const stale = await (await s.as('xiaowang')).post(`/api/meetings/${id}/sign-in`, { token: c.token });
    expect(stale.statusCode).toBe(400);
    expect(stale.json()).toMatchObject({ code: 'SIGN_IN_CODE', field: 'token' });
  });

  it('in the room the QR is needed; an online meeting signs in in the app; non-participants cannot', async () => {
    expect((await (await s.as('xiaowang')).post(`/api/meetings/${id}/sign-in`, {})).json()).toMatchObject({ code: 'SIGN_IN_CODE' });
    expect((await (await s.as('zhangsan')).post(`/api/meetings/${online}/sign-in`, {})).json()).toMatchObject({ attendance: 'present' });
    expect((await (await s.as('zhouzong')).post(`/api/meetings/${id}/sign-in`, { token: (await code()).token })).statusCode).toBe(403);
    expect((await (await s.as('hetao')).post(`/api/meetings/${id}/sign-in`, { token: (await code()).token })).statusCode).toBe(404);
  });

  it('on time until 5 minutes after the start, late after; absent derived after the end', async () => {
    s.t.clock.advanceMinutes(13); // ~09:07
    const late = await (await s.as('lisi')).post(`/api/meetings/${id}/sign-in`, { token: (await code()).token });
    expect(late.json()).toMatchObject({ attendance: 'late' });
    // The minute-taker signs a participant in by hand (补签), on time.
    const marked = await (await s.as('wangwu')).put(`/api/meetings/${id}/attendance/${s.ids.wangwu}`, { status: 'present' });
    expect(row(marked.json<TMeetingDetail>(), s.ids.wangwu!)).toMatchObject({ attendance: 'present', signInMethod: 'manual' });
    expect((await (await s.as('zhangsan')).put(`/api/meetings/${id}/attendance/${s.ids.xiaowang}`, { status: 'present' })).statusCode).toBe(403);
    s.t.clock.advanceMinutes(60); // after the end
    const m = await detail('wangwu', id);
    expect(m.participants.map((p) => [p.person.name, p.attendance]).sort()).toEqual(
      [
        ['张三', 'present'],
        ['小王', 'absent'],
        ['李四', 'late'],
        ['王五', 'present'],
      ].sort(),
    );
    expect((await (await s.as('xiaowang')).post(`/api/meetings/${id}/sign-in`, {})).json().code).toBe('SIGN_IN_CLOSED');
  });
});

describe('MTG-7 a room nobody signed in to is released', () => {
  it('15 minutes after the start (the job), not before; a meeting with someone signed in keeps its room', async () => {
    const now = s.t.clock.now();
    const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
    const end = new Date(start.getTime() + 3_600_000);
    const empty = await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: s.rooms.small, participantIds: [s.ids.zhangsan!], startsAt: start.toISOString(), endsAt: end.toISOString() }));
    const kept = await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: s.rooms.big, onlineNumber: null, participantIds: [s.ids.zhangsan!], startsAt: start.toISOString(), endsAt: end.toISOString() }));
    s.t.clock.advance(start.getTime() - now.getTime() + 5 * 60_000);
    const c = (await (await s.as('lisi')).get(`/api/meetings/${kept.meeting.id}/sign-in-code`)).json<TSignInCode>();
    await (await s.as('zhangsan')).post(`/api/meetings/${kept.meeting.id}/sign-in`, { token: c.token });
    expect(await s.t.app.jobs.runNow(RELEASE_JOB)).toEqual({ released: 0 });
    s.t.clock.advanceMinutes(10); // start + 15 min
    expect(await s.t.app.jobs.runNow(RELEASE_JOB)).toEqual({ released: 1 });
    expect(await s.t.app.jobs.runNow(RELEASE_JOB)).toEqual({ released: 0 });
    expect((await detail('wangwu', empty.meeting.id)).roomReleased).toBe(true);
    expect((await detail('wangwu', kept.meeting.id)).roomReleased).toBe(false);
    const told = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.lisi!), eq(notifications.event, 'meeting.room_released')));
    expect(told).toHaveLength(1);
    // The freed room can be booked for the rest of the hour.
    const again = await (await s.as('qianqi')).post(`/api/rooms/${s.rooms.small}/bookings`, { title: '临时讨论', startsAt: new Date(start.getTime() + 20 * 60_000).toISOString(), endsAt: end.toISOString() });
    expect(again.statusCode).toBe(201);
  });
});
