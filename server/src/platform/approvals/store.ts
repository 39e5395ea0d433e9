import { and, eq, sql } from 'drizzle-orm';
import type { TApprovalAction } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import type { ApprovalRequestView } from './flows.ts';
import { type ParticipantKind, type StoredNote, approvalEvents, approvalParticipants, approvalRequests, approvalSteps } from './schema.ts';

export type RequestRow = typeof approvalRequests.$inferSelect;
export type StepRow = typeof approvalSteps.$inferSelect;

export const viewOf = (r: RequestRow): ApprovalRequestView => ({
  id: r.id,
  flow: r.flow,
  subject: { entity: r.entity, entityId: r.entityId },
  title: r.title,
  facts: r.facts,
  requesterId: r.requesterId,
  status: r.status,
  round: r.round,
});

/**
 * The request row, locked for the rest of the transaction: two deciders acting at once queue here,
 * and the second sees the first one's result (READ COMMITTED re-reads after the lock).
 */
export async function lockRequest(tx: Tx, id: number): Promise<RequestRow | undefined> {
  const [row] = await tx.select().from(approvalRequests).where(eq(approvalRequests.id, id)).for('update');
  return row;
}

export async function participantKinds(db: Db | Tx, requestId: number, personId: number): Promise<Set<ParticipantKind>> {
  const rows = await db
    .select({ kind: approvalParticipants.kind })
    .from(approvalParticipants)
    .where(and(eq(approvalParticipants.requestId, requestId), eq(approvalParticipants.personId, personId)));
  return new Set(rows.map((r) => r.kind));
}

export async function addParticipants(tx: Tx, requestId: number, personIds: number[], kind: ParticipantKind, now: Date): Promise<void> {
  if (!personIds.length) return;
  await tx
    .insert(approvalParticipants)
    .values(personIds.map((personId) => ({ requestId, personId, kind, addedAt: now.toISOString() })))
    .onConflictDoNothing();
}

export interface EventInput {
  request: RequestRow;
  action: TApprovalAction;
  actorId: number | null;
  now: Date;
  stepId?: number | null;
  opinion?: string | null;
  targetIds?: number[];
  notes?: StoredNote[];
}

export async function recordEvent(tx: Tx, e: EventInput): Promise<number> {
  const [row] = await tx
    .insert(approvalEvents)
    .values({
      requestId: e.request.id,
      round: e.request.round,
      stepId: e.stepId ?? null,
      action: e.action,
      actorId: e.actorId,
      opinion: e.opinion ?? null,
      targetIds: e.targetIds ?? [],
      notes: e.notes ?? [],
      at: e.now.toISOString(),
    })
    .returning({ id: approvalEvents.id });
  return row!.id;
}

/** Every change bumps the version (the web compares it) and the update time. */
export async function updateRequest(tx: Tx, id: number, now: Date, set: Partial<RequestRow>): Promise<RequestRow> {
  const [row] = await tx
    .update(approvalRequests)
    .set({ ...set, updatedAt: now.toISOString(), version: sql`${approvalRequests.version} + 1` })
    .where(eq(approvalRequests.id, id))
    .returning();
  return row!;
}

export async function stepById(tx: Tx, id: number): Promise<StepRow | undefined> {
  const [row] = await tx.select().from(approvalSteps).where(eq(approvalSteps.id, id));
  return row;
}

/** The steps of the round not reached yet end with it (reject, return). */
export async function cancelWaitingSteps(tx: Tx, request: RequestRow): Promise<void> {
  await tx
    .update(approvalSteps)
    .set({ status: 'cancelled' })
    .where(and(eq(approvalSteps.requestId, request.id), eq(approvalSteps.round, request.round), eq(approvalSteps.status, 'waiting')));
}
