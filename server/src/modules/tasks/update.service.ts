import { and, eq, sql } from 'drizzle-orm';
import type { TTask, ZUpdateTaskInput } from '@opsdesk/contract';
import type { z } from 'zod';
import { approvalRequests } from '../../platform/approvals/schema.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { people } from '../org/schema.ts';
import { checkFields, checkPredecessors, tellAssigned } from './create.service.ts';
import { declareDue } from './deadlines.ts';
import { getTask, loadVisible } from './detail.service.ts';
import { lockFor, mustNotNeedDelay, wrongState } from './guard.ts';
import { dependencyCycleAt, missingRiskPlan } from './rules.ts';
import { taskCollaborators, taskMilestones, tasks } from './schema.ts';
import { replaceCollaborators, replaceDependencies, replaceMilestones, tokensOf, dependentsOf } from './store.ts';

type Patch = z.output<typeof ZUpdateTaskInput>;

/**
 * `PATCH /api/tasks/:id`: the creator, owner, acceptor or a head over the task edits its fields
 * (not once done). `version` guards against two editors (409). TSK-6: a task more than 1 day
 * overdue moves its due date only through a delay with a reason; TSK-7: a started major task
 * keeps its risk note and mitigation plan.
 */
export async function updateTask(ctx: AuthedCtx, id: number, patch: Patch): Promise<TTask> {
  const { scope } = await loadVisible(ctx, id);
  const cal = await getCalendar(ctx.db);
  await mutate(ctx, async (tx, audit) => {
    const { task: before, collaboratorIds } = await lockFor(tx, scope, ctx.locale, id, 'canEdit', (p) => p.editor);
    if (patch.version !== before.version) throw new AppError('CONFLICT', 'version');
    const { version: _v, collaborators, milestones, predecessorIds, ...fields } = patch;
    if (fields.dueDate !== undefined && fields.dueDate !== before.dueDate) mustNotNeedDelay(before, ctx.now);
    const reassigning = (fields.ownerId !== undefined && fields.ownerId !== before.ownerId) || (fields.acceptorId !== undefined && fields.acceptorId !== before.acceptorId);
    if (reassigning && (before.status === 'awaiting_acceptance' || (await hasReturnedApproval(tx, before.approvalId)))) throw wrongState('awaiting_acceptance', ctx.locale);

    const currentCollaborators = collaborators ?? (await tx.select().from(taskCollaborators).where(eq(taskCollaborators.taskId, id)));
    const currentMilestones = milestones ?? (await tx.select().from(taskMilestones).where(eq(taskMilestones.taskId, id)));
    const merged = { ...before, ...fields };
    await checkFields(
      tx,
      ctx,
      { ...merged, collaborators: currentCollaborators, milestones: currentMilestones },
      { owner: fields.ownerId !== undefined, acceptor: fields.acceptorId !== undefined, collaborators: collaborators !== undefined },
    );
    const missing = before.status === 'not_started' ? null : missingRiskPlan(merged);
    if (missing) throw new AppError('TASK_RISK_PLAN_REQUIRED', missing);
    if (predecessorIds) {
      await checkPredecessors(tx, ctx, predecessorIds);
      const at = dependencyCycleAt(id, predecessorIds, await dependentsOf(tx, id));
      if (at !== null) throw new AppError('TASK_DEPENDENCY_CYCLE', `predecessorIds.${at}`);
    }

    let departmentId = before.departmentId;
    if (fields.ownerId !== undefined && fields.ownerId !== before.ownerId) {
      const [owner] = await tx.select({ departmentId: people.departmentId }).from(people).where(eq(people.id, fields.ownerId));
      departmentId = owner?.departmentId ?? null;
    }
    const [after] = await tx
      .update(tasks)
      .set({
        ...fields,
        departmentId,
        searchTokens: tokensOf(merged),
        version: sql`${tasks.version} + 1`,
        updatedAt: ctx.now.toISOString(),
      })
      .where(eq(tasks.id, id))
      .returning();
    if (collaborators) await replaceCollaborators(tx, id, collaborators);
    if (milestones) await replaceMilestones(tx, id, milestones, ctx.now);
    if (predecessorIds) await replaceDependencies(tx, id, predecessorIds);
    // While awaiting acceptance the due-date reminders rest (the acceptance ones run); a return redeclares them.
    const dueChanged = after!.dueDate !== before.dueDate || after!.ownerId !== before.ownerId || after!.name !== before.name;
    if (dueChanged && after!.status !== 'awaiting_acceptance') await declareDue(tx, cal, ctx.now, after!);
    const newcomers = [...(after!.ownerId !== before.ownerId ? [after!.ownerId] : []), ...(collaborators ?? []).map((c) => c.personId).filter((p) => !collaboratorIds.includes(p))];
    await tellAssigned(tx, ctx, after!, newcomers);

    const { searchTokens: _a, ...beforeLogged } = before;
    const { searchTokens: _b, ...afterLogged } = after!;
    await audit({
      entity: 'task',
      entityId: id,
      action: 'update',
      before: { ...beforeLogged, ...(collaborators ? { collaborators: collaboratorIds } : {}) },
      after: { ...afterLogged, ...(collaborators ? { collaborators: collaborators.map((c) => c.personId) } : {}), ...(milestones ? { milestones } : {}), ...(predecessorIds ? { predecessorIds } : {}) },
    });
  });
  return getTask(ctx, id);
}

/** A round returned for changes (退回修改) waits for its owner's resubmission: the owner cannot change under it. */
async function hasReturnedApproval(tx: Parameters<Parameters<typeof mutate>[1]>[0], approvalId: number | null): Promise<boolean> {
  if (approvalId === null) return false;
  const [row] = await tx
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.id, approvalId), eq(approvalRequests.status, 'returned')));
  return Boolean(row);
}
