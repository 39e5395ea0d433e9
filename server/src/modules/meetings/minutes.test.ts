import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApprovalDetail, TFollowUpWeek, TMeetingDetail, TMinutes, TMinutesInput } from '@opsdesk/contract';
import { REMINDER_JOB } from '../../platform/deadlines/scan.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { type MeetingsTest, at, createMeetingAs, q4Meeting, startMeetingsTest } from './testing.ts';

let s: MeetingsTest;
let meeting: TMeetingDetail;
beforeAll(async () => {
  s = await startMeetingsTest();
  // Thursday 11-26 14:00–16:00 (the clock is 10:00 that day), host 李四, minute-taker 王五.
  meeting = (await createMeetingAs(s, 'wangwu', q4Meeting(s, { startsAt: at('2026-11-26', '14:00'), endsAt: at('2026-11-26', '16:00') }))).meeting;
}, 240_000);
afterAll(() => s.close());

const url = (path = '') => `/api/meetings/${meeting.id}/minutes${path}`;
const items = () => meeting.agenda.map((a) => a.id);

/** The seed's minutes: decisions per item, one carry-over, three resolutions (研发部 10月15日前 … 负责人张三). */
function seedMinutes(version: number): TMinutesInput {
  const [a1, a2, a3, a4] = items();
  return {
    version,
    items: [
      { agendaItemId: a1!, keyPoints: '项目背景、市场目标、预期成果', decision: 'Q4项目需在12月31日前完成产品上线，用户量目标10万+' },
      {
        agendaItemId: a2!,
        keyPoints: '研发部汇报开发周期（8周）、市场部汇报推广计划（11月启动）',
        disputes: '市场部认为推广需提前至10月，研发部表示需调整开发计划',
        decision: '10月中旬完成开发测试，11月1日启动推广',
      },
      { agendaItemId: a3!, keyPoints: '资源缺口：前端1名、后端1名', carryOver: true, nextDate: '2026-12-03' },
      { agendaItemId: a4!, keyPoints: '总经理总结' },
    ],
    discussion: null,
    resolutions: [
      { content: '提交详细开发计划', deliverable: '详细开发计划（含里程碑）', ownerId: s.ids.zhangsan!, dueDate: '2026-12-04', agendaItemId: a2! },
      { content: '确定推广渠道及预算', deliverable: '推广渠道及预算方案', ownerId: s.ids.lisi!, dueDate: '2026-12-08' },
      { content: '协调项目组办公场地', deliverable: '项目组办公场地安排', ownerId: s.ids.wangwu!, dueDate: '2026-12-01' },
    ],
    followUps: [{ text: '各部门实施方案需在12月10日前提交项目组汇总', dueDate: '2026-12-10' }],
  };
}

describe('MTG-8/9 minutes per agenda item', () => {
  it('not before the start; only the minute-taker writes (403); 401 without login', async () => {
    expect((await s.t.app.inject({ method: 'PUT', url: url(), payload: seedMinutes(0) })).statusCode).toBe(401);
    expect((await (await s.as('wangwu')).put(url(), seedMinutes(0))).statusCode).toBe(403);
    s.t.clock.advanceMinutes(4 * 60 + 30); // 14:30, during the meeting
    expect((await (await s.as('lisi')).put(url(), seedMinutes(0))).statusCode).toBe(403);
    expect((await (await s.as('hetao')).get(url())).statusCode).toBe(404);
  });

  it('MTG-10 a vague owner such as 相关部门负责 is refused, naming the field', async () => {
    const input = seedMinutes(0);
    input.resolutions[1] = { ...input.resolutions[1]!, content: '推广预算由相关部门负责落实' };
    const res = await (await s.as('wangwu')).put(url(), input);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VAGUE_OWNER', field: 'resolutions.1.content' });
    expect(res.json().message).toBe('决议事项须写明具体负责人，不能用“相关部门负责”这样的模糊表述');
  });

  it('MTG-10 a real person, a deadline and a deliverable are required; MTG-11 a carry-over needs its date', async () => {
    const w = await s.as('wangwu');
    const noOwner = seedMinutes(0);
    delete (noOwner.resolutions[0] as Partial<(typeof noOwner.resolutions)[0]>).ownerId;
    expect((await w.put(url(), noOwner)).json().fields[0].field).toBe('resolutions.0.ownerId');
    const ghost = seedMinutes(0);
    ghost.resolutions[0]!.ownerId = 999_999;
    expect((await w.put(url(), ghost)).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'resolutions.0.ownerId' });
    const noDeliverable = seedMinutes(0);
    noDeliverable.resolutions[0]!.deliverable = '';
    expect((await w.put(url(), noDeliverable)).json().fields[0].field).toBe('resolutions.0.deliverable');
    const past = seedMinutes(0);
    past.resolutions[0]!.dueDate = '2026-11-01';
    expect((await w.put(url(), past)).json().fields[0].field).toBe('resolutions.0.dueDate');
    const noDate = seedMinutes(0);
    noDate.items[2] = { ...noDate.items[2]!, nextDate: null };
    expect((await w.put(url(), noDate)).json().fields[0].field).toBe('items.2.nextDate');
  });

  it('the minute-taker saves the draft; a stale version is 409', async () => {
    const w = await s.as('wangwu');
    const res = await w.put(url(), seedMinutes(0));
    expect(res.statusCode).toBe(200);
    const m = res.json<TMinutes>();
    expect(m).toMatchObject({ status: 'draft', version: 1, author: { name: '王五' }, dueAt: at('2026-11-27', '16:00') });
    expect(m.items[1]).toMatchObject({ disputes: '市场部认为推广需提前至10月，研发部表示需调整开发计划', decisionConfirmed: false });
    expect(m.items[2]).toMatchObject({ carryOver: true, nextDate: '2026-12-03' });
    expect(m.resolutions.map((r) => [r.departmentName, r.owner.name, r.dueDate, r.task])).toEqual([
      ['研发部', '张三', '2026-12-04', null],
      ['市场部', '李四', '2026-12-08', null],
      ['行政部', '王五', '2026-12-01', null],
    ]);
    expect((await w.put(url(), seedMinutes(0))).json().code).toBe('CONFLICT');
  });

  it('MTG-8 the host confirms a decision; editing the decision asks again; nothing to confirm is 400', async () => {
    const [a1, , a3] = items();
    const host = await s.as('lisi');
    expect((await (await s.as('wangwu')).post(url(`/items/${a1}/confirm`), {})).statusCode).toBe(403);
    expect((await host.post(url(`/items/${a3}/confirm`), {})).json().fields[0].field).toBe('decision');
    const confirmed = (await host.post(url(`/items/${a1}/confirm`), {})).json<TMinutes>();
    expect(confirmed.items[0]!.decisionConfirmed).toBe(true);
    const edited = seedMinutes(1);
    edited.items[0] = { ...edited.items[0]!, decision: 'Q4项目需在12月31日前上线，用户量目标10万+' };
    const after = (await (await s.as('wangwu')).put(url(), edited)).json<TMinutes>();
    expect(after.items[0]!.decisionConfirmed).toBe(false);
    expect((await host.post(url(`/items/${a1}/confirm`), {})).json<TMinutes>().items[0]!.decisionConfirmed).toBe(true);
  });

  it('MTG-9 the minute-taker is reminded before the 24 hours are up; the host hears when they pass', async () => {
    s.t.clock.advanceMinutes(22 * 60); // 11-27 12:30: 4 h before the 16:00 deadline has passed
    await s.t.app.jobs.runNow(REMINDER_JOB);
    const reminded = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.wangwu!), eq(notifications.event, 'deadline.reminder')));
    expect(reminded.some((n) => n.title.includes('整理会议纪要'))).toBe(true);
    s.t.clock.advanceMinutes(4 * 60); // 16:30: late
    await s.t.app.jobs.runNow(REMINDER_JOB);
    const escalated = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.lisi!), eq(notifications.event, 'deadline.escalation')));
    expect(escalated.some((n) => n.title.includes('整理会议纪要'))).toBe(true);
  });
});

describe('MTG-9/10 review by the host, distribution, resolutions become tasks', () => {
  let approvalId: number;

  it('the minute-taker submits; the host is the decider in the approval chain', async () => {
    expect((await (await s.as('lisi')).post(url('/submit'), {})).statusCode).toBe(403);
    const res = await (await s.as('wangwu')).post(url('/submit'), {});
    expect(res.statusCode).toBe(200);
    const m = res.json<TMinutes>();
    expect(m.status).toBe('in_review');
    approvalId = m.approvalId!;
    const approval = (await (await s.as('lisi')).get(`/api/approvals/${approvalId}`)).json<TApprovalDetail>();
    expect(approval).toMatchObject({ flow: 'meeting.minutes', title: '会议纪要：Q4项目启动会', currentStep: { decider: { name: '李四' } }, subjectLink: `/meetings/${meeting.id}/minutes` });
    expect(approval.permissions.canApprove).toBe(true);
    expect((await (await s.as('wangwu')).put(url(), seedMinutes(2))).statusCode).toBe(403);
  });

  it('returned for changes → the minute-taker edits and resubmits; approved → every decision confirmed', async () => {
    const host = await s.as('lisi');
    const step = async () => (await host.get(`/api/approvals/${approvalId}`)).json<TApprovalDetail>().currentStep!.id;
    await host.post(`/api/approvals/${approvalId}/return`, { stepId: await step(), opinion: '议题二的决策请写明推广启动日期' });
    expect((await (await s.as('wangwu')).get(url())).json<TMinutes>().status).toBe('returned');
    const w = await s.as('wangwu');
    const version = (await w.get(url())).json<TMinutes>().version;
    expect((await w.put(url(), seedMinutes(version))).statusCode).toBe(200);
    expect((await w.post(url('/submit'), {})).json<TMinutes>()).toMatchObject({ status: 'in_review', approvalId });
    await host.post(`/api/approvals/${approvalId}/approve`, { stepId: await step(), opinion: '同意' });
    const m = (await w.get(url())).json<TMinutes>();
    expect(m.status).toBe('approved');
    expect(m.items.filter((i) => i.decision).every((i) => i.decisionConfirmed)).toBe(true);
    expect(m.distributeDueAt).toBe(at('2026-11-30', '18:00'));
  });

  it('distribution: participants and stakeholders get it; each resolution becomes a task (host as acceptor) linked to the meeting', async () => {
    expect((await (await s.as('xiaowang')).post(url('/distribute'), {})).statusCode).toBe(403);
    const res = await (await s.as('wangwu')).post(url('/distribute'), {});
    expect(res.statusCode).toBe(200);
    const m = res.json<TMinutes>();
    expect(m.status).toBe('distributed');
    expect(m.resolutions.every((r) => r.task !== null && r.task.status === 'not_started')).toBe(true);
    const task = (await (await s.as('zhangsan')).get(`/api/tasks/${m.resolutions[0]!.task!.id}`)).json();
    expect(task).toMatchObject({ name: '提交详细开发计划', deliverable: '详细开发计划（含里程碑）', dueDate: '2026-12-04', owner: { name: '张三' }, source: { type: 'meeting', id: meeting.id, label: 'Q4项目启动会' } });
    expect(task.acceptor?.name ?? task.acceptorName).toBe('李四');
    const got = await s.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, s.ids.zhouzong!), eq(notifications.event, 'meeting.minutes')));
    expect(got[0]!.body).toContain('决议1：提交详细开发计划（负责人：张三，2026-12-04前）');
    expect((await (await s.as('wangwu')).post(url('/distribute'), {})).statusCode).toBe(403);
  });

  it('MTG-10 the minute-taker’s week shows the resolutions with their tasks’ live status', async () => {
    const z = await s.as('zhangsan');
    const m = (await (await s.as('wangwu')).get(url())).json<TMinutes>();
    const taskId = m.resolutions[0]!.task!.id;
    await z.post(`/api/tasks/${taskId}/progress`, { progress: 30, stage: '需求梳理中' });
    const week = (await (await s.as('wangwu')).get('/api/meetings/follow-up?week=2026-12-02')).json<TFollowUpWeek>();
    expect(week).toMatchObject({ weekStart: '2026-11-30', weekEnd: '2026-12-06' });
    expect(week.items.map((i) => [i.resolution.owner.name, i.resolution.task?.status, i.overdue])).toEqual([
      ['王五', 'not_started', false],
      ['张三', 'in_progress', false],
      ['李四', 'not_started', false],
    ]);
    expect((await z.get('/api/meetings/follow-up')).json<TFollowUpWeek>().items).toEqual([]);
    expect((await z.get('/api/meetings/follow-up?week=2026-13-01')).statusCode).toBe(400);
  });

  it('exports the 会议纪要表 and the 会议通知表 in their template layout', async () => {
    const res = await (await s.as('zhouzong')).get(`/api/meetings/${meeting.id}/minutes.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map(String));
    expect(rows.map((r) => r[0])).toEqual(['会议纪要表', '会议名称', '日期', '参会人员', '缺席人员', '议题一：项目背景与目标说明', '议题二：各模块负责人汇报实施方案', '议题三：资源需求与协调讨论', '议题四：总经理总结与决策', '决议事项', '待跟进事项']);
    expect(rows[6]![1]).toContain('争议：市场部认为推广需提前至10月');
    expect(rows[7]![1]).toContain('下次会议继续讨论（2026-12-03）');
    expect(rows[9]![1]).toContain('1. 研发部：提交详细开发计划（负责人：张三，2026-12-04前完成');
    const notice = await (await s.as('zhouzong')).get(`/api/meetings/${meeting.id}/notice.xlsx`);
    const nb = new ExcelJS.Workbook();
    await nb.xlsx.load(notice.rawPayload as unknown as ArrayBuffer);
    const labels = nb.worksheets[0]!.getColumn(1).values.filter(Boolean).map((v) => String(v));
    expect(labels).toEqual(['会议通知表', '会议主题', '时间', '地点/会议号', '参会人员', '主持人', '记录人', '会议议程', '需准备材料', '联系人及联系方式']);
    expect((await (await s.as('hetao')).get(`/api/meetings/${meeting.id}/notice.xlsx`)).statusCode).toBe(404);
  });
});
