import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMeetingDetail, TMinutes, TMeetingPage } from '@opsdesk/contract';
import { seedDemoMeetings } from '../../demo/meetings.ts';
import { meetings } from './schema.ts';
import { type MeetingsTest, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
let seeded: Record<string, number>;
beforeAll(async () => {
  s = await startMeetingsTest();
  seeded = await seedDemoMeetings(s.t.database.db, { now: s.t.clock.now(), timeZone: 'Asia/Shanghai' });
}, 240_000);
afterAll(() => s.close());

describe('demo meetings (shared by npm run demo and the journeys)', () => {
  it('the seed’s Q4项目启动会: agenda, leave with a delegate, attendance, minutes distributed, three resolutions as tasks', async () => {
    const gm = await s.as('zhouzong');
    const q4 = (await gm.get(`/api/meetings/${seeded['Q4项目启动会']}`)).json<TMeetingDetail>();
    expect(q4).toMatchObject({ topic: 'Q4项目启动会', phase: 'ended', status: 'notified', minutesStatus: 'distributed', host: { name: '李四' }, minuteTaker: { name: '王五' }, agendaMinutes: 110 });
    expect(q4.agenda.map((a) => `${a.title}(${a.durationMinutes}分钟)`)).toEqual(['项目背景与目标说明(20分钟)', '各模块负责人汇报实施方案(40分钟)', '资源需求与协调讨论(30分钟)', '总经理总结与决策(20分钟)']);
    const byName = Object.fromEntries(q4.participants.map((p) => [p.person.name, p.attendance]));
    expect(byName).toMatchObject({ 何涛: 'on_leave', 小王: 'present', 钱七: 'late', 周建国: 'present' });
    const minutes = (await gm.get(`/api/meetings/${seeded['Q4项目启动会']}/minutes`)).json<TMinutes>();
    expect(minutes.items[1]).toMatchObject({ decision: '10月中旬完成开发测试，11月1日启动推广', decisionConfirmed: true });
    expect(minutes.resolutions.map((r) => [r.departmentName, r.owner.name, r.task?.status])).toEqual([
      ['研发部', '张三', 'not_started'],
      ['市场部', '李四', 'not_started'],
      ['行政部', '王五', 'not_started'],
    ]);
    expect(minutes.resolutions[0]!.content).toMatch(/^\d+月\d+日前提交详细开发计划$/);
  });

  it('rooms, an upcoming review and a weekly 例会; a second run changes nothing', async () => {
    const rooms = (await (await s.as('xiaowang')).get('/api/rooms')).json().items.map((r: { name: string }) => r.name);
    expect(rooms).toEqual(expect.arrayContaining(['3号会议室', '1号会议室', '2号洽谈室', '大会议室']));
    const zhangsan = (await (await s.as('zhangsan')).get('/api/meetings?scope=hosting&sort=startsAt')).json<TMeetingPage>();
    expect(zhangsan.items.filter((m) => m.topic === '研发部周例会')).toHaveLength(8);
    const review = (await (await s.as('lisi')).get(`/api/meetings/${seeded['市场推广方案评审会']}`)).json<TMeetingDetail>();
    expect(review).toMatchObject({ status: 'draft', permissions: { canSendNotice: true } });
    const [before] = await s.t.database.db.select({ n: count() }).from(meetings);
    expect(await seedDemoMeetings(s.t.database.db, { now: s.t.clock.now(), timeZone: 'Asia/Shanghai' })).toEqual(seeded);
    const [after] = await s.t.database.db.select({ n: count() }).from(meetings);
    expect(after!.n).toBe(before!.n);
  });
});
