import { describe, expect, it } from 'vitest';
import { formatDocumentCode, formatTaskNumber, parseDocumentCode, parseTaskNumber } from './rules.ts';

describe('TSK-1 task numbers', () => {
  it('is T + yyyymm + two-digit sequence, as in the seed (T20231001)', () => {
    expect(formatTaskNumber('202310', 1)).toBe('T20231001');
    expect(formatTaskNumber('202310', 2)).toBe('T20231002');
    expect(formatTaskNumber('202310', 99)).toBe('T20231099');
  });
  it('widens past 99 instead of wrapping', () => {
    expect(formatTaskNumber('202310', 100)).toBe('T202310100');
    expect(parseTaskNumber('T202310100')).toEqual({ yyyymm: '202310', seq: 100 });
  });
  it('parses the seed numbers and rejects malformed ones', () => {
    expect(parseTaskNumber('T20231002')).toEqual({ yyyymm: '202310', seq: 2 });
    expect(parseTaskNumber('T2023131')).toBeNull();
    expect(parseTaskNumber('T20231301')).toBeNull();
    expect(parseTaskNumber('X20231001')).toBeNull();
  });
});

describe('DOC-2 document codes', () => {
  it('is 分类编码-日期-文档名称-版本号', () => {
    expect(formatDocumentCode({ categoryCode: 'ZD-HR', date: '2023-10-01', title: '员工考勤制度', version: 1 })).toBe('ZD-HR-20231001-员工考勤制度-V1');
  });
  it('DOC-6 recognises names that follow the rule and those that break it', () => {
    expect(parseDocumentCode('ZD-HR-20231001-员工考勤制度-V1')).toEqual({ categoryCode: 'ZD-HR', date: '2023-10-01', title: '员工考勤制度', version: 1 });
    expect(parseDocumentCode('HT-SX-20230920-A公司产品销售合同-V2')?.version).toBe(2);
    expect(parseDocumentCode('ZD-HR-20231001')).toBeNull(); // the seed's short form predates the rule
    expect(parseDocumentCode('ZD-HR-20231301-员工考勤制度-V1')).toBeNull(); // no 13th month
    expect(parseDocumentCode('员工考勤制度.docx')).toBeNull();
  });
});
