import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeetingDetail, TMeetingPage, TMeetingSaved } from '@opsdesk/contract';
import { auditLog } from '../../platform/audit/schema.ts';
import { eq } from 'drizzle-orm';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
beforeAll(async () => {
  s = await startMeetingsTest();
}, 240_000);
afterAll(() => s.close());

describe('MTG-1 create a meeting', () => {
  it('401 without login', async () => {
    const res = await s.t.app.inject({ method: 'POST', url: '/api/meetings', payload: q4Meeting(s) });
    expect(res.statusCode).toBe(401);
  });

  it('MTG-1 the goal is required (400 naming the field, in the caller’s language), nothing saved', async () => {
    const me = await s.as('wangwu');
    const res = await me.post('/api/meetings', { ...q4Meeting(s), goal: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain('goal');
    expect(res.json().fields[0].message).toContain('目标');
    const list = await me.get('/api/meetings?scope=organizing');
    expect(list.json<TMeetingPage>().total).toBe(0);
  });

  it('MTG-1 needs a room or an online meeting; end after start; people must exist', async () => {
    const me = await s.as('wangwu');
    const noPlace = await me.post('/api/meetings', { ...q4Meeting(s), roomId: null, onlineNumber: null, onlineLink: null });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().fields[0].field).toBe('roomId');
    const backwards = await me.post('/api/meetings', { ...q4Meeting(s), endsAt: at('2026-11-30', '13:00') });
    expect(backwards.json().fields[0].field).toBe('endsAt');
    const ghost = await me.post('/api/meetings', { ...q4Meeting(s), participantIds: [s.ids.zhangsan!, 999_999] });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'participantIds.1' });
  });

  it('MTG-1 happy path: every field, host and minute-taker attend, audit row, permissions for the organizer', async () => {
    const saved = await createMeetingAs(s, 'wangwu', q4Meeting(s));
    const m = saved.meeting;
    expect(m).toMatchObject({
      topic: 'Q4项目启动会',
      goal: '确定Q4项目排期，明确各模块负责人与资源需求',
      room: { id: s.rooms.big, name: '3号会议室' },
      onlineNumber: '腾讯会议 123-456-789',
      host: { id: s.ids.lisi, name: '李四' },
      minuteTaker: { id: s.ids.wangwu, name: '王五' },
      contact: { id: s.ids.wangwu },
      contactPhone: '分机 8001',
      status: 'draft',
      phase: 'upcoming',
      minutesStatus: 'none',
      agendaMinutes: 110,
      notice: { sentAt: null, sequence: 0, dueDate: '2026-11-26' },
    });
    expect(m.agenda.map((a) => [a.title, a.durationMinutes])).toEqual([
      ['项目背景与目标说明', 20],
      ['各模块负责人汇报实施方案', 40],
      ['资源需求与协调讨论', 30],
      ['总经理总结与决策', 20],
    ]);
    expect(m.participants.map((p) => p.person.name).sort()).toEqual(['周建国', '小王', '张三', '李四', '王五', '钱七'].sort());
    expect(m.materials[0]).toMatchObject({ title: '各部门《Q4项目实施方案PPT》', owner: { name: '张三' }, file: null });
    expect(m.permissions).toMatchObject({ canEdit: true, canSendNotice: true, canCancel: true, canSignIn: false, canWriteMinutes: false });
    expect(saved.warnings).toEqual([]);
    const audit = await s.t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'meeting'));
    expect(audit.some((a) => a.action === 'create' && a.entityId === String(m.id))).toBe(true);
  });

  it('MTG-2 a meeting on a non-working day is warned, not refused', async () => {
    // 2026-12-05 is a Saturday.
    const saved = await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: s.rooms.small, participantIds: [s.ids.zhangsan!], startsAt: at('2026-12-05', '10:00'), endsAt: at('2026-12-05', '11:00') }));
    expect(saved.warnings.map((w) => w.code)).toEqual(['non_working_day']);
    expect(saved.warnings[0]!.message).toContain('2026-12-05 不是工作日');
    expect(saved.meeting.warnings.map((w) => w.code)).toContain('non_working_day');
  });

  it('MTG-4 more than 5 items or more than 2 hours needs a reason', async () => {
    const me = await s.as('wangwu');
    const six = Array.from({ length: 6 }, (_, i) => ({ title: `议题${i + 1}`, durationMinutes: 10 }));
    const base = q4Meeting(s, { roomId: null, startsAt: at('2026-12-01', '09:00'), endsAt: at('2026-12-01', '11:00') });
    const tooMany = await me.post('/api/meetings', { ...base, agenda: six });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'REASON_REQUIRED', field: 'agendaReason' });
    expect(tooMany.json().message).toContain('议程共 6 项');
    const tooLong = await me.post('/api/meetings', { ...base, agenda: [{ title: '全年复盘', durationMinutes: 150 }] });
    expect(tooLong.json()).toMatchObject({ code: 'REASON_REQUIRED', field: 'agendaReason' });
    expect(tooLong.json().message).toContain('150 分钟');
    const withReason = await me.post('/api/meetings', { ...base, agenda: six, agendaReason: '年终总结，需逐部门汇报' });
    expect(withReason.statusCode).toBe(201);
    expect(withReason.json<TMeetingSaved>().meeting.agendaReason).toBe('年终总结，需逐部门汇报');
  });

  it('MTG-2/3/4 the form check shows the warnings before submit', async () => {
    const me = await s.as('wangwu');
    const res = await me.post('/api/meetings/check', { startsAt: at('2026-11-27', '10:00'), agenda: [{ title: 'a', durationMinutes: 130 }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings.map((w: { code: string }) => w.code).sort()).toEqual(['agenda_duration', 'notice_late']);
    expect(res.json().warnings.find((w: { code: string }) => w.code === 'notice_late').message).toBe(
      '会议通知需至少提前2个工作日发出（最晚 2026-11-25），当前仅提前1个工作日，请填写原因',
    );
  });
});

describe('meeting detail, list and calendar (ALL-7)', () => {
  let id: number;
  beforeAll(async () => {
    id = (await createMeetingAs(s, 'wangwu', q4Meeting(s, { startsAt: at('2026-12-02', '14:00'), endsAt: at('2026-12-02', '15:00') }))).meeting.id;
  });

  it('participants, the overseeing heads and the GM see it; others get 404', async () => {
    for (const u of ['zhangsan', 'xiaowang', 'zhouzong', 'zhenghua']) expect((await (await s.as(u)).get(`/api/meetings/${id}`)).statusCode).toBe(200);
    expect((await (await s.as('hetao')).get(`/api/meetings/${id}`)).statusCode).toBe(404);
    expect((await (await s.as('hetao')).get('/api/meetings/2147483647')).statusCode).toBe(404);
    expect((await s.t.app.inject({ method: 'GET', url: `/api/meetings/${id}` })).statusCode).toBe(401);
  });

  it('a participant’s permissions and role', async () => {
    const m = (await (await s.as('xiaowang')).get(`/api/meetings/${id}`)).json<TMeetingDetail>();
    expect(m.myRoles).toEqual(['participant']);
    expect(m.myAttendance).toBe('expected');
    expect(m.permissions).toMatchObject({ canEdit: false, canAskLeave: true, canShowSignInCode: false });
  });

  it('lists by quick scope with search, and the calendar of my meetings', async () => {
    const x = await s.as('xiaowang');
    const mine = (await x.get('/api/meetings?scope=mine&q=启动')).json<TMeetingPage>();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((m) => m.topic.includes('启动'))).toBe(true);
    expect((await x.get('/api/meetings?scope=mine&q=预算')).json<TMeetingPage>().total).toBe(0);
    expect((await x.get('/api/meetings?scope=hosting')).json<TMeetingPage>().total).toBe(0);
    const bad = await x.get('/api/meetings?scope=everything');
    expect(bad.statusCode).toBe(400);
    const cal = await x.get('/api/meetings/calendar?from=2026-11-30&to=2026-12-06');
    expect(cal.statusCode).toBe(200);
    expect(cal.json().nonWorkingDates).toEqual(['2026-12-05', '2026-12-06']);
    expect(cal.json().items.some((m: { id: number }) => m.id === id)).toBe(true);
    expect((await x.get('/api/meetings/calendar?from=2026-11-01&to=2027-01-31')).statusCode).toBe(400);
  });
});

describe('MTG-1 update', () => {
  it('only the organizer, host or contact edits; a stale version is 409; bad input 400', async () => {
    const { meeting } = await createMeetingAs(s, 'wangwu', q4Meeting(s, { roomId: null, startsAt: at('2026-12-03', '09:00'), endsAt: at('2026-12-03', '10:00') }));
    expect((await (await s.as('xiaowang')).patch(`/api/meetings/${meeting.id}`, { topic: '改名', version: meeting.version })).statusCode).toBe(403);
    expect((await (await s.as('hetao')).patch(`/api/meetings/${meeting.id}`, { topic: '改名', version: meeting.version })).statusCode).toBe(404);
    const host = await s.as('lisi');
    expect((await host.patch(`/api/meetings/${meeting.id}`, { topic: '', version: meeting.version })).statusCode).toBe(400);
    const ok = await host.patch(`/api/meetings/${meeting.id}`, { topic: 'Q4项目启动会（改期）', version: meeting.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<TMeetingSaved>().meeting.topic).toBe('Q4项目启动会（改期）');
    expect((await host.patch(`/api/meetings/${meeting.id}`, { topic: '再改', version: meeting.version })).json().code).toBe('CONFLICT');
  });
});

describe('every meeting endpoint needs a login (401 before anything else)', () => {
  it.each([
    ['GET', '/api/meetings'],
    ['GET', '/api/meetings/calendar?from=2026-11-30&to=2026-12-06'],
    ['GET', '/api/meetings/carry-overs'],
    ['GET', '/api/meetings/follow-up'],
    ['POST', '/api/meetings/check'],
    ['GET', '/api/meetings/1'],
    ['PATCH', '/api/meetings/1'],
    ['POST', '/api/meetings/1/cancel'],
    ['GET', '/api/meetings/1/ics'],
    ['GET', '/api/meetings/1/notice.xlsx'],
    ['PUT', '/api/meetings/1/materials/1/file'],
    ['POST', '/api/meetings/1/materials/send'],
    ['DELETE', '/api/meetings/1/leave'],
    ['POST', '/api/meetings/1/sign-in'],
    ['PUT', '/api/meetings/1/attendance/1'],
    ['GET', '/api/meetings/1/minutes'],
    ['PUT', '/api/meetings/1/minutes'],
    ['POST', '/api/meetings/1/minutes/items/1/confirm'],
    ['POST', '/api/meetings/1/minutes/submit'],
    ['POST', '/api/meetings/1/minutes/distribute'],
    ['GET', '/api/meetings/1/minutes.xlsx'],
    ['POST', '/api/meeting-series'],
    ['GET', '/api/meeting-series/1'],
    ['GET', '/api/rooms/timeline?date=2026-11-30'],
    ['GET', '/api/rooms/free?date=2026-11-30&durationMinutes=30'],
    ['PATCH', '/api/rooms/1'],
    ['POST', '/api/rooms/1/bookings'],
    ['DELETE', '/api/room-bookings/1'],
  ] as const)('%s %s', async (method, url) => {
    const res = await s.t.app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
    expect(res.statusCode).toBe(401);
  });

  it('bad ids and bodies are 400 naming the field', async () => {
    const me = await s.as('wangwu');
    expect((await me.get('/api/meetings/abc')).json().fields[0].field).toBe('id');
    expect((await me.post('/api/meetings/check', { agenda: [{ title: '', durationMinutes: 10 }] })).json().fields[0].field).toBe('agenda.0.title');
    expect((await me.put('/api/meetings/1/attendance/1', { status: 'absent' })).json().fields[0].field).toBe('status');
    expect((await me.get('/api/meetings/follow-up?week=soon')).json().fields[0].field).toBe('week');
  });
});
