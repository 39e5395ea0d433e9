import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { TMeetingInput } from '@opsdesk/contract';
import { ZMeetingInput, ZMinutesInput, ZSeriesInput } from '@opsdesk/contract';
import type { Db } from '../db/client.ts';
import { askLeave, signIn } from '../modules/meetings/attendance.service.ts';
import { createMeeting, createSeries } from '../modules/meetings/create.service.ts';
import { distributeMinutes } from '../modules/meetings/distribute.service.ts';
import { confirmDecision, registerMinutesFlow, saveMinutes, submitMinutes } from '../modules/meetings/minutes.service.ts';
import { sendNotice } from '../modules/meetings/notice.service.ts';
import { createBooking, createRoom } from '../modules/meetings/rooms.service.ts';
import { meetingRooms, meetings } from '../modules/meetings/schema.ts';
import type { MeetingsEnv } from '../modules/meetings/store.ts';
import { people } from '../modules/org/schema.ts';
import { useTaskTimeZone } from '../modules/tasks/settings.ts';
import { approveStep } from '../platform/approvals/decide.service.ts';
import { getApproval } from '../platform/approvals/queries.service.ts';
import { addDays, weekdayOf } from '../platform/calendar/dates.ts';
import { addWorkingDays } from '../platform/calendar/rules.ts';
import { getCalendar } from '../platform/calendar/service.ts';
import { atWallClock, dateInZone } from '../platform/calendar/zone.ts';
import type { AuthedCtx } from '../platform/http/context.ts';

const ROOMS = [
  { name: '3号会议室', capacity: 20, equipment: ['projector', 'video_conference', 'microphone'], location: '3楼东侧' },
  { name: '1号会议室', capacity: 10, equipment: ['screen', 'whiteboard'], location: '1楼大厅旁' },
  { name: '2号洽谈室', capacity: 4, equipment: ['whiteboard'], location: '2楼' },
  { name: '大会议室', capacity: 40, equipment: ['projector', 'video_conference', 'microphone', 'phone'], location: '5楼' },
];

const hm = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return (h * 60 + m) * 60_000;
};

/**
 * The seed's meetings, so every meeting view has something to show: the Q4项目启动会 (2 working
 * days ago) with its agenda, a leave with a delegate, sign-ins, minutes confirmed by the host,
 * approved and distributed, and its three resolutions as tasks; rooms; an upcoming review still in
 * 筹备; a weekly 例会 series; a booking of its own. Everything goes through the services, at the
 * time it would have happened. Running it twice changes nothing.
 */
export async function seedDemoMeetings(db: Db, opts: { now: Date; timeZone: string }): Promise<Record<string, number>> {
  const { now, timeZone } = opts;
  const [existing] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.topic, 'Q4项目启动会'));
  if (existing) return demoIds(db);
  useTaskTimeZone(timeZone);
  registerMinutesFlow(timeZone);
  const env: MeetingsEnv = { timeZone, signInSecret: () => randomBytes(32), mailFrom: undefined };
  const usernames = ['zhouzong', 'wuming', 'zhenghua', 'zhangsan', 'lisi', 'xiaowang', 'qianqi', 'wangwu', 'chenjing', 'linfang', 'hetao', 'gaoyan'];
  const rows = await db.select().from(people).where(inArray(people.username, usernames));
  const id = (u: string) => rows.find((p) => p.username === u)!.id;
  const as = (u: string, at: Date): AuthedCtx => {
    const p = rows.find((r) => r.username === u)!;
    return { db, actor: { id: p.id, name: p.name, username: p.username, roles: p.roles, departmentId: p.departmentId }, ip: null, now: at, locale: 'zh-CN' };
  };
  const cal = await getCalendar(db);
  const today = dateInZone(now, timeZone);
  const day = (workingDays: number) => addWorkingDays(cal, today, workingDays).date;
  const time = (date: string, hhmm: string) => atWallClock(date, hm(hhmm), timeZone);

  const room: Record<string, number> = {};
  const held = await db.select().from(meetingRooms);
  for (const r of ROOMS) room[r.name] = held.find((h) => h.name === r.name)?.id ?? (await createRoom(as('wangwu', now), { ...r, active: true })).id;

  // Q4项目启动会, 2 working days ago 14:00–16:00; planned 3 working days before that.
  const d = day(-2);
  const planned = time(addWorkingDays(cal, d, -3).date, '10:00');
  const q4: TMeetingInput = {
    topic: 'Q4项目启动会',
    goal: '确定Q4项目排期与各模块负责人，明确资源需求',
    startsAt: time(d, '14:00').toISOString(),
    endsAt: time(d, '16:00').toISOString(),
    roomId: room['3号会议室']!,
    onlineNumber: '腾讯会议 628-331-907',
    hostId: id('lisi'),
    minuteTakerId: id('wangwu'),
    contactId: id('wangwu'),
    contactPhone: '分机 8001',
    participantIds: ['zhouzong', 'wuming', 'zhenghua', 'zhangsan', 'chenjing', 'linfang', 'hetao', 'gaoyan', 'qianqi'].map(id),
    agenda: [
      { title: '项目背景与目标说明', durationMinutes: 20, goal: '统一对项目背景、市场目标和预期成果的理解', presenterId: id('lisi') },
      { title: '各模块负责人汇报实施方案', durationMinutes: 40, goal: '确认研发、市场各模块的实施方案与周期', presenterId: id('zhangsan') },
      { title: '资源需求与协调讨论', durationMinutes: 30, goal: '明确人员、场地、预算缺口及协调人' },
      { title: '总经理总结与决策', durationMinutes: 20, goal: '形成项目排期决策', presenterId: id('zhouzong') },
    ],
    materials: [
      { title: '研发部《Q4项目实施方案PPT》', ownerId: id('zhangsan') },
      { title: '市场部《Q4推广计划PPT》', ownerId: id('lisi') },
    ],
  };
  const { meeting } = await createMeeting(as('wangwu', planned), env, ZMeetingInput.parse(q4));
  const mid = meeting.id;
  await sendNotice(as('wangwu', new Date(planned.getTime() + 30 * 60_000)), env, mid, { lateReason: null });
  await askLeave(as('hetao', time(addDays(d, -1), '16:00')), env, mid, { reason: '赴深圳参加客户需求评审', delegateId: id('xiaowang') });
  for (const u of ['lisi', 'wangwu', 'zhouzong', 'wuming', 'zhenghua', 'zhangsan', 'chenjing', 'linfang', 'gaoyan', 'xiaowang']) await signIn(as(u, time(d, '13:55')), env, mid, {});
  await signIn(as('qianqi', time(d, '14:12')), env, mid, {});

  const agenda = meeting.agenda.map((a) => a.id);
  const minutes = ZMinutesInput.parse({
    version: 0,
    items: [
      { agendaItemId: agenda[0], keyPoints: '项目背景、市场目标、预期成果', decision: 'Q4项目需在12月31日前完成产品上线，用户量目标10万+' },
      {
        agendaItemId: agenda[1],
        keyPoints: '研发部汇报开发周期（8周）；市场部汇报推广计划（11月启动）',
        disputes: '市场部认为推广需提前至10月，研发部表示需调整开发计划',
        decision: '10月中旬完成开发测试，11月1日启动推广',
      },
      { agendaItemId: agenda[2], keyPoints: '开发人员缺口2名（前端1名、后端1名），项目组需独立办公场地', decision: '人力资源部协调研发人员，行政部协调场地' },
      { agendaItemId: agenda[3], keyPoints: '总经理要求各部门按节点推进，每周同步进度', decision: '按上述排期执行，下周召开项目进度会' },
    ],
    resolutions: [
      { content: `${dayLabel(addDays(d, 5))}前提交详细开发计划`, deliverable: '详细开发计划（含里程碑与人员安排）', ownerId: id('zhangsan'), dueDate: addDays(d, 5), agendaItemId: agenda[1] },
      { content: `${dayLabel(addDays(d, 10))}前确定推广渠道及预算`, deliverable: '推广渠道及预算方案', ownerId: id('lisi'), dueDate: addDays(d, 10), agendaItemId: agenda[1] },
      { content: `${dayLabel(addDays(d, 3))}前协调项目组办公场地`, deliverable: '项目组办公场地安排（位置、工位数）', ownerId: id('wangwu'), dueDate: addDays(d, 3), agendaItemId: agenda[2] },
    ],
    followUps: [
      { text: '各部门实施方案需提交项目组汇总', ownerId: id('zhangsan'), dueDate: addDays(d, 15) },
      { text: '下周五召开项目进度会', ownerId: id('lisi'), dueDate: null },
    ],
  });
  await saveMinutes(as('wangwu', time(d, '17:00')), env, mid, minutes);
  for (const item of agenda.slice(0, 2)) await confirmDecision(as('lisi', time(d, '17:20')), env, mid, item, { confirmed: true });
  const submitted = await submitMinutes(as('wangwu', time(d, '17:30')), env, mid);
  const approval = await getApproval(as('lisi', time(d, '17:50')), submitted.approvalId!);
  await approveStep(as('lisi', time(d, '17:50')), submitted.approvalId!, { stepId: approval.currentStep!.id, opinion: '纪要准确，同意分发' });
  await distributeMinutes(as('wangwu', time(d, '18:10')), env, mid);

  // Upcoming: a review still being prepared (its notice not sent), and a weekly 例会.
  await createMeeting(
    as('lisi', now),
    env,
    ZMeetingInput.parse({
      topic: '市场推广方案评审会',
      goal: '评审Q4推广渠道与预算方案，确定投放节奏',
      startsAt: time(day(3), '10:00').toISOString(),
      endsAt: time(day(3), '11:00').toISOString(),
      roomId: room['1号会议室']!,
      hostId: id('lisi'),
      minuteTakerId: id('xiaowang'),
      contactId: id('xiaowang'),
      participantIds: ['zhenghua', 'qianqi', 'linfang', 'hetao'].map(id),
      stakeholderIds: [id('zhouzong')],
      agenda: [
        { title: '推广渠道方案汇报', durationMinutes: 25, goal: '说明各渠道预期效果与成本', presenterId: id('xiaowang') },
        { title: '预算评审', durationMinutes: 25, goal: '确认预算总额与分配', presenterId: id('linfang') },
        { title: '投放节奏确认', durationMinutes: 10, goal: '确定11月投放时间表' },
      ],
      materials: [{ title: '《Q4推广渠道及预算方案》', ownerId: id('lisi') }],
    }),
  );
  let monday = day(1);
  while (weekdayOf(monday) !== 1) monday = addDays(monday, 1);
  await createSeries(
    as('zhangsan', now),
    env,
    ZSeriesInput.parse({
      count: 8,
      meeting: {
        topic: '研发部周例会',
        goal: '同步本周研发进度，解决阻塞问题',
        startsAt: time(monday, '09:30').toISOString(),
        endsAt: time(monday, '10:00').toISOString(),
        roomId: room['2号洽谈室']!,
        onlineLink: 'https://meeting.tencent.com/dm/opsdesk-yf',
        hostId: id('zhangsan'),
        minuteTakerId: id('wuming'),
        contactId: id('zhangsan'),
        participantIds: [id('hetao')],
        agenda: [
          { title: '上周任务进展', durationMinutes: 15 },
          { title: '本周计划与风险', durationMinutes: 15 },
        ],
        releaseAfterMinutes: 10,
      },
    }),
  );
  await createBooking(as('qianqi', now), room['2号洽谈室']!, { title: 'A科技有限公司刘总来访', startsAt: time(day(1), '15:00').toISOString(), endsAt: time(day(1), '16:00').toISOString() }, timeZone);
  return demoIds(db);
}

const TOPICS = ['Q4项目启动会', '市场推广方案评审会', '研发部周例会'];

/** The demo meetings by topic (a series: its first meeting), for the journeys. */
async function demoIds(db: Db): Promise<Record<string, number>> {
  const rows = await db.select({ id: meetings.id, topic: meetings.topic }).from(meetings).where(inArray(meetings.topic, TOPICS)).orderBy(meetings.id);
  const out: Record<string, number> = {};
  for (const r of rows) out[r.topic] ??= r.id;
  return out;
}

/** "10月15日" as the manual writes dates inside sentences. */
function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
