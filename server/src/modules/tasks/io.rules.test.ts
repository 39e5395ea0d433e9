import { describe, expect, it } from 'vitest';
import { indexPeopleByName, parsePersonCell, parseSheetDate, personCellText, resolvePerson } from '../../platform/import/cells.ts';
import { ZTaskSheetRow, importedStatus, parseProgress, parseStatusWord, progressText } from './io.rules.ts';

describe('任务跟踪表 cells (SPEC §1 template)', () => {
  it('当前进度(%/阶段): 70%(已完成数据清洗) both ways, and the ways offices write it', () => {
    expect(progressText(70, '已完成数据清洗')).toBe('70%(已完成数据清洗)');
    expect(progressText(0, null)).toBe('0%');
    expect(parseProgress('70%(已完成数据清洗)')).toEqual({ progress: 70, stage: '已完成数据清洗' });
    expect(parseProgress('30%（数据收集中）')).toEqual({ progress: 30, stage: '数据收集中' });
    expect(parseProgress('７０％（数据收集中）')).toEqual({ progress: 70, stage: '数据收集中' });
    expect(parseProgress('50%/初稿')).toEqual({ progress: 50, stage: '初稿' });
    expect(parseProgress('50% 初稿')).toEqual({ progress: 50, stage: '初稿' });
    expect(parseProgress('100%')).toEqual({ progress: 100, stage: null });
    expect(parseProgress('40')).toEqual({ progress: 40, stage: null });
    expect(parseProgress('0.7')).toEqual({ progress: 70, stage: null }); // a percent-formatted Excel cell
    expect(parseProgress('80%(阶段(二))')).toEqual({ progress: 80, stage: '阶段(二)' });
    expect(parseProgress('120%')).toBeNull();
    expect(parseProgress('70.5%')).toBeNull();
    expect(parseProgress('已完成数据清洗')).toBeNull();
  });

  it('dates as typed in China, checked against the calendar', () => {
    expect(parseSheetDate('2023-10-08')).toBe('2023-10-08');
    expect(parseSheetDate('2023/10/8')).toBe('2023-10-08');
    expect(parseSheetDate('2023.10.8')).toBe('2023-10-08');
    expect(parseSheetDate('2023年10月8日')).toBe('2023-10-08');
    expect(parseSheetDate('2023-02-30')).toBeNull();
    expect(parseSheetDate('10/8/2023')).toBeNull();
  });

  it('TSK-4 status words; 延期 and 待验收 are not stored as such', () => {
    expect(parseStatusWord('进行中')).toBe('in_progress');
    expect(parseStatusWord('延期')).toBe('overdue');
    expect(parseStatusWord('done')).toBe('done');
    expect(parseStatusWord('搁置')).toBeNull();
    expect(importedStatus('overdue', 30)).toBe('in_progress');
    expect(importedStatus('overdue', 0)).toBe('not_started');
    expect(importedStatus('awaiting_acceptance', 100)).toBe('in_progress');
    expect(importedStatus('done', 100)).toBe('done');
    expect(importedStatus(null, 0)).toBe('not_started');
    expect(importedStatus(null, 10)).toBe('in_progress');
  });

  it('TSK-2 负责人 by name; namesakes by name(工号); the export writes the number only for namesakes', () => {
    const index = indexPeopleByName([
      { id: 1, name: '小王', employeeNo: 'E0202' },
      { id: 2, name: '张三', employeeNo: 'E001' },
      { id: 3, name: '张三', employeeNo: 'E002' },
    ]);
    expect(resolvePerson('小王', index)).toEqual({ id: 1 });
    expect(resolvePerson('张三', index)).toEqual({ error: 'ambiguousPerson' });
    expect(resolvePerson('张三(E002)', index)).toEqual({ id: 3 });
    expect(resolvePerson('张三（e001）', index)).toEqual({ id: 2 });
    expect(resolvePerson('张三(E009)', index)).toEqual({ error: 'noPerson' });
    expect(resolvePerson('李四', index)).toEqual({ error: 'noPerson' });
    expect(parsePersonCell('小王')).toEqual({ name: '小王', employeeNo: null });
    expect(personCellText('张三', 'E002', true)).toBe('张三(E002)');
    expect(personCellText('小王', 'E0202', false)).toBe('小王');
  });

  it('a seed row parses as the task it describes', () => {
    const row = ZTaskSheetRow.parse({
      number: 'T20231001',
      name: '客户数据整理',
      owner: '小王',
      startDate: '2023-10-08',
      dueDate: '2023-10-15',
      progress: '70%(已完成数据清洗)',
      status: '进行中',
      deliverable: '整理后的客户数据表',
      acceptanceOpinion: '待验收',
      remarks: '需核对异常数据',
    });
    expect(row).toEqual({
      number: 'T20231001',
      name: '客户数据整理',
      owner: '小王',
      startDate: '2023-10-08',
      dueDate: '2023-10-15',
      progress: 70,
      stage: '已完成数据清洗',
      status: 'in_progress',
      deliverable: '整理后的客户数据表',
      acceptanceOpinion: '待验收',
      remarks: '需核对异常数据',
    });
    const done = ZTaskSheetRow.parse({ name: '归档', owner: '小王', startDate: '2023-10-01', dueDate: '2023-10-02', status: '已完成', deliverable: '清单' });
    expect(done).toMatchObject({ number: null, progress: 100, stage: null, status: 'done', acceptanceOpinion: null, remarks: null });
  });

  it('TSK-3/ALL-5 bad cells are named one by one', () => {
    const bad = ZTaskSheetRow.safeParse({ number: 'X1', name: '', owner: '小王', startDate: '2023-13-01', dueDate: '2023-10-01', progress: '很多', status: '搁置' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['deliverable', 'name', 'number', 'progress', 'startDate', 'status']);
    const order = ZTaskSheetRow.safeParse({ name: '整理', owner: '小王', startDate: '2023-10-08', dueDate: '2023-10-01', deliverable: '表' });
    expect(order.error?.issues).toMatchObject([{ path: ['dueDate'], params: { 'zh-CN': '不能早于开始时间' } }]);
  });
});
