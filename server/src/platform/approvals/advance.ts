import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import type { FlowDefinition } from './flows.ts';
import { sendNotices } from './notices.ts';
import { resolveStepDecider } from './resolve.ts';
import { stepApplies } from './rules.ts';
import { approvalSteps } from './schema.ts';
import { type RequestRow, addParticipants, recordEvent, updateRequest, viewOf } from './store.ts';

/** Lays out a round's steps from the flow, keeping the conditional ones whose facts hold. */
export async function createRound(tx: Tx, request: RequestRow, flow: FlowDefinition): Promise<number> {
  const steps = flow.steps.filter((s) => stepApplies(s.when, request.facts));
  if (!steps.length) return 0;
  await tx.insert(approvalSteps).values(
    steps.map((s, i) => ({
      requestId: request.id,
      round: request.round,
      position: i + 1,
      key: s.key,
      label: s.label,
      rule: typeof s.decider === 'function' ? s.decider(request.facts) : s.decider,
      status: 'waiting' as const,
    })),
  );
  return steps.length;
}

/**
 * Opens the round's next waiting step — its decider resolved now, on today's organisation — or,
 * when none is left, approves the request. A rung passed over is noted in the history; when no
 * one can be found the request is flagged stuck and the administrators are told.
 */
export async function advance(
  tx: Tx,
  request: RequestRow,
  flow: FlowDefinition,
  now: Date,
  actorId: number | null,
  opinion: string | null = null,
): Promise<RequestRow> {
  const [next] = await tx
    .select()
    .from(approvalSteps)
    .where(and(eq(approvalSteps.requestId, request.id), eq(approvalSteps.round, request.round), eq(approvalSteps.status, 'waiting')))
    .orderBy(asc(approvalSteps.position))
    .limit(1);
  if (!next) return finish(tx, request, flow, 'approved', now, actorId, opinion);

  const { deciderId, notes } = await resolveStepDecider(tx, request.requesterId, next.rule);
  await tx.update(approvalSteps).set({ status: 'open', deciderId, openedAt: now.toISOString() }).where(eq(approvalSteps.id, next.id));
  const updated = await updateRequest(tx, request.id, now, { currentStepId: next.id, stuck: deciderId === null });
  if (notes.length) await recordEvent(tx, { request: updated, action: 'escalate', actorId: null, now, stepId: next.id, notes });

  if (deciderId !== null) {
    await addParticipants(tx, request.id, [deciderId], 'decider', now);
    await sendNotices(tx, now, [
      { kind: 'waiting', recipientId: deciderId, request: updated, step: next.label, dedupeKey: `approval:${request.id}:step:${next.id}:open:${deciderId}` },
    ]);
    return updated;
  }
  const eventId = await recordEvent(tx, { request: updated, action: 'stuck', actorId: null, now, stepId: next.id });
  const admins = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.active, true), sql`'admin' = any(${people.roles})`));
  const adminIds = admins.map((a) => a.id).filter((id) => id !== request.requesterId);
  await addParticipants(tx, request.id, adminIds, 'admin', now);
  await sendNotices(
    tx,
    now,
    adminIds.map((id) => ({ kind: 'stuck' as const, recipientId: id, request: updated, step: next.label, dedupeKey: `approval:${request.id}:event:${eventId}:${id}` })),
  );
  return updated;
}

/** The final decision: the module's callback runs in this transaction, then the requester is told. */
export async function finish(
  tx: Tx,
  request: RequestRow,
  flow: FlowDefinition,
  outcome: 'approved' | 'rejected',
  now: Date,
  actorId: number | null,
  opinion: string | null,
): Promise<RequestRow> {
  const updated = await updateRequest(tx, request.id, now, { status: outcome, currentStepId: null, stuck: false, decidedAt: now.toISOString() });
  await flow.onDecided?.(tx, viewOf(updated), outcome, { now, actorId, opinion });
  await sendNotices(tx, now, [
    { kind: outcome, recipientId: updated.requesterId, request: updated, actorId, opinion, dedupeKey: `approval:${request.id}:round:${updated.round}:${outcome}` },
  ]);
  return updated;
}
