import { type SQL, and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TApprovalBox, TApprovalCounts, TApprovalDetail, TApprovalPage, ZApprovalListQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import { rowsOf } from '../access/scope.ts';
import type { AuthedCtx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { type Names, presentDetail, presentSummary } from './presenters.ts';
import { permissionsFor } from './rules.ts';
import { approvalEvents, approvalParticipants, approvalRequests, approvalSteps } from './schema.ts';
import { participantKinds } from './store.ts';

async function namesOf(db: Db, ids: Iterable<number | null>): Promise<Names> {
  const wanted = [...new Set([...ids].filter((v): v is number => v !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const current = alias(approvalSteps, 'current_step');

/** The boxes, as conditions on a request joined with its current step; participants see only theirs. */
function boxWhere(box: TApprovalBox, me: number): SQL {
  switch (box) {
    case 'waiting':
      return sql`${approvalRequests.status} = 'pending' and ${current.status} = 'open' and ${current.deciderId} = ${me}`;
    case 'submitted':
      return sql`${approvalRequests.requesterId} = ${me}`;
    case 'cc':
      return sql`exists (select 1 from ${approvalParticipants} p where p.request_id = ${approvalRequests.id} and p.person_id = ${me} and p.kind in ('cc', 'admin'))`;
    case 'done':
      return sql`exists (select 1 from ${approvalSteps} s where s.request_id = ${approvalRequests.id} and s.decided_by_id = ${me})`;
  }
}

/** 待我审批 · 我发起的 · 抄送我的 · 我已处理 (ALL-3's "approvals waiting for me" reads the first). */
export async function listApprovals(ctx: AuthedCtx, query: z.output<typeof ZApprovalListQuery>): Promise<TApprovalPage> {
  const where = and(
    boxWhere(query.box, ctx.actor.id),
    query.status ? eq(approvalRequests.status, query.status) : undefined,
    query.flow ? eq(approvalRequests.flow, query.flow) : undefined,
  );
  const base = ctx.db.select({ n: count() }).from(approvalRequests).leftJoin(current, eq(current.id, approvalRequests.currentStepId));
  const [total] = await base.where(where);
  const rows = await ctx.db
    .select({ request: approvalRequests, stepId: current.id, stepLabel: current.label, deciderId: current.deciderId, openedAt: current.openedAt })
    .from(approvalRequests)
    .leftJoin(current, eq(current.id, approvalRequests.currentStepId))
    .where(where)
    // The waiting box is a queue: what has waited longest comes first.
    .orderBy(...(query.box === 'waiting' ? [asc(current.openedAt), asc(approvalRequests.id)] : [desc(approvalRequests.updatedAt), desc(approvalRequests.id)]))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const names = await namesOf(ctx.db, rows.flatMap((r) => [r.request.requesterId, r.deciderId]));
  return {
    items: rows.map((r) => presentSummary(r.request, { id: r.stepId, label: r.stepLabel, deciderId: r.deciderId, openedAt: r.openedAt }, names, ctx.locale)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function approvalCounts(ctx: AuthedCtx): Promise<TApprovalCounts> {
  const me = ctx.actor.id;
  const [row] = rowsOf<TApprovalCounts>(
    await ctx.db.execute(sql`
      select
        (select count(*) from approval_requests r join approval_steps s on s.id = r.current_step_id
          where r.status = 'pending' and s.status = 'open' and s.decider_id = ${me})::int as waiting,
        (select count(*) from approval_requests where requester_id = ${me})::int as submitted,
        (select count(distinct request_id) from approval_participants where person_id = ${me} and kind in ('cc', 'admin'))::int as cc,
        (select count(distinct request_id) from approval_steps where decided_by_id = ${me})::int as done`),
  );
  return { waiting: Number(row?.waiting ?? 0), submitted: Number(row?.submitted ?? 0), cc: Number(row?.cc ?? 0), done: Number(row?.done ?? 0) };
}

/** The request with its steps, full history and what the actor may do; non-participants get 404. */
export async function getApproval(ctx: AuthedCtx, id: number): Promise<TApprovalDetail> {
  const [request] = await ctx.db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  if (!request) throw new AppError('NOT_FOUND');
  const kinds = await participantKinds(ctx.db, id, ctx.actor.id);
  if (!kinds.size) throw new AppError('NOT_FOUND');
  const steps = await ctx.db.select().from(approvalSteps).where(eq(approvalSteps.requestId, id)).orderBy(asc(approvalSteps.round), asc(approvalSteps.position));
  const events = await ctx.db.select().from(approvalEvents).where(eq(approvalEvents.requestId, id)).orderBy(asc(approvalEvents.id));
  const watchers = await ctx.db
    .select({ personId: approvalParticipants.personId })
    .from(approvalParticipants)
    .where(and(eq(approvalParticipants.requestId, id), eq(approvalParticipants.kind, 'cc')))
    .orderBy(asc(approvalParticipants.addedAt), asc(approvalParticipants.personId));
  const watcherIds = watchers.map((w) => w.personId);
  const names = await namesOf(ctx.db, [
    request.requesterId,
    ...steps.flatMap((s) => [s.deciderId, s.decidedById]),
    ...events.flatMap((e) => [e.actorId, ...e.targetIds, ...e.notes.map((n) => n.personId)]),
    ...watcherIds,
  ]);
  const open = steps.find((s) => s.id === request.currentStepId && s.status === 'open');
  const permissions = permissionsFor({
    actorId: ctx.actor.id,
    actorIsAdmin: ctx.actor.roles.includes('admin'),
    status: request.status,
    stuck: request.stuck,
    currentDeciderId: open?.deciderId ?? null,
    hasOpenStep: !!open,
    kinds,
  });
  return presentDetail({ request, steps, events, watcherIds, names, permissions, locale: ctx.locale });
}
