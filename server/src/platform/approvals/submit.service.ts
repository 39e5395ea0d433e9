import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { writeAudit } from '../audit/write.ts';
import type { Ctx } from '../http/context.ts';
import { isUniqueViolation } from '../http/db-errors.ts';
import { AppError } from '../http/errors.ts';
import { advance, createRound } from './advance.ts';
import { type ApprovalRequestView, getFlow } from './flows.ts';
import { approvalRequests } from './schema.ts';
import { addParticipants, lockRequest, recordEvent, updateRequest, viewOf } from './store.ts';

export interface SubmitApprovalInput {
  /** A registered flow type, e.g. `doc.borrow`. */
  flow: string;
  /** The module's item the approval is about. */
  subject: { entity: string; entityId: string | number };
  title: string;
  /** What conditional steps look at, e.g. `{ secret: true }`, `{ budget: 50000 }`. */
  facts?: Record<string, unknown>;
}

const LIVE = ['pending', 'returned'] as const;

/**
 * Called by a module inside its own transaction (its `mutate`): creates the request as the actor's,
 * opens the first step and audits, so the item and its approval stand or fall together.
 */
export async function submitApproval(tx: Tx, ctx: Ctx, input: SubmitApprovalInput): Promise<ApprovalRequestView> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const flow = getFlow(input.flow);
  const entityId = String(input.subject.entityId);
  const live = await tx
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.flow, flow.type),
        eq(approvalRequests.entity, input.subject.entity),
        eq(approvalRequests.entityId, entityId),
        inArray(approvalRequests.status, [...LIVE]),
      ),
    );
  if (live.length) throw new AppError('APPROVAL_OPEN');
  const stamp = ctx.now.toISOString();
  const [created] = await tx
    .insert(approvalRequests)
    .values({
      flow: flow.type,
      entity: input.subject.entity,
      entityId,
      title: input.title,
      facts: input.facts ?? {},
      requesterId: ctx.actor.id,
      status: 'pending',
      round: 1,
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning()
    .catch((err: unknown) => {
      // A racing submission for the same item got there first (the partial unique index).
      if (isUniqueViolation(err)) throw new AppError('APPROVAL_OPEN');
      throw err;
    });
  const request = created!;
  await addParticipants(tx, request.id, [ctx.actor.id], 'requester', ctx.now);
  await recordEvent(tx, { request, action: 'submit', actorId: ctx.actor.id, now: ctx.now });
  await createRound(tx, request, flow);
  const opened = await advance(tx, request, flow, ctx.now, null);
  await writeAudit(tx, ctx, { entity: 'approval_request', entityId: request.id, action: 'submit', after: { ...request, status: opened.status } });
  return viewOf(opened);
}

export interface ResubmitApprovalInput {
  requestId: number;
  /** The item as changed by the requester: a new title or facts start the round with them. */
  title?: string;
  facts?: Record<string, unknown>;
}

/**
 * After "return for changes" the module resubmits: a new round, laid out again from the (possibly
 * changed) facts; the earlier rounds stay in the history.
 */
export async function resubmitApproval(tx: Tx, ctx: Ctx, input: ResubmitApprovalInput): Promise<ApprovalRequestView> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  const before = await lockRequest(tx, input.requestId);
  if (!before) throw new AppError('NOT_FOUND');
  if (before.requesterId !== ctx.actor.id) throw new AppError('FORBIDDEN');
  if (before.status !== 'returned') throw new AppError('CONFLICT');
  const flow = getFlow(before.flow);
  const request = await updateRequest(tx, before.id, ctx.now, {
    status: 'pending',
    round: before.round + 1,
    title: input.title ?? before.title,
    facts: input.facts ?? before.facts,
  });
  await recordEvent(tx, { request, action: 'resubmit', actorId: ctx.actor.id, now: ctx.now });
  await createRound(tx, request, flow);
  const opened = await advance(tx, request, flow, ctx.now, null);
  await writeAudit(tx, ctx, {
    entity: 'approval_request',
    entityId: request.id,
    action: 'resubmit',
    before: { status: before.status, round: before.round, title: before.title, facts: before.facts },
    after: { status: opened.status, round: opened.round, title: opened.title, facts: opened.facts },
  });
  return viewOf(opened);
}
