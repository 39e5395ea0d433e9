import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { TErrorBody } from '@opsdesk/contract';
import type { Client } from '../../../test/harness.ts';
import { exportMeetings } from './list-export.service.ts';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

// Every list exports in the layout of its template (SPEC, "every module"): the meeting list as the
// 会议通知表, one meeting per row, with the list's scope, filters and order.

const HEADERS = ['会议主题', '时间', '地点/会议号', '参会人员', '主持人', '记录人', '会议议程', '需准备材料', '联系人及联系方式', '会议目标', '状态', '纪要状态'];

let s: MeetingsTest;
let wangwu: Client;
beforeAll(async () => {
  s = await startMeetingsTest();
  wangwu = await s.as('wangwu');
  await createMeetingAs(s, 'wangwu', q4Meeting(s));
  await createMeetingAs(s, 'wangwu', q4Meeting(s, { topic: '周例会', startsAt: at('2026-12-01', '09:00'), endsAt: at('2026-12-01', '09:30'), roomId: s.rooms.small, onlineNumber: null, agenda: [{ title: '上周工作回顾', durationMinutes: 15 }], materials: [] }));
  await createMeetingAs(s, 'wangwu', q4Meeting(s, { topic: '供应商沟通会', startsAt: at('2026-12-02', '10:00'), endsAt: at('2026-12-02', '11:00'), roomId: null, onlineNumber: null, onlineLink: 'https://meeting.example.com/abc', materials: [] }));
}, 240_000);
afterAll(() => s.close());

async function exportCsv(client: Client, query: string): Promise<string[][]> {
  const res = await client.get(`/api/meetings/export?format=csv&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  return parse(res.rawPayload.subarray(3).toString('utf8')) as string[][];
}

describe('meeting list export (会议通知表, .xlsx and .csv)', () => {
  it('401 without login; 400 naming the field for a bad format or filter', async () => {
    expect((await s.t.app.inject({ method: 'GET', url: '/api/meetings/export' })).statusCode).toBe(401);
    const format = await wangwu.get('/api/meetings/export?format=pdf');
    expect(format.statusCode).toBe(400);
    expect(format.json<TErrorBody>().field).toBe('format');
    expect((await wangwu.get('/api/meetings/export?status=lost')).json<TErrorBody>().field).toBe('status');
  });

  it('.csv: the template’s columns, one meeting per row in the list’s order, multi-line cells kept', async () => {
    const rows = await exportCsv(wangwu, 'scope=organizing&sort=startsAt');
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Q4项目启动会', '周例会', '供应商沟通会']);
    expect(rows[1]).toEqual([
      'Q4项目启动会',
      '2026-11-30 14:00-16:00',
      '3号会议室（3楼东侧） / 腾讯会议 123-456-789',
      '周建国、张三、李四、小王、钱七、王五',
      '李四',
      '王五',
      '1. 项目背景与目标说明（20分钟）：统一对项目目标的理解\n2. 各模块负责人汇报实施方案（40分钟）：确认各模块实施方案\n3. 资源需求与协调讨论（30分钟）：明确资源缺口与协调人\n4. 总经理总结与决策（20分钟）：形成决策',
      '各部门《Q4项目实施方案PPT》（张三）',
      '王五/分机 8001',
      '确定Q4项目排期，明确各模块负责人与资源需求',
      '筹备中',
      '未记录',
    ]);
    expect(rows[3]![2]).toBe('https://meeting.example.com/abc');
    // The default order is the list's: latest first.
    expect((await exportCsv(wangwu, 'scope=organizing')).slice(1).map((r) => r[0])).toEqual(['供应商沟通会', '周例会', 'Q4项目启动会']);
  });

  it('the list’s filters apply: search, date range, status', async () => {
    expect((await exportCsv(wangwu, 'scope=organizing&q=例会')).slice(1).map((r) => r[0])).toEqual(['周例会']);
    expect((await exportCsv(wangwu, 'scope=organizing&from=2026-12-01&to=2026-12-01')).slice(1).map((r) => r[0])).toEqual(['周例会']);
    expect(await exportCsv(wangwu, 'scope=organizing&status=cancelled')).toEqual([HEADERS]);
  });

  it('ALL-7: only what the caller may see — a participant gets the meetings they attend, another department head none', async () => {
    expect((await exportCsv(await s.as('xiaowang'), 'scope=all')).length).toBe(4);
    expect(await exportCsv(await s.as('hetao'), 'scope=all')).toEqual([HEADERS]);
  });

  it('.xlsx: one sheet named 会议通知表, the same rows, a dated file name', async () => {
    const res = await wangwu.get('/api/meetings/export?scope=organizing&sort=startsAt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('会议通知表-'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('会议通知表');
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(HEADERS);
    expect(values.slice(1).map((r) => r[0])).toEqual(['Q4项目启动会', '周例会', '供应商沟通会']);
    expect(values[2]!.slice(10)).toEqual(['筹备中', '未记录']);
  });

  it('reads in keyset pages: with pages of one meeting, every meeting once, in order', async () => {
    const ctx = { db: s.t.database.db, actor: { id: s.ids.wangwu!, name: '王五', username: 'wangwu', roles: ['employee' as const], departmentId: null }, ip: null, now: s.t.clock.now(), locale: 'zh-CN' as const };
    for (const sort of ['startsAt', '-startsAt'] as const) {
      const options = await exportMeetings(ctx, { timeZone: 'Asia/Shanghai' }, { scope: 'organizing', sort, format: 'csv' }, 1);
      const topics: string[] = [];
      for await (const line of options.rows) topics.push(line.values[0]!);
      expect(topics).toEqual(sort === 'startsAt' ? ['Q4项目启动会', '周例会', '供应商沟通会'] : ['供应商沟通会', '周例会', 'Q4项目启动会']);
    }
  });
});
