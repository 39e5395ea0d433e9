import { and, eq, inArray } from 'drizzle-orm';
import type { TApprovalDetail } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { lockCurrentStep } from './decide.service.ts';
import { type Notice, sendNotices } from './notices.ts';
import { getApproval } from './queries.service.ts';
import { permissionsFor } from './rules.ts';
import { approvalParticipants, approvalSteps } from './schema.ts';
import { addParticipants, lockRequest, participantKinds, recordEvent, stepById, updateRequest } from './store.ts';

async function lockAsParticipant(tx: Tx, ctx: AuthedCtx, id: number) {
  const request = await lockRequest(tx, id);
  if (!request) throw new AppError('NOT_FOUND');
  const kinds = await participantKinds(tx, id, ctx.actor.id);
  if (!kinds.size) throw new AppError('NOT_FOUND');
  return { request, kinds };
}

async function activePeople(tx: Tx, ids: number[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)));
}

/** 评论: any participant, at any time; the requester and the current decider hear of it. */
export async function commentOn(ctx: AuthedCtx, id: number, input: { opinion: string }): Promise<TApprovalDetail> {
  await mutate(ctx, async (tx, audit) => {
    const { request } = await lockAsParticipant(tx, ctx, id);
    const eventId = await recordEvent(tx, { request, action: 'comment', actorId: ctx.actor.id, now: ctx.now, opinion: input.opinion });
    const after = await updateRequest(tx, id, ctx.now, {});
    const current = request.currentStepId === null ? undefined : await stepById(tx, request.currentStepId);
    const recipients = new Set([request.requesterId, current?.deciderId ?? null]);
    recipients.delete(ctx.actor.id);
    const notices: Notice[] = [];
    for (const r of recipients) {
      if (r !== null) notices.push({ kind: 'comment', recipientId: r, request: after, actorId: ctx.actor.id, opinion: input.opinion, dedupeKey: `approval:${id}:event:${eventId}:${r}` });
    }
    await sendNotices(tx, ctx.now, notices);
    await audit({ entity: 'approval_request', entityId: id, action: 'comment', note: { opinion: input.opinion } });
  });
  return getApproval(ctx, id);
}

/**
 * 转交: the current decider hands the step to another active person (with a note). An admin told
 * about a stuck request may do the same to give it a decider. Never to the requester.
 */
export async function transferStep(ctx: AuthedCtx, id: number, input: { stepId: number; toId: number; opinion: string | null }): Promise<TApprovalDetail> {
  await mutate(ctx, async (tx, audit) => {
    const { request, step, kinds } = await lockCurrentStep(tx, ctx, id, input.stepId);
    const allowed = permissionsFor({
      actorId: ctx.actor.id,
      actorIsAdmin: ctx.actor.roles.includes('admin'),
      status: request.status,
      stuck: request.stuck,
      currentDeciderId: step.deciderId,
      hasOpenStep: true,
      kinds,
    });
    if (!allowed.canTransfer) throw new AppError('FORBIDDEN');
    if (input.toId === request.requesterId) throw new AppError('APPROVAL_SELF', 'toId');
    if (input.toId === step.deciderId) throw new AppError('VALIDATION', 'toId');
    if (!(await activePeople(tx, [input.toId])).length) throw new AppError('INVALID_REFERENCE', 'toId');

    await tx.update(approvalSteps).set({ deciderId: input.toId }).where(eq(approvalSteps.id, step.id));
    const after = await updateRequest(tx, id, ctx.now, { stuck: false });
    await addParticipants(tx, id, [input.toId], 'decider', ctx.now);
    const eventId = await recordEvent(tx, {
      request,
      action: 'transfer',
      actorId: ctx.actor.id,
      now: ctx.now,
      stepId: step.id,
      opinion: input.opinion,
      targetIds: [input.toId],
    });
    await sendNotices(tx, ctx.now, [
      {
        kind: 'transferred',
        recipientId: input.toId,
        request: after,
        step: step.label,
        actorId: ctx.actor.id,
        opinion: input.opinion,
        dedupeKey: `approval:${id}:event:${eventId}:${input.toId}`,
      },
    ]);
    await audit({
      entity: 'approval_request',
      entityId: id,
      action: 'transfer',
      before: { deciderId: step.deciderId, stuck: request.stuck },
      after: { deciderId: input.toId, stuck: false },
      note: { stepId: step.id, opinion: input.opinion },
    });
  });
  return getApproval(ctx, id);
}

/** 抄送: the requester or a decider adds watchers; they may read and comment, not decide. */
export async function ccPeople(ctx: AuthedCtx, id: number, input: { personIds: number[]; opinion: string | null }): Promise<TApprovalDetail> {
  await mutate(ctx, async (tx, audit) => {
    const { request, kinds } = await lockAsParticipant(tx, ctx, id);
    if (!kinds.has('requester') && !kinds.has('decider')) throw new AppError('FORBIDDEN');
    const wanted = [...new Set(input.personIds)];
    const active = new Set((await activePeople(tx, wanted)).map((p) => p.id));
    if (wanted.some((p) => !active.has(p))) throw new AppError('INVALID_REFERENCE', 'personIds');
    const already = await tx
      .select({ personId: approvalParticipants.personId })
      .from(approvalParticipants)
      .where(and(eq(approvalParticipants.requestId, id), eq(approvalParticipants.kind, 'cc'), inArray(approvalParticipants.personId, wanted)));
    const skip = new Set([request.requesterId, ...already.map((a) => a.personId)]);
    const added = wanted.filter((p) => !skip.has(p));
    if (!added.length) return;
    await addParticipants(tx, id, added, 'cc', ctx.now);
    const after = await updateRequest(tx, id, ctx.now, {});
    const eventId = await recordEvent(tx, { request, action: 'cc', actorId: ctx.actor.id, now: ctx.now, opinion: input.opinion, targetIds: added });
    await sendNotices(
      tx,
      ctx.now,
      added.map((p) => ({
        kind: 'cc' as const,
        recipientId: p,
        request: after,
        actorId: ctx.actor.id,
        opinion: input.opinion,
        dedupeKey: `approval:${id}:event:${eventId}:${p}`,
      })),
    );
    await audit({ entity: 'approval_request', entityId: id, action: 'cc', note: { personIds: added, opinion: input.opinion } });
  });
  return getApproval(ctx, id);
}
