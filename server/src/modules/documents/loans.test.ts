import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApprovalDetail, TDocumentDetail, TLoan, TLoanPage, TWorkbench } from '@opsdesk/contract';
import type { Client } from '../../../test/harness.ts';
import { REMINDER_JOB } from '../../platform/deadlines/scan.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { documentLoans } from './schema.ts';
import { type DocTest, clockTo, idsOf, startDocTest } from './testing.ts';

let d: DocTest;
beforeAll(async () => {
  d = await startDocTest();
}, 180_000);
afterAll(() => d.t.close());

const approval = async (c: Client, id: number) => (await c.get(`/api/approvals/${id}`)).json<TApprovalDetail>();
async function decide(username: string, approvalId: number, action: 'approve' | 'reject' | 'return', opinion = '同意') {
  const c = await d.as(username);
  const step = (await approval(c, approvalId)).currentStep!;
  const res = await c.post(`/api/approvals/${approvalId}/${action}`, { stepId: step.id, opinion });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TApprovalDetail>();
}
const loanOf = async (c: Client, id: number) => (await c.get(`/api/document-loans/${id}`)).json<TLoan>();
const scan = () => d.t.app.jobs.runNow(REMINDER_JOB);
const noticesSince = async (recipientId: number, sinceId: number) =>
  d.t.database.db.select().from(notifications).where(and(eq(notifications.recipientId, recipientId), gt(notifications.id, sinceId))).orderBy(notifications.id);
const lastNoticeId = async () => {
  const rows = await d.t.database.db.select({ id: notifications.id }).from(notifications);
  return Math.max(0, ...rows.map((r) => r.id));
};

describe('DOC-5 borrowing a secret document: head → division leader → archivist registers → deadline → return', () => {
  let loanId: number;
  let approvalId: number;

  it('DOC-5 the application is checked: 401, 404 without a grant, 400 naming the field; 重要 at most 3 working days', async () => {
    const secretId = d.docs.secretContract!;
    expect((await d.t.app.inject({ method: 'POST', url: `/api/documents/${secretId}/loans`, payload: {} })).statusCode).toBe(401);
    const staff = await d.as('xiaowang');
    const base = { purpose: '核对付款条款', from: '2026-11-26', to: '2026-11-30', medium: 'electronic' };
    expect((await (await d.as('wangwu')).post(`/api/documents/${secretId}/loans`, base)).statusCode).toBe(404);
    expect((await staff.post(`/api/documents/${secretId}/loans`, { ...base, purpose: '' })).json()).toMatchObject({ code: 'VALIDATION', field: 'purpose' });
    expect((await staff.post(`/api/documents/${secretId}/loans`, { ...base, from: '2026-11-25' })).json()).toMatchObject({ code: 'LOAN_DATES', field: 'from', message: '开始日期不能早于 2026-11-26' });
    const long = await staff.post(`/api/documents/${secretId}/loans`, { ...base, to: '2026-12-02' });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'LOAN_TOO_LONG', field: 'to', message: '重要文档借阅不超过 3 个工作日：结束日期最迟为 2026-12-01' });
    expect((await staff.post(`/api/documents/${secretId}/loans`, { ...base, medium: 'paper', allowDownload: true })).json()).toMatchObject({ code: 'VALIDATION', field: 'allowDownload' });
    const noFile = await staff.post(`/api/documents/${d.docs.meetingMinutes}/loans`, base);
    expect(noFile.json()).toMatchObject({ code: 'LOAN_MEDIUM', field: 'medium', message: '该文档没有电子文件，不能选择此借阅方式' });

    const res = await staff.post(`/api/documents/${secretId}/loans`, base);
    expect(res.statusCode, res.body).toBe(201);
    const loan = res.json<TLoan>();
    expect(loan).toMatchObject({ status: 'applied', medium: 'electronic', allowDownload: false, borrower: { name: '小王', departmentName: '市场部' }, document: { id: secretId, secrecy: 'secret' } });
    loanId = loan.id;
    approvalId = loan.approvalId!;
    expect((await staff.post(`/api/documents/${secretId}/loans`, base)).json()).toMatchObject({ code: 'LOAN_STATE', message: '借阅当前状态为“审批中”，不能进行此操作' });
    expect((await staff.get(`/api/documents/${secretId}`)).json<TDocumentDetail>()).toMatchObject({ myLoan: { id: loanId, status: 'applied' }, permissions: { canBorrow: false } });
  });

  it('DOC-5 the borrower\'s head, then (secret) the division leader approve; the approval never names the secret document', async () => {
    const head = await approval(await d.as('lisi'), approvalId);
    expect(head).toMatchObject({ flow: 'doc.borrow', title: `秘密文档借阅申请 #${loanId}`, subjectLink: `/documents/loans/${loanId}`, currentStep: { label: '部门负责人审批', decider: { name: '李四' } } });
    expect(JSON.stringify(head.facts)).not.toContain('B公司');
    // Deciding needs to see what is decided: the deciders may open the loan and the document.
    expect((await (await d.as('lisi')).get(`/api/document-loans/${loanId}`)).statusCode).toBe(200);
    expect((await (await d.as('lisi')).get(`/api/documents/${d.docs.secretContract}`)).statusCode).toBe(200);
    expect((await (await d.as('lisi')).get(`/api/documents/${d.docs.secretContract}/view`)).statusCode).toBe(403);
    const afterHead = await decide('lisi', approvalId, 'approve', '同意');
    expect(afterHead.currentStep).toMatchObject({ label: '分管领导审批', decider: { name: '郑华' } });
    expect((await loanOf(await d.as('xiaowang'), loanId)).status).toBe('applied');
    const since = await lastNoticeId();
    const done = await decide('zhenghua', approvalId, 'approve', '同意，限期归还');
    expect(done.status).toBe('approved');
    const loan = await loanOf(await d.as('xiaowang'), loanId);
    expect(loan).toMatchObject({ status: 'approved', permissions: { canWithdraw: true, canRegister: false } });
    expect(await noticesSince(d.people.zhaoliu!, since)).toMatchObject([{ event: 'document.loan_approved', link: `/documents/loans/${loanId}` }]);
  });

  it('DOC-5 only the archivist registers it (403 others, 404 strangers); the deadline is capped at 3 working days', async () => {
    expect((await (await d.as('xiaowang')).post(`/api/document-loans/${loanId}/register`, {})).statusCode).toBe(403);
    expect((await (await d.as('lisi')).post(`/api/document-loans/${loanId}/register`, {})).statusCode).toBe(403);
    expect((await (await d.as('wangwu')).post(`/api/document-loans/${loanId}/register`, {})).statusCode).toBe(404);
    const archivist = await d.as('zhaoliu');
    expect((await archivist.post(`/api/document-loans/${loanId}/register`, { dueDate: '2026-12-02' })).json()).toMatchObject({ code: 'LOAN_TOO_LONG', field: 'dueDate' });
    expect((await archivist.post(`/api/document-loans/${loanId}/register`, { dueDate: 'soon' })).json()).toMatchObject({ code: 'VALIDATION', field: 'dueDate' });
    const res = await archivist.post(`/api/document-loans/${loanId}/register`, { note: '电子借阅，仅限查阅' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TLoan>()).toMatchObject({ status: 'lent', dueDate: '2026-11-30', dueAt: '2026-11-30T10:00:00.000Z', registeredBy: { name: '赵六' }, overdue: false, permissions: { canReturn: true } });
    // The archivist prints the 借阅申请表 with the approvers' opinions, though not in the chain.
    expect(res.json<TLoan>().decisions).toMatchObject([
      { key: 'head', status: 'approved', opinion: '同意', by: { name: '李四' } },
      { key: 'leader', status: 'approved', opinion: '同意，限期归还', by: { name: '郑华' } },
    ]);
    expect((await archivist.post(`/api/document-loans/${loanId}/register`, {})).json()).toMatchObject({ code: 'LOAN_STATE' });
  });

  it('DOC-4/5 during the loan the borrower reads it view-only with a watermark; no download; every view audited', async () => {
    const staff = await d.as('xiaowang');
    const detail = (await staff.get(`/api/documents/${d.docs.secretContract}`)).json<TDocumentDetail>();
    expect(detail.permissions).toMatchObject({ canView: true, viewMode: 'inline', canDownload: false, watermark: '小王 2026-11-26 10:00' });
    expect((await staff.get(`/api/documents/${d.docs.secretContract}/view`)).statusCode).toBe(200);
    expect((await staff.get(`/api/documents/${d.docs.secretContract}/download`)).statusCode).toBe(403);
    expect((await staff.get(`/api/files/${detail.file!.id}`)).statusCode).toBe(404);
    const audit = (await (await d.as('sunli')).get(`/api/audit?entity=document&entityId=${d.docs.secretContract}&action=view`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'view', actorName: '小王' });
  });

  it('DOC-5 electronic access ends at the deadline without anyone acting: only the clock moves', async () => {
    const staff = await d.as('xiaowang');
    clockTo(d, '2026-11-30', '17:59');
    expect((await staff.get(`/api/documents/${d.docs.secretContract}/view`)).statusCode).toBe(200);
    clockTo(d, '2026-11-30', '18:00');
    expect((await staff.get(`/api/documents/${d.docs.secretContract}/view`)).statusCode).toBe(403);
    const detail = (await staff.get(`/api/documents/${d.docs.secretContract}`)).json<TDocumentDetail>();
    expect(detail.permissions).toMatchObject({ canView: false, watermark: null });
    const [row] = await d.t.database.db.select().from(documentLoans).where(eq(documentLoans.id, loanId));
    expect(row!.status).toBe('lent'); // nothing was written: the check is by time
  });

  it('ALL-2 the loan is reminded before and on the due day, chased a day late and escalated to head and leader', async () => {
    // (Reminders before the deadline fired as the clock passed them: re-check them from their rows.)
    const since = await lastNoticeId();
    clockTo(d, '2026-12-01', '18:00');
    await scan();
    const chased = await noticesSince(d.people.xiaowang!, since);
    expect(chased.map((n) => [n.event, n.title])).toContainEqual(['deadline.escalation', `已逾期：秘密文档借阅申请 #${loanId} 归还`]);
    expect((await noticesSince(d.people.zhaoliu!, since)).map((n) => n.event)).toContain('deadline.escalation');
    expect(await noticesSince(d.people.lisi!, since)).toEqual([]);
    clockTo(d, '2026-12-03', '09:00');
    await scan();
    for (const who of [d.people.lisi!, d.people.zhenghua!]) expect((await noticesSince(who, since)).map((n) => n.title)).toEqual([`已逾期：秘密文档借阅申请 #${loanId} 归还`]);

    const archivist = await d.as('zhaoliu');
    const overdue = (await archivist.get('/api/document-loans?scope=all&overdue=true')).json<TLoanPage>();
    expect(idsOf(overdue.items)).toEqual([loanId]);
    expect(overdue.items[0]).toMatchObject({ overdue: true });
    expect((await archivist.get('/api/documents/stats')).json()).toMatchObject({ overdueLoans: 1 });
    const benchRes = await (await d.as('xiaowang')).get('/api/workbench');
    expect(benchRes.statusCode, benchRes.body).toBe(200);
    const bench = benchRes.json<TWorkbench>();
    expect(bench.sections.find((s) => s.key === 'loans')).toMatchObject({ count: 1, items: [{ id: String(loanId), overdue: true, link: `/documents/loans/${loanId}` }] });
  });

  it('DOC-5 the archivist records the return; the reminders stop', async () => {
    expect((await (await d.as('xiaowang')).post(`/api/document-loans/${loanId}/return`, {})).statusCode).toBe(403);
    const res = await (await d.as('zhaoliu')).post(`/api/document-loans/${loanId}/return`, { note: '已收回' });
    expect(res.json<TLoan>()).toMatchObject({ status: 'returned', returnedTo: { name: '赵六' }, returnedAt: '2026-12-03T01:00:00.000Z', overdue: false });
    const since = await lastNoticeId();
    clockTo(d, '2026-12-10', '09:00');
    await scan();
    expect(await noticesSince(d.people.xiaowang!, since)).toEqual([]);
    expect((await (await d.as('zhaoliu')).post(`/api/document-loans/${loanId}/return`, {})).json()).toMatchObject({ code: 'LOAN_STATE' });
  });

  it('DOC-4 no notification names the secret document to someone who may not know it', async () => {
    const rows = await d.t.database.db.select().from(notifications);
    const allowed = new Set([d.people.qianqi, d.people.xiaowang, d.people.zhaoliu]);
    expect(rows.filter((n) => `${n.title}${n.body}`.includes('B公司') && !allowed.has(n.recipientId))).toEqual([]);
  });
});

describe('DOC-5 an internal paper loan: returned for changes, resubmitted, rejected, withdrawn', () => {
  it('DOC-5 退回修改 → resubmit → 驳回; a new application after; withdraw an approved one; lists and 404s', async () => {
    clockTo(d, '2026-12-14', '10:00');
    const staff = await d.as('xiaowang');
    const apply = { purpose: '准备经营分析', from: '2026-12-14', to: '2026-12-31', medium: 'paper' };
    const loan = (await staff.post(`/api/documents/${d.docs.meetingMinutes}/loans`, apply)).json<TLoan>();
    expect(loan.status).toBe('applied');
    const head = await approval(await d.as('lisi'), loan.approvalId!);
    expect(head.title).toBe(`借阅《经营例会会议纪要》 ${(await (await d.as('xiaowang')).get(`/api/documents/${d.docs.meetingMinutes}`)).json().number}`);
    expect(head.steps.map((s) => s.key)).toEqual(['head']);
    await decide('lisi', loan.approvalId!, 'return', '请写明用途对应的会议');
    expect(await loanOf(staff, loan.id)).toMatchObject({ status: 'changes_requested', permissions: { canResubmit: true, canWithdraw: true } });
    expect((await (await d.as('qianqi')).post(`/api/document-loans/${loan.id}/resubmit`, apply)).statusCode).toBe(404);
    const again = await staff.post(`/api/document-loans/${loan.id}/resubmit`, { ...apply, purpose: '准备十二月经营例会分析材料' });
    // A resubmission starts a new round: the returned one no longer shows on the form.
    expect(again.json<TLoan>()).toMatchObject({ status: 'applied', purpose: '准备十二月经营例会分析材料', decisions: [] });
    await decide('lisi', loan.approvalId!, 'reject', '请直接查阅电子版');
    expect(await loanOf(staff, loan.id)).toMatchObject({ status: 'rejected', decisions: [{ key: 'head', status: 'rejected', opinion: '请直接查阅电子版' }] });
    expect((await staff.post(`/api/document-loans/${loan.id}/withdraw`)).json()).toMatchObject({ code: 'LOAN_STATE' });

    const second = (await staff.post(`/api/documents/${d.docs.meetingMinutes}/loans`, apply)).json<TLoan>();
    await decide('lisi', second.approvalId!, 'approve');
    expect((await loanOf(staff, second.id)).status).toBe('approved');
    expect((await (await d.as('lisi')).post(`/api/document-loans/${second.id}/withdraw`)).statusCode).toBe(403);
    expect((await staff.post(`/api/document-loans/${second.id}/withdraw`)).json()).toMatchObject({ status: 'withdrawn' });

    const mine = (await staff.get('/api/document-loans')).json<TLoanPage>();
    expect(idsOf(mine.items)).toEqual(expect.arrayContaining([loan.id, second.id]));
    expect((await staff.get('/api/document-loans?scope=all')).statusCode).toBe(403);
    expect((await staff.get('/api/document-loans?status=lost')).json()).toMatchObject({ code: 'VALIDATION', field: 'status' });
    expect((await (await d.as('hetao')).get(`/api/document-loans/${second.id}`)).statusCode).toBe(404);
    expect((await d.t.app.inject({ method: 'GET', url: '/api/document-loans' })).statusCode).toBe(401);
  });
});
