import { count, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TImportJob, TMeetingDetail } from '@opsdesk/contract';
import type { Client } from '../../../test/harness.ts';
import { csvOf, uploadSheet } from '../../../test/imports.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { deadlines } from '../../platform/deadlines/schema.ts';
import { importRunner } from '../../platform/import/runner.ts';
import { makePerson } from '../../../test/harness.ts';
import { meetings, roomBookings } from './schema.ts';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

// SPEC "every module": import of the template table — the meeting list as the 会议通知表, read back
// from its own export; every row checked like the form (MTG-1/2/4), nothing written on any error.

const TEMPLATE = ['会议主题', '时间', '地点/会议号', '参会人员', '主持人', '记录人', '会议议程', '需准备材料', '联系人及联系方式', '会议目标'];

let s: MeetingsTest;
let wangwu: Client;
let exported: string[][];

beforeAll(async () => {
  s = await startMeetingsTest();
  wangwu = await s.as('wangwu');
  await createMeetingAs(s, 'wangwu', q4Meeting(s));
  await createMeetingAs(s, 'wangwu', q4Meeting(s, { topic: '供应商沟通会', startsAt: at('2026-12-02', '10:00'), endsAt: at('2026-12-02', '11:00'), roomId: null, onlineNumber: null, onlineLink: 'https://meeting.example.com/abc', materials: [] }));
  const res = await wangwu.get('/api/meetings/export?format=csv&scope=organizing&sort=startsAt');
  exported = parse(res.rawPayload.subarray(3).toString('utf8')) as string[][];
}, 240_000);
afterAll(() => s.close());

async function importMeetings(client: Client, fileName: string, data: Buffer | string): Promise<TImportJob> {
  const res = await uploadSheet(client, fileName, data, 'meetings');
  expect(res.statusCode, res.body).toBe(202);
  await importRunner(s.t.app).idle();
  return (await client.get(`/api/imports/${res.json<TImportJob>().id}`)).json<TImportJob>();
}
const meetingCount = async () => (await s.t.database.db.select({ n: count() }).from(meetings))[0]!.n;
/** The exported rows moved to another day: the same meetings, without the rooms' existing bookings in the way. */
const movedTo = (date: string) => exported.slice(1).map((r) => r.map((v, i) => (i === 1 ? v.replace(/^\S+/, date) : v)));

describe('会议通知表 import: login, template', () => {
  it('401 without login; the template has the 会议通知表’s columns and 会议目标 (MTG-1)', async () => {
    const res = await s.t.app.inject({ method: 'POST', url: '/api/imports/meetings' });
    expect(res.statusCode).toBe(401);
    const template = await wangwu.get('/api/imports/meetings/template?format=csv');
    expect(template.statusCode).toBe(200);
    expect(template.rawPayload.subarray(3).toString('utf8')).toBe(`${TEMPLATE.join(',')}\r\n`);
    expect(exported[0]!.slice(0, 10)).toEqual(TEMPLATE);
  });
});

describe('MTG-1/MTG-2 the list export reads back as meetings', () => {
  it('MTG-2 the export as it is: each room already booked at that time is named, nothing written', async () => {
    const before = await meetingCount();
    const job = await importMeetings(wangwu, '会议通知表.csv', csvOf(exported));
    expect(job).toMatchObject({ status: 'ready', errorCount: 1 });
    expect(job.errors).toEqual([{ row: 2, column: '地点/会议号', field: 'place', message: '地点/会议号：3号会议室 此时段已被“Q4项目启动会”预订' }]);
    expect((await wangwu.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await meetingCount()).toBe(before);
  });

  it('MTG-1 moved to another day: drafts organised by the importer, with people, agenda, materials, booking and the notice deadline', async () => {
    const job = await importMeetings(wangwu, '会议通知表.csv', csvOf([exported[0]!, ...movedTo('2026-12-07')]));
    expect(job).toMatchObject({ status: 'ready', errorCount: 0 });
    const res = await wangwu.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TImportJob>()).toMatchObject({ status: 'committed', committedCount: 2 });

    const rows = await s.t.database.db.select().from(meetings).orderBy(meetings.id);
    const [q4, supplier] = rows.slice(-2);
    expect(q4).toMatchObject({ topic: 'Q4项目启动会', goal: '确定Q4项目排期，明确各模块负责人与资源需求', status: 'draft', organizerId: s.ids.wangwu, roomId: s.rooms.big, onlineNumber: '腾讯会议 123-456-789' });
    expect(new Date(q4!.startsAt).toISOString()).toBe(at('2026-12-07', '14:00'));
    expect(supplier).toMatchObject({ roomId: null, onlineLink: 'https://meeting.example.com/abc' });
    const detail = (await wangwu.get(`/api/meetings/${q4!.id}`)).json<TMeetingDetail>();
    expect(detail.host.name).toBe('李四');
    expect(detail.minuteTaker.name).toBe('王五');
    expect(detail.contactPhone).toBe('分机 8001');
    expect(detail.participants.map((p) => p.person.name).sort()).toEqual(['周建国', '张三', '李四', '小王', '钱七', '王五'].sort());
    expect(detail.agenda.map((a) => [a.title, a.durationMinutes, a.goal])).toEqual([
      ['项目背景与目标说明', 20, '统一对项目目标的理解'],
      ['各模块负责人汇报实施方案', 40, '确认各模块实施方案'],
      ['资源需求与协调讨论', 30, '明确资源缺口与协调人'],
      ['总经理总结与决策', 20, '形成决策'],
    ]);
    expect(detail.materials.map((m) => [m.title, m.owner.name])).toEqual([['各部门《Q4项目实施方案PPT》', '张三']]);
    // MTG-2 the room is booked for it; MTG-3 its notice is chased like a meeting made in the form.
    expect(await s.t.database.db.select().from(roomBookings).where(eq(roomBookings.meetingId, q4!.id))).toHaveLength(1);
    const chased = await s.t.database.db.select().from(deadlines).where(eq(deadlines.entityId, String(q4!.id)));
    expect(chased.map((d) => d.kind)).toContain('notice');
    // ALL-4: one audit row for the import, naming the meetings' ids.
    const audit = (await s.t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'import'))).at(-1);
    expect(audit?.changes).toMatchObject({ kind: { after: 'meetings' }, rows: { after: 2 }, firstId: { after: q4!.id }, lastId: { after: supplier!.id } });
  });
});

describe('ALL-5 per-row errors naming row and column; nothing written', () => {
  // The online 供应商沟通会, moved to a free day, with some cells changed.
  const row = (changes: Partial<Record<(typeof TEMPLATE)[number], string>>) => TEMPLATE.map((h, i) => changes[h] ?? movedTo('2026-12-09')[1]![i]!);

  it('every bad cell of a 12-row file is reported; the commit is refused and writes nothing', async () => {
    const before = await meetingCount();
    const file = [
      TEMPLATE,
      ...Array.from({ length: 5 }, (_, i) => row({ 会议主题: `供应商沟通会${i + 1}`, 时间: `2026-12-1${i} 10:00-11:00` })),
      row({ 时间: '12月10日上午' }),
      row({ 时间: '2026-11-20 10:00-11:00' }),
      row({ 时间: '2026-12-10 11:00-10:00' }),
      row({ 参会人员: '小王、赵钱' }),
      row({ '地点/会议号': '5号会议室' }),
      row({ 会议议程: '1. 回顾（90分钟）\n2. 计划（60分钟）' }),
      row({ 会议议程: '随便聊聊' }),
    ];
    const job = await importMeetings(wangwu, '会议通知表.csv', csvOf(file));
    expect(job.status).toBe('ready');
    expect(job.errors).toEqual([
      { row: 7, column: '时间', field: 'time', message: '时间：时间格式应为 日期 开始-结束，如 2026-12-03 14:00-15:30' },
      { row: 8, column: '时间', field: 'time', message: '时间：会议时间已过，只能导入尚未开始的会议' },
      { row: 9, column: '时间', field: 'time', message: '时间：结束时间应晚于开始时间' },
      { row: 10, column: '参会人员', field: 'participants', message: '参会人员：没有名为“赵钱”的在职人员' },
      { row: 11, column: '地点/会议号', field: 'place', message: '地点/会议号：没有名为“5号会议室”的会议室；线上会议请写会议号或 https 链接' },
      { row: 12, column: '会议议程', field: 'agenda', message: '会议议程：议程超过 5 项或 2 小时须说明原因（MTG-4），表中无此列，请在系统中新建此会议' },
      { row: 13, column: '会议议程', field: 'agenda', message: '会议议程：每行一项，写成 标题（分钟数）：目标，如 1. 进度汇报（30分钟）' },
    ]);
    expect((await wangwu.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await meetingCount()).toBe(before);
  });

  it('namesakes need name(工号); two rows of one file booking one room at once: the second is named', async () => {
    await makePerson(s.t.database, { username: 'io.zhang2', name: '张三' });
    const inRoom = (topic: string, time: string, host = '张三(E0101)') =>
      row({ 会议主题: topic, 时间: time, '地点/会议号': '1号洽谈室（1楼）', 主持人: host, 参会人员: '小王、张三(E0101)' });
    const file = [TEMPLATE, inRoom('评审会', '2026-12-14 09:00-10:00'), inRoom('复盘会', '2026-12-14 09:30-10:30'), inRoom('周会', '2026-12-15 09:00-10:00', '张三')];
    const job = await importMeetings(wangwu, '会议通知表.csv', csvOf(file));
    expect(job.errors).toEqual([
      { row: 3, column: '地点/会议号', field: 'place', message: '地点/会议号：1号洽谈室 此时段已被“评审会”预订' },
      { row: 4, column: '主持人', field: 'host', message: '主持人：有多位名为“张三”的人员，请写成 姓名(工号)，如 张三(E001)' },
    ]);
  });
});
