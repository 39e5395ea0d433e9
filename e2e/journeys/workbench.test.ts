// The frame around the modules (UX.md): the top bar's search over everything one may see, opened
// with Ctrl K, and the workbench chart 各部门任务概况 a department head reads — at desk and phone width.
// 小王 (市场部) has one task past its due date and one with a milestone due and undone (TSK-4, TSK-8).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, userId } from '../support/auth.ts';
import { shot } from '../support/browser.ts';
import { startClockJourney, type ClockJourney } from '../support/clock-journey.ts';

const JOURNEY = 'workbench';
// Monday 2026-11-30, 09:00 in Shanghai; then Friday 12-04, when 客户回访名单整理 (due 12-02) is 延期.
const START = new Date('2026-11-30T09:00:00+08:00');
const FRIDAY = new Date('2026-12-04T09:00:00+08:00');

let j: ClockJourney;
beforeAll(async () => {
  j = await startClockJourney({ journey: JOURNEY, start: START });
});
beforeEach(({ onTestFailed }) => onTestFailed(() => j?.recordFailure()));
afterAll(() => j?.close());

const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

describe('workbench and search', () => {
  let xiaowang: Page;
  let lisi: Page;

  test('小王\'s tasks: one runs late, one has a milestone due and undone', async () => {
    xiaowang = await j.openAs('xiaowang');
    const owner = await userId(xiaowang);
    const task = (name: string, dueDate: string, extra: object = {}) =>
      apiAs(xiaowang, 'POST', '/api/tasks', { name, deliverable: `${name}成果`, qualityStandard: '按部门模板完成，经负责人确认', ownerId: owner, startDate: '2026-11-30', dueDate, ...extra });
    await task('客户回访名单整理', '2026-12-02');
    await task('月度销售报告撰写', '2026-12-16', { milestones: [{ name: '数据收集完成', date: '2026-12-07' }] });
    await j.moveClock(FRIDAY);
    lisi = await j.openAs('lisi');
  });

  test('Ctrl K puts the cursor in the search box; a result opens its page; no match says so', async () => {
    await xiaowang.goto('/');
    const box = xiaowang.getByPlaceholder('搜索任务、会议、文档');
    await xiaowang.getByRole('heading', { name: /小王/ }).click();
    await xiaowang.keyboard.press('Control+k');
    await expect.poll(() => xiaowang.evaluate<string | null>('document.activeElement?.getAttribute("placeholder") ?? null')).toBe('搜索任务、会议、文档');
    await xiaowang.keyboard.type('回访');
    const item = xiaowang.getByTestId('search-item').filter({ hasText: '客户回访名单整理' });
    await item.waitFor();
    // 延期 (TSK-4) says so, its date in red.
    expect(await item.innerText()).toMatch(/^T\d{8} 客户回访名单整理\s+延期 · 小王\s+2026-12-02$/);
    await xiaowang.getByTestId('search-group-tasks').getByText('共 1 条').waitFor();
    await shot(xiaowang, JOURNEY, '01-search');
    await item.click();
    await xiaowang.waitForURL(/\/tasks\/\d+$/);
    await xiaowang.getByTestId('task-title').getByText('客户回访名单整理').waitFor();
    expect(await box.inputValue()).toBe('');
    await box.fill('没有这样的词');
    await xiaowang.getByText('没有找到与“没有这样的词”相关的任务、会议或文档').waitFor();
    await box.clear();
  });

  test('the head\'s workbench: 各部门任务概况, and a bar segment opens the tasks behind it', async () => {
    await lisi.goto('/');
    const overview = lisi.getByTestId('task-overview');
    await overview.getByText('1 个部门共 2 项未完成任务，其中延期 1 项、有延期风险 1 项').waitFor();
    await overview.locator('svg').getByText('市场部').waitFor();
    await overview.scrollIntoViewIfNeeded();
    // 李四 owns no task and has nothing to approve: each empty card says what it lacks.
    await lisi.getByTestId('workbench-tasks').getByText('没有未完成的任务').waitFor();
    await lisi.getByTestId('workbench-approvals').getByText('没有等您审批的事项').waitFor();
    await shot(lisi, JOURNEY, '02-overview');
    // The at-risk segment: the widest orange shape (the legend's is a small icon).
    const orange = await overview.locator('svg path[fill="#fa8c16"]').all();
    const boxes = await Promise.all(orange.map((shape) => shape.boundingBox()));
    const bar = boxes.reduce((widest, box) => (box && box.width > (widest?.width ?? 0) ? box : widest), null as (typeof boxes)[number]);
    await lisi.mouse.click(bar!.x + bar!.width / 2, bar!.y + bar!.height / 2);
    await lisi.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.get('atRisk') === 'true');
    await lisi.getByTestId('task-table').getByText('月度销售报告撰写', { exact: true }).waitFor();
    expect(await lisi.getByTestId('task-table').getByText('客户回访名单整理', { exact: true }).count()).toBe(0);
    // Staff oversee no department: no chart for 小王.
    await xiaowang.goto('/');
    await xiaowang.getByTestId('workbench-tasks').waitFor();
    expect(await xiaowang.getByTestId('task-overview').count()).toBe(0);
  });

  test('a word in many places: each module its group, 查看全部 opens the module\'s list with the words', async () => {
    const owner = await userId(xiaowang);
    for (const n of [1, 2, 3, 4, 5, 6])
      await apiAs(xiaowang, 'POST', '/api/tasks', { name: `新员工培训资料${n}`, deliverable: '培训资料', qualityStandard: '经部门负责人审阅', ownerId: owner, startDate: '2026-12-07', dueDate: '2026-12-18' });
    const head = await userId(lisi);
    await apiAs(lisi, 'POST', '/api/meetings', {
      topic: '新员工培训安排会',
      goal: '确定12月培训讲师与日程',
      startsAt: '2026-12-08T06:00:00.000Z',
      endsAt: '2026-12-08T07:00:00.000Z',
      onlineNumber: '腾讯会议 123-456-789',
      hostId: head,
      minuteTakerId: owner,
      contactId: owner,
      participantIds: [owner],
      agenda: [{ title: '讲师与日程', durationMinutes: 60, goal: '定稿' }],
    });
    await xiaowang.goto('/');
    const box = xiaowang.getByPlaceholder('搜索任务、会议、文档');
    await box.fill('培训');
    await xiaowang.getByTestId('search-group-meetings').getByText('共 1 条').waitFor();
    await xiaowang.getByTestId('search-item').filter({ hasText: '新员工培训安排会' }).getByText('线上会议 · 主持人：李四').waitFor();
    await xiaowang.getByTestId('search-group-tasks').getByText('共 6 条').waitFor();
    expect(await xiaowang.getByTestId('search-item').filter({ hasText: '新员工培训资料' }).count()).toBe(5);
    await shot(xiaowang, JOURNEY, '02b-search-groups');
    await xiaowang.getByText('查看全部 6 条').click();
    await xiaowang.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.get('q') === '培训' && url.searchParams.get('scope') === 'all');
    await xiaowang.getByText('共 6 条').waitFor();
  });

  test('at phone width: the search opens full width, the chart fits', async () => {
    const phone = await j.openAs('xiaowang', 375, 812);
    await phone.getByRole('button', { name: '搜索' }).click();
    await phone.getByPlaceholder('搜索任务、会议、文档').fill('回访');
    await phone.getByTestId('search-item').filter({ hasText: '客户回访名单整理' }).waitFor();
    await shot(phone, JOURNEY, '03-phone-search', { fullPage: false });
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await phone.getByTestId('search-item').filter({ hasText: '客户回访名单整理' }).click();
    await phone.waitForURL(/\/tasks\/\d+$/);

    const head = await j.openAs('lisi', 375, 812);
    await head.getByTestId('task-overview').locator('svg').getByText('市场部').waitFor();
    await head.getByTestId('task-overview').scrollIntoViewIfNeeded();
    await shot(head, JOURNEY, '04-phone-overview', { fullPage: false });
    expect(await overflow(head)).toBeLessThanOrEqual(0);
    expect(j.pageErrors).toEqual([]);
  });
});
