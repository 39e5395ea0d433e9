import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { rowsOf } from '../../platform/access/scope.ts';
import { approvalSteps } from '../../platform/approvals/schema.ts';
import { AppError, ValidationFailure } from '../../platform/http/errors.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { people } from '../org/schema.ts';
import { taskCollaborators, taskDependencies, taskMilestones, tasks } from './schema.ts';

export type TaskRow = typeof tasks.$inferSelect;

/** 400 naming a field whose value is not acceptable (e.g. `collaborators.1.personId`). */
export const invalid = (field: string) => new ValidationFailure([{ path: field.split('.'), code: 'invalid_value', message: 'invalid' }]);

/** The task row locked for a read-modify-write (STYLE: lock, then change). */
export async function lockTask(tx: Tx, id: number): Promise<TaskRow | undefined> {
  const [row] = await tx.select().from(tasks).where(eq(tasks.id, id)).for('update');
  return row;
}

export const tokensOf = (t: { number: string; name: string; description: string | null }) => searchTokens(t.number, t.name, t.description);

export interface PersonFacts {
  id: number;
  name: string;
  departmentId: number | null;
  active: boolean;
}

export async function peopleById(db: Db | Tx, ids: number[]): Promise<Map<number, PersonFacts>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.name, departmentId: people.departmentId, active: people.active })
    .from(people)
    .where(inArray(people.id, unique));
  return new Map(rows.map((p) => [p.id, p]));
}

/** Every named person must exist and be active (ALL-5: 400 naming the field otherwise). */
export async function checkPeople(tx: Tx, refs: { field: string; id: number }[]): Promise<Map<number, PersonFacts>> {
  const found = await peopleById(
    tx,
    refs.map((r) => r.id),
  );
  for (const ref of refs) if (!found.get(ref.id)?.active) throw new AppError('INVALID_REFERENCE', ref.field);
  return found;
}

export async function collaboratorIdsOf(db: Db | Tx, taskId: number): Promise<number[]> {
  const rows = await db.select({ id: taskCollaborators.personId }).from(taskCollaborators).where(eq(taskCollaborators.taskId, taskId));
  return rows.map((r) => r.id);
}

export async function replaceCollaborators(tx: Tx, taskId: number, list: { personId: number; share: string }[]): Promise<void> {
  await tx.delete(taskCollaborators).where(eq(taskCollaborators.taskId, taskId));
  if (list.length) await tx.insert(taskCollaborators).values(list.map((c, i) => ({ taskId, personId: c.personId, share: c.share, position: i })));
}

/** Saves the milestone list: rows named by id are kept (their done time too), the rest replaced. */
export async function replaceMilestones(tx: Tx, taskId: number, list: { id?: number | undefined; name: string; date: string; done?: boolean }[], now: Date): Promise<void> {
  const existing = await tx.select().from(taskMilestones).where(eq(taskMilestones.taskId, taskId)).orderBy(asc(taskMilestones.position));
  const byId = new Map(existing.map((m) => [m.id, m]));
  await tx.delete(taskMilestones).where(eq(taskMilestones.taskId, taskId));
  if (!list.length) return;
  await tx.insert(taskMilestones).values(
    list.map((m, i) => {
      const before = m.id === undefined ? undefined : byId.get(m.id);
      const done = m.done ?? false;
      return {
        ...(before ? { id: before.id } : {}),
        taskId,
        name: m.name,
        date: m.date,
        done,
        doneAt: done ? (before?.done ? before.doneAt : now.toISOString()) : null,
        position: i,
      };
    }),
  );
}

export async function replaceDependencies(tx: Tx, taskId: number, predecessorIds: number[]): Promise<void> {
  await tx.delete(taskDependencies).where(eq(taskDependencies.taskId, taskId));
  if (predecessorIds.length) await tx.insert(taskDependencies).values([...new Set(predecessorIds)].map((predecessorId) => ({ taskId, predecessorId })));
}

export async function predecessorIdsOf(db: Db | Tx, taskId: number): Promise<number[]> {
  const rows = await db.select({ id: taskDependencies.predecessorId }).from(taskDependencies).where(eq(taskDependencies.taskId, taskId));
  return rows.map((r) => r.id);
}

/** Every task that (transitively) waits for this one: a predecessor among them would be a cycle. */
export async function dependentsOf(tx: Tx, taskId: number): Promise<Set<number>> {
  const result = await tx.execute(sql`
    with recursive after_me as (
      select task_id from task_dependencies where predecessor_id = ${taskId}
      union
      select d.task_id from task_dependencies d join after_me a on d.predecessor_id = a.task_id
    ) select task_id from after_me`);
  return new Set(rowsOf<{ task_id: number }>(result).map((r) => Number(r.task_id)));
}

/** The decider of each task's open acceptance step (TSK-9), by task id. */
export async function currentDeciders(db: Db | Tx, rows: { id: number; status: string; approvalId: number | null }[]): Promise<Map<number, number>> {
  const waiting = rows.filter((r) => r.status === 'awaiting_acceptance' && r.approvalId !== null);
  if (!waiting.length) return new Map();
  const steps = await db
    .select({ requestId: approvalSteps.requestId, deciderId: approvalSteps.deciderId })
    .from(approvalSteps)
    .where(
      and(
        inArray(
          approvalSteps.requestId,
          waiting.map((r) => r.approvalId!),
        ),
        eq(approvalSteps.status, 'open'),
      ),
    );
  const byRequest = new Map(steps.filter((s) => s.deciderId !== null).map((s) => [s.requestId, s.deciderId!]));
  const out = new Map<number, number>();
  for (const r of waiting) {
    const decider = byRequest.get(r.approvalId!);
    if (decider !== undefined) out.set(r.id, decider);
  }
  return out;
}
