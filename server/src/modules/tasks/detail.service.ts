import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TTask, TTaskHistoryEntry } from '@opsdesk/contract';
import { type Scope, resolveScope } from '../../platform/access/scope.ts';
import { resolveStepDecider } from '../../platform/approvals/resolve.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { toIso } from '../../platform/calendar/zone.ts';
import { files } from '../../platform/files/schema.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { people } from '../org/schema.ts';
import { acceptorRule } from './acceptance.flow.ts';
import { canSeeTask } from './policy.ts';
import { type TaskColumns, type TaskListRow, accessFacts, presentRef } from './presenters.ts';
import { dayOf, presentPage, selectTaskRows } from './queries.service.ts';
import { atRiskWhy, missingRiskPlan, needsDelayReason } from './rules.ts';
import { taskAcceptances, taskDelays, taskDependencies, taskDependencyOverrides, taskProgress, tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import type { TaskDay } from './sql.ts';

/**
 * A task the caller may see (ALL-7), with the facts its checks need; anything else is 404, so
 * "not yours" and "does not exist" look the same.
 */
export async function loadVisible(ctx: AuthedCtx, id: number): Promise<{ row: TaskListRow<TaskColumns>; scope: Scope; day: TaskDay; collaboratorIds: number[]; deciderId: number | null }> {
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const [row] = await selectTaskRows(ctx.db, day).where(eq(tasks.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  const facts = accessFacts(row);
  if (!canSeeTask(scope, facts)) throw new AppError('NOT_FOUND');
  return { row, scope, day, collaboratorIds: [...facts.collaboratorIds], deciderId: row.deciderId };
}

const person = (id: number | null, name: string | null) => (id === null || name === null ? null : { id, name });

/** `GET /api/tasks/:id`: everything the detail page shows, with the caller's permissions. */
export async function getTask(ctx: AuthedCtx, id: number): Promise<TTask> {
  const { row, scope, day } = await loadVisible(ctx, id);
  const t = row.task;
  const db = ctx.db;
  const [item] = presentPage(scope, [row], day);
  const [progressLog, delays, rounds, predecessors, successors, overrides, names, cal] = await Promise.all([
    db
      .select({ entry: taskProgress, name: people.name })
      .from(taskProgress)
      .innerJoin(people, eq(people.id, taskProgress.authorId))
      .where(eq(taskProgress.taskId, id))
      .orderBy(asc(taskProgress.id)),
    db.select({ delay: taskDelays, name: people.name }).from(taskDelays).innerJoin(people, eq(people.id, taskDelays.authorId)).where(eq(taskDelays.taskId, id)).orderBy(asc(taskDelays.id)),
    db
      .select({ round: taskAcceptances, fileName: files.fileName })
      .from(taskAcceptances)
      .leftJoin(files, eq(files.id, taskAcceptances.fileId))
      .where(eq(taskAcceptances.taskId, id))
      .orderBy(asc(taskAcceptances.round)),
    db
      .select({ id: tasks.id, number: tasks.number, name: tasks.name, status: tasks.status, dueDate: tasks.dueDate })
      .from(taskDependencies)
      .innerJoin(tasks, eq(tasks.id, taskDependencies.predecessorId))
      .where(eq(taskDependencies.taskId, id))
      .orderBy(asc(tasks.dueDate)),
    db
      .select({ id: tasks.id, number: tasks.number, name: tasks.name, status: tasks.status, dueDate: tasks.dueDate })
      .from(taskDependencies)
      .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
      .where(eq(taskDependencies.predecessorId, id))
      .orderBy(asc(tasks.dueDate)),
    db
      .select({ o: taskDependencyOverrides, name: people.name })
      .from(taskDependencyOverrides)
      .innerJoin(people, eq(people.id, taskDependencyOverrides.byId))
      .where(eq(taskDependencyOverrides.taskId, id))
      .orderBy(asc(taskDependencyOverrides.id)),
    personNames(ctx, [t.creatorId]),
    getCalendar(db),
  ]);
  const roundPeople = await personNames(ctx, rounds.flatMap((r) => [r.round.submittedById, r.round.decidedById ?? t.creatorId]));
  // Who would decide a submission now, by the approval chain's own ladder (TSK-9).
  const expectedId = (await db.transaction((tx) => resolveStepDecider(tx, t.ownerId, acceptorRule({ acceptorId: t.acceptorId })))).deciderId;
  const expectedNames = await personNames(ctx, expectedId === null ? [] : [expectedId]);
  const openPredecessors = predecessors.filter((p) => p.status !== 'done');
  return {
    ...item!,
    description: t.description,
    qualityStandard: t.qualityStandard,
    riskNote: t.riskNote,
    mitigationPlan: t.mitigationPlan,
    creator: { id: t.creatorId, name: names.get(t.creatorId) ?? '' },
    createdAt: toIso(t.createdAt),
    version: t.version,
    source: t.sourceType && t.sourceId !== null ? { type: t.sourceType, id: t.sourceId, label: t.sourceLabel ?? '' } : null,
    predecessors: predecessors.map((p) => presentRef(p, day)),
    successors: successors.map((s) => presentRef(s, day)),
    progressLog: progressLog.map(({ entry: e, name }) => ({
      id: e.id,
      date: e.date,
      at: toIso(e.at),
      progress: e.progress,
      stage: e.stage,
      note: e.note,
      author: { id: e.authorId, name },
    })),
    delays: delays.map(({ delay: d, name }) => ({
      id: d.id,
      at: toIso(d.at),
      oldDueDate: d.oldDueDate,
      newDueDate: d.newDueDate,
      reason: d.reason,
      author: { id: d.authorId, name },
    })),
    acceptanceRounds: rounds.map(({ round: r, fileName }) => ({
      round: r.round,
      submittedAt: toIso(r.submittedAt),
      submittedBy: { id: r.submittedById, name: roundPeople.get(r.submittedById) ?? '' },
      file: r.fileId && fileName ? { id: r.fileId, fileName } : null,
      link: r.link,
      note: r.note,
      decision: r.decision,
      decidedBy: person(r.decidedById, r.decidedById === null ? null : (roundPeople.get(r.decidedById) ?? null)),
      decidedAt: r.decidedAt === null ? null : toIso(r.decidedAt),
      opinion: r.opinion,
    })),
    approvalId: t.approvalId,
    expectedAcceptor: person(expectedId, expectedId === null ? null : (expectedNames.get(expectedId) ?? null)),
    dependencyOverrides: overrides.map(({ o, name }) => ({ at: toIso(o.at), by: { id: o.byId, name }, reason: o.reason, predecessors: o.predecessorNumbers })),
    atRiskWhy: atRiskWhy(t, item!.milestones, cal, day.today),
    needsDelayReason: needsDelayReason(t, ctx.now, taskTimeZone()),
    startBlockers: {
      missingRiskPlan: t.status === 'not_started' && missingRiskPlan(t) !== null,
      openPredecessors: t.status === 'not_started' ? openPredecessors.map((p) => presentRef(p, day)) : [],
    },
  };
}

async function personNames(ctx: AuthedCtx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** `GET /api/tasks/:id/history`: the task's audit rows (ALL-4), oldest first, for whoever may see the task. */
export async function taskHistory(ctx: AuthedCtx, id: number): Promise<TTaskHistoryEntry[]> {
  await loadVisible(ctx, id);
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'task'), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => ({
    id: r.id,
    at: toIso(r.at),
    actor: person(r.actorId, r.actorName),
    action: r.action,
    changes: Object.entries(r.changes).map(([field, c]) => ({ field, before: c.before, after: c.after })),
  }));
}
