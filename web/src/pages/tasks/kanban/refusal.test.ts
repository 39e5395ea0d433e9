import { describe, expect, it } from 'vitest';
import type { TTaskPermissions } from '@opsdesk/contract';
import { kanbanRefusal } from './refusal.ts';

const none: TTaskPermissions = {
  canEdit: false,
  canPostProgress: false,
  canDelay: false,
  canStart: false,
  canSubmit: false,
  canAccept: false,
  canReject: false,
  canToggleMilestones: false,
};
const card = (workflowStatus: 'not_started' | 'in_progress' | 'awaiting_acceptance' | 'done', permissions: Partial<TTaskPermissions> = {}) => ({
  workflowStatus,
  permissions: { ...none, ...permissions },
  acceptor: { id: 7, name: '李四' },
});

describe('TSK-4/TSK-9 Kanban drops', () => {
  it('延期 is no target; nothing goes back to 未开始 or leaves 已完成; a card stays in its own column', () => {
    expect(kanbanRefusal(card('in_progress', { canSubmit: true }), 'overdue')).toEqual({ key: 'tasks.kanban.refuseOverdue' });
    expect(kanbanRefusal(card('in_progress'), 'not_started')).toEqual({ key: 'tasks.kanban.refuseBack' });
    expect(kanbanRefusal(card('done', { canReject: true }), 'in_progress')).toEqual({ key: 'tasks.kanban.refuseDone' });
    expect(kanbanRefusal(card('in_progress'), 'in_progress')).toEqual({ key: 'tasks.kanban.refuseSame', values: { status: 'in_progress' } });
  });

  it('each allowed move needs the permission the server computed', () => {
    expect(kanbanRefusal(card('not_started', { canStart: true }), 'in_progress')).toBeNull();
    expect(kanbanRefusal(card('not_started'), 'in_progress')).toEqual({ key: 'tasks.kanban.refuseStart' });
    expect(kanbanRefusal(card('in_progress', { canSubmit: true }), 'awaiting_acceptance')).toBeNull();
    expect(kanbanRefusal(card('in_progress'), 'awaiting_acceptance')).toEqual({ key: 'tasks.kanban.refuseSubmit' });
    // Only the acceptor accepts (→ 已完成) or rejects (→ 进行中); others are told who.
    expect(kanbanRefusal(card('awaiting_acceptance', { canAccept: true }), 'done')).toBeNull();
    expect(kanbanRefusal(card('awaiting_acceptance', { canReject: true }), 'in_progress')).toBeNull();
    expect(kanbanRefusal(card('awaiting_acceptance'), 'done')).toEqual({ key: 'tasks.kanban.refuseAccept', values: { name: '李四' } });
    expect(kanbanRefusal(card('awaiting_acceptance'), 'in_progress')).toEqual({ key: 'tasks.kanban.refuseAccept', values: { name: '李四' } });
  });

  it('a jump the workflow has no step for is refused, naming both columns', () => {
    expect(kanbanRefusal(card('not_started', { canStart: true, canSubmit: true }), 'awaiting_acceptance')).toEqual({
      key: 'tasks.kanban.refuseMove',
      values: { from: 'not_started', to: 'awaiting_acceptance' },
    });
    expect(kanbanRefusal(card('in_progress', { canAccept: true }), 'done')).toEqual({ key: 'tasks.kanban.refuseMove', values: { from: 'in_progress', to: 'done' } });
  });
});
