// Issue acceptance (Foundation II): the working calendar reads like a Chinese wall calendar
// (ALL-6): 国庆节 days off marked 休, the make-up Saturday 10-10 marked 班; the administrator
// sets and clears a company day off.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { firstAdminSignIn } from '../support/auth.ts';
import { shot } from '../support/browser.ts';
import { closeJourney, openJourney } from '../support/journey.ts';
import type { RunningServer } from '../support/server.ts';
import { label, waitForApi } from '../support/ui.ts';
import { failureRecorder } from '../support/page-trace.ts';

const JOURNEY = 'calendar';
const ADMIN_INITIAL = 'Initial-Admin-2024';
const ADMIN_NEW = 'Admin2024secure';

let server: RunningServer;
let browser: Browser;
const recordFailure = failureRecorder(JOURNEY, () => browser);
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ server, browser, context, page } = await openJourney({ adminPassword: ADMIN_INITIAL, pageErrors, viewport: { width: 1280, height: 900 } }));
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/calendar/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(recordFailure));

afterAll(() => closeJourney({ server, browser, context }));

const day = (date: string) => page.locator(`[role=gridcell][data-date="${date}"]`);

describe('working calendar', () => {
  test('October 2026: 国庆节 days are 休, 10-10 is 班', async () => {
    await firstAdminSignIn(page, ADMIN_INITIAL, ADMIN_NEW);
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.waitForURL('**/admin/calendar');
    const month = waitForApi(page, 'GET', '/api/calendar/month');
    await page.goto('/admin/calendar?month=2026-10');
    expect((await month).status()).toBe(200);
    await page.getByTestId('calendar-month').getByText('2026年10月').waitFor();

    for (const date of ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']) {
      await expect.poll(() => day(date).getAttribute('data-kind')).toBe('holiday');
      expect(await day(date).innerText()).toContain('休');
      expect(await day(date).innerText()).toContain('国庆节');
    }
    expect(await day('2026-10-10').getAttribute('data-kind')).toBe('makeup');
    expect(await day('2026-10-10').innerText()).toContain('班');
    expect(await day('2026-10-08').getAttribute('data-kind')).toBe('workday');
    expect(await day('2026-10-11').getAttribute('data-kind')).toBe('weekend');
    await page.getByTestId('calendar-working-days').getByText('本月共 18 个工作日').waitFor();
    await shot(page, JOURNEY, '01-october-2026');
  });

  test('the administrator sets a company day off and clears it again', async () => {
    await day('2026-10-30').click();
    const modal = page.getByRole('dialog', { name: /2026-10-30/ });
    await modal.getByText('设为公司休息日', { exact: false }).click();
    await modal.getByLabel('名称').fill('公司年会');
    await shot(page, JOURNEY, '02-override-dialog');
    const saved = waitForApi(page, 'PUT', '/api/calendar/overrides/2026-10-30');
    await modal.getByRole('button', { name: label('保存') }).click();
    expect((await saved).status()).toBe(200);
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => day('2026-10-30').getAttribute('data-kind')).toBe('company-holiday');
    expect(await day('2026-10-30').innerText()).toContain('公司年会');
    await page.getByTestId('calendar-working-days').getByText('本月共 17 个工作日').waitFor();
    await shot(page, JOURNEY, '03-company-day-off');

    await day('2026-10-30').click();
    await modal.getByText('按国家安排', { exact: false }).click();
    const cleared = waitForApi(page, 'DELETE', '/api/calendar/overrides/2026-10-30');
    await modal.getByRole('button', { name: label('保存') }).click();
    expect((await cleared).status()).toBe(200);
    await expect.poll(() => day('2026-10-30').getAttribute('data-kind')).toBe('workday');
  });

  test('month navigation and the years panel', async () => {
    await page.getByRole('button', { name: '下个月' }).click();
    await page.waitForURL('**/admin/calendar?month=2026-11');
    await page.getByTestId('calendar-month').getByText('2026年11月').waitFor();
    await page.getByText('节假日安排').first().waitFor();
    await page.getByText('2026 年').first().waitFor();
  });

  test('reads well at phone width', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/admin/calendar?month=2026-10');
    await expect.poll(() => day('2026-10-10').getAttribute('data-kind')).toBe('makeup');
    await shot(page, JOURNEY, '04-october-2026-375');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
