// Issue 6 acceptance (会议, SPEC §3): 王五 (行政部) adds a room; 张三 plans the Q4项目启动会 with its
// goal, room, agenda and materials (MTG-1/2/4) and sends the notice (MTG-3); 李四 asks leave naming
// 钱七 as his delegate (MTG-6). On the day the room's screen shows the rotating QR code; 小王 scans
// it on his phone, 张三 signs in late in the app (MTG-7). 小王 writes the minutes: a vague owner is
// refused (MTG-10), an item is carried over (MTG-11); the host 周建国 confirms the decisions (MTG-8)
// and approves them in 审批 (MTG-9); 小王 distributes, and the resolutions are tasks in their
// owners' task lists, with live status on the meeting page.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { shot } from '../support/browser.ts';
import { startClockJourney, type ClockJourney } from '../support/clock-journey.ts';
import { confirmAndWait, label, pickInSelect, submitDialog, waitForApi } from '../support/ui.ts';

const JOURNEY = 'meetings';
// Monday 2026-11-30 09:00 in Shanghai: the meeting is on Thursday 12-03, 14:00–16:00, three working days ahead.
const START = new Date('2026-11-30T09:00:00+08:00');
const SIGN_IN_OPEN = new Date('2026-12-03T13:55:00+08:00');
const LATE = new Date('2026-12-03T14:08:00+08:00');
const AFTER = new Date('2026-12-03T16:20:00+08:00');
const TOPIC = 'Q4项目启动会';

let j: ClockJourney;
const openAs = (username: string, width?: number, height?: number) => j.openAs(username, width, height);

/** A button's name in Chinese after its icon's name (antd icons are labelled: "save 保存草稿"). */
function named(text: string): RegExp {
  return new RegExp(`^(?:[a-z-]+ )?${[...text].join('\\s?')}$`);
}

/** Types into an antd picker's input and confirms with Enter. */
async function typeInto(input: Locator, value: string) {
  await input.click();
  await input.press('Control+a');
  await input.pressSequentially(value);
  await input.press('Enter');
}

beforeAll(async () => {
  j = await startClockJourney({ journey: JOURNEY, start: START, timeout: 45_000 });
});

// A failed step leaves a picture and a text record of every open page (e2e/screenshots/meetings/failed-*).
beforeEach(({ onTestFailed }) => onTestFailed(() => j?.recordFailure()));

afterAll(() => j?.close());

describe('meetings', () => {
  let wangwu: Page;
  let roomId = 0;
  let zhangsan: Page;
  let xiaowang: Page;
  let meetingId = 0;

  test('王五 (行政部) adds 3号会议室 in room admin', async () => {
    wangwu = await openAs('wangwu');
    await wangwu.getByRole('menuitem', { name: '会议' }).click();
    await wangwu.waitForURL('**/meetings');
    await wangwu.getByRole('button', { name: named('会议室') }).click();
    await wangwu.getByRole('tab', { name: '会议室管理' }).click();
    await wangwu.getByRole('button', { name: /添加会议室/ }).click();
    const modal = wangwu.locator('.ant-modal');
    await modal.getByLabel('名称').fill('3号会议室');
    await modal.getByLabel('容纳人数').fill('12');
    await pickInSelect(wangwu, modal.getByLabel('设备'), '投影仪');
    await pickInSelect(wangwu, modal.getByLabel('设备'), '视频会议');
    await wangwu.keyboard.press('Escape');
    await modal.getByLabel('位置').fill('行政楼3层东侧');
    const created = waitForApi(wangwu, 'POST', '/api/rooms');
    await modal.getByRole('button', { name: label('保存') }).click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    roomId = ((await answer.json()) as { id: number }).id;
    await wangwu.getByRole('cell', { name: '3号会议室' }).waitFor();
    await shot(wangwu, JOURNEY, '01-room-admin');
  });

  test('张三 plans the meeting: goal, free room, people, agenda and materials (MTG-1/2/4)', async () => {
    zhangsan = await openAs('zhangsan');
    await zhangsan.goto('/meetings');
    await zhangsan.getByTestId('meeting-calendar').waitFor();
    await zhangsan.getByRole('button', { name: /新建会议/ }).click();
    await zhangsan.waitForURL('**/meetings/new');

    await zhangsan.getByLabel('会议主题').fill(TOPIC);
    await zhangsan.getByLabel('会议目标').fill('确定Q4项目各模块负责人、上线时间和资源需求');
    await typeInto(zhangsan.getByLabel('日期', { exact: true }), '2026-12-03');
    await typeInto(zhangsan.getByPlaceholder('开始', { exact: true }), '14:00');
    await typeInto(zhangsan.getByPlaceholder('结束', { exact: true }), '16:00');
    // MTG-2: only rooms free at that time are offered.
    await pickInSelect(zhangsan, zhangsan.getByLabel('会议室'), '3号会议室');
    await zhangsan.getByLabel('会议号').fill('腾讯会议 123-456-789');

    await pickInSelect(zhangsan, zhangsan.getByLabel('主持人'), '周建国');
    await pickInSelect(zhangsan, zhangsan.getByLabel('记录人'), '小王');
    await zhangsan.getByLabel('联系方式').fill('分机 8021');
    const participants = zhangsan.getByLabel('参会人员');
    for (const name of ['周建国', '李四', '王五', '何涛', '小王']) await pickInSelect(zhangsan, participants, name);
    await zhangsan.keyboard.press('Escape');

    const agenda = [
      ['项目背景与目标说明', '20', '统一对Q4目标的理解'],
      ['各模块负责人汇报实施方案', '40', '确认各模块方案可行'],
      ['资源需求与协调讨论', '30', '明确人力和设备缺口'],
      ['总经理总结与决策', '20', '拍板分工和上线时间'],
    ] as const;
    for (const [i, [title, minutes, goal]] of agenda.entries()) {
      if (i > 0) await zhangsan.getByRole('button', { name: /添加议题/ }).click();
      await zhangsan.getByLabel(`议题 ${i + 1}`, { exact: true }).fill(title);
      await zhangsan.getByLabel(`时长（分钟） ${i + 1}`, { exact: true }).fill(minutes);
      await zhangsan.getByLabel(`本议题目标 ${i + 1}`, { exact: true }).fill(goal);
    }
    await zhangsan.getByTestId('agenda-total').getByText('共 4 项议题，合计 110 分钟').waitFor();
    await zhangsan.getByRole('button', { name: /添加材料/ }).click();
    await zhangsan.getByLabel('材料 1', { exact: true }).fill('各模块实施方案');
    await pickInSelect(zhangsan, zhangsan.locator('.ant-select', { hasText: '准备人' }), '何涛');
    await shot(zhangsan, JOURNEY, '02-plan-form');

    const created = waitForApi(zhangsan, 'POST', '/api/meetings');
    await zhangsan.getByRole('button', { name: label('保存会议') }).click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    meetingId = ((await answer.json()) as { meeting: { id: number } }).meeting.id;
    await zhangsan.waitForURL(`**/meetings/${meetingId}`);
    await zhangsan.getByText('会议通知尚未发出').waitFor();
    await shot(zhangsan, JOURNEY, '03-detail-planned');
    // The longest form of the journeys: typing takes a while on a busy machine.
  }, 300_000);

  test('张三 sends the notice (MTG-3); the room timeline shows the booking', async () => {
    await zhangsan.getByRole('button', { name: /发送会议通知/ }).click();
    const sent = submitDialog(zhangsan.locator('.ant-modal'), /发送会议通知/, 'POST', `/api/meetings/${meetingId}/notice`);
    expect((await sent).status()).toBe(200);
    await zhangsan.getByTestId('notice-status').getByText(/已于 .* 发出/).waitFor();
    await shot(zhangsan, JOURNEY, '04-notice-sent');

    // Editing shows what was saved; after the notice, a change is sent as an update.
    await zhangsan.goto(`/meetings/${meetingId}/edit`);
    await expect.poll(() => zhangsan.getByLabel('议题 4', { exact: true }).inputValue()).toBe('总经理总结与决策');
    await shot(zhangsan, JOURNEY, '04b-edit-form');

    await zhangsan.goto('/meetings/rooms?date=2026-12-03');
    await zhangsan.getByTestId('room-booking').first().waitFor();
    await shot(zhangsan, JOURNEY, '05-room-timeline-day');
    await zhangsan.goto('/meetings/rooms?mode=week&date=2026-12-03');
    await zhangsan.getByTestId('room-booking').first().waitFor();
    await shot(zhangsan, JOURNEY, '05b-room-timeline-week');

    // Free-slot search: the afternoon of 12-03 is split around the meeting.
    await zhangsan.getByRole('tab', { name: '查找空闲会议室' }).click();
    await typeInto(zhangsan.getByLabel('日期', { exact: true }), '2026-12-03');
    await zhangsan.getByRole('button', { name: named('查找') }).click();
    await zhangsan.getByTestId('free-room').getByText('16:00–18:00').waitFor();
    await shot(zhangsan, JOURNEY, '05c-free-slots');
  });

  test('MTG-2: 王五 cannot book 3号会议室 over the meeting; the refusal says so by the room', async () => {
    await wangwu.goto(`/meetings/new?roomId=${roomId}&date=2026-12-03&start=14:30&end=15:30`);
    await wangwu.getByLabel('会议主题').fill('行政部周例会');
    await wangwu.getByLabel('会议目标').fill('安排本周行政工作');
    await wangwu.getByLabel('议题 1', { exact: true }).fill('本周工作安排');
    await wangwu.getByText('3号会议室（该时间已被占用）').waitFor();
    const refused = waitForApi(wangwu, 'POST', '/api/meetings');
    await wangwu.getByRole('button', { name: label('保存会议') }).click();
    expect((await refused).status()).toBe(409);
    await wangwu.getByTestId('room-conflict').waitFor();
    await shot(wangwu, JOURNEY, '05d-room-conflict', { fullPage: false });
  });

  test('李四 finds it in his week and asks leave with 钱七 as delegate (MTG-6)', async () => {
    const lisi = await openAs('lisi');
    await lisi.getByRole('menuitem', { name: '会议' }).click();
    await lisi.getByTestId('calendar-meeting').filter({ hasText: TOPIC }).first().click();
    await lisi.waitForURL(`**/meetings/${meetingId}`);
    const askLeave = lisi.getByRole('button', { name: named('请假') });
    await askLeave.waitFor();
    await shot(lisi, JOURNEY, '06-participant-detail');
    await askLeave.click();
    const modal = lisi.locator('.ant-modal');
    await modal.getByLabel('请假原因').fill('当天在上海拜访客户');
    await pickInSelect(lisi, modal.getByLabel('代表'), '钱七');
    const asked = waitForApi(lisi, 'POST', `/api/meetings/${meetingId}/leave`);
    await modal.getByRole('button', { name: label('提交请假') }).click();
    expect((await asked).status()).toBe(200);
    await lisi.getByTestId('my-leave').getByText('您已请假，由 钱七 代为参会').waitFor();
    await lisi.getByRole('tab', { name: /参会签到/ }).click();
    await lisi.getByText('代 李四 参会').first().waitFor();
    await shot(lisi, JOURNEY, '07-attendance-with-delegate');
  });

  test('on the day: the room screen shows the QR code; 小王 scans it on his phone; 张三 signs in late (MTG-7)', async () => {
    await j.moveClock(SIGN_IN_OPEN);
    const screen = await openAs('zhangsan', 1600, 900);
    await screen.goto(`/meetings/${meetingId}/qr`);
    const card = screen.getByTestId('qr-card');
    await card.locator('canvas').waitFor();
    await screen.getByTestId('qr-count').getByText('已签到 0 / 6').waitFor();
    const path = await card.getAttribute('data-path');
    expect(path).toMatch(new RegExp(`^/meetings/${meetingId}/sign-in\\?token=`));
    await shot(screen, JOURNEY, '08-room-screen-qr', { fullPage: false });

    xiaowang = await openAs('xiaowang', 375, 812);
    await xiaowang.goto(path ?? '');
    await xiaowang.getByRole('button', { name: label('确认签到') }).waitFor();
    await shot(xiaowang, JOURNEY, '09-phone-sign-in', { fullPage: false });
    const scanned = waitForApi(xiaowang, 'POST', `/api/meetings/${meetingId}/sign-in`);
    await xiaowang.getByRole('button', { name: label('确认签到') }).click();
    expect((await scanned).status()).toBe(200);
    await xiaowang.getByTestId('sign-in-done').getByText('准时', { exact: false }).waitFor();
    await shot(xiaowang, JOURNEY, '10-phone-signed-in', { fullPage: false });

    await j.moveClock(LATE);
    await zhangsan.goto(`/meetings/${meetingId}?tab=attendance`);
    const signed = waitForApi(zhangsan, 'POST', `/api/meetings/${meetingId}/sign-in`);
    await zhangsan.getByRole('button', { name: named('签到') }).click();
    expect((await signed).status()).toBe(200);
    await zhangsan.getByTestId('my-sign-in').waitFor();
    await expect.poll(() => zhangsan.getByTestId('attendance-summary').innerText()).toContain('已签到 1 · 迟到 1 · 请假 1');
    await shot(zhangsan, JOURNEY, '11-attendance-signed-in');
    await screen.reload();
    await screen.getByTestId('qr-count').getByText('已签到 2 / 6').waitFor();
  });

  test('小王 writes the minutes; a vague owner is refused (MTG-8/10/11) and he submits them', async () => {
    await j.moveClock(AFTER);
    const taker = await openAs('xiaowang');
    xiaowang = taker;
    await taker.goto(`/meetings/${meetingId}?tab=minutes`);
    const items = taker.getByTestId('minutes-item');
    await items.first().waitFor();
    const notes = [
      ['明确Q4交付客户管理系统二期，12月底上线', null, '目标确认：12月31日上线'],
      ['研发、产品两个模块已有初步方案', '测试资源是否外包存在争议', '方案通过，测试资源下次再议'],
      ['研发缺2名前端，会议室投影需更换', '外包还是招聘未定', null],
      ['总经理确认分工', null, '张三负责开发计划，何涛负责需求说明'],
    ] as const;
    for (const [i, [points, disputes, decision]] of notes.entries()) {
      const item = items.nth(i);
      await item.getByLabel('讨论要点').fill(points);
      if (disputes) await item.getByLabel('争议').fill(disputes);
      if (decision) await item.getByLabel('决策').fill(decision);
    }
    await items.nth(2).getByText('下次会议继续讨论').click();
    await typeInto(items.nth(2).getByPlaceholder('下次讨论日期'), '2026-12-10');

    const rows = taker.getByTestId('resolution-row');
    const resolutions = [
      ['相关部门负责协调测试资源', '测试资源方案', '王五', '2026-12-10'],
      ['提交详细开发计划', '开发计划文档（含里程碑）', '张三', '2026-12-08'],
      ['提交产品需求说明书', '需求说明书 V1.0', '何涛', '2026-12-10'],
    ] as const;
    for (const [i, [content, deliverable, owner, due]] of resolutions.entries()) {
      await taker.getByRole('button', { name: /添加决议事项/ }).click();
      const row = rows.nth(i);
      await row.getByLabel('决议内容').fill(content);
      await row.getByLabel('交付成果').fill(deliverable);
      await pickInSelect(taker, row.getByLabel('负责人'), owner);
      await typeInto(row.getByLabel('截止日期'), due);
    }
    // MTG-10: "相关部门负责" is not a person; the refusal lands under that resolution.
    const refused = waitForApi(taker, 'PUT', `/api/meetings/${meetingId}/minutes`);
    await taker.getByRole('button', { name: named('保存草稿') }).click();
    expect((await refused).status()).toBe(400);
    await rows.nth(0).locator('.ant-form-item-explain-error').first().waitFor();
    await rows.nth(0).scrollIntoViewIfNeeded();
    await shot(taker, JOURNEY, '12-vague-owner-refused', { fullPage: false });

    await rows.nth(0).getByLabel('决议内容').fill('王五牵头协调测试设备与会议室投影更换');
    const saved = waitForApi(taker, 'PUT', `/api/meetings/${meetingId}/minutes`);
    await taker.getByRole('button', { name: named('保存草稿') }).click();
    expect((await saved).status()).toBe(200);
    await shot(taker, JOURNEY, '13-minutes-draft');

    await taker.getByRole('button', { name: /提交主持人审核/ }).click();
    expect((await confirmAndWait(taker, 'POST', `/api/meetings/${meetingId}/minutes/submit`)).status()).toBe(200);
    await taker.getByTestId('minutes-status').getByText('主持人审核中').first().waitFor();
  });

  test('the host confirms each decision and approves the minutes in 审批 (MTG-8/9)', async () => {
    const host = await openAs('zhouzong');
    await host.goto(`/meetings/${meetingId}?tab=minutes`);
    const confirms = host.getByRole('button', { name: label('确认决策') });
    await confirms.first().waitFor();
    // Items 1, 2 and 4 have a decision; item 3 was carried over.
    for (let i = 0; i < 3; i += 1) {
      const confirmed = host.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith('/confirm'));
      await confirms.first().click();
      expect((await confirmed).status()).toBe(200);
      await expect.poll(() => host.getByTestId('decision-confirmed').count()).toBe(i + 1);
    }
    await shot(host, JOURNEY, '14-host-confirmed-decisions');

    await host.getByRole('menuitem', { name: '审批' }).click();
    await host.waitForURL('**/approvals');
    const request = host.getByRole('cell', { name: `会议纪要：${TOPIC}` });
    await request.waitFor();
    await request.click();
    await host.waitForURL(/\/approvals\/\d+$/);
    const approvalId = new URL(host.url()).pathname.split('/').pop() ?? '';
    await host.getByRole('button', { name: label('同意') }).click();
    await host.getByLabel('审批意见').fill('纪要准确，同意分发');
    const approved = submitDialog(host.locator('.ant-modal'), label('同意'), 'POST', `/api/approvals/${approvalId}/approve`);
    expect((await approved).status()).toBe(200);
    await host.locator('.ant-tag', { hasText: '已通过' }).waitFor();
    await shot(host, JOURNEY, '15-host-approved');
  });

  test('小王 distributes; each resolution is a task with live status, in its owner’s list (MTG-10)', async () => {
    await xiaowang.goto(`/meetings/${meetingId}?tab=minutes`);
    await xiaowang.getByRole('button', { name: /分发纪要/ }).first().click();
    expect((await confirmAndWait(xiaowang, 'POST', `/api/meetings/${meetingId}/minutes/distribute`)).status()).toBe(200);
    await xiaowang.getByRole('tab', { name: '决议跟踪' }).click();
    await expect.poll(() => xiaowang.getByTestId('resolution-task-link').filter({ visible: true }).count()).toBe(3);
    await shot(xiaowang, JOURNEY, '16-resolutions-as-tasks');
    await xiaowang.goto('/meetings/follow-up?week=2026-12-07');
    await xiaowang.getByText('提交详细开发计划').waitFor();
    await shot(xiaowang, JOURNEY, '17-minute-taker-week');

    await zhangsan.goto('/tasks');
    await zhangsan.getByText('提交详细开发计划').first().waitFor();
    await shot(zhangsan, JOURNEY, '18-owner-task-list');
    await zhangsan.goto('/meetings?view=list&scope=organizing');
    await zhangsan.getByRole('cell', { name: TOPIC }).waitFor();
    await shot(zhangsan, JOURNEY, '18b-meeting-list');
    // MTG-11: the item carried over is offered for the next meeting's agenda.
    await zhangsan.goto('/meetings/new?date=2026-12-10');
    await zhangsan.getByText('有 1 项上次会议遗留的议题待继续讨论').waitFor();
    await zhangsan.getByRole('button', { name: label('加入议程') }).click();
    await expect.poll(() => zhangsan.getByLabel('议题 1', { exact: true }).inputValue()).toBe('资源需求与协调讨论');
    await shot(zhangsan, JOURNEY, '18d-carry-over', { fullPage: false });
    await zhangsan.goto('/meetings?view=month&date=2026-12-03');
    await zhangsan.getByTestId('calendar-meeting').first().waitFor();
    await shot(zhangsan, JOURNEY, '18c-month');
  });

  test('the two 表 print in Chinese, and the meeting reads well at phone width', async () => {
    await zhangsan.goto(`/meetings/${meetingId}/print/notice`);
    await zhangsan.getByRole('heading', { name: '会议通知表' }).waitFor();
    await shot(zhangsan, JOURNEY, '19-print-notice');
    await zhangsan.goto(`/meetings/${meetingId}/print/minutes`);
    await zhangsan.getByRole('heading', { name: '会议纪要表' }).waitFor();
    await zhangsan.getByText('提交详细开发计划').waitFor();
    await shot(zhangsan, JOURNEY, '20-print-minutes');
    // 导出 the list as the 会议通知表, one meeting per row, with the tab and filters on screen.
    await zhangsan.goto('/meetings?view=list&scope=organizing');
    await zhangsan.locator('.ant-table-row', { hasText: TOPIC }).waitFor();
    const sheet = zhangsan.waitForEvent('download');
    await zhangsan.getByTestId('meeting-export').click();
    await zhangsan.getByRole('menuitem', { name: /CSV/ }).click();
    const file = await sheet;
    expect(file.suggestedFilename()).toMatch(/^会议通知表-\d{8}\.csv$/);
    const csv = (await readFile(await file.path())).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF会议主题,时间,地点/会议号,参会人员,主持人,记录人,会议议程,需准备材料,联系人及联系方式,会议目标,状态,纪要状态');
    expect(csv).toContain(TOPIC);
    await zhangsan.getByText(/已导出/).waitFor();
    await shot(zhangsan, JOURNEY, '20b-list-exported');
    // 导入 the same sheet: one row, checked like the form, becomes a draft to send the notice for.
    await zhangsan.getByTestId('meeting-import').click();
    const importDialog = zhangsan.getByRole('dialog', { name: '导入会议通知表' });
    await importDialog.getByText('点击选择或拖入文件').waitFor();
    const row = ['项目复盘会', '2026-12-28 10:00-11:00', '腾讯会议 555-666-777', '李四、小王', '张三', '王五', '"1. 复盘（30分钟）：总结经验\n2. 改进计划（20分钟）"', '', '王五/分机 8001', '总结Q4项目经验，确定改进项'];
    const sheetText = `\uFEFF${csv.split('\r\n')[0]!.slice(1).split(',').slice(0, 10).join(',')}\r\n${row.join(',')}\r\n`;
    const uploaded = waitForApi(zhangsan, 'POST', '/api/imports/meetings');
    await importDialog.locator('input[type=file]').setInputFiles({ name: '会议通知表.csv', mimeType: 'text/csv', buffer: Buffer.from(sheetText) });
    const jobId = ((await (await uploaded).json()) as { id: number }).id;
    await importDialog.getByText('检查通过：1 行均可导入').waitFor();
    await importDialog.getByTestId('import-preview').getByRole('cell', { name: '项目复盘会' }).waitFor();
    await shot(zhangsan, JOURNEY, '20c-import-checked');
    const committed = waitForApi(zhangsan, 'POST', `/api/imports/${jobId}/commit`);
    await importDialog.getByRole('button', { name: /确认导入/ }).click();
    expect((await committed).status()).toBe(200);
    await importDialog.getByText('已导入 1 条记录').waitFor();
    await importDialog.getByRole('button', { name: label('完成') }).click();
    await zhangsan.locator('.ant-table-row', { hasText: '项目复盘会' }).waitFor();
    await shot(zhangsan, JOURNEY, '20d-list-imported');

    const phone = await openAs('lisi', 375, 812);
    await phone.goto(`/meetings/${meetingId}`);
    await phone.getByText(TOPIC).first().waitFor();
    await shot(phone, JOURNEY, '21-phone-detail');
    await phone.goto('/meetings');
    await phone.getByTestId('meeting-calendar').waitFor();
    await shot(phone, JOURNEY, '22-phone-week');
    await phone.goto('/meetings?view=list');
    await phone.getByTestId('meeting-card').first().waitFor();
    await phone.getByTestId('meeting-export').waitFor();
    await shot(phone, JOURNEY, '22b-phone-list');
    await phone.goto('/meetings/rooms?date=2026-12-03');
    await phone.getByTestId('room-booking').first().waitFor();
    await shot(phone, JOURNEY, '23-phone-rooms');
    await phone.goto('/meetings/new');
    await phone.getByLabel('会议主题').waitFor();
    await shot(phone, JOURNEY, '24-phone-plan-form');
    expect(j.pageErrors).toEqual([]);
  });
});
