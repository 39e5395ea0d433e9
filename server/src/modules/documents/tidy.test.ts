import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_REGISTER_HEADERS, type TArchiveList, type TTidyCheck } from '@opsdesk/contract';
import { loginAdmin } from '../../../test/harness.ts';
import { backups } from '../../platform/backup/schema.ts';
import { TIDY_JOB } from './tidy.service.ts';
import { type DocTest, clockTo, startDocTest } from './testing.ts';

let d: DocTest;
beforeAll(async () => {
  d = await startDocTest();
}, 180_000);
afterAll(() => d.t.close());

describe('DOC-6 monthly tidy check', () => {
  it('DOC-6 lists the month\'s documents missing a number, a file or location, or breaking the naming rule (archivist only)', async () => {
    expect((await d.t.app.inject({ method: 'GET', url: '/api/documents/tidy?month=2026-11' })).statusCode).toBe(401);
    expect((await (await d.as('xiaowang')).get('/api/documents/tidy?month=2026-11')).statusCode).toBe(403);
    expect((await loginAdmin(d.t.app).then((a) => a.get('/api/documents/tidy?month=2026-11'))).statusCode).toBe(403);
    const archivist = await d.as('zhaoliu');
    expect((await archivist.get('/api/documents/tidy?month=2026-13')).json()).toMatchObject({ code: 'VALIDATION', field: 'month' });
    const nov = (await archivist.get('/api/documents/tidy?month=2026-11')).json<TTidyCheck>();
    expect(nov).toMatchObject({ month: '2026-11', lastRunAt: null, lastRunProblems: null });
    expect(nov.checkedCount).toBe(5);
    expect(nov.items.map((i) => [i.document.name, i.problems])).toEqual([['办公用品领用规定', ['missing_file_or_location']]]);
    const oct2023 = (await archivist.get('/api/documents/tidy?month=2023-10')).json<TTidyCheck>();
    expect(oct2023.items).toEqual([
      {
        document: expect.objectContaining({ number: 'ZD-HR-20231001', name: '员工考勤管理制度' }),
        problems: ['missing_file', 'name_breaks_rule'],
        expectedNumber: 'ZD-HR-20231005-员工考勤管理制度-V1',
      },
    ]);
  });

  it('DOC-6 the month-end job runs on the last day only, keeps its findings and tells the archivist', async () => {
    expect(await d.t.app.jobs.runNow(TIDY_JOB)).toBeNull();
    clockTo(d, '2026-11-30', '17:30');
    expect(await d.t.app.jobs.runNow(TIDY_JOB)).toEqual({ month: '2026-11', problems: 1 });
    const archivist = await d.as('zhaoliu');
    expect((await archivist.get('/api/documents/tidy?month=2026-11')).json()).toMatchObject({ lastRunAt: '2026-11-30T09:30:00.000Z', lastRunProblems: 1 });
    const inbox = (await archivist.get('/api/notifications')).json().items;
    expect(inbox[0]).toMatchObject({ title: '2026-11 文档整理检查：1 份文档待整理', link: '/documents/tidy?month=2026-11' });
    const staffInbox = (await (await d.as('xiaowang')).get('/api/notifications')).json().items as { title: string }[];
    expect(staffInbox.some((n) => n.title.includes('文档整理检查'))).toBe(false);
  });
});

describe('DOC-6 quarterly 《文档归档清单》 and DOC-7 backups', () => {
  it('DOC-6 lists what was archived in the quarter, void versions included, and exports it as .xlsx', async () => {
    const archivist = await d.as('zhaoliu');
    expect((await (await d.as('xiaowang')).get('/api/documents/archive-list?quarter=2026-Q4')).statusCode).toBe(403);
    expect((await archivist.get('/api/documents/archive-list?quarter=2026-Q5')).json()).toMatchObject({ code: 'VALIDATION', field: 'quarter' });
    const q4 = (await archivist.get('/api/documents/archive-list?quarter=2026-Q4')).json<TArchiveList>();
    expect(q4).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(q4.items.map((i) => [i.name, i.version, i.void])).toEqual([
      ['员工考勤制度', 1, true],
      ['经营例会会议纪要', 1, false],
    ]);
    const q3 = (await archivist.get('/api/documents/archive-list?quarter=2023-Q3')).json<TArchiveList>();
    expect(q3.items.map((i) => i.number)).toEqual(['HT-SX-20230920']);

    const file = await archivist.get('/api/documents/archive-list/export?quarter=2023-Q3&format=xlsx');
    expect(file.statusCode).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain(encodeURIComponent('文档归档清单-2023-Q3'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...DOCUMENT_REGISTER_HEADERS]);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['HT-SX-20230920', 'A公司产品销售合同', '合同类/销售合同', 'V1', '秘密', '钱七', '2023-09-20', '档案柜-03-05', '张三(2023-09-25/2023-09-28)', '已归档']);
    expect((await (await d.as('xiaowang')).get('/api/documents/archive-list/export?quarter=2023-Q3')).statusCode).toBe(403);
  });

  it('DOC-7 the archivist sees when the last backup ran and whether its restore check passed', async () => {
    const archivist = await d.as('zhaoliu');
    expect((await (await d.as('xiaowang')).get('/api/documents/backup-status')).statusCode).toBe(403);
    expect((await archivist.get('/api/documents/backup-status')).json()).toEqual({ lastBackup: null, lastSucceededAt: null, withinWeek: false, restoreVerified: false, documentFiles: 4 });
    const at = (days: number) => new Date(d.t.clock.now().getTime() - days * 86_400_000).toISOString();
    await d.t.database.db.insert(backups).values([
      { kind: 'scheduled', startedAt: at(3), finishedAt: at(3), path: '/b/1', status: 'succeeded', restoreCheck: 'passed' },
      { kind: 'manual', startedAt: at(1), finishedAt: at(1), path: '/b/2', status: 'failed', message: 'disk full' },
    ]);
    const status = (await archivist.get('/api/documents/backup-status')).json();
    expect(status).toMatchObject({ lastBackup: { kind: 'manual', status: 'failed', restoreCheck: null }, lastSucceededAt: at(3), withinWeek: true, restoreVerified: true });
  });
});
