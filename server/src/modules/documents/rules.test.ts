import { describe, expect, it } from 'vitest';
import type { TRole } from '@opsdesk/contract';
import { bundledSchedule } from '../../platform/calendar/bundled.ts';
import { calendarFromDays, yearFromSchedule } from '../../platform/calendar/snapshot.ts';
import { atWallClock } from '../../platform/calendar/zone.ts';
import { parseLocations, resolveCategory } from './io.rules.ts';
import {
  type AccessFacts,
  archivePathOf,
  checkLoanDates,
  documentNumber,
  documentPermissions,
  extractorFor,
  formatLoanRecords,
  isLoanCurrent,
  latestReturnDate,
  loanPermissions,
  monthEndingToday,
  parseLoanRecords,
  quarterRange,
  lastTwelveMonths,
  tidyProblems,
  watermarkText,
} from './rules.ts';

const TZ = 'Asia/Shanghai';
const cal = calendarFromDays([
  ...yearFromSchedule(2023, 'official', bundledSchedule(2023)),
  ...yearFromSchedule(2026, 'official', bundledSchedule(2026)),
]);
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return atWallClock(date, (h * 60 + m) * 60_000, TZ);
};

describe('DOC-2 numbers and DOC-3 paths', () => {
  it('DOC-2 builds 分类编码-日期-文档名称-版本号 from the creation day', () => {
    expect(documentNumber({ categoryCode: 'ZD-HR', createdOn: '2023-10-01', name: '员工考勤制度', version: 1 })).toBe('ZD-HR-20231001-员工考勤制度-V1');
    expect(documentNumber({ categoryCode: 'HY', createdOn: '2026-11-26', name: ' 经营例会纪要 ', version: 3 })).toBe('HY-20261126-经营例会纪要-V3');
  });
  it('DOC-3 shows the archive path of a category', () => {
    expect(archivePathOf('制度类/人力资源')).toBe('文档归档/制度类/人力资源');
  });
});

describe('DOC-6 tidy check of one document', () => {
  const good = { number: 'ZD-HR-20261102-员工手册-V1', name: '员工手册', categoryCode: 'ZD-HR', createdOn: '2026-11-02', version: 1, hasFile: true, paperLocation: null, serverPath: null };
  it('passes a document that follows the rule and has a file', () => {
    expect(tidyProblems(good)).toEqual({ problems: [], expectedNumber: null });
  });
  it('flags a missing number, and neither file nor location', () => {
    expect(tidyProblems({ ...good, number: null, hasFile: false })).toEqual({ problems: ['missing_number', 'missing_file_or_location'], expectedNumber: good.number });
  });
  it('flags a server path without its file', () => {
    expect(tidyProblems({ ...good, hasFile: false, serverPath: '//服务器/文档归档/制度类/人力资源' }).problems).toEqual(['missing_file']);
  });
  it('flags a number that breaks the rule or disagrees with the document (the SPEC rows predate it)', () => {
    expect(tidyProblems({ ...good, number: 'ZD-HR-20231001' }).problems).toEqual(['name_breaks_rule']);
    expect(tidyProblems({ ...good, number: 'ZD-HR-20261102-员工手册-V2' }).problems).toEqual(['name_breaks_rule']);
    expect(tidyProblems({ ...good, number: 'HT-SX-20261102-员工手册-V1' }).problems).toEqual(['name_breaks_rule']);
    expect(tidyProblems({ ...good, number: 'ZD-HR-20261103-员工手册-V1' }).expectedNumber).toBe(good.number);
  });
});

describe('DOC-5 loan periods on the working-day calendar (ALL-6)', () => {
  it('an important document goes out for at most 3 working days: the SPEC loan 2023-09-25 → 2023-09-28', () => {
    expect(latestReturnDate(cal, '2023-09-25')).toBe('2023-09-28');
    expect(checkLoanDates(cal, { from: '2023-09-25', to: '2023-09-28', important: true, today: '2023-09-25' })).toBeNull();
    expect(checkLoanDates(cal, { from: '2023-09-25', to: '2023-10-07', important: true, today: '2023-09-25' })).toEqual({ field: 'to', code: 'LOAN_TOO_LONG', latest: '2023-09-28' });
  });
  it('counts over holidays and make-up days: from 2026-09-30 the third working day is Saturday 10-10 (调休)', () => {
    expect(latestReturnDate(cal, '2026-09-30')).toBe('2026-10-10');
  });
  it('an ordinary document has no such limit; dates must run forward from today', () => {
    expect(checkLoanDates(cal, { from: '2026-11-26', to: '2026-12-31', important: false, today: '2026-11-26' })).toBeNull();
    expect(checkLoanDates(cal, { from: '2026-11-25', to: '2026-11-30', important: false, today: '2026-11-26' })).toEqual({ field: 'from', code: 'LOAN_DATES', limit: '2026-11-26' });
    expect(checkLoanDates(cal, { from: '2026-11-27', to: '2026-11-26', important: false, today: '2026-11-26' })).toEqual({ field: 'to', code: 'LOAN_DATES', limit: '2026-11-27' });
  });
  it('an electronic loan is current from the start of its first day until its deadline, by time alone', () => {
    const loan = { status: 'lent' as const, medium: 'electronic' as const, allowDownload: false, fromDate: '2026-11-27', dueAt: at('2026-11-30', '18:00').toISOString() };
    expect(isLoanCurrent(loan, at('2026-11-26', '23:59'), TZ)).toBe(false);
    expect(isLoanCurrent(loan, at('2026-11-27', '00:00'), TZ)).toBe(true);
    expect(isLoanCurrent(loan, at('2026-11-30', '17:59'), TZ)).toBe(true);
    expect(isLoanCurrent(loan, at('2026-11-30', '18:00'), TZ)).toBe(false);
    expect(isLoanCurrent({ ...loan, medium: 'paper' }, at('2026-11-28', '10:00'), TZ)).toBe(false);
    expect(isLoanCurrent({ ...loan, status: 'returned' }, at('2026-11-28', '10:00'), TZ)).toBe(false);
  });
});

describe('DOC-4 permissions', () => {
  const now = at('2026-11-28', '10:00');
  const actor = (roles: TRole[], id = 7) => ({ id, name: '小王', roles });
  const base: AccessFacts = { actor: actor(['employee']), ownerId: 1, secrecy: 'secret', void: false, file: { mimeType: 'application/pdf', fileName: 'a.pdf' }, paperLocation: null, myLoans: [] };
  const loan = (allowDownload: boolean) => ({ status: 'lent' as const, medium: 'electronic' as const, allowDownload, fromDate: '2026-11-27', dueAt: at('2026-11-30', '18:00').toISOString() });

  it('a secret document: a grant alone (knowing it exists) opens nothing but borrowing', () => {
    expect(documentPermissions(base, now, TZ)).toMatchObject({ canView: false, canDownload: false, viewMode: null, watermark: null, canBorrow: true, canEdit: false, canGrant: false });
  });
  it('the system administrator and the general manager get nothing extra (ALL-7)', () => {
    for (const role of ['admin', 'general_manager', 'division_leader', 'auditor'] as TRole[])
      expect(documentPermissions({ ...base, actor: actor([role]) }, now, TZ)).toMatchObject({ canView: false, canDownload: false, canGrant: false });
  });
  it('the owner and the archivist read and download it; a view is watermarked', () => {
    expect(documentPermissions({ ...base, actor: actor(['employee'], 1) }, now, TZ)).toMatchObject({ canView: true, canDownload: true, canGrant: true, canNewVersion: true, watermark: '小王 2026-11-28 10:00' });
    expect(documentPermissions({ ...base, actor: actor(['archivist']) }, now, TZ)).toMatchObject({ canView: true, canDownload: true, canArchive: true, canSeeLoans: true });
  });
  it('a current electronic loan: view-only with a watermark, unless it allows download; at the deadline it ends', () => {
    expect(documentPermissions({ ...base, myLoans: [loan(false)] }, now, TZ)).toMatchObject({ canView: true, viewMode: 'inline', canDownload: false, watermark: '小王 2026-11-28 10:00', canBorrow: false });
    expect(documentPermissions({ ...base, myLoans: [loan(true)] }, now, TZ)).toMatchObject({ canView: true, canDownload: true });
    expect(documentPermissions({ ...base, myLoans: [loan(true)] }, at('2026-11-30', '18:00'), TZ)).toMatchObject({ canView: false, canDownload: false });
  });
  it('an Office file is read as its extracted text; other types have no view', () => {
    expect(documentPermissions({ ...base, actor: actor([], 1), file: { mimeType: 'application/octet-stream', fileName: '合同.docx' } }, now, TZ).viewMode).toBe('text');
    expect(documentPermissions({ ...base, actor: actor([], 1), file: { mimeType: 'application/zip', fileName: '合同.zip' } }, now, TZ)).toMatchObject({ canDownload: true, viewMode: null });
  });
  it('DOC-8 a void version: content for the archivist only, nothing to edit or borrow', () => {
    const voided = { ...base, void: true, secrecy: 'internal' as const };
    expect(documentPermissions(voided, now, TZ)).toMatchObject({ canView: false, canDownload: false, canEdit: false, canNewVersion: false, canBorrow: false });
    expect(documentPermissions({ ...voided, actor: actor(['archivist']) }, now, TZ)).toMatchObject({ canView: true, canDownload: true, canEdit: false });
  });
  it('internal documents are read by everyone who sees them', () => {
    expect(documentPermissions({ ...base, secrecy: 'internal' }, now, TZ)).toMatchObject({ canView: true, canDownload: true, watermark: null });
  });
  it('DOC-5 loan actions by state and person', () => {
    expect(loanPermissions({ status: 'approved', borrowerId: 7 }, actor(['archivist'], 3))).toEqual({ canRegister: true, canReturn: false, canResubmit: false, canWithdraw: false });
    expect(loanPermissions({ status: 'lent', borrowerId: 7 }, actor(['archivist'], 3)).canReturn).toBe(true);
    expect(loanPermissions({ status: 'changes_requested', borrowerId: 7 }, actor([], 7))).toMatchObject({ canResubmit: true, canWithdraw: true });
    expect(loanPermissions({ status: 'applied', borrowerId: 7 }, actor([], 7))).toMatchObject({ canResubmit: false, canWithdraw: false });
  });
  it('watermark text is the viewer and the company time', () => {
    expect(watermarkText('张三', at('2026-01-02', '09:05'), TZ)).toBe('张三 2026-01-02 09:05');
  });
});

describe('DOC-6 periods and the register sheet', () => {
  it('quarters and the last day of a month in company time', () => {
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2024-Q1').to).toBe('2024-03-31');
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(monthEndingToday(at('2026-11-30', '17:30'), TZ)).toBe('2026-11');
    expect(monthEndingToday(at('2026-11-29', '17:30'), TZ)).toBeNull();
    // 2026-12-31 16:30 UTC is already 2027-01-01 in Shanghai.
    expect(monthEndingToday(new Date('2026-12-31T16:30:00Z'), TZ)).toBeNull();
  });
  it('借阅记录 round-trips; other forms are refused', () => {
    const records = [
      { borrower: '张三', from: '2023-09-25', returnedOn: '2023-09-28' },
      { borrower: '李四', from: '2023-10-09', returnedOn: null },
    ];
    expect(formatLoanRecords(records)).toBe('张三(2023-09-25/2023-09-28)；李四(2023-10-09/未归还)');
    expect(parseLoanRecords(formatLoanRecords(records))).toEqual(records);
    expect(parseLoanRecords('张三（2023-09-25／2023-09-28）')).toEqual([records[0]]);
    expect(parseLoanRecords('-')).toEqual([]);
    expect(parseLoanRecords('张三 2023-09-25')).toBeNull();
    expect(parseLoanRecords('张三(2023-09-28/2023-09-25)')).toBeNull();
  });
  it('存储位置: a server path and/or a cabinet', () => {
    expect(parseLocations('//服务器/文档归档/制度类/人力资源')).toEqual({ serverPath: '//服务器/文档归档/制度类/人力资源', paperLocation: null });
    expect(parseLocations('档案柜-03-05')).toEqual({ serverPath: null, paperLocation: '档案柜-03-05' });
    expect(parseLocations('档案柜-3-5')).toBeNull();
  });
  it('分类 by names, codes, or a shortened level-2 name (合同类/销售 as the SPEC writes it)', () => {
    const cats = [
      { id: 1, code: 'HT', name: '合同类', parentId: null, defaultImportant: true },
      { id: 2, code: 'HT-SX', name: '销售合同', parentId: 1, defaultImportant: true },
      { id: 3, code: 'HT-CG', name: '采购合同', parentId: 1, defaultImportant: true },
    ];
    expect(resolveCategory('合同类/销售', cats)).toMatchObject({ category: { id: 2 } });
    expect(resolveCategory('合同类/销售合同', cats)).toMatchObject({ category: { id: 2 } });
    expect(resolveCategory('ht-sx', cats)).toMatchObject({ category: { id: 2 } });
    expect(resolveCategory('合同类', cats)).toMatchObject({ category: { id: 1 } });
    expect(resolveCategory('合同类/合同', cats)).toEqual({ error: 'noCategory' });
    expect(resolveCategory('制度类/人力资源', cats)).toEqual({ error: 'noCategory' });
  });
  it('which files have text to extract', () => {
    expect(extractorFor({ mimeType: 'application/pdf', fileName: 'x.pdf' })).toBe('pdf');
    expect(extractorFor({ mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: '制度.DOCX' })).toBe('docx');
    expect(extractorFor({ mimeType: 'application/octet-stream', fileName: '清单.xlsx' })).toBe('xlsx');
    expect(extractorFor({ mimeType: 'image/png', fileName: 'scan.png' })).toBeNull();
  });
});

describe('archive growth months', () => {
  it('the 12 months up to this one, across a year boundary', () => {
    expect(lastTwelveMonths('2026-11-28')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(lastTwelveMonths('2027-01-01')[0]).toBe('2026-02');
    expect(lastTwelveMonths('2026-12-31').at(-1)).toBe('2026-12');
  });
});
