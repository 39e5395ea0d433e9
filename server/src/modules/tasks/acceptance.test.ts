import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TApprovalDetail, TFileMeta, TTask, TTaskPage } from '@opsdesk/contract';
import { formData } from '../../../test/multipart.ts';
import { deadlines } from '../../platform/deadlines/schema.ts';
import { tasks } from './schema.ts';
import { type TaskTestWorld, createVia, ok, taskBody, taskWorld } from './testing.ts';

let w: TaskTestWorld;
beforeAll(async () => {
  w = await taskWorld();
});
afterAll(() => w.t.close());

/** A task of 小王's, created by 李四 and already in progress. */
async function started(extra: Parameters<typeof taskBody>[1] = {}): Promise<TTask> {
  const task = await createVia(await w.as('lisi'), taskBody(w.ids.xiaowang!, { collaborators: [{ personId: w.ids.qianqi!, share: '核对数据' }], ...extra }));
  return ok((await w.as('xiaowang')).post(`/api/tasks/${task.id}/progress`, { progress: 90, stage: '待提交' }));
}

async function upload(username: string, name: string): Promise<TFileMeta> {
  const form = formData([{ name: 'file', filename: name, type: 'application/vnd.ms-excel', data: 'id,name\n1,A公司' }]);
  const res = await (await w.as(username)).request({ method: 'POST', url: '/api/files', payload: form.payload, headers: form.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TFileMeta>();
}

describe('POST /api/tasks/:id/submit (TSK-9)', () => {
  it('401; 403 for a collaborator; 409 when not in progress; 400 without a file or link, or with a bad link', async () => {
    const task = await started();
    const url = `/api/tasks/${task.id}/submit`;
    expect((await w.t.app.inject({ method: 'POST', url, payload: { link: 'https://pan.example.com/x' } })).statusCode).toBe(401);
    expect((await (await w.as('qianqi')).post(url, { link: 'https://pan.example.com/x' })).statusCode).toBe(403);
    const xw = await w.as('xiaowang');
    expect((await xw.post(url, {})).json()).toMatchObject({ code: 'TASK_DELIVERABLE_REQUIRED', field: 'link', message: '请上传交付成果文件或填写成果链接' });
    expect((await xw.post(url, { link: 'ftp://files.example.com/a.xlsx' })).json()).toMatchObject({ code: 'VALIDATION', field: 'link' });
    const fresh = await createVia(await w.as('lisi'), taskBody(w.ids.xiaowang!));
    const early = await xw.post(`/api/tasks/${fresh.id}/submit`, { link: 'https://pan.example.com/x' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'TASK_STATE', message: '任务当前状态为“未开始”，不能进行此操作' });
    const someoneElses = await upload('qianqi', '别人的.xlsx');
    expect((await xw.post(url, { fileId: someoneElses.id })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'fileId' });
  });

  it('submit → 待验收 → reject with requirements → 进行中 → resubmit → accept with opinion → 已完成; every round kept', async () => {
    const task = await started({ acceptorId: w.ids.zhangsan! });
    const xw = await w.as('xiaowang');
    const submitted = await ok(xw.post(`/api/tasks/${task.id}/submit`, { link: 'https://pan.example.com/customers-v1', note: '第一版' }));
    expect(submitted).toMatchObject({ status: 'awaiting_acceptance', permissions: { canSubmit: false, canPostProgress: false, canAccept: false } });
    expect(submitted.acceptanceRounds).toMatchObject([{ round: 1, link: 'https://pan.example.com/customers-v1', note: '第一版', decision: null, submittedBy: { name: '小王' } }]);
    // The acceptor (张三) decides; 李四 (creator, head) and the owner may not.
    const zhangsan = await w.as('zhangsan');
    const seen = await ok(zhangsan.get(`/api/tasks/${task.id}`));
    expect(seen.permissions).toMatchObject({ canAccept: true, canReject: true });
    expect((await (await w.as('lisi')).post(`/api/tasks/${task.id}/accept`, { opinion: '可以' })).statusCode).toBe(403);
    expect((await xw.post(`/api/tasks/${task.id}/accept`, { opinion: '自己验收' })).statusCode).toBe(403);
    expect((await zhangsan.post(`/api/tasks/${task.id}/reject`, {})).json()).toMatchObject({ code: 'VALIDATION', field: 'requirements', message: '修改要求：必填' });
    const approval = await ok<TApprovalDetail>(zhangsan.get(`/api/approvals/${submitted.approvalId}`));
    expect(approval).toMatchObject({ flow: 'task.acceptance', flowLabel: '任务验收', subjectLink: `/tasks/${task.id}`, currentStep: { decider: { name: '张三' } } });
    const [waiting] = await w.t.database.db.select().from(deadlines).where(and(eq(deadlines.entityId, String(task.id)), eq(deadlines.kind, 'acceptance')));
    expect(waiting).toMatchObject({ ownerId: w.ids.zhangsan, doneAt: null });

    const rejected = await ok(zhangsan.post(`/api/tasks/${task.id}/reject`, { requirements: '请补充异常数据的核对说明' }));
    expect(rejected).toMatchObject({ status: 'in_progress', acceptanceRounds: [{ round: 1, decision: 'rejected', opinion: '请补充异常数据的核对说明', decidedBy: { name: '张三' } }] });
    expect(rejected.permissions.canAccept).toBe(false);
    expect((await zhangsan.post(`/api/tasks/${task.id}/accept`, { opinion: '好' })).json()).toMatchObject({ code: 'TASK_STATE' });

    const file = await upload('xiaowang', '客户数据表-v2.xlsx');
    const again = await ok(xw.post(`/api/tasks/${task.id}/submit`, { fileId: file.id, note: '已补充核对说明' }));
    expect(again.approvalId).toBe(submitted.approvalId);
    expect(again.acceptanceRounds.map((r) => [r.round, r.decision, r.file?.fileName ?? r.link])).toEqual([
      [1, 'rejected', 'https://pan.example.com/customers-v1'],
      [2, null, '客户数据表-v2.xlsx'],
    ]);
    // The deliverable is readable by whoever sees the task, and by nobody else.
    expect((await (await w.as('qianqi')).get(`/api/files/${file.id}/meta`)).statusCode).toBe(200);
    expect((await (await w.as('chenjing')).get(`/api/files/${file.id}/meta`)).statusCode).toBe(404);

    const accepted = await ok(zhangsan.post(`/api/tasks/${task.id}/accept`, { opinion: '数据完整，验收通过' }));
    expect(accepted).toMatchObject({ status: 'done', progress: 100, acceptanceOpinion: '数据完整，验收通过' });
    expect(accepted.acceptanceRounds[1]).toMatchObject({ round: 2, decision: 'accepted', opinion: '数据完整，验收通过' });
    expect(Object.values(accepted.permissions).every((p) => p === false)).toBe(true);
    const history = (await zhangsan.get(`/api/approvals/${submitted.approvalId}`)).json<TApprovalDetail>().history.map((h) => h.action);
    expect(history).toEqual(['submit', 'return', 'resubmit', 'approve']);
    const [row] = await w.t.database.db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(row?.doneAt).not.toBeNull();
    expect((await xw.patch(`/api/tasks/${task.id}`, { version: accepted.version, name: '再改' })).json()).toMatchObject({ code: 'TASK_STATE' });
    const open = await w.t.database.db.select().from(deadlines).where(eq(deadlines.entityId, String(task.id)));
    expect(open.every((d) => d.doneAt !== null)).toBe(true);
  });

  it('without an acceptor the owner’s head decides; a head’s own task goes up the ladder; a final 驳回 also reopens it', async () => {
    const task = await started();
    expect(task.expectedAcceptor).toEqual({ id: w.ids.lisi, name: '李四' });
    const submitted = await ok((await w.as('xiaowang')).post(`/api/tasks/${task.id}/submit`, { link: 'https://pan.example.com/a' }));
    const lisi = await w.as('lisi');
    expect((await ok(lisi.get(`/api/tasks/${task.id}`))).permissions.canAccept).toBe(true);
    // 驳回 in the approval centre (final): the task is back in progress and the next submission is a new approval.
    const detail = await ok<TApprovalDetail>(lisi.get(`/api/approvals/${submitted.approvalId}`));
    await ok(lisi.post(`/api/approvals/${submitted.approvalId}/reject`, { stepId: detail.currentStep!.id, opinion: '方向不对，重新整理' }));
    const reopened = await ok(lisi.get(`/api/tasks/${task.id}`));
    expect(reopened).toMatchObject({ status: 'in_progress', acceptanceRounds: [{ decision: 'rejected', opinion: '方向不对，重新整理' }] });
    const next = await ok((await w.as('xiaowang')).post(`/api/tasks/${task.id}/submit`, { link: 'https://pan.example.com/b' }));
    expect(next.approvalId).not.toBe(submitted.approvalId);

    // 李四's own task: he heads 市场部 (no department above), so his division leader 郑华 accepts.
    const own = await createVia(lisi, taskBody(w.ids.lisi!));
    expect(own.expectedAcceptor).toEqual({ id: w.ids.zhenghua, name: '郑华' });
  });

  it('TSK-9/ALL-7 an acceptance transferred to someone outside: they find the task in 全部 and 我参与的, decide it and keep seeing it', async () => {
    const task = await started({ acceptorId: w.ids.zhangsan! });
    const submitted = await ok((await w.as('xiaowang')).post(`/api/tasks/${task.id}/submit`, { link: 'https://pan.example.com/plan' }));
    const zhangsan = await w.as('zhangsan');
    const approval = await ok<TApprovalDetail>(zhangsan.get(`/api/approvals/${submitted.approvalId}`));
    const wangwu = await w.as('wangwu');
    const ids = async (scope: string) => (await ok<TTaskPage>(wangwu.get(`/api/tasks?scope=${scope}&pageSize=200`))).items.map((i) => i.id);
    expect(await ids('all')).not.toContain(task.id);
    expect((await wangwu.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
    await ok(zhangsan.post(`/api/approvals/${submitted.approvalId}/transfer`, { stepId: approval.currentStep!.id, toId: w.ids.wangwu!, opinion: '王五更了解' }));
    expect(await ids('all')).toContain(task.id);
    expect(await ids('involved')).toContain(task.id);
    const accepted = await ok<TTask>(wangwu.post(`/api/tasks/${task.id}/accept`, { opinion: '计划可行' }));
    expect(accepted).toMatchObject({ status: 'done' });
    // Having decided it, he still finds it (the round he accepted is his record too).
    expect(await ids('involved')).toContain(task.id);
    expect((await wangwu.get(`/api/tasks/${task.id}`)).statusCode).toBe(200);
  });
});

