// Issue 4 acceptance (ALL-2/3/4): a notification arrives live, opens the item; the workbench
// counts are right. 李四 (市场部经理) sits on the workbench; 小王 submits a loan request that waits
// for him (through the approvals test flow: no production module registers a flow yet); his bell
// goes up without a reload, a click opens the approval, he approves, and 赵六 (档案管理员) finds it
// waiting in 审批中心 — where 驳回 without a reason is refused under the field.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs, firstAdminSignIn, signIn } from '../support/auth.ts';
import { launchBrowser, shot } from '../support/browser.ts';
import { label, submitDialog, waitForApi } from '../support/ui.ts';
import { startWorkflowServer, type WorkflowServer } from '../support/workflow-server.ts';
import { failureRecorder, tracePage } from '../support/page-trace.ts';

const JOURNEY = 'notifications';
const DEMO = 'Demo2026';

let server: WorkflowServer;
let browser: Browser;
const recordFailure = failureRecorder(JOURNEY, () => browser);
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function openAs(username: string, width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height }, locale: 'zh-CN' });
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  tracePage(page);
  await page.goto('/login');
  await signIn(page, username, DEMO);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

const badge = (page: Page) => page.getByTestId('notification-bell');
const sectionCount = (page: Page, key: string) => page.getByTestId(`workbench-${key}`).locator('.ant-card-head-title .ant-badge').innerText();

beforeAll(async () => {
  server = await startWorkflowServer('Initial-Admin-2024');
  browser = await launchBrowser();
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/notifications/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(recordFailure));

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

describe('notifications and approvals', () => {
  let lisi: Page;
  let requestId = 0;

  test('a notification arrives live and bumps the bell and the workbench', async () => {
    lisi = await openAs('lisi');
    await page0Ready(lisi);
    expect(await sectionCount(lisi, 'approvals')).toBe('0');
    expect(await badge(lisi).getAttribute('aria-label')).toBe('消息通知');

    requestId = await server.submit('xiaowang', '借阅《员工考勤管理制度》', { 文档: '员工考勤管理制度', 用途: '制度修订参考' });
    // No reload: the stream brings it.
    await expect.poll(() => badge(lisi).getAttribute('aria-label')).toBe('消息通知，1 条未读');
    await lisi.locator('.ant-notification-notice').first().waitFor();
    await expect.poll(() => sectionCount(lisi, 'approvals')).toBe('1');
    await expect.poll(() => sectionCount(lisi, 'notifications')).toBe('1');
    await lisi.getByTestId('workbench-approvals').getByText('借阅《员工考勤管理制度》').waitFor();
    await shot(lisi, JOURNEY, '01-workbench-live-notification');
  });

  test('the bell lists it; clicking opens the approval with its chain', async () => {
    await lisi.locator('.ant-notification-notice-close').first().click().catch(() => undefined);
    await badge(lisi).click();
    const item = lisi.locator('.ant-popover .ant-list-item').first();
    await item.waitFor();
    await shot(lisi, JOURNEY, '02-bell-popover', { fullPage: false });
    await item.click();
    await lisi.waitForURL(`**/approvals/${requestId}`);
    await lisi.getByText('部门负责人审批').first().waitFor();
    await expect.poll(() => badge(lisi).getAttribute('aria-label')).toBe('消息通知');
    await shot(lisi, JOURNEY, '03-approval-detail');
  });

  test('the approver approves; the archivist finds it waiting, and must give a reason to reject', async () => {
    await lisi.getByRole('button', { name: label('同意') }).click();
    await lisi.getByLabel('审批意见').fill('同意借阅，请按期归还');
    const answer = submitDialog(lisi.locator('.ant-modal'), label('同意'), 'POST', `/api/approvals/${requestId}/approve`);
    expect((await answer).status()).toBe(200);
    await lisi.getByText('同意借阅，请按期归还').first().waitFor();
    await shot(lisi, JOURNEY, '04-approved-by-head');

    const zhaoliu = await openAs('zhaoliu');
    await page0Ready(zhaoliu);
    expect(await sectionCount(zhaoliu, 'approvals')).toBe('1');
    await zhaoliu.getByRole('menuitem', { name: '审批' }).click();
    await zhaoliu.waitForURL('**/approvals');
    await zhaoliu.getByRole('tab', { name: /待我审批/ }).waitFor();
    await zhaoliu.getByText('借阅《员工考勤管理制度》').waitFor();
    await shot(zhaoliu, JOURNEY, '04b-approvals-waiting');
    await zhaoliu.getByText('借阅《员工考勤管理制度》').click();
    await zhaoliu.waitForURL(`**/approvals/${requestId}`);
    await zhaoliu.getByRole('button', { name: label('驳回') }).click();
    await zhaoliu.locator('.ant-modal').getByRole('button', { name: label('驳回') }).click();
    await zhaoliu.getByText('请填写驳回的理由').waitFor();
    await shot(zhaoliu, JOURNEY, '05-reject-needs-reason', { fullPage: false });
    await zhaoliu.locator('.ant-modal').getByRole('button', { name: label('取消') }).click();

    // Meanwhile the same step is decided elsewhere (another tab): this page's 同意 answers 409 and reloads.
    const detail = (await (await zhaoliu.request.get(`/api/approvals/${requestId}`)).json()) as { currentStep: { id: number } };
    await apiAs(zhaoliu, 'POST', `/api/approvals/${requestId}/approve`, { stepId: detail.currentStep.id, opinion: '已登记' });
    await zhaoliu.getByRole('button', { name: label('同意') }).click();
    const stale = submitDialog(zhaoliu.locator('.ant-modal'), label('同意'), 'POST', `/api/approvals/${requestId}/approve`);
    expect((await stale).status()).toBe(409);
    await zhaoliu.getByText('该审批已被他人处理，已为您刷新到最新状态').waitFor();
    await zhaoliu.locator('.ant-tag', { hasText: '已通过' }).waitFor();
    // Polled: the opinion dialog's own 同意 is on the page until its closing motion ends.
    await expect.poll(() => zhaoliu.getByRole('button', { name: label('同意') }).count()).toBe(0);
    await shot(zhaoliu, JOURNEY, '05b-conflict-reloaded');
  });

  test('at phone width: workbench, approval detail with its footer, notifications page', async () => {
    const phone = await openAs('lisi', 375, 812);
    await page0Ready(phone);
    await shot(phone, JOURNEY, '06-phone-workbench');
    await phone.goto(`/approvals/${requestId}`);
    await phone.getByText('部门负责人审批').first().waitFor();
    await shot(phone, JOURNEY, '07-phone-approval-detail');
    await phone.goto('/approvals?box=done');
    await phone.getByText('借阅《员工考勤管理制度》').waitFor();
    await shot(phone, JOURNEY, '07b-phone-approvals-done');
    // At phone width the bell opens the message page instead of a popover.
    await badge(phone).click();
    await phone.waitForURL('**/notifications');
    await phone.locator('.ant-list-item').first().waitFor();
    await shot(phone, JOURNEY, '08-phone-notifications');
  });

  test('the administrator adds a department bot (secret write-only), test-sends it, and sees the failure queued', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const admin = await context.newPage();
    admin.on('pageerror', (err) => pageErrors.push(err.message));
    tracePage(admin);
    await firstAdminSignIn(admin, 'Initial-Admin-2024', 'Admin2024secure');
    await admin.getByRole('menuitem', { name: '消息推送' }).click();
    await admin.waitForURL('**/admin/delivery');
    await admin.getByRole('button', { name: /添加群机器人/ }).click();
    const modal = admin.locator('.ant-modal');
    await modal.getByLabel('部门').click();
    await admin.locator('.ant-select-tree-node-content-wrapper', { hasText: /^市场部$/ }).click();
    await modal.getByLabel('名称').fill('市场部工作群');
    // Nothing listens there: the test send fails and is queued for a retry.
    await modal.getByLabel('Webhook 地址').fill('http://127.0.0.1:9/robot/send?access_token=e2e0000');
    await modal.getByLabel('加签密钥').fill('SEC-e2e-secret');
    const created = waitForApi(admin, 'POST', '/api/admin/delivery-channels');
    await modal.getByRole('button', { name: label('保存') }).click();
    expect((await created).status()).toBe(201);
    await admin.getByRole('cell', { name: '已设置' }).waitFor();
    expect(await admin.content()).not.toContain('SEC-e2e-secret');
    const tested = waitForApi(admin, 'POST', '/api/admin/delivery-channels/1/test');
    await admin.getByRole('button', { name: label('测试发送') }).click();
    expect((await tested).status()).toBe(200);
    await shot(admin, JOURNEY, '09-admin-bots');
    await admin.getByRole('tab', { name: '发送记录' }).click();
    await admin.waitForURL('**/admin/delivery?tab=deliveries');
    await admin.locator('.ant-table-row').first().waitFor();
    await shot(admin, JOURNEY, '10-admin-deliveries');
    const retried = waitForApi(admin, 'POST', '/api/admin/deliveries/1/retry');
    await admin.getByRole('button', { name: label('重试') }).click();
    expect((await retried).status()).toBe(200);
    await admin.getByText('已重新排队发送').waitFor();
  });

  test('李四 chooses the group bot for approvals in 通知设置', async () => {
    await lisi.getByRole('button', { name: /用户菜单/ }).click();
    await lisi.getByRole('menuitem', { name: '通知设置' }).click();
    await lisi.waitForURL('**/settings/notifications');
    const cell = lisi.getByLabel('审批 · 群机器人');
    await expect.poll(() => cell.isDisabled()).toBe(false);
    const saved = waitForApi(lisi, 'PUT', '/api/me/notification-preferences');
    await cell.click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => cell.isChecked()).toBe(true);
    await shot(lisi, JOURNEY, '11-notification-settings');
    expect(pageErrors).toEqual([]);
  });
});

async function page0Ready(page: Page) {
  await page.getByTestId('workbench-approvals').waitFor();
}
