import type { TLocale, TTaskPermissions, TTaskWorkflowStatus } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import type { Scope } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/http/errors.ts';
import { taskPermissions } from './policy.ts';
import { needsDelayReason } from './rules.ts';
import { taskTimeZone } from './settings.ts';
import { type TaskRow, collaboratorIdsOf, currentDeciders, lockTask } from './store.ts';

const STATUS_LABELS: Record<TTaskWorkflowStatus, Record<TLocale, string>> = {
  not_started: { 'zh-CN': '未开始', 'en-US': 'not started' },
  in_progress: { 'zh-CN': '进行中', 'en-US': 'in progress' },
  awaiting_acceptance: { 'zh-CN': '待验收', 'en-US': 'awaiting acceptance' },
  done: { 'zh-CN': '已完成', 'en-US': 'done' },
};

/** 409 naming the task's status in the caller's language. */
export const wrongState = (status: TTaskWorkflowStatus, locale: TLocale) => new AppError('TASK_STATE', undefined, { status: STATUS_LABELS[status][locale] });

type Roles = { owner: boolean; collaborator: boolean; decider: boolean; editor: boolean };
export type TaskFacts = Omit<TaskRow, 'searchTokens'> & { collaboratorIds: number[]; currentDeciderId: number | null };

/**
 * Checks one action in the order every endpoint answers: someone with no role for it → 403; the
 * right person at the wrong moment (status) → 409 naming the status. `who` says which people the
 * action is for at all; the permissions (policy.ts) say when.
 */
export function refusal(scope: Scope, locale: TLocale, task: TaskFacts, action: keyof TTaskPermissions, who: (p: Roles) => boolean): AppError | null {
  if (taskPermissions(scope, task)[action]) return null;
  const me = scope.personId;
  const owner = task.ownerId === me;
  const editor = taskPermissions(scope, { ...task, status: 'not_started' }).canEdit;
  // Out of acceptance, whoever would decide one (the acceptor, a head over the task) is told "not now".
  const decider = task.status === 'awaiting_acceptance' ? task.currentDeciderId === me : !owner && (task.acceptorId === me || editor);
  if (!who({ owner, collaborator: task.collaboratorIds.includes(me), decider, editor })) return new AppError('FORBIDDEN');
  return wrongState(task.status, locale);
}

/** Locks the task (read-modify-write) and checks the action on what is locked. */
export async function lockFor(
  tx: Tx,
  scope: Scope,
  locale: TLocale,
  id: number,
  action: keyof TTaskPermissions,
  who: (p: Roles) => boolean,
): Promise<{ task: TaskRow; collaboratorIds: number[]; deciderId: number | null }> {
  const task = await lockTask(tx, id);
  if (!task) throw new AppError('NOT_FOUND');
  const collaboratorIds = await collaboratorIdsOf(tx, id);
  const deciderId = (await currentDeciders(tx, [task])).get(id) ?? null;
  const refused = refusal(scope, locale, { ...task, collaboratorIds, currentDeciderId: deciderId }, action, who);
  if (refused) throw refused;
  return { task, collaboratorIds, deciderId };
}

/** TSK-6: more than 1 day overdue → a delay reason and a new due date come first (409 saying so). */
export function mustNotNeedDelay(task: TaskRow, now: Date): void {
  if (needsDelayReason(task, now, taskTimeZone())) throw new AppError('TASK_DELAY_REQUIRED', 'reason', { dueDate: task.dueDate });
}
