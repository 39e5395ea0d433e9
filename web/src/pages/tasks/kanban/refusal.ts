import { taskMove, type TTaskListItem, type TTaskStatus } from '@opsdesk/contract';

/** Why a card may not be dropped on a column: an i18n key and its values; `null` = allowed. */
export interface Refusal {
  key: `tasks.kanban.refuse${'Overdue' | 'Back' | 'Done' | 'Same' | 'Start' | 'Submit' | 'Accept' | 'Move'}`;
  /** Values for the message: `status`/`from`/`to` are status keys, `name` a person. */
  values?: { status?: TTaskStatus; from?: TTaskStatus; to?: TTaskStatus; name?: string };
}

type Card = Pick<TTaskListItem, 'workflowStatus' | 'permissions' | 'acceptor'>;

/**
 * TSK-4/TSK-9 on the board: 延期 is no target and nothing goes back to 未开始 or leaves 已完成; a
 * card already in the column stays; otherwise the move `taskMove` names needs the matching
 * permission the server computed (start, submit, accept, reject).
 */
export function kanbanRefusal(task: Card, target: TTaskStatus): Refusal | null {
  if (target === 'overdue') return { key: 'tasks.kanban.refuseOverdue' };
  if (target === 'not_started') return { key: 'tasks.kanban.refuseBack' };
  if (task.workflowStatus === 'done') return { key: 'tasks.kanban.refuseDone' };
  // An overdue card already is in this state: being late is fixed by progress or a delay, not a drag.
  if (task.workflowStatus === target) return { key: 'tasks.kanban.refuseSame', values: { status: target } };
  const p = task.permissions;
  const acceptor = task.acceptor?.name;
  switch (taskMove(task.workflowStatus, target)) {
    case 'start':
      return p.canStart ? null : { key: 'tasks.kanban.refuseStart' };
    case 'submit':
      return p.canSubmit ? null : { key: 'tasks.kanban.refuseSubmit' };
    case 'accept':
      return p.canAccept ? null : { key: 'tasks.kanban.refuseAccept', values: { name: acceptor } };
    case 'reject':
      return p.canReject ? null : { key: 'tasks.kanban.refuseAccept', values: { name: acceptor } };
    default:
      return { key: 'tasks.kanban.refuseMove', values: { from: task.workflowStatus, to: target } };
  }
}
