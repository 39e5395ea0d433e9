import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_REGISTER_HEADERS, type TDocumentPage, type TImportJob } from '@opsdesk/contract';
import { type Client, type TestApp, login, startTestApp } from '../../../test/harness.ts';
import { csvOf, uploadSheet } from '../../../test/imports.ts';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { importRunner } from '../../platform/import/runner.ts';

// The SPEC's two example rows of 文档归档登记表, as an office would type them.
const SPEC_ROWS = [
  ['ZD-HR-20231001', '员工考勤管理制度', '制度类/人力资源', 'V1', '内部', '赵六', '2023-10-05', '//服务器/文档归档/制度类/人力资源', '-', '已归档'],
  ['HT-SX-20230920', 'A公司产品销售合同', '合同类/销售', 'V1', '秘密', '钱七', '2023-09-20', '档案柜-03-05', '张三(2023-09-25/2023-09-28)', '已归档'],
];
const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\r\n');

describe('文档归档登记表 import and export', () => {
  let fresh: TestApp;
  let archivist: Client;
  beforeAll(async () => {
    fresh = await startTestApp();
    await seedDemoOrg(fresh.database.db, fresh.clock.now());
    archivist = await login(fresh.app, 'zhaoliu', DEMO_PASSWORD);
  }, 180_000);
  afterAll(() => fresh.close());

  async function importCsv(client: Client, rows: string[][], headers: readonly string[] = DOCUMENT_REGISTER_HEADERS): Promise<TImportJob> {
    const res = await uploadSheet(client, '文档归档登记表.csv', csvOf([[...headers], ...rows]), 'documents');
    expect(res.statusCode, res.body).toBe(202);
    await importRunner(fresh.app).idle();
    return (await client.get(`/api/imports/${res.json<TImportJob>().id}`)).json<TImportJob>();
  }

  it('only the archivist imports; bad rows are reported by column and nothing is written', async () => {
    const staff = await login(fresh.app, 'xiaowang', DEMO_PASSWORD);
    expect((await uploadSheet(staff, 'x.csv', csvOf([[...DOCUMENT_REGISTER_HEADERS]]), 'documents')).statusCode).toBe(403);
    const job = await importCsv(archivist, [
      ['ZD-HR-20231001', '员工考勤管理制度', '制度类/考勤', 'V1', '内部', '无名氏', '2023-10-05', '', '李四(2023-10-08/2023-10-09)；王小二(2023-10-10/2023-10-11)', '已归档'],
      ['ZD-HR-20231002', '重复', '制度类', '第一版', '绝密', '赵六', '2023-13-01', '档案柜-3', '张三 2023-09-25', '已完成'],
      ['ZD-HR-20231003', '借出中', '制度类', 'V1', '内部', '赵六', '2023-10-05', '', '张三(2023-10-08/未归还)', ''],
      ['ZD-HR-20231001', '重复编号', '制度类', 'V1', '内部', '赵六', '2023-10-05', '', '', ''],
    ]);
    expect(job.status).toBe('ready');
    expect(job.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '分类(一级/二级)', expect.stringContaining('没有“制度类/考勤”这个分类')],
      [2, '创建人', '创建人：没有名为“无名氏”的人员'],
      [2, '借阅记录(借阅人、日期、归还日期)', '借阅记录(借阅人、日期、归还日期)：没有名为“王小二”的人员'],
      [3, '版本号', expect.stringContaining('版本号应写作 V1')],
      [3, '密级(内部/秘密)', expect.stringContaining('只能填写“内部”或“秘密”')],
      [3, '创建日期', expect.stringContaining('YYYY-MM-DD')],
      [3, '存储位置(服务器路径/档案柜编号)', expect.stringContaining('档案柜-03-05')],
      [3, '借阅记录(借阅人、日期、归还日期)', expect.stringContaining('借阅人(借出日期/归还日期)')],
      [3, '归档状态(已归档/待归档)', expect.stringContaining('已归档')],
      [4, '借阅记录(借阅人、日期、归还日期)', expect.stringContaining('尚未归还')],
      [5, '文档编号', expect.any(String)],
    ]);
    expect((await archivist.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect((await archivist.get('/api/documents')).json<TDocumentPage>().total).toBe(0);
  });

  it('the SPEC rows import keeping their numbers (they predate the naming rule) and export back unchanged', async () => {
    const job = await importCsv(archivist, SPEC_ROWS);
    expect(job).toMatchObject({ status: 'ready', errorCount: 0 });
    const committed = await archivist.post(`/api/imports/${job.id}/commit`);
    expect(committed.json()).toMatchObject({ status: 'committed', committedCount: 2 });
    const list = (await archivist.get('/api/documents?sort=number&order=asc')).json<TDocumentPage>();
    expect(list.items.map((i) => [i.number, i.category.code, i.secrecy, i.important, i.creator.name, i.archiveStatus])).toEqual([
      ['HT-SX-20230920', 'HT-SX', 'secret', true, '钱七', 'archived'],
      ['ZD-HR-20231001', 'ZD-HR', 'internal', false, '赵六', 'archived'],
    ]);
    const csv = csvLines((await archivist.get('/api/documents/export?format=csv&sort=number')).body);
    expect(csv).toEqual([
      DOCUMENT_REGISTER_HEADERS.join(','),
      SPEC_ROWS[0]!.join(','),
      // Only the category is written in full (销售 → 销售合同, the category's name).
      SPEC_ROWS[1]!.map((c) => (c === '合同类/销售' ? '合同类/销售合同' : c)).join(','),
    ]);
    // The imported secret document is the owner's and the archivist's only: not in others' list or export.
    const lisi = await login(fresh.app, 'lisi', DEMO_PASSWORD);
    expect((await lisi.get('/api/documents')).json<TDocumentPage>().items.map((i) => i.number)).toEqual(['ZD-HR-20231001']);
    expect(csvLines((await lisi.get('/api/documents/export?format=csv')).body)).toEqual([DOCUMENT_REGISTER_HEADERS.join(','), SPEC_ROWS[0]!.join(',')]);
    expect((await fresh.app.inject({ method: 'GET', url: '/api/documents/export' })).statusCode).toBe(401);
    // Its loan history came along.
    const sales = list.items[0]!;
    const detail = (await archivist.get(`/api/documents/${sales.id}`)).json();
    expect(detail.loans).toMatchObject([{ borrower: { name: '张三' }, from: '2023-09-25', to: '2023-09-28', status: 'returned' }]);

    const again = await importCsv(archivist, SPEC_ROWS);
    expect(again.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '文档编号', '文档编号：“ZD-HR-20231001”已存在'],
      [3, '文档编号', '文档编号：“HT-SX-20230920”已存在'],
    ]);
  });
});
