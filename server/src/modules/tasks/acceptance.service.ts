import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { TTask, ZTaskAcceptInput, ZTaskRejectInput, ZTaskSubmitInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { type ApprovalRequestView, type DecisionMeta, registerFlow, resubmitApproval, submitApproval } from '../../platform/approvals/index.ts';
import { approveStep, returnStep } from '../../platform/approvals/decide.service.ts';
import { approvalRequests, approvalSteps } from '../../platform/approvals/schema.ts';
import { writeAudit } from '../../platform/audit/write.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import { attachFile } from '../../platform/files/attach.ts';
import { type AuthedCtx, type Ctx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { people } from '../org/schema.ts';
import { calendarAround, completeAcceptance, completeDue, declareAcceptance, declareDue } from './deadlines.ts';
import { taskTimeZone } from './settings.ts';
import { getTask, loadVisible } from './detail.service.ts';
import { lockFor, mustNotNeedDelay, refusal } from './guard.ts';
import { taskAcceptances, tasks } from './schema.ts';
import { currentDeciders, lockTask } from './store.ts';
import { acceptorRule } from './acceptance.flow.ts';

export const ACCEPTANCE_FLOW = 'task.acceptance';
/** Deliverable files belong to the task: whoever may see the task may read them (files.ts). */
export const DELIVERABLE_OWNER = 'task';

/**
 * TSK-9 acceptance as an approval chain of one step: the task's acceptor (需求方) if it names one,
 * else the owner's head (the approval ladder: a vacant post or the owner themself goes up).
 */
export function registerAcceptanceFlow(): void {
  registerFlow(FLOW);
}

const FLOW = {
  type: ACCEPTANCE_FLOW,
  label: { 'zh-CN': '任务验收', 'en-US': 'Task acceptance' },
  steps: [
    {
      key: 'acceptor',
      label: { 'zh-CN': '验收', 'en-US': 'Acceptance' },
      decider: acceptorRule,
    },
  ],
  subjectLink: (s: { entityId: string }) => `/tasks/${s.entityId}`,
  onDecided: (tx: Tx, request: ApprovalRequestView, outcome: 'approved' | 'rejected', meta: DecisionMeta) =>
    outcome === 'approved' ? accepted(tx, request, meta) : sentBack(tx, request, meta, 'reject'),
  onReturned: (tx: Tx, request: ApprovalRequestView, meta: DecisionMeta) => sentBack(tx, request, meta, 'return'),
};

/** The approval platform decides inside its own transaction; the task's audit row goes with it. */
async function auditAs(tx: Tx, meta: DecisionMeta, event: Parameters<typeof writeAudit>[2]) {
  const [actor] = meta.actorId === null ? [] : await tx.select().from(people).where(eq(people.id, meta.actorId));
  const ctx: Ctx = {
    db: tx,
    actor: actor ? { id: actor.id, name: actor.name, username: actor.username, roles: actor.roles, departmentId: actor.departmentId } : null,
    ip: null,
    now: meta.now,
    locale: 'zh-CN',
  };
  await writeAudit(tx, ctx, event);
}

async function decideRound(tx: Tx, taskId: number, decision: 'accepted' | 'rejected', meta: DecisionMeta) {
  await tx
    .update(taskAcceptances)
    .set({ decision, decidedById: meta.actorId, decidedAt: meta.now.toISOString(), opinion: meta.opinion })
    .where(and(eq(taskAcceptances.taskId, taskId), isNull(taskAcceptances.decision)));
}

/** Accepted with the 验收意见 → 已完成 (progress 100 %); reminders end. */
async function accepted(tx: Tx, request: ApprovalRequestView, meta: DecisionMeta) {
  const task = await lockTask(tx, Number(request.subject.entityId));
  if (!task) return;
  await tx
    .update(tasks)
    .set({ status: 'done', progress: 100, acceptanceOpinion: meta.opinion, doneAt: meta.now.toISOString(), version: sql`${tasks.version} + 1`, updatedAt: meta.now.toISOString() })
    .where(eq(tasks.id, task.id));
  await decideRound(tx, task.id, 'accepted', meta);
  await completeAcceptance(tx, task.id, meta.now);
  await completeDue(tx, task.id, meta.now);
  await auditAs(tx, meta, { entity: 'task', entityId: task.id, action: 'accept', before: { status: task.status }, after: { status: 'done', acceptanceOpinion: meta.opinion } });
}

/** Rejected with the 修改要求 → back to 进行中, the requirements kept on the round; due reminders resume. */
async function sentBack(tx: Tx, request: ApprovalRequestView, meta: DecisionMeta, how: 'reject' | 'return') {
  const task = await lockTask(tx, Number(request.subject.entityId));
  if (!task) return;
  const [after] = await tx
    .update(tasks)
    .set({ status: 'in_progress', version: sql`${tasks.version} + 1`, updatedAt: meta.now.toISOString() })
    .where(eq(tasks.id, task.id))
    .returning();
  await decideRound(tx, task.id, 'rejected', meta);
  await completeAcceptance(tx, task.id, meta.now);
  await declareDue(tx, await calendarAround(tx, [dateInZone(meta.now, taskTimeZone()), after!.dueDate]), meta.now, after!);
  await auditAs(tx, meta, { entity: 'task', entityId: task.id, action: how, before: { status: task.status }, after: { status: 'in_progress' }, note: { requirements: meta.opinion } });
}

/**
 * TSK-9 `POST /api/tasks/:id/submit`: the owner hands in the deliverable (an uploaded file and/or
 * a link) → 待验收. The first round opens an approval; after a return (退回修改) the same approval
 * is resubmitted as its next round. Every round is kept in task_acceptances.
 */
export async function submitTask(ctx: AuthedCtx, id: number, input: z.output<typeof ZTaskSubmitInput>): Promise<TTask> {
  const { scope } = await loadVisible(ctx, id);
  const cal = await getCalendar(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const { task } = await lockFor(tx, scope, ctx.locale, id, 'canSubmit', (p) => p.owner);
    mustNotNeedDelay(task, ctx.now);
    if (!input.fileId && !input.link) throw new AppError('TASK_DELIVERABLE_REQUIRED', 'link');
    if (input.fileId) await attachFile(tx, input.fileId, DELIVERABLE_OWNER, id, { actor: ctx.actor, field: 'fileId' });
    const facts = { acceptorId: task.acceptorId, number: task.number };
    const title = `任务验收：${task.number} ${task.name}`;
    const [returned] = await tx
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .where(and(eq(approvalRequests.flow, ACCEPTANCE_FLOW), eq(approvalRequests.entity, 'task'), eq(approvalRequests.entityId, String(id)), eq(approvalRequests.status, 'returned')));
    const request = returned
      ? await resubmitApproval(tx, ctx, { requestId: returned.id, title, facts })
      : await submitApproval(tx, ctx, { flow: ACCEPTANCE_FLOW, subject: { entity: 'task', entityId: id }, title, facts });
    const [rounds] = await tx.select({ n: count() }).from(taskAcceptances).where(eq(taskAcceptances.taskId, id));
    await tx.insert(taskAcceptances).values({
      taskId: id,
      round: (rounds?.n ?? 0) + 1,
      approvalId: request.id,
      submittedAt: ctx.now.toISOString(),
      submittedById: ctx.actor.id,
      fileId: input.fileId,
      link: input.link,
      note: input.note,
    });
    const [after] = await tx
      .update(tasks)
      .set({ status: 'awaiting_acceptance', approvalId: request.id, version: sql`${tasks.version} + 1`, updatedAt: ctx.now.toISOString() })
      .where(eq(tasks.id, id))
      .returning();
    await completeDue(tx, id, ctx.now);
    const decider = (await currentDeciders(tx, [after!])).get(id);
    if (decider !== undefined) await declareAcceptance(tx, cal, ctx.now, after!, decider);
    await audit({
      entity: 'task',
      entityId: id,
      action: 'submit',
      before: { status: task.status },
      after: { status: 'awaiting_acceptance' },
      note: { fileId: input.fileId, link: input.link, submitNote: input.note },
    });
  });
  return getTask(ctx, id);
}

/** The open step of the task's acceptance, for the decider's action (a stale one is 409 in the platform). */
async function openStep(ctx: AuthedCtx, approvalId: number): Promise<number> {
  const [step] = await ctx.db
    .select({ id: approvalSteps.id })
    .from(approvalSteps)
    .where(and(eq(approvalSteps.requestId, approvalId), eq(approvalSteps.status, 'open')));
  if (!step) throw new AppError('CONFLICT');
  return step.id;
}

/** The caller must be the current decider (403) of an awaiting task (409); the platform locks and re-checks. */
async function deciding(ctx: AuthedCtx, id: number): Promise<number> {
  const { row, scope, collaboratorIds, deciderId } = await loadVisible(ctx, id);
  const refused = refusal(scope, ctx.locale, { ...row.task, collaboratorIds, currentDeciderId: deciderId }, 'canAccept', (p) => p.decider);
  if (refused) throw refused;
  return row.task.approvalId!;
}

/** TSK-9 `POST /api/tasks/:id/accept`: 验收通过 with the opinion, through the approval chain. */
export async function acceptTask(ctx: AuthedCtx, id: number, input: z.output<typeof ZTaskAcceptInput>): Promise<TTask> {
  const approvalId = await deciding(ctx, id);
  await approveStep(ctx, approvalId, { stepId: await openStep(ctx, approvalId), opinion: input.opinion });
  return getTask(ctx, id);
}

/** TSK-9 `POST /api/tasks/:id/reject`: 驳回 with modification requirements → 进行中; the owner resubmits. */
export async function rejectTask(ctx: AuthedCtx, id: number, input: z.output<typeof ZTaskRejectInput>): Promise<TTask> {
  const approvalId = await deciding(ctx, id);
  await returnStep(ctx, approvalId, { stepId: await openStep(ctx, approvalId), opinion: input.requirements });
  return getTask(ctx, id);
}
