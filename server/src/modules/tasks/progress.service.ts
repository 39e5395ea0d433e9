import { and, eq, ne, sql } from 'drizzle-orm';
import type { TTask, ZTaskDelayInput, ZTaskMilestoneDoneInput, ZTaskProgressInput, ZTaskStartInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import type { AuditEvent } from '../../platform/audit/write.ts';
import { addDays } from '../../platform/calendar/dates.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { declareDue } from './deadlines.ts';
import { getTask, loadVisible } from './detail.service.ts';
import { lockFor, mustNotNeedDelay } from './guard.ts';
import { headOf, sendTaskNotices } from './notices.ts';
import { missingRiskPlan } from './rules.ts';
import { taskDelays, taskDependencies, taskDependencyOverrides, taskMilestones, taskProgress, tasks } from './schema.ts';
import type { TaskRow } from './store.ts';

const owned = (p: { owner: boolean; collaborator: boolean }) => p.owner || p.collaborator;

/**
 * 未开始 → 进行中. TSK-7: a major task needs its risk note and mitigation plan first. Finish-to-start:
 * open predecessors stop it unless a reason is given, which is recorded (and shown on the task).
 */
async function start(tx: Tx, ctx: AuthedCtx, audit: (e: AuditEvent) => Promise<void>, task: TaskRow, overrideReason: string | null): Promise<void> {
  const missing = missingRiskPlan(task);
  if (missing) throw new AppError('TASK_RISK_PLAN_REQUIRED', missing);
  const open = await tx
    .select({ number: tasks.number })
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.predecessorId))
    .where(and(eq(taskDependencies.taskId, task.id), ne(tasks.status, 'done')));
  const numbers = open.map((o) => o.number);
  if (numbers.length && !overrideReason) throw new AppError('TASK_PREDECESSOR_OPEN', 'overrideReason', { tasks: numbers.join('、') });
  if (numbers.length) {
    await tx.insert(taskDependencyOverrides).values({ taskId: task.id, at: ctx.now.toISOString(), byId: ctx.actor.id, reason: overrideReason!, predecessorNumbers: numbers });
  }
  await tx
    .update(tasks)
    .set({ status: 'in_progress', version: sql`${tasks.version} + 1`, updatedAt: ctx.now.toISOString() })
    .where(eq(tasks.id, task.id));
  await audit({
    entity: 'task',
    entityId: task.id,
    action: 'start',
    before: { status: task.status },
    after: { status: 'in_progress' },
    ...(numbers.length ? { note: { overrideReason, openPredecessors: numbers } } : {}),
  });
}

/** `POST /api/tasks/:id/start` (the Kanban drag 未开始 → 进行中): owner or collaborators. */
export async function startTask(ctx: AuthedCtx, id: number, input: z.output<typeof ZTaskStartInput>): Promise<TTask> {
  const { scope } = await loadVisible(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    const { task } = await lockFor(tx, scope, ctx.locale, id, 'canStart', owned);
    mustNotNeedDelay(task, ctx.now);
    await start(tx, ctx, audit, task, input.overrideReason);
  });
  return getTask(ctx, id);
}

/**
 * TSK-5 `POST /api/tasks/:id/progress`: owner and collaborators add to the timeline (date, %,
 * stage, note, author). TSK-6: more than 1 day overdue → 409 TASK_DELAY_REQUIRED until a delay is
 * recorded. The first update of a not-started task starts it (TSK-7 and dependencies apply).
 */
export async function postProgress(ctx: AuthedCtx, id: number, input: z.output<typeof ZTaskProgressInput>): Promise<TTask> {
  const { scope, day } = await loadVisible(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    const { task } = await lockFor(tx, scope, ctx.locale, id, 'canPostProgress', owned);
    mustNotNeedDelay(task, ctx.now);
    if (task.status === 'not_started') await start(tx, ctx, audit, task, input.overrideReason);
    const [entry] = await tx
      .insert(taskProgress)
      .values({ taskId: id, date: day.today, at: ctx.now.toISOString(), progress: input.progress, stage: input.stage, note: input.note, authorId: ctx.actor.id })
      .returning();
    await tx
      .update(tasks)
      .set({ progress: input.progress, stage: input.stage, version: sql`${tasks.version} + 1`, updatedAt: ctx.now.toISOString() })
      .where(eq(tasks.id, id));
    await audit({
      entity: 'task',
      entityId: id,
      action: 'progress',
      before: { progress: task.progress, stage: task.stage },
      after: { progress: input.progress, stage: input.stage },
      note: { progressEntryId: entry!.id, ...(input.note ? { progressNote: input.note } : {}) },
    });
  });
  return getTask(ctx, id);
}

/**
 * TSK-6 `POST /api/tasks/:id/delay`: the reason and the adjusted plan — a new due date, today or
 * later and after the old one. Every delay is kept; the reminders move with the date; the owner's
 * head (and the acceptor) are told.
 */
export async function postDelay(ctx: AuthedCtx, id: number, input: z.output<typeof ZTaskDelayInput>): Promise<TTask> {
  const { scope, day } = await loadVisible(ctx, id);
  const cal = await getCalendar(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const { task } = await lockFor(tx, scope, ctx.locale, id, 'canDelay', (p) => p.editor);
    const earliest = [day.today, addDays(task.dueDate, 1), task.startDate].sort().at(-1)!;
    if (input.newDueDate < earliest) throw new AppError('TASK_DATES', 'newDueDate', { limit: earliest });
    await tx.insert(taskDelays).values({ taskId: id, at: ctx.now.toISOString(), oldDueDate: task.dueDate, newDueDate: input.newDueDate, reason: input.reason, authorId: ctx.actor.id });
    const [after] = await tx
      .update(tasks)
      .set({ dueDate: input.newDueDate, delayReason: input.reason, version: sql`${tasks.version} + 1`, updatedAt: ctx.now.toISOString() })
      .where(eq(tasks.id, id))
      .returning();
    await declareDue(tx, cal, ctx.now, after!);
    const head = await headOf(tx, task.ownerId);
    const told = [...new Set([head, task.acceptorId, task.ownerId].filter((p): p is number => p !== null && p !== ctx.actor.id))];
    const params = { number: task.number, name: task.name, actor: ctx.actor.name, oldDue: task.dueDate, newDue: input.newDueDate, reason: input.reason };
    await sendTaskNotices(
      tx,
      ctx.now,
      task,
      told.map((recipientId) => ({ kind: 'delayed' as const, recipientId, params, dedupeKey: `task:${id}:delay:${input.newDueDate}:${recipientId}` })),
    );
    await audit({ entity: 'task', entityId: id, action: 'delay', before: { dueDate: task.dueDate }, after: { dueDate: input.newDueDate }, note: { reason: input.reason } });
  });
  return getTask(ctx, id);
}

/** `PATCH /api/tasks/:id/milestones/:milestoneId`: tick a milestone done (or not) — owner, collaborators, editors. */
export async function setMilestoneDone(ctx: AuthedCtx, id: number, milestoneId: number, input: z.output<typeof ZTaskMilestoneDoneInput>): Promise<TTask> {
  const { scope } = await loadVisible(ctx, id);
  await mutate(ctx, async (tx, audit) => {
    await lockFor(tx, scope, ctx.locale, id, 'canToggleMilestones', (p) => p.owner || p.collaborator || p.editor);
    const [before] = await tx
      .select()
      .from(taskMilestones)
      .where(and(eq(taskMilestones.id, milestoneId), eq(taskMilestones.taskId, id)));
    if (!before) throw new AppError('NOT_FOUND');
    if (before.done === input.done) return;
    await tx
      .update(taskMilestones)
      .set({ done: input.done, doneAt: input.done ? ctx.now.toISOString() : null })
      .where(eq(taskMilestones.id, milestoneId));
    await tx
      .update(tasks)
      .set({ version: sql`${tasks.version} + 1`, updatedAt: ctx.now.toISOString() })
      .where(eq(tasks.id, id));
    await audit({ entity: 'task', entityId: id, action: 'milestone', before: { [`milestone:${before.name}`]: before.done }, after: { [`milestone:${before.name}`]: input.done } });
  });
  return getTask(ctx, id);
}
