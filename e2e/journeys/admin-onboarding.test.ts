// Issue acceptance: the first administrator sets up the organisation and onboards a colleague,
// who then signs in for the first time (ALL-1, ALL-8).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { shot } from '../support/browser.ts';
import { closeJourney, openJourney } from '../support/journey.ts';
import type { RunningServer } from '../support/server.ts';
import { label, waitForApi } from '../support/ui.ts';
import { failureRecorder } from '../support/page-trace.ts';

const JOURNEY = 'admin-onboarding';
const ADMIN_INITIAL = 'Initial-Admin-2024';
const ADMIN_NEW = 'Admin2024secure';
const PERSON_NEW = 'Zhangwei2024';
const DEPARTMENT = '行政部';
const PERSON = { username: 'zhangwei', name: '张伟', title: '行政专员' };

let server: RunningServer;
let browser: Browser;
const recordFailure = failureRecorder(JOURNEY, () => browser);
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
let personPassword = '';

beforeAll(async () => {
  ({ server, browser, context, page } = await openJourney({ adminPassword: ADMIN_INITIAL, pageErrors }));
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/admin-onboarding/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(recordFailure));

afterAll(() => closeJourney({ server, browser, context }));

async function signIn(username: string, password: string) {
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const answer = waitForApi(page, 'POST', '/api/auth/login');
  await page.getByRole('button', { name: label('登录', 'Sign in') }).click();
  expect((await answer).status()).toBe(200);
}

async function changePassword(current: string, next: string) {
  await page.waitForURL('**/change-password');
  await page.getByLabel(/当前密码|Current password/).fill(current);
  await page.getByLabel(/^(新密码|New password)$/).fill(next);
  await page.getByLabel(/确认新密码|Confirm new password/).fill(next);
  const answer = waitForApi(page, 'POST', '/api/auth/password');
  await page.getByRole('button', { name: label('确认修改', 'Change password') }).click();
  expect((await answer).status()).toBe(200);
  await page.waitForURL((url) => url.pathname === '/');
}

describe('admin onboarding', () => {
  test('admin signs in and is made to change the first password', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '登录运营台' }).waitFor();
    await shot(page, JOURNEY, '01-login');

    await signIn('admin', ADMIN_INITIAL);
    await page.getByRole('heading', { name: '请先修改密码' }).waitFor();
    await shot(page, JOURNEY, '02-forced-password-change');

    await changePassword(ADMIN_INITIAL, ADMIN_NEW);
    await page.getByRole('heading', { name: /系统管理员/ }).waitFor();
    await shot(page, JOURNEY, '03-admin-workbench');
  });

  test('admin creates a department', async () => {
    // The 管理 group starts open for admins.
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.waitForURL('**/admin/departments');
    await page.getByText('还没有部门').waitFor();
    await shot(page, JOURNEY, '04-departments-empty');

    await page.getByRole('button', { name: '新建部门' }).first().click();
    const dialog = page.getByRole('dialog', { name: '新建部门' });
    await dialog.getByLabel('部门名称').fill(DEPARTMENT);
    await dialog.getByLabel('部门编码').fill('XZB');
    const created = waitForApi(page, 'POST', '/api/departments');
    await dialog.getByRole('button', { name: label('保存') }).click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: DEPARTMENT }).waitFor();
    await shot(page, JOURNEY, '05-department-created');
  });

  test('admin creates a person in it and sees the one-time password', async () => {
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.waitForURL('**/admin/people');
    await page.getByRole('button', { name: '新建人员' }).first().click();

    const drawer = page.getByRole('dialog', { name: '新建人员' });
    await drawer.getByLabel('用户名').fill(PERSON.username);
    await drawer.getByLabel('姓名').fill(PERSON.name);
    await drawer.getByLabel('所属部门').click();
    await page.locator('.ant-select-tree').getByTitle(DEPARTMENT).click();
    await drawer.getByLabel('职务').fill(PERSON.title);
    await shot(page, JOURNEY, '06-person-form');

    const created = waitForApi(page, 'POST', '/api/people');
    await drawer.getByRole('button', { name: label('保存') }).click();
    expect((await created).status()).toBe(201);

    const modal = page.getByRole('dialog', { name: '请转交初始密码' });
    const password = (await modal.getByTestId('initial-password').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    personPassword = password;
    await shot(page, JOURNEY, '07-initial-password');
    await modal.getByRole('button', { name: '我已记下' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: new RegExp(PERSON.name) }).waitFor();
    await shot(page, JOURNEY, '08-people-list');
  });

  test('pages read well at desktop and phone width', async () => {
    for (const [width, height] of [
      [1280, 800],
      [375, 812],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/admin/people');
      await page.getByText(PERSON.name).first().waitFor();
      await shot(page, JOURNEY, `09-people-${width}`);
      await page.goto('/admin/departments');
      await page.getByText(DEPARTMENT).first().waitFor();
      await shot(page, JOURNEY, `10-departments-${width}`);
      // The page itself never scrolls sideways; wide content scrolls inside its own box.
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('admin switches to English and signs out', async () => {
    await page.goto('/admin/people');
    await page.getByRole('button', { name: /语言|Language/ }).click();
    const saved = waitForApi(page, 'PUT', '/api/auth/locale');
    await page.getByRole('menuitem', { name: 'English' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByRole('heading', { name: 'People' }).waitFor();
    await page.getByRole('menuitem', { name: 'Workbench' }).waitFor();
    await page.getByRole('columnheader', { name: 'Department' }).waitFor();
    await shot(page, JOURNEY, '11-english-people');

    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in to OpsDesk' }).waitFor();
    await shot(page, JOURNEY, '12-signed-out-english');
  });

  test('the new person signs in, changes the password and sees the workbench', async () => {
    await signIn(PERSON.username, personPassword);
    await page.getByRole('heading', { name: /请先修改密码|Please change your password first/ }).waitFor();
    await shot(page, JOURNEY, '13-person-forced-change');

    await changePassword(personPassword, PERSON_NEW);
    await page.getByRole('heading', { name: new RegExp(PERSON.name) }).waitFor();
    await page.getByText(DEPARTMENT).first().waitFor();
    await shot(page, JOURNEY, '14-person-workbench');
    // Not an administrator: no 管理 in the menu.
    expect(await page.getByRole('menuitem', { name: /管理|Administration/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
