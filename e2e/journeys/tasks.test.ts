// Issue 5 acceptance (任务跟踪, SPEC §1): 小王 creates a task with a milestone and a collaborator
// (the server's field error lands under the acceptor field), posts progress; the clock moves past
// the due date and TSK-6 asks for the delay reason and new date before more progress; he submits
// the deliverable (a file), 李四 rejects with modification requirements, 小王 resubmits, 李四 accepts
// (TSK-9, both rounds kept). Then a Kanban drag (a refused drop says why; a start past an open
// predecessor asks for a reason), the Gantt with milestones and a dependency, the due-date
// calendar, the weekly report and its export, the list's export and print layout, English, and the
// phone width.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, userId } from '../support/auth.ts';
import { shot } from '../support/browser.ts';
import { startClockJourney, type ClockJourney } from '../support/clock-journey.ts';
import { label, pickInSelect, submitDialog, waitForApi } from '../support/ui.ts';

const JOURNEY = 'tasks';
// Monday 2026-11-30, 09:00 in Shanghai; the task is due Wednesday 12-02.
const START = new Date('2026-11-30T09:00:00+08:00');
// Friday 12-04: two days past the due date, so TSK-6 applies (and the 7-day sessions live on).
const LATE = new Date('2026-12-04T09:00:00+08:00');

let j: ClockJourney;
const openAs = (username: string, width?: number, height?: number) => j.openAs(username, width, height);

/** Picks a date in an antd DatePicker: typing moves the panel to its month, a click on the day sets it. */
async function pickDate(input: ReturnType<Page['getByLabel']>, date: string) {
  await input.click();
  await input.fill(date);
  await input.page().locator(`.ant-picker-dropdown:visible td[title="${date}"]`).click();
  // The panel closes with an animation over what lies below the field (a form's submit button):
  // a click there before it is gone can land on the panel (a CI run lost the 延期说明 click so).
  await expect.poll(() => input.page().locator('.ant-picker-dropdown:visible').count()).toBe(0);
  expect(await input.inputValue()).toBe(date);
}

const statusTag = (page: Page) => page.getByTestId('task-status').first();

/**
 * A header action. Live reminders (ALL-2) pop up top right, over the action buttons, as the clock
 * moves: close them first, as a person would.
 */
async function action(page: Page, name: RegExp) {
  for (const close of await page.locator('.ant-notification-notice-close').all()) await close.click().catch(() => undefined);
  await page.getByRole('button', { name }).click();
}

beforeAll(async () => {
  j = await startClockJourney({ journey: JOURNEY, start: START });
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/tasks/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(() => j?.recordFailure()));

afterAll(() => j?.close());

describe('task tracking', () => {
  let xiaowang: Page;
  let lisi: Page;
  let taskId = 0;

  test('小王 creates a task: TSK-3 example shown, a server field error lands under its field', async () => {
    xiaowang = await openAs('xiaowang');
    await xiaowang.getByRole('menuitem', { name: '任务' }).click();
    await xiaowang.waitForURL('**/tasks');
    await xiaowang.getByText('您还没有负责的任务').waitFor();
    await shot(xiaowang, JOURNEY, '01-empty-list');

    await xiaowang.getByRole('button', { name: /新建任务/ }).first().click();
    const drawer = xiaowang.locator('.ant-drawer');
    await drawer.getByTestId('goal-example').getByText('优化客户投诉处理流程，将响应时间缩短至24小时内').waitFor();
    await drawer.getByLabel('任务名称').fill('客户数据整理');
    await drawer.getByLabel('目标描述').fill('整理2023年第三季度的客户数据，去除重复客户，补全缺失字段，为10月客户回访提供名单');
    await drawer.getByLabel('交付成果').fill('整理后的客户数据表');
    await drawer.getByLabel('质量标准').fill('无重复客户，字段完整率100%，异常数据单独标注');
    await pickDate(drawer.getByLabel('截止时间'), '2026-12-02');

    await drawer.getByRole('button', { name: /添加协作者/ }).click();
    await pickInSelect(xiaowang, drawer.getByTestId('collaborator-row').locator('.ant-select'), '钱七');
    await drawer.getByLabel('分工').fill('负责核对异常数据');

    await drawer.getByRole('button', { name: /添加里程碑/ }).click();
    await drawer.getByLabel('里程碑名称').fill('数据清洗完成');
    const milestoneDate = drawer.getByTestId('milestone-row').getByPlaceholder('日期');
    // Outside the task's dates: refused before anything is sent.
    await pickDate(milestoneDate, '2026-12-10');
    await drawer.getByRole('button', { name: label('保存') }).click();
    await drawer.getByText('里程碑日期须在开始时间和截止时间之间').waitFor();
    await pickDate(milestoneDate, '2026-12-01');

    // The owner as his own acceptor: only the server knows that rule; its 400 lands under the field.
    await pickInSelect(xiaowang, drawer.getByLabel('需求方/验收人'), '小王', '小王（市场部）');
    const refused = waitForApi(xiaowang, 'POST', '/api/tasks');
    await drawer.getByRole('button', { name: label('保存') }).click();
    expect((await refused).status()).toBe(400);
    await drawer.getByText('不能是申请人本人', { exact: false }).waitFor();
    await shot(xiaowang, JOURNEY, '02-form-server-error-under-field', { fullPage: false });
    await pickInSelect(xiaowang, drawer.getByLabel('需求方/验收人'), '李四', '李四（市场部）');

    const created = waitForApi(xiaowang, 'POST', '/api/tasks');
    await drawer.getByRole('button', { name: label('保存') }).click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    taskId = ((await answer.json()) as { id: number; number: string }).id;
    await xiaowang.waitForURL(`**/tasks/${taskId}`);
    await xiaowang.getByTestId('task-title').getByText('客户数据整理').waitFor();
    expect(await statusTag(xiaowang).innerText()).toBe('未开始');
    await xiaowang.getByText('钱七：负责核对异常数据').waitFor();
    // UX.md: the deadline with its working-day distance (Mon 30 → Tue 1, Wed 2).
    expect(await xiaowang.getByTestId('task-due').innerText()).toBe('2026-12-02（还剩 2 个工作日）');
    // TSK-8 says which sign flagged it: the milestone due tomorrow.
    expect(await xiaowang.getByTestId('task-risk').innerText()).toBe('延期风险预警：里程碑「数据清洗完成」2026-12-01 到期，尚未完成。请尽快跟进。');
    await shot(xiaowang, JOURNEY, '03-detail-created');
  });

  test('TSK-5 progress starts the task and is kept on the timeline', async () => {
    await xiaowang.getByLabel('进度', { exact: true }).fill('30');
    await xiaowang.getByLabel('阶段').fill('数据收集中');
    await xiaowang.getByLabel('说明').fill('已导出CRM客户清单，正在合并销售部的补充名单');
    const posted = waitForApi(xiaowang, 'POST', `/api/tasks/${taskId}/progress`);
    await xiaowang.getByRole('button', { name: label('更新进度') }).click();
    expect((await posted).status()).toBe(200);
    await xiaowang.getByTestId('progress-timeline').getByText('数据收集中').waitFor();
    await expect.poll(() => statusTag(xiaowang).innerText()).toBe('进行中');
    await shot(xiaowang, JOURNEY, '04-progress-posted');
  });

  test('TSK-6: two working days late, the reason and a new due date come before more progress', async () => {
    await j.moveClock(LATE);
    await xiaowang.reload();
    await expect.poll(() => statusTag(xiaowang).innerText()).toBe('延期');
    const delayForm = xiaowang.getByTestId('delay-form');
    await delayForm.waitFor();
    expect(await xiaowang.getByTestId('progress-form').count()).toBe(0);
    await shot(xiaowang, JOURNEY, '05-overdue-needs-reason');

    await delayForm.getByLabel('延期原因').fill('销售部补充名单12月3日才提供，数据合并推迟');
    await pickDate(delayForm.getByLabel('新的截止时间'), '2026-12-09');
    const delayed = waitForApi(xiaowang, 'POST', `/api/tasks/${taskId}/delay`);
    await delayForm.getByRole('button', { name: label('延期说明') }).click();
    expect((await delayed).status()).toBe(200);
    await xiaowang.getByTestId('progress-form').waitFor();
    await expect.poll(() => statusTag(xiaowang).innerText()).toBe('进行中');
    await xiaowang.getByText('延期：截止时间 2026-12-02 → 2026-12-09').waitFor();

    await xiaowang.getByLabel('进度', { exact: true }).fill('70');
    await xiaowang.getByLabel('阶段').fill('已完成数据清洗');
    const posted = waitForApi(xiaowang, 'POST', `/api/tasks/${taskId}/progress`);
    await xiaowang.getByRole('button', { name: label('更新进度') }).click();
    expect((await posted).status()).toBe(200);
    await xiaowang.getByTestId('progress-timeline').getByText('已完成数据清洗').waitFor();
    await shot(xiaowang, JOURNEY, '06-delay-recorded-progress-again');
  });

  test('TSK-9: submit with a file → 李四 rejects with requirements → resubmit → accepted, both rounds kept', async () => {
    await action(xiaowang, /提交验收/);
    const modal = xiaowang.locator('.ant-modal');
    await modal.getByText('由 李四 验收').waitFor();
    const uploaded = waitForApi(xiaowang, 'POST', '/api/files');
    await modal.locator('input[type=file]').setInputFiles({
      name: '客户数据表.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\ufeff客户名称,联系人,电话\nA科技有限公司,刘总,13800000000\n', 'utf8'),
    });
    expect((await uploaded).status()).toBe(201);
    await modal.getByText('客户数据表.csv').waitFor();
    await modal.getByLabel('提交说明').fill('已按质量标准自查，异常数据见“备注”列');
    await shot(xiaowang, JOURNEY, '07-submit-dialog', { fullPage: false });
    expect((await submitDialog(modal, label('提交验收'), 'POST', `/api/tasks/${taskId}/submit`)).status()).toBe(200);
    await expect.poll(() => statusTag(xiaowang).innerText()).toBe('待验收');

    lisi = await openAs('lisi');
    await lisi.goto(`/tasks/${taskId}`);
    await lisi.getByTestId('task-title').waitFor();
    await action(lisi, /驳\s?回/);
    const rejectModal = lisi.locator('.ant-modal');
    // Without requirements the dialog refuses, under the field.
    await rejectModal.getByRole('button', { name: label('驳回') }).click();
    await rejectModal.getByText('请填写修改要求').waitFor();
    await rejectModal.getByLabel('修改要求').fill('补充10月新增客户的联系电话，异常数据需逐条注明原因');
    expect((await submitDialog(rejectModal, label('驳回'), 'POST', `/api/tasks/${taskId}/reject`)).status()).toBe(200);
    await expect.poll(() => statusTag(lisi).innerText()).toBe('进行中');

    await xiaowang.reload();
    await expect.poll(() => statusTag(xiaowang).innerText()).toBe('进行中');
    // The requirements stand above the task until it is resubmitted, and stay in the round's record.
    await xiaowang.getByTestId('rejected-requirements').getByText('补充10月新增客户的联系电话，异常数据需逐条注明原因').waitFor();
    await xiaowang.getByRole('tab', { name: /验收记录/ }).click();
    await xiaowang.getByTestId('acceptance-round').getByText('补充10月新增客户的联系电话，异常数据需逐条注明原因').waitFor();
    await shot(xiaowang, JOURNEY, '08-rejected-with-requirements');

    await action(xiaowang, /提交验收/);
    await modal.getByLabel('交付链接').fill('https://pan.example.com/s/customer-data-v2');
    expect((await submitDialog(modal, label('提交验收'), 'POST', `/api/tasks/${taskId}/submit`)).status()).toBe(200);
    await expect.poll(() => statusTag(xiaowang).innerText()).toBe('待验收');

    await lisi.reload();
    await action(lisi, /验收通过/);
    const acceptModal = lisi.locator('.ant-modal');
    await acceptModal.getByLabel('验收意见').fill('数据完整，格式符合要求，同意验收');
    expect((await submitDialog(acceptModal, label('验收通过'), 'POST', `/api/tasks/${taskId}/accept`)).status()).toBe(200);
    await expect.poll(() => statusTag(lisi).innerText()).toBe('已完成');
    await lisi.getByRole('tab', { name: /验收记录/ }).click();
    await expect.poll(() => lisi.getByTestId('acceptance-round').count()).toBe(2);
    await lisi.getByTestId('acceptance-rounds').getByText('数据完整，格式符合要求，同意验收').waitFor();
    await shot(lisi, JOURNEY, '09-accepted-two-rounds');

    await lisi.getByRole('tab', { name: /变更记录/ }).click();
    await lisi.getByTestId('task-history').getByText('验收通过').first().waitFor();
    await shot(lisi, JOURNEY, '10-change-history');
  });

  test('Kanban: a refused drop says why; a drag to 进行中 past an open predecessor asks for a reason', async () => {
    const report = (await apiAs(xiaowang, 'POST', '/api/tasks', {
      name: '月度销售报告撰写',
      description: '汇总11月各渠道销售数据，分析同比环比变化',
      deliverable: 'Word/PPT报告',
      qualityStandard: '数据与财务部口径一致，含渠道分析和12月建议',
      ownerId: await userId(xiaowang),
      startDate: '2026-12-04',
      dueDate: '2026-12-16',
      major: true,
      riskNote: '财务部数据可能延迟提供',
      mitigationPlan: '提前一周向财务部确认数据口径，准备CRM数据作为备用',
      remarks: '需财务部配合数据',
      milestones: [
        { name: '数据收集完成', date: '2026-12-08' },
        { name: '初稿提交', date: '2026-12-14' },
      ],
    })) as { id: number };
    await apiAs(xiaowang, 'POST', `/api/tasks/${report.id}/start`, {});
    const followUp = (await apiAs(xiaowang, 'POST', '/api/tasks', {
      name: '客户回访名单整理',
      deliverable: '12月客户回访名单',
      qualityStandard: '覆盖全部重点客户，标注回访人和回访日期',
      ownerId: await userId(xiaowang),
      startDate: '2026-12-17',
      dueDate: '2026-12-23',
      predecessorIds: [report.id],
    })) as { id: number };

    await xiaowang.goto('/tasks?view=kanban');
    const board = xiaowang.getByTestId('kanban');
    const card = (name: string) => board.getByTestId('kanban-card').filter({ hasText: name });
    await card('客户回访名单整理').waitFor();
    expect(await card('客户回访名单整理').getByTestId('task-due').innerText()).toMatch(/^2026-12-23\s+还剩 \d+ 个工作日$/);
    await shot(xiaowang, JOURNEY, '11-kanban');

    // 延期 is derived from the due date: never a drop target.
    await card('月度销售报告撰写').dragTo(xiaowang.getByTestId('kanban-column-overdue'));
    await xiaowang.locator('.ant-message').getByText('「延期」由截止时间自动判定，不能手动拖入。', { exact: false }).waitFor();
    await shot(xiaowang, JOURNEY, '12-kanban-refused-drop', { fullPage: false });

    // 进行中 → 待验收 opens the submit dialog; cancelled, nothing moves.
    await card('月度销售报告撰写').dragTo(xiaowang.getByTestId('kanban-column-awaiting_acceptance'));
    await xiaowang.locator('.ant-modal').getByText('提交后任务变为「待验收」', { exact: false }).waitFor();
    await xiaowang.locator('.ant-modal').getByRole('button', { name: label('取消') }).click();

    // 未开始 → 进行中 starts it; its predecessor is open, so the start dialog asks for a reason.
    const refused = waitForApi(xiaowang, 'POST', `/api/tasks/${followUp.id}/start`);
    await card('客户回访名单整理').dragTo(xiaowang.getByTestId('kanban-column-in_progress'));
    expect((await refused).status()).toBe(409);
    const modal = xiaowang.locator('.ant-modal');
    await modal.getByText('以下前置任务尚未完成').waitFor();
    await modal.getByLabel('提前开始的理由').fill('重点客户名单已确定，可先整理，报告结论出来后再补充');
    await shot(xiaowang, JOURNEY, '13-kanban-start-needs-reason', { fullPage: false });
    expect((await submitDialog(modal, label('开始任务'), 'POST', `/api/tasks/${followUp.id}/start`)).status()).toBe(200);
    await xiaowang.getByTestId('kanban-column-in_progress').getByText('客户回访名单整理').waitFor();
    await shot(xiaowang, JOURNEY, '14-kanban-after-drag');
  });

  test('Gantt with milestones and the finish-to-start arrow; due-date calendar; weekly report; print', async () => {
    await xiaowang.goto('/tasks?view=gantt');
    const gantt = xiaowang.getByTestId('gantt');
    await gantt.waitFor();
    await expect.poll(() => gantt.getByTestId('gantt-bar').count()).toBe(3);
    expect(await gantt.getByTestId('gantt-milestone').count()).toBe(3);
    expect(await gantt.getByTestId('gantt-dependency').count()).toBe(1);
    await gantt.getByTestId('gantt-today').waitFor({ state: 'attached' });
    await shot(xiaowang, JOURNEY, '15-gantt-week');
    await xiaowang.getByText('按月').click();
    await xiaowang.waitForURL((url) => url.searchParams.get('zoom') === 'month');
    await shot(xiaowang, JOURNEY, '16-gantt-month');

    await xiaowang.goto('/tasks?view=calendar&month=2026-12');
    await xiaowang.getByTestId('calendar-task').filter({ hasText: '月度销售报告撰写' }).waitFor();
    await shot(xiaowang, JOURNEY, '17-due-calendar');

    await lisi.goto('/tasks?view=weekly');
    await lisi.getByText('按部门').click();
    await lisi.getByTestId('weekly-report').getByText(/市场部 周报/).waitFor();
    await lisi.getByTestId('weekly-done').getByText('客户数据整理').waitFor();
    await shot(lisi, JOURNEY, '18-weekly-department');
    // A count in the per-person table opens that person's tasks of that section.
    const xiaowangRow = lisi.getByTestId('weekly-people').locator('tr').filter({ hasText: '小王' });
    await xiaowangRow.locator('td').nth(2).locator('a').click();
    await lisi.getByTestId('weekly-owner').getByText('只看 小王').waitFor();
    await lisi.getByTestId('weekly-inProgress').getByText('客户回访名单整理').waitFor();
    await lisi.getByTestId('weekly-inProgress').getByText('月度销售报告撰写').waitFor();
    // The due date reads as in the task list: the date, and below it the working days left (ALL-6).
    const dueCell = lisi.getByTestId('weekly-inProgress').locator('tr').filter({ hasText: '客户回访名单整理' }).getByTestId('task-due');
    expect(await dueCell.innerText()).toMatch(/^2026-12-23\s+还剩 \d+ 个工作日$/);
    await shot(lisi, JOURNEY, '18b-weekly-one-person');
    const weekly = lisi.waitForEvent('download');
    await lisi.getByRole('button', { name: /导出周报/ }).click();
    await lisi.getByRole('menuitem', { name: /CSV/ }).click();
    expect((await weekly).suggestedFilename()).toMatch(/\.csv$/);

    await xiaowang.goto(`/tasks/${taskId}`);
    await action(xiaowang, /打\s?印/);
    await xiaowang.waitForURL(`**/tasks/${taskId}/print`);
    await xiaowang.locator('.od-print-form').getByText('任务跟踪表').first().waitFor();
    await shot(xiaowang, JOURNEY, '19-print-task');
    // Due in 2027, whose holiday schedule is not imported: the working days left are 暂定 (ALL-6),
    // said as 约 on the table cell's one short line, the reason in a tooltip.
    await apiAs(xiaowang, 'POST', '/api/tasks', {
      name: '2027年度预算编制',
      deliverable: '2027年度部门预算表',
      qualityStandard: '按财务部模板，逐项列明依据，经部门负责人签字',
      ownerId: await userId(xiaowang),
      startDate: '2027-01-04',
      dueDate: '2027-01-15',
    });
    await xiaowang.goto('/tasks?scope=all');
    await xiaowang.getByTestId('task-table').getByText('客户回访名单整理').waitFor();
    const budgetDue = xiaowang.getByTestId('task-table').locator('tr').filter({ hasText: '2027年度预算编制' }).getByTestId('task-due');
    expect(await budgetDue.innerText()).toMatch(/^2027-01-15\s+还剩约 \d+ 个工作日$/);
    // Two lines, the date and the distance: nothing wraps onto a third.
    expect((await budgetDue.boundingBox())!.height).toBeLessThan(50);
    await budgetDue.hover();
    await xiaowang.getByRole('tooltip').getByText('法定节假日安排尚未导入', { exact: false }).waitFor();
    await shot(xiaowang, JOURNEY, '19b-list-all');
    // 搜索 a 2-character word: the tasks holding it in the name or the goal, with their total.
    const search = xiaowang.getByPlaceholder('任务编号、名称或目标描述');
    await search.fill('回访');
    await search.press('Enter');
    const table = xiaowang.getByTestId('task-table');
    await expect.poll(() => table.innerText()).not.toContain('月度销售报告撰写');
    expect(await table.innerText()).toMatch(/客户数据整理[\s\S]*客户回访名单整理|客户回访名单整理[\s\S]*客户数据整理/);
    await xiaowang.getByText('共 2 条').waitFor();
    await shot(xiaowang, JOURNEY, '19c-list-search');
    await search.fill('');
    await search.press('Enter');
    await table.getByText('月度销售报告撰写').waitFor();
    // 导出 the list as the 任务跟踪表 (.xlsx), with the filters on screen.
    const sheet = xiaowang.waitForEvent('download');
    await action(xiaowang, /导出/);
    await xiaowang.getByRole('menuitem', { name: /Excel/ }).click();
    expect((await sheet).suggestedFilename()).toMatch(/\.xlsx$/);
    await action(xiaowang, /打\s?印/);
    await xiaowang.waitForURL((url) => url.pathname === '/tasks/print');
    await xiaowang.locator('.od-print-data').getByText('月度销售报告撰写', { exact: false }).waitFor();
    await shot(xiaowang, JOURNEY, '20-print-sheet');
  });

  test('en-US: the same pages in English', async () => {
    await xiaowang.goto('/tasks?view=kanban');
    await xiaowang.getByRole('button', { name: /^语言/ }).click();
    await xiaowang.getByRole('menuitem', { name: 'English' }).click();
    await xiaowang.getByTestId('kanban-column-not_started').getByText('Not started').waitFor();
    await xiaowang.getByText('Drag a card to change its status', { exact: false }).waitFor();
    await shot(xiaowang, JOURNEY, '20b-en-kanban');
    await xiaowang.goto(`/tasks/${taskId}?tab=acceptance`);
    await xiaowang.getByText('Acceptance round 2').waitFor();
    await shot(xiaowang, JOURNEY, '20c-en-detail');
    await xiaowang.goto('/tasks?view=weekly');
    await xiaowang.getByTestId('weekly-sections').getByRole('tab', { name: /In progress/ }).click();
    await xiaowang.getByTestId('weekly-inProgress').getByText('月度销售报告撰写').waitFor();
    await shot(xiaowang, JOURNEY, '20d-en-weekly');
  });

  test('at phone width: the list as cards, the detail, the board, the weekly report', async () => {
    const phone = await openAs('xiaowang', 375, 812);
    await phone.goto('/tasks');
    await phone.getByTestId('task-card').first().waitFor();
    await shot(phone, JOURNEY, '21-phone-list');
    // The page itself never scrolls sideways at 375 px; wide content scrolls inside its own box.
    const overflow = () => phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.goto(`/tasks/${taskId}`);
    await phone.getByTestId('task-title').waitFor();
    await shot(phone, JOURNEY, '22-phone-detail');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.goto('/tasks?view=kanban');
    await phone.getByTestId('kanban').waitFor();
    await shot(phone, JOURNEY, '23-phone-kanban', { fullPage: false });
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The weekly report's sections as lists, paged like the table.
    // (小王 chose English above.) A section card opens its tab.
    await phone.goto('/tasks?view=weekly');
    await phone.getByTestId('weekly-card-inProgress').click();
    await phone.getByTestId('weekly-inProgress').getByText('客户回访名单整理').waitFor();
    await shot(phone, JOURNEY, '24-phone-weekly');
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(j.pageErrors).toEqual([]);
  });
});
