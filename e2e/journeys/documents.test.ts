// Issue 7 acceptance (DOC-2/4/5/8): 钱七 registers a secret contract and uploads a new version (V1
// becomes 作废); she grants 小王 the right to know it exists; 小王 applies to borrow it; his head
// 李四 and the division leader 郑华 approve in 审批中心; the archivist 赵六 registers the loan;
// 小王 reads it view-only under his watermark; the server clock passes the deadline, the reminder
// job chases him (his access has ended by itself) and 赵六 records the return.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { TCalendarMonth, TLoan } from '@opsdesk/contract';
import { demoPdf } from '../../server/src/demo/documents.ts';
import { shot } from '../support/browser.ts';
import { startClockJourney, type ClockJourney } from '../support/clock-journey.ts';
import { label, pickInSelect, submitDialog, waitForApi } from '../support/ui.ts';

const JOURNEY = 'documents';
const TITLE = 'B公司年度框架合同';

let j: ClockJourney;
const openAs = (username: string, width?: number, height?: number) => j.openAs(username, width, height);

/** The company-zone date of the server's clock. */
const companyDate = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);

/** The first working day after `date`, from the server's own calendar (ALL-6). */
async function nextWorkingDay(page: Page, date: string): Promise<string> {
  for (const month of [date.slice(0, 7), nextMonth(date.slice(0, 7))]) {
    const res = await page.request.get(`/api/calendar/month?month=${month}`);
    const cal = (await res.json()) as TCalendarMonth;
    const day = cal.days.find((d) => d.date > date && d.working);
    if (day) return day.date;
  }
  throw new Error(`no working day after ${date}`);
}
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

beforeAll(async () => {
  // The server's clock starts now (browser and server agree on "today") and only moves when set.
  j = await startClockJourney({ journey: JOURNEY, start: new Date(), browserClock: false, width: 1280 });
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/documents/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(() => j?.recordFailure()));

afterAll(() => j?.close());

describe('document archive: versions, a secret loan through approvals, overdue and return', () => {
  let qianqi: Page;
  let xiaowang: Page;
  let docId = 0;
  let loan: TLoan;

  test('钱七 registers a secret contract: category defaults 重要, the number is previewed', async () => {
    qianqi = await openAs('qianqi');
    await qianqi.getByRole('menuitem', { name: '文档归档' }).waitFor();
    await qianqi.goto('/documents');
    await qianqi.getByTestId('category-tree').waitFor();
    await qianqi.getByRole('button', { name: /登记文档/ }).first().click();
    const drawer = qianqi.locator('.ant-drawer-open');
    await drawer.getByLabel('分类').click();
    await qianqi.locator('.ant-select-tree-title', { hasText: '销售合同' }).click();
    await drawer.getByLabel('文档名称').fill(TITLE);
    // DOC-5: 合同类 defaults its documents to 重要.
    await expect.poll(() => drawer.getByRole('switch', { name: '重要文档' }).getAttribute('aria-checked')).toBe('true');
    await drawer.getByText('秘密', { exact: true }).click();
    await drawer.locator('input[type=file]').setInputFiles({ name: `${TITLE}.pdf`, mimeType: 'application/pdf', buffer: demoPdf('Framework contract V1') });
    await drawer.getByTestId('document-file-uploaded').waitFor();
    expect(await drawer.getByTestId('document-file-uploaded').innerText()).toContain('已加密上传');
    await drawer.getByLabel('档案柜编号').fill('档案柜-03-06');
    const today = companyDate(j.server.now()).replaceAll('-', '');
    expect(await drawer.getByTestId('number-preview').innerText()).toBe(`HT-SX-${today}-${TITLE}-V1`);
    await shot(qianqi, JOURNEY, '01-register-secret-document', { fullPage: false });

    const created = waitForApi(qianqi, 'POST', '/api/documents');
    await drawer.getByTestId('document-form-submit').click();
    expect((await created).status()).toBe(201);
    await qianqi.waitForURL(/\/documents\/\d+$/);
    docId = Number(qianqi.url().split('/').pop());
    await qianqi.getByTestId('version-current').getByText(`HT-SX-${today}-${TITLE}-V1`).waitFor();
    // The owner reads her own secret document, under her watermark.
    await qianqi.getByTestId('watermark').waitFor();
    await qianqi.waitForTimeout(3000); // the browser's PDF viewer paints its page a moment after loading
    await shot(qianqi, JOURNEY, '02-document-detail-owner');
  });

  test('a new version supersedes V1, which is 作废 and kept apart', async () => {
    await qianqi.getByTestId('new-version-button').click();
    const drawer = qianqi.locator('.ant-drawer-open');
    await drawer.getByText('将标记为“作废”').waitFor();
    await drawer.locator('input[type=file]').setInputFiles({ name: `${TITLE}-修订.pdf`, mimeType: 'application/pdf', buffer: demoPdf('Framework contract V2') });
    await drawer.getByTestId('document-file-uploaded').waitFor();
    expect(await drawer.getByTestId('number-preview').innerText()).toMatch(new RegExp(`^HT-SX-\\d{8}-${TITLE}-V2$`));
    const answer = waitForApi(qianqi, 'POST', `/api/documents/${docId}/versions`);
    await drawer.getByTestId('document-form-submit').click();
    expect((await answer).status()).toBe(201);
    await qianqi.waitForURL((url) => /\/documents\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${docId}`));
    docId = Number(qianqi.url().split('/').pop());
    await qianqi.getByTestId('versions-card').getByText('作废版本（1）').click();
    await qianqi.getByTestId('version-void').waitFor();
    expect(await qianqi.getByTestId('version-void').innerText()).toContain('V1');
    expect(await qianqi.getByTestId('version-current').innerText()).toContain('V2');
    await shot(qianqi, JOURNEY, '03-new-version-v1-void');
  });

  test('钱七 lets 小王 know the document exists (a visibility grant)', async () => {
    const grants = qianqi.getByTestId('grants-card');
    await pickInSelect(qianqi, grants.locator('.ant-select'), '小王');
    const granted = waitForApi(qianqi, 'POST', `/api/documents/${docId}/grants`);
    await grants.getByRole('button', { name: /添加授权/ }).click();
    expect((await granted).status()).toBe(201);
    await grants.getByTestId('grant-item').filter({ hasText: '小王' }).waitFor();
    await shot(qianqi, JOURNEY, '04-visibility-grant');
  });

  test('小王 finds it, cannot read it yet, and applies to borrow it (≤ 3 working days)', async () => {
    xiaowang = await openAs('xiaowang');
    await xiaowang.goto('/documents');
    const row = xiaowang.locator('.ant-table-row', { hasText: TITLE });
    await row.getByTestId('secret-tag').waitFor();
    await shot(xiaowang, JOURNEY, '05-list-with-secret-document');
    await row.click();
    await xiaowang.waitForURL(`**/documents/${docId}`);
    await xiaowang.getByText('这是一份秘密文档。查看原文须经借阅审批').waitFor();
    expect(await xiaowang.getByTestId('download-button').count()).toBe(0);

    await xiaowang.getByTestId('borrow-button').click();
    const drawer = xiaowang.locator('.ant-drawer-open');
    await drawer.getByLabel('借阅用途').fill('核对框架合同付款条款，准备续签');
    const today = companyDate(j.server.now());
    const due = await nextWorkingDay(xiaowang, today);
    // Typed and confirmed with Enter: a click on a day cell can land while the panel still animates.
    const until = drawer.getByPlaceholder('归还日期');
    await until.click();
    await until.press('Control+a');
    await until.pressSequentially(due);
    await until.press('Enter');
    await drawer.locator('.ant-drawer-title').click(); // closes the picker, keeping both dates
    await expect.poll(() => until.inputValue()).toBe(due);
    await drawer.getByText('电子文件', { exact: true }).click();
    await drawer.getByText('这是重要文档，借阅期限不超过 3 个工作日').waitFor();
    await drawer.getByText('秘密文档还需分管领导审批').waitFor();
    await shot(xiaowang, JOURNEY, '06-loan-application', { fullPage: false });
    const applied = waitForApi(xiaowang, 'POST', `/api/documents/${docId}/loans`);
    await drawer.getByTestId('loan-submit').click();
    const res = await applied;
    expect(res.status()).toBe(201);
    loan = (await res.json()) as TLoan;
    expect(loan.status).toBe('applied');
    await xiaowang.locator('.ant-tag', { hasText: '审批中' }).first().waitFor();
  });

  test('his head 李四 and the division leader 郑华 approve it in 审批中心', async () => {
    for (const [username, step, shotName] of [
      ['lisi', '部门负责人审批', '07-approval-head'],
      ['zhenghua', '分管领导审批', '08-approval-division-leader'],
    ] as const) {
      const page = await openAs(username);
      await page.getByRole('menuitem', { name: '审批' }).click();
      await page.waitForURL('**/approvals');
      // In the approvals table (a pushed notification may show the same title).
      await page.locator('.ant-table').getByText(`秘密文档借阅申请 #${loan.id}`).click();
      await page.waitForURL(`**/approvals/${loan.approvalId}`);
      const summary = page.getByTestId('loan-approval-summary');
      await summary.getByText('核对框架合同付款条款，准备续签').waitFor();
      await page.getByText(step).first().waitFor();
      await page.getByRole('button', { name: label('同意') }).click();
      await page.getByLabel('审批意见').fill('同意，请按期归还');
      const answer = submitDialog(page.locator('.ant-modal'), label('同意'), 'POST', `/api/approvals/${loan.approvalId}/approve`);
      expect((await answer).status()).toBe(200);
      await page.getByText('同意，请按期归还').first().waitFor();
      await shot(page, JOURNEY, shotName);
    }
  });

  test('the archivist 赵六 registers the loan; 小王 reads it view-only under his watermark', async () => {
    const zhaoliu = await openAs('zhaoliu');
    await zhaoliu.goto('/documents/loans?tab=desk&status=approved');
    const row = zhaoliu.locator('.ant-table-row', { hasText: TITLE });
    await row.locator('.ant-tag', { hasText: '待登记' }).waitFor();
    await shot(zhaoliu, JOURNEY, '09-loan-desk-to-register');
    await row.getByTestId('loan-register').click();
    const registered = submitDialog(zhaoliu.locator('.ant-modal'), label('登记借出'), 'POST', `/api/document-loans/${loan.id}/register`);
    const res = await registered;
    expect(res.status()).toBe(200);
    loan = (await res.json()) as TLoan;
    expect(loan.status).toBe('lent');
    await zhaoliu.goto(`/documents/loans/${loan.id}`);
    await zhaoliu.getByTestId('loan-detail').locator('.ant-tag', { hasText: '借出中' }).waitFor();

    await xiaowang.goto(`/documents/${docId}`);
    await xiaowang.getByTestId('document-preview').waitFor();
    await xiaowang.getByTestId('watermark').waitFor();
    expect(await xiaowang.getByTestId('watermark').textContent()).toContain('小王');
    // View-only: no download offered (the loan does not allow it).
    expect(await xiaowang.getByTestId('download-button').count()).toBe(0);
    await xiaowang.waitForTimeout(3000); // the browser's PDF viewer paints its page a moment after loading
    await shot(xiaowang, JOURNEY, '10-borrower-reads-with-watermark');
  });

  test('past the deadline: the reminder chases 小王 (his phone), and his access has ended by itself', async () => {
    // Two days after the deadline: the "1 day late" reminder is due; the job fires it now.
    j.server.setNow(new Date(Date.parse(loan.dueAt ?? '') + 2 * 24 * 3600_000));
    await j.server.runJob('deadline-reminders');

    const phone = await openAs('xiaowang', 375, 812);
    await expect.poll(() => phone.getByTestId('notification-bell').getAttribute('aria-label')).toMatch(/条未读/);
    await phone.goto('/documents/loans');
    const card = phone.getByTestId('loan-card').filter({ hasText: TITLE });
    await card.locator('.ant-tag', { hasText: '逾期' }).waitFor();
    await shot(phone, JOURNEY, '11-phone-my-loans-overdue');
    await phone.goto('/notifications');
    await phone.locator('.ant-list-item').first().waitFor();
    await shot(phone, JOURNEY, '12-phone-reminder');

    await xiaowang.goto(`/documents/${docId}`);
    await xiaowang.getByText('这是一份秘密文档。查看原文须经借阅审批').waitFor();
    expect(await xiaowang.getByTestId('watermark').count()).toBe(0);
  });

  test('赵六 finds it under 逾期催收, prints the application form, and records the return', async () => {
    const zhaoliu = await openAs('zhaoliu');
    await zhaoliu.goto('/documents/loans?tab=overdue');
    const row = zhaoliu.locator('.ant-table-row', { hasText: TITLE });
    await row.locator('.ant-tag', { hasText: '逾期' }).waitFor();
    await shot(zhaoliu, JOURNEY, '13-overdue-desk');

    await zhaoliu.goto(`/documents/loans/${loan.id}/print`);
    await zhaoliu.locator('.od-print-title', { hasText: '文档借阅申请表' }).waitFor();
    await zhaoliu.getByText('核对框架合同付款条款，准备续签').waitFor();
    // The approvers' opinions are on the form the archivist prints (李四, then 郑华).
    await expect.poll(() => zhaoliu.getByText(/同意，请按期归还\u3000(李四|郑华) /).count()).toBe(2);
    await shot(zhaoliu, JOURNEY, '14-print-loan-application');

    await zhaoliu.goto(`/documents/loans/${loan.id}`);
    await zhaoliu.getByTestId('loan-return').click();
    const returned = submitDialog(zhaoliu.locator('.ant-modal'), label('登记归还'), 'POST', `/api/document-loans/${loan.id}/return`);
    expect((await returned).status()).toBe(200);
    await zhaoliu.getByTestId('loan-detail').locator('.ant-tag', { hasText: '已归还' }).waitFor();
    await shot(zhaoliu, JOURNEY, '15-returned');

    await zhaoliu.goto('/documents/print');
    await zhaoliu.locator('.od-print-title', { hasText: '文档归档登记表' }).waitFor();
    await zhaoliu.getByText(/小王\(\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}\)/).waitFor();
    await shot(zhaoliu, JOURNEY, '16-print-register');

    // 归档检查 opens with the archive's growth over the year: this journey's contract is in this month's bars.
    await zhaoliu.goto('/documents/archive');
    const growth = zhaoliu.getByTestId('archive-growth');
    await growth.getByText(/^近 12 个月新增登记 [1-9]\d* 份，完成归档 \d+ 份$/).waitFor();
    await growth.locator('svg').getByText('新增登记').waitFor();
    await shot(zhaoliu, JOURNEY, '17-archive-growth');
    expect(j.pageErrors).toEqual([]);
  });
});
