import { describe, expect, it } from 'vitest';
import { ZMeetingSheetRow, parseAgendaLine, parseContact, parseMaterialLine, parseMeetingTime, splitNames } from './io.rules.ts';

describe('会议通知表 cells (SPEC §3 template), as the export writes them and as offices type them', () => {
  it('时间: date start-end in the ways dates and ranges are written', () => {
    const q4 = { date: '2026-11-30', startMinutes: 14 * 60, endMinutes: 16 * 60 };
    expect(parseMeetingTime('2026-11-30 14:00-16:00')).toEqual(q4);
    expect(parseMeetingTime('2026/11/30 14:00～16:00')).toEqual(q4);
    expect(parseMeetingTime('2026年11月30日 14：00 至 16：00')).toEqual(q4);
    expect(parseMeetingTime('2026-11-30 9:30-10:00')).toEqual({ date: '2026-11-30', startMinutes: 570, endMinutes: 600 });
    expect(parseMeetingTime('2026-11-30 14:00')).toBeNull();
    expect(parseMeetingTime('2026-02-30 14:00-15:00')).toBeNull();
    expect(parseMeetingTime('2026-11-30 25:00-26:00')).toBeNull();
  });

  it('会议议程 and 需准备材料 lines; 联系人及联系方式; names', () => {
    expect(parseAgendaLine('1. 项目背景与目标说明（20分钟）：统一对项目目标的理解')).toEqual({ title: '项目背景与目标说明', durationMinutes: 20, goal: '统一对项目目标的理解' });
    expect(parseAgendaLine('上周工作回顾(15)')).toEqual({ title: '上周工作回顾', durationMinutes: 15, goal: null });
    expect(parseAgendaLine('2、资源协调（30分钟）')).toEqual({ title: '资源协调', durationMinutes: 30, goal: null });
    expect(parseAgendaLine('随便聊聊')).toBeNull();
    expect(parseMaterialLine('各部门《Q4项目实施方案PPT》（张三）')).toEqual({ title: '各部门《Q4项目实施方案PPT》', owner: '张三' });
    expect(parseMaterialLine('预算表（张三(E0101)）')).toEqual({ title: '预算表', owner: '张三(E0101)' });
    expect(parseMaterialLine('预算表')).toBeNull();
    expect(parseContact('王五/分机 8001')).toEqual({ name: '王五', phone: '分机 8001' });
    expect(parseContact('王五 13800000000')).toEqual({ name: '王五', phone: '13800000000' });
    expect(parseContact('王五')).toEqual({ name: '王五', phone: null });
    expect(splitNames('周建国、张三，李四; 小王  张三')).toEqual(['周建国', '张三', '李四', '小王']);
  });

  it('MTG-4 a row over 5 items or 2 hours is refused: its reason has no column', () => {
    const row = {
      topic: '周例会',
      goal: '确定本周重点',
      time: '2026-12-07 09:00-12:00',
      place: '3号会议室',
      participants: '张三',
      host: '李四',
      minuteTaker: '王五',
      contact: '王五',
    };
    expect(ZMeetingSheetRow.safeParse({ ...row, agenda: '1. 回顾（60分钟）\n2. 计划（60分钟）' }).success).toBe(true);
    const long = ZMeetingSheetRow.safeParse({ ...row, agenda: '1. 回顾（60分钟）\n2. 计划（61分钟）' });
    expect(long.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['agenda', 'agendaOverLimit']]);
    const many = ZMeetingSheetRow.safeParse({ ...row, agenda: Array.from({ length: 6 }, (_, i) => `议题${i + 1}（10分钟）`).join('\n') });
    expect(many.error?.issues.map((i) => i.message)).toEqual(['agendaOverLimit']);
    const phone = ZMeetingSheetRow.safeParse({ ...row, agenda: '回顾（10分钟）', contact: `王五/${'8'.repeat(65)}` });
    expect(phone.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['contact', 'longPhone']]);
  });
});
