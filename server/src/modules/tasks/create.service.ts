import { eq, inArray, sql } from 'drizzle-orm';
import { type TCreateTaskInput, type TTask, type TTaskStatus, ZCreateTaskInput } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { resolveScope } from '../../platform/access/scope.ts';
import type { AuditEvent } from '../../platform/audit/write.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError, ValidationFailure, type ValidationIssue } from '../../platform/http/errors.ts';
import { nextTaskNumber } from '../../platform/numbering/sequence.ts';
import { people } from '../org/schema.ts';
import { calendarAround, declareDue } from './deadlines.ts';
import { type TaskNotice, sendTaskNotices } from './notices.ts';
import { canSeeTask } from './policy.ts';
import { getTask } from './detail.service.ts';
import { checkTaskFields, displayStatus } from './rules.ts';
import { tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import { checkPeople, collaboratorIdsOf, invalid, replaceCollaborators, replaceDependencies, replaceMilestones, tokensOf } from './store.ts';

type Audit = (e: AuditEvent) => Promise<void>;
export type TaskSource = { type: string; id: number; label: string };

/** TSK-1/TSK-2/TSK-3 checks shared by create and update: the people named and the dates. */
export async function checkFields(
  tx: Tx,
  ctx: AuthedCtx,
  t: {
    ownerId: number;
    acceptorId: number | null;
    startDate: string;
    dueDate: string;
    collaborators: { personId: number; share: string }[];
    milestones: { date: string }[];
  },
  touched: { owner: boolean; acceptor: boolean; collaborators: boolean },
) {
  const refs = [
    ...(touched.owner ? [{ field: 'ownerId', id: t.ownerId }] : []),
    ...(touched.acceptor && t.acceptorId !== null ? [{ field: 'acceptorId', id: t.acceptorId }] : []),
    ...(touched.collaborators ? t.collaborators.map((c, i) => ({ field: `collaborators.${i}.personId`, id: c.personId })) : []),
  ];
  await checkPeople(tx, refs);
  const problem = checkTaskFields({ ...t, startLabel: ctx.locale === 'zh-CN' ? '开始时间' : 'the start date' });
  if (!problem) return;
  if (problem.code === 'TASK_DATES') throw new AppError('TASK_DATES', problem.field, { limit: problem.limit });
  if (problem.code === 'APPROVAL_SELF') throw new AppError('APPROVAL_SELF', problem.field);
  throw invalid(problem.field);
}

/** Predecessors must exist and be visible to the person linking them (ALL-7: unknown and hidden look alike). */
export async function checkPredecessors(tx: Tx, ctx: AuthedCtx, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const rows = await tx.select().from(tasks).where(inArray(tasks.id, ids));
  const scope = await resolveScope(tx, ctx.actor);
  for (const [i, id] of ids.entries()) {
    const row = rows.find((r) => r.id === id);
    const visible = row && canSeeTask(scope, { ...row, collaboratorIds: await collaboratorIdsOf(tx, id), currentDeciderId: null });
    if (!visible) throw new AppError('INVALID_REFERENCE', `predecessorIds.${i}`);
  }
  if (new Set(ids).size !== ids.length) throw invalid('predecessorIds');
}

/**
 * TSK-1 create, inside the caller's transaction (the HTTP route, or MTG-10 when a meeting's
 * resolutions become tasks): same validation and rules either way. The number comes from the
 * numbering service; the department is the owner's; `source` links back (e.g. to the meeting).
 */
export async function createTaskWithin(
  tx: Tx,
  audit: (e: AuditEvent) => Promise<void>,
  ctx: AuthedCtx,
  input: TCreateTaskInput & { source?: { type: string; id: number; label: string } },
): Promise<{ id: number; number: string }> {
  const parsed = ZCreateTaskInput.safeParse(input);
  if (!parsed.success) throw new ValidationFailure(parsed.error.issues as unknown as ValidationIssue[]);
  const t = parsed.data;
  await checkFields(tx, ctx, t, { owner: true, acceptor: true, collaborators: true });
  await checkPredecessors(tx, ctx, t.predecessorIds);
  const [owner] = await tx.select({ departmentId: people.departmentId }).from(people).where(eq(people.id, t.ownerId));
  const cal = await calendarAround(tx, [dateInZone(ctx.now, taskTimeZone()), t.dueDate]);
  // Last before the insert: the month's counter row stays locked until this transaction ends.
  const number = await nextTaskNumber(tx, ctx.now, taskTimeZone());
  const stamp = ctx.now.toISOString();
  const [row] = await tx
    .insert(tasks)
    .values({
      number,
      name: t.name,
      description: t.description,
      deliverable: t.deliverable,
      qualityStandard: t.qualityStandard,
      ownerId: t.ownerId,
      departmentId: owner?.departmentId ?? null,
      creatorId: ctx.actor.id,
      acceptorId: t.acceptorId,
      startDate: t.startDate,
      dueDate: t.dueDate,
      major: t.major,
      riskNote: t.riskNote,
      mitigationPlan: t.mitigationPlan,
      remarks: t.remarks,
      sourceType: input.source?.type ?? null,
      sourceId: input.source?.id ?? null,
      sourceLabel: input.source?.label ?? null,
      searchTokens: tokensOf({ number, name: t.name, description: t.description }),
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning();
  const task = row!;
  await replaceCollaborators(tx, task.id, t.collaborators);
  await replaceMilestones(tx, task.id, t.milestones, ctx.now);
  await replaceDependencies(tx, task.id, t.predecessorIds);
  await declareDue(tx, cal, ctx.now, task);
  await tellAssigned(tx, ctx, task, [t.ownerId, ...t.collaborators.map((c) => c.personId)]);
  const { searchTokens: _tokens, ...logged } = task;
  await audit({ entity: 'task', entityId: task.id, action: 'create', after: { ...logged, collaborators: t.collaborators, milestones: t.milestones, predecessorIds: t.predecessorIds } });
  return { id: task.id, number };
}

/** The new owner and collaborators hear of the task (not the person who assigned it). */
export async function tellAssigned(tx: Tx, ctx: AuthedCtx, task: { id: number; number: string; name: string; ownerId: number }, personIds: number[]) {
  const params = { number: task.number, name: task.name, actor: ctx.actor.name };
  const notices: TaskNotice[] = [...new Set(personIds)]
    .filter((id) => id !== ctx.actor.id)
    .map((id) => ({
      kind: id === task.ownerId ? 'assignedOwner' : 'assignedCollaborator',
      recipientId: id,
      params,
      dedupeKey: `task:${task.id}:assigned:${id}:${task.ownerId}`,
    }));
  await sendTaskNotices(tx, ctx.now, task, notices);
}

/** `POST /api/tasks`. */
export async function createTask(ctx: AuthedCtx, input: TCreateTaskInput): Promise<TTask> {
  const { id } = await mutate(ctx, (tx, audit: Audit) => createTaskWithin(tx, audit, ctx, input));
  return getTask(ctx, id);
}

/**
 * MTG-10: the live status of tasks by id (a meeting's resolutions), for the caller to show beside
 * its own items. `now` should be the caller's ctx.now (the injected clock); without it "today" is
 * the database's current date in the company zone.
 */
export async function taskStatuses(
  db: Db,
  ids: number[],
  now?: Date,
): Promise<Map<number, { number: string; status: TTaskStatus; progress: number; dueDate: string; ownerName: string }>> {
  if (!ids.length) return new Map();
  const timeZone = taskTimeZone();
  const today = now ? dateInZone(now, timeZone) : null;
  const rows = await db
    .select({
      id: tasks.id,
      number: tasks.number,
      status: tasks.status,
      progress: tasks.progress,
      dueDate: tasks.dueDate,
      ownerName: people.name,
      today: today ? sql<string>`${today}` : sql<string>`to_char(now() at time zone ${timeZone}, 'YYYY-MM-DD')`,
    })
    .from(tasks)
    .innerJoin(people, eq(people.id, tasks.ownerId))
    .where(inArray(tasks.id, [...new Set(ids)]));
  return new Map(
    rows.map((r) => [r.id, { number: r.number, status: displayStatus(r, r.today), progress: r.progress, dueDate: r.dueDate, ownerName: r.ownerName }]),
  );
}
