import { eq } from 'drizzle-orm';
import type { TApprovalDetail } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { advance, finish } from './advance.ts';
import { getFlow } from './flows.ts';
import { sendNotices } from './notices.ts';
import { getApproval } from './queries.service.ts';
import { approvalSteps } from './schema.ts';
import { type RequestRow, type StepRow, cancelWaitingSteps, lockRequest, participantKinds, recordEvent, stepById, updateRequest, viewOf } from './store.ts';

/**
 * Locks the request, then checks in this order: a participant (else 404, as if it did not exist),
 * the step still current (else 409: someone decided first), the actor its decider (else 403).
 */
export async function lockCurrentStep(tx: Tx, ctx: AuthedCtx, id: number, stepId: number) {
  const request = await lockRequest(tx, id);
  if (!request) throw new AppError('NOT_FOUND');
  const kinds = await participantKinds(tx, id, ctx.actor.id);
  if (!kinds.size) throw new AppError('NOT_FOUND');
  if (request.status !== 'pending' || request.currentStepId !== stepId) throw new AppError('CONFLICT');
  const step = await stepById(tx, stepId);
  if (!step || step.status !== 'open') throw new AppError('CONFLICT');
  return { request, step, kinds };
}

function mustDecide(ctx: AuthedCtx, step: StepRow) {
  // Nobody approves their own request: the requester is never resolved or transferred to as decider.
  if (step.deciderId !== ctx.actor.id) throw new AppError('FORBIDDEN');
}

async function closeStep(tx: Tx, ctx: AuthedCtx, step: StepRow, status: 'approved' | 'rejected' | 'returned', opinion: string | null) {
  await tx
    .update(approvalSteps)
    .set({ status, decidedById: ctx.actor.id, decidedAt: ctx.now.toISOString(), opinion })
    .where(eq(approvalSteps.id, step.id));
}

type Audit = Parameters<Parameters<typeof mutate>[1]>[1];
const auditDecision = (audit: Audit, before: RequestRow, after: RequestRow, action: string, step: StepRow, opinion: string | null) =>
  audit({
    entity: 'approval_request',
    entityId: before.id,
    action,
    before: { status: before.status, currentStepId: before.currentStepId },
    after: { status: after.status, currentStepId: after.currentStepId },
    note: { stepId: step.id, step: step.key, opinion },
  });

/** 同意: the next step opens (its decider resolved now), or after the last one the request is approved. */
export async function approveStep(ctx: AuthedCtx, id: number, input: { stepId: number; opinion: string | null }): Promise<TApprovalDetail> {
  await mutate(ctx, async (tx, audit) => {
    const { request, step } = await lockCurrentStep(tx, ctx, id, input.stepId);
    mustDecide(ctx, step);
    await closeStep(tx, ctx, step, 'approved', input.opinion);
    await recordEvent(tx, { request, action: 'approve', actorId: ctx.actor.id, now: ctx.now, stepId: step.id, opinion: input.opinion });
    const after = await advance(tx, request, getFlow(request.flow), ctx.now, ctx.actor.id, input.opinion);
    await auditDecision(audit, request, after, 'approve', step, input.opinion);
  });
  return getApproval(ctx, id);
}

/** 驳回: final; the reason is required (the contract's schema refuses an empty one, naming `opinion`). */
export async function rejectStep(ctx: AuthedCtx, id: number, input: { stepId: number; opinion: string }): Promise<TApprovalDetail> {
  await mutate(ctx, async (tx, audit) => {
    const { request, step } = await lockCurrentStep(tx, ctx, id, input.stepId);
    mustDecide(ctx, step);
    await closeStep(tx, ctx, step, 'rejected', input.opinion);
    await cancelWaitingSteps(tx, request);
    await recordEvent(tx, { request, action: 'reject', actorId: ctx.actor.id, now: ctx.now, stepId: step.id, opinion: input.opinion });
    const after = await finish(tx, request, getFlow(request.flow), 'rejected', ctx.now, ctx.actor.id, input.opinion);
    await auditDecision(audit, request, after, 'reject', step, input.opinion);
  });
  return getApproval(ctx, id);
}

/**
 * 退回修改 (TSK-9: "rejects with modification requirements → back to 进行中"): the round ends and
 * the request goes back to the requester; the module may resubmit it (a new round).
 */
export async function returnStep(ctx: AuthedCtx, id: number, input: { stepId: number; opinion: string }): Promise<TApprovalDetail> {
  await mutate(ctx, async (tx, audit) => {
    const { request, step } = await lockCurrentStep(tx, ctx, id, input.stepId);
    mustDecide(ctx, step);
    await closeStep(tx, ctx, step, 'returned', input.opinion);
    await cancelWaitingSteps(tx, request);
    await recordEvent(tx, { request, action: 'return', actorId: ctx.actor.id, now: ctx.now, stepId: step.id, opinion: input.opinion });
    const after = await updateRequest(tx, request.id, ctx.now, { status: 'returned', currentStepId: null, stuck: false });
    await getFlow(request.flow).onReturned?.(tx, viewOf(after), { now: ctx.now, actorId: ctx.actor.id, opinion: input.opinion });
    await sendNotices(tx, ctx.now, [
      {
        kind: 'returned',
        recipientId: after.requesterId,
        request: after,
        actorId: ctx.actor.id,
        opinion: input.opinion,
        dedupeKey: `approval:${id}:round:${after.round}:returned`,
      },
    ]);
    await auditDecision(audit, request, after, 'return', step, input.opinion);
  });
  return getApproval(ctx, id);
}
