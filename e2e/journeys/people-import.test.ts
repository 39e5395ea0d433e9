// Issue acceptance (Foundation II): the administrator fills the staff roster from a spreadsheet.
// A file with one bad row is refused whole, with the row named; the corrected file goes in; the
// roster is exported and printed with the list's filters (ALL-1, ALL-5; SPEC "every module").
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs, firstAdminSignIn } from '../support/auth.ts';
import { screenshotDir, shot } from '../support/browser.ts';
import { closeJourney, openJourney } from '../support/journey.ts';
import type { RunningServer } from '../support/server.ts';
import { label, waitForApi } from '../support/ui.ts';
import { failureRecorder } from '../support/page-trace.ts';

const JOURNEY = 'people-import';
const ADMIN_INITIAL = 'Initial-Admin-2024';
const ADMIN_NEW = 'Admin2024secure';
const HEADER = '工号,姓名,用户名,部门,职务,手机号,邮箱,角色,状态';
const GOOD = [
  'E1001,王芳,wangfang,行政部,行政专员,13912340001,wangfang@example.com,员工,启用',
  'E1002,刘洋,liuyang,行政部,前台,13912340002,liuyang@example.com,员工,启用',
];
// Row 4 in Excel's numbering (the header is row 1): the e-mail has no domain suffix.
const BAD = 'E1003,陈晨,chenchen,行政部,司机,13912340003,chenchen@example,员工,启用';
const FIXED = 'E1003,陈晨,chenchen,行政部,司机,13912340003,chenchen@example.com,员工,启用';
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

let server: RunningServer;
let browser: Browser;
const recordFailure = failureRecorder(JOURNEY, () => browser);
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ server, browser, context, page } = await openJourney({ adminPassword: ADMIN_INITIAL, pageErrors, acceptDownloads: true }));
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/people-import/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(recordFailure));

afterAll(() => closeJourney({ server, browser, context }));

const dialog = () => page.getByRole('dialog', { name: '导入人员' });
// The toolbar button's name also carries its icon's label ("import 导入").
const importButton = () => page.getByRole('button', { name: /(^|\s)导\s?入$/ });

/** Picks a file in the dialog's upload area; returns the import job's id. */
async function choose(name: string, buffer: Buffer): Promise<number> {
  const uploaded = waitForApi(page, 'POST', '/api/imports/people');
  await dialog().locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  const res = await uploaded;
  expect(res.status()).toBe(202);
  return ((await res.json()) as { id: number }).id;
}

describe('people import, export and print', () => {
  test('the administrator signs in; the department exists', async () => {
    await firstAdminSignIn(page, ADMIN_INITIAL, ADMIN_NEW);
    await apiAs(page, 'POST', '/api/departments', { name: '行政部', code: 'XZB' });
  });

  test('a file with one bad row: progress, then the row error, and nothing written', async () => {
    await page.goto('/admin/people');
    await importButton().click();
    await dialog().getByText('点击选择或拖入文件').waitFor();
    await shot(page, JOURNEY, '01-import-dialog');

    // The empty template is one click away.
    const templateDownload = page.waitForEvent('download');
    await dialog().getByRole('button', { name: '下载空白模板（.xlsx）' }).click();
    const template = await templateDownload;
    expect(template.suggestedFilename()).toMatch(/^人员名册导入模板-\d{8}\.xlsx$/);
    expect(fs.statSync(await template.path()).size).toBeGreaterThan(0);

    await choose('人员名册.csv', csv([...GOOD, BAD]));
    // The server answers 202 "reading"; the bar stays until the first poll says how far it got.
    await dialog().getByTestId('import-progress').getByRole('progressbar').waitFor();
    await shot(page, JOURNEY, '02-import-progress');

    await dialog().getByText('发现 1 处错误，没有写入任何数据').waitFor();
    const errors = dialog().getByTestId('import-errors');
    await errors.getByRole('row', { name: /第 4 行.*邮箱/ }).waitFor();
    await expect.poll(() => dialog().getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    await shot(page, JOURNEY, '03-import-row-error');

    // Closing leaves the roster as it was.
    await dialog().getByRole('button', { name: label('取消') }).click();
    await dialog().waitFor({ state: 'hidden' });
    const listed = waitForApi(page, 'GET', '/api/people');
    await page.reload();
    await listed;
    await page.getByRole('cell', { name: '系统管理员' }).first().waitFor();
    expect(await page.getByText('王芳').count()).toBe(0);
  });

  test('the corrected file goes in whole and the rows appear in the list', async () => {
    await importButton().click();
    const jobId = await choose('人员名册（改）.csv', csv([...GOOD, FIXED]));
    await dialog().getByText('检查通过：3 行均可导入').waitFor();
    await dialog().getByTestId('import-preview').getByRole('cell', { name: 'chenchen@example.com' }).waitFor();
    await shot(page, JOURNEY, '04-import-checked');

    const committed = waitForApi(page, 'POST', `/api/imports/${jobId}/commit`);
    await dialog().getByRole('button', { name: /确认导入/ }).click();
    expect((await committed).status()).toBe(200);
    await dialog().getByText('已导入 3 条记录').waitFor();
    await dialog().getByText('重置密码', { exact: false }).waitFor();
    await shot(page, JOURNEY, '05-import-done');
    await dialog().getByRole('button', { name: label('完成') }).click();

    for (const name of ['王芳', '刘洋', '陈晨']) await page.getByRole('row', { name: new RegExp(name) }).waitFor();
    await shot(page, JOURNEY, '06-people-after-import');
  });

  test('the filtered roster exports to .xlsx', async () => {
    await page.goto('/admin/people?q=%E7%8E%8B%E8%8A%B3'); // q=王芳
    await page.getByRole('row', { name: /王芳/ }).waitFor();
    await page.getByRole('button', { name: /导出/ }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Excel 文件（.xlsx）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^人员名册-\d{8}\.xlsx$/);
    const saved = path.join(screenshotDir, JOURNEY, file.suggestedFilename());
    await file.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an .xlsx is a zip
  });

  test('打印 opens the paper roster with the same filters', async () => {
    await page.goto('/admin/people');
    await page.getByRole('row', { name: /陈晨/ }).waitFor();
    await page.getByRole('button', { name: /打印/ }).click();
    await page.waitForURL('**/admin/people/print');
    await page.getByRole('heading', { name: '人员名册' }).waitFor();
    for (const name of ['王芳', '刘洋', '陈晨']) await page.getByRole('cell', { name, exact: true }).waitFor();
    for (const column of ['工号', '姓名', '部门', '职务', '手机号', '邮箱', '角色', '状态']) {
      await page.getByRole('columnheader', { name: column, exact: true }).waitFor();
    }
    await page.getByText('制表人：').waitFor();
    await shot(page, JOURNEY, '07-print-view');
    // What the printer gets: the sheet alone, Chinese fonts, A4.
    const pdf = await page.pdf({ path: path.join(screenshotDir, JOURNEY, '08-roster.pdf'), preferCSSPageSize: true });
    expect(pdf.length).toBeGreaterThan(10_000);

    await page.getByRole('button', { name: /返回/ }).click();
    await page.waitForURL((url) => url.pathname === '/admin/people');
  });

  test('the people page and the print view read well at phone width', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/admin/people');
    await page.getByText('陈晨').first().waitFor();
    await shot(page, JOURNEY, '09-people-375');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await importButton().click();
    await dialog().getByText('点击选择或拖入文件').waitFor();
    await shot(page, JOURNEY, '10-import-dialog-375', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.goto('/admin/people/print');
    await page.getByRole('heading', { name: '人员名册' }).waitFor();
    await shot(page, JOURNEY, '11-print-view-375');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  });
});

