import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCarryOverList, TMeetingDetail, TMinutes, TSeries, TWorkbench } from '@opsdesk/contract';
import { formData } from '../../../test/multipart.ts';
import { REMINDER_JOB } from '../../platform/deadlines/scan.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
beforeAll(async () => {
  s = await startMeetingsTest();
}, 240_000);
afterAll(() => s.close());

/** 研发部周例会: Mondays 09:00–09:30 in 1号洽谈室, host 张三, minute-taker 小王. */
const weekly = () =>
  q4Meeting(s, {
    topic: '研发部周例会',
    goal: '同步本周进度，解决阻塞问题',
    roomId: s.rooms.small,
    onlineNumber: null,
    startsAt: at('2026-11-30', '09:00'),
    endsAt: at('2026-11-30', '09:30'),
    hostId: s.ids.zhangsan!,
    minuteTakerId: s.ids.xiaowang!,
    contactId: s.ids.xiaowang!,
    participantIds: [s.ids.wuming!],
    agenda: [
      { title: '上周任务进展', durationMinutes: 15 },
      { title: '本周计划', durationMinutes: 15 },
    ],
    materials: [],
  });

describe('weekly 例会 series', () => {
  it('401; 400 without count or until', async () => {
    expect((await s.t.app.inject({ method: 'POST', url: '/api/meeting-series', payload: { meeting: weekly(), count: 4 } })).statusCode).toBe(401);
    expect((await (await s.as('zhangsan')).post('/api/meeting-series', { meeting: weekly() })).json().fields[0].field).toBe('count');
    expect((await (await s.as('zhangsan')).post('/api/meeting-series', { meeting: weekly(), count: 60 })).json().fields[0].field).toBe('count');
  });

  it('a clash in any week refuses the whole series (409), nothing saved', async () => {
    const z = await s.as('zhangsan');
    const taken = await (await s.as('qianqi')).post(`/api/rooms/${s.rooms.small}/bookings`, { title: '客户来访', startsAt: at('2026-12-14', '09:00'), endsAt: at('2026-12-14', '10:00') });
    const res = await z.post('/api/meeting-series', { meeting: weekly(), count: 4 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('2026-12-14 09:00');
    expect((await z.get('/api/meetings?scope=organizing')).json().total).toBe(0);
    await (await s.as('qianqi')).del(`/api/room-bookings/${taken.json().id}`);
  });

  let series: TSeries;
  it('creates one meeting per week at the same time, each with its own booking', async () => {
    const res = await (await s.as('zhangsan')).post('/api/meeting-series', { meeting: weekly(), until: '2026-12-21' });
    expect(res.statusCode).toBe(201);
    series = res.json<TSeries>();
    expect(series.meetings.map((m) => m.startsAt)).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21'].map((d) => at(d, '09:00')));
    expect(series.meetings.every((m) => m.seriesId === series.id && m.room?.name === '1号洽谈室')).toBe(true);
    expect((await (await s.as('wuming')).get(`/api/meeting-series/${series.id}`)).statusCode).toBe(200);
    expect((await (await s.as('hetao')).get(`/api/meeting-series/${series.id}`)).statusCode).toBe(404);
  });

  it('MTG-11 an item marked 下次会议继续讨论 appears on the agenda draft of the next meeting of the series', async () => {
    const first = series.meetings[0]!;
    s.t.clock.advance(Date.parse(at('2026-11-30', '09:40')) - s.t.clock.now().getTime());
    const x = await s.as('xiaowang');
    const detail = (await x.get(`/api/meetings/${first.id}`)).json<TMeetingDetail>();
    const [a1, a2] = detail.agenda.map((a) => a.id);
    const saved = await x.put(`/api/meetings/${first.id}/minutes`, {
      version: 0,
      items: [
        { agendaItemId: a1, keyPoints: '接口联调延期两天', decision: '周三前完成联调' },
        { agendaItemId: a2, keyPoints: '测试环境资源不足，未形成结论', carryOver: true, nextDate: '2026-12-07' },
      ],
      resolutions: [{ content: '完成接口联调', deliverable: '联调通过的接口清单', ownerId: s.ids.wuming, dueDate: '2026-12-02' }],
      followUps: [],
    });
    expect(saved.statusCode).toBe(200);
    const open = (await x.get(`/api/meetings/carry-overs?seriesId=${series.id}`)).json<TCarryOverList>();
    expect(open.items).toMatchObject([{ id: a2, title: '本周计划', nextDate: '2026-12-07', takenUpBy: null }]);
    await x.post(`/api/meetings/${first.id}/minutes/submit`, {});
    const z = await s.as('zhangsan');
    const approvalId = (await x.get(`/api/meetings/${first.id}/minutes`)).json<TMinutes>().approvalId!;
    const step = (await z.get(`/api/approvals/${approvalId}`)).json().currentStep.id;
    expect((await z.post(`/api/approvals/${approvalId}/approve`, { stepId: step })).statusCode).toBe(200);
    expect((await x.post(`/api/meetings/${first.id}/minutes/distribute`, {})).statusCode).toBe(200);

    const next = (await x.get(`/api/meetings/${series.meetings[1]!.id}`)).json<TMeetingDetail>();
    expect(next.agenda.map((a) => a.title)).toEqual(['上周任务进展', '本周计划', '本周计划']);
    expect(next.agenda[2]!.carriedOverFrom).toMatchObject({ agendaItemId: a2, meetingId: first.id, topic: '研发部周例会', date: '2026-11-30' });
    expect((await x.get(`/api/meetings/carry-overs?seriesId=${series.id}`)).json<TCarryOverList>().items).toEqual([]);
    const all = (await x.get(`/api/meetings/carry-overs?seriesId=${series.id}&open=false`)).json<TCarryOverList>();
    expect(all.items[0]!.takenUpBy).toEqual({ meetingId: next.id, topic: '研发部周例会' });
    expect((await x.get('/api/meetings/carry-overs?open=maybe')).statusCode).toBe(400);
  });
});

describe('MTG-5 materials', () => {
  let meeting: TMeetingDetail;
  beforeAll(async () => {
    // Wednesday 12-02 14:00; materials are due the working day before (Tuesday 12-01).
    meeting = (await createMeetingAs(s, 'wangwu', q4Meeting(s, { startsAt: at('2026-12-02', '14:00'), endsAt: at('2026-12-02', '16:00') }))).meeting;
  });

  it('the owner uploads the file; others may not (403); participants read it, outsiders get 404', async () => {
    const z = await s.as('zhangsan');
    const form = formData([{ name: 'file', filename: 'Q4项目实施方案.pdf', type: 'application/pdf', data: '%PDF-1.4\n%mock\n' }]);
    const file = (await z.post('/api/files', form.payload, form.headers)).json();
    const materialId = meeting.materials[0]!.id;
    expect((await (await s.as('xiaowang')).put(`/api/meetings/${meeting.id}/materials/${materialId}/file`, { fileId: file.id })).statusCode).toBe(403);
    expect((await z.put(`/api/meetings/${meeting.id}/materials/${materialId}/file`, { fileId: 'not-a-uuid' })).statusCode).toBe(400);
    const res = await z.put(`/api/meetings/${meeting.id}/materials/${materialId}/file`, { fileId: file.id });
    expect(res.statusCode).toBe(200);
    expect(res.json<TMeetingDetail>().materials[0]!.file).toMatchObject({ fileName: 'Q4项目实施方案.pdf' });
    expect((await (await s.as('qianqi')).get(`/api/files/${file.id}`)).statusCode).toBe(200);
    expect((await (await s.as('hetao')).get(`/api/files/${file.id}`)).statusCode).toBe(404);
  });

  it('the minute-taker is reminded on the day before; sending reaches the participants', async () => {
    s.t.clock.advance(Date.parse(at('2026-12-01', '09:30')) - s.t.clock.now().getTime());
    await s.t.app.jobs.runNow(REMINDER_JOB);
    const reminded = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.wangwu!), eq(notifications.event, 'deadline.reminder')));
    expect(reminded.map((n) => n.title)).toContain('今日到期：会议 Q4项目启动会：汇总并发送会议材料');
    expect((await (await s.as('xiaowang')).post(`/api/meetings/${meeting.id}/materials/send`, {})).statusCode).toBe(403);
    const sent = await (await s.as('wangwu')).post(`/api/meetings/${meeting.id}/materials/send`, {});
    expect(sent.json<TMeetingDetail>().materialsSentAt).toBe(s.t.clock.now().toISOString());
    const got = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.qianqi!), eq(notifications.event, 'meeting.materials')));
    expect(got[0]!.body).toBe('1. 各部门《Q4项目实施方案PPT》（张三）：Q4项目实施方案.pdf');
  });

  it('ALL-3 我的会议 on the workbench: meetings of the coming week', async () => {
    const wb = (await (await s.as('qianqi')).get('/api/workbench')).json<TWorkbench>();
    const section = wb.sections.find((x) => x.key === 'meetings')!;
    expect(section.items.map((i) => i.title)).toContain('Q4项目启动会');
  });
});
