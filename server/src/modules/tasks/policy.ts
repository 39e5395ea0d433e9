import type { TTaskPermissions, TTaskWorkflowStatus } from '@opsdesk/contract';
import type { Scope } from '../../platform/access/scope.ts';

/** The facts about one task that decide who may do what with it. */
export interface TaskAccessFacts {
  status: TTaskWorkflowStatus;
  ownerId: number;
  creatorId: number;
  acceptorId: number | null;
  departmentId: number | null;
  collaboratorIds: readonly number[];
  /** The decider of the open acceptance step (TSK-9), when the task awaits acceptance. */
  currentDeciderId: number | null;
  /** Deciders and CCs of its acceptance approval, past steps included (a transferred acceptance). */
  approvalPeopleIds?: readonly number[];
}

/** ALL-7: the general manager, or a head / division leader over the task's department. */
export const oversees = (scope: Scope, task: Pick<TaskAccessFacts, 'departmentId'>): boolean =>
  scope.all || (task.departmentId !== null && scope.departmentIds.includes(task.departmentId));

/** ALL-7: the owner, a collaborator, the creator or acceptor, its acceptance's deciders and CCs, or someone overseeing the department. */
export const canSeeTask = (scope: Scope, task: TaskAccessFacts): boolean =>
  oversees(scope, task) ||
  [task.ownerId, task.creatorId, task.acceptorId].includes(scope.personId) ||
  task.collaboratorIds.includes(scope.personId) ||
  task.currentDeciderId === scope.personId ||
  (task.approvalPeopleIds ?? []).includes(scope.personId);

/**
 * What the person may do with the task now (STYLE: computed once here, sent to the web).
 * - TSK-5: owner and collaborators post progress; TSK-9: only the owner submits; the decider of
 *   the open acceptance step (acceptor, else the owner's head) accepts or rejects.
 * - Editing: creator, owner, acceptor and those overseeing the department; nothing once done.
 */
export function taskPermissions(scope: Scope, task: TaskAccessFacts): TTaskPermissions {
  const me = scope.personId;
  const owner = task.ownerId === me;
  const collaborator = task.collaboratorIds.includes(me);
  const editor = owner || task.creatorId === me || task.acceptorId === me || oversees(scope, task);
  const open = task.status !== 'done';
  const working = task.status === 'not_started' || task.status === 'in_progress';
  const decider = task.status === 'awaiting_acceptance' && task.currentDeciderId === me;
  return {
    canEdit: open && editor,
    canPostProgress: working && (owner || collaborator),
    canDelay: open && task.status !== 'awaiting_acceptance' && editor,
    canStart: task.status === 'not_started' && (owner || collaborator),
    canSubmit: task.status === 'in_progress' && owner,
    canAccept: decider,
    canReject: decider,
    canToggleMilestones: working && (owner || collaborator || editor),
  };
}
