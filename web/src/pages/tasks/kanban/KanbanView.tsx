import { useState } from 'react';
import { Alert, App, Flex, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, taskMove, type TTaskListItem, type TTaskStatus } from '@opsdesk/contract';
import { isApiError } from '../../../api/client.ts';
import { useOptimisticStart, useTaskCounts, useTasks, type TaskFilters } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import { TaskActionModal, type TaskDialogKind } from '../actions/TaskActionModal.tsx';
import { toCountsQuery } from '../taskQuery.ts';
import { DueDate, STATUS_COLOR, TaskMarkers } from '../taskStatus.tsx';
import { KanbanBoard } from './KanbanBoard.tsx';
import { kanbanRefusal } from './refusal.ts';

const BOARD_SIZE = 200; // the API's largest page: the most urgent first (by due date)

interface Props {
  filters: TaskFilters;
  /** Touch screens have no drag and drop: the hint points to the card's ⋯ menu instead. */
  compact: boolean;
  onOpen: (id: number) => void;
}

/**
 * 看板 by status. A drop means what `taskMove` (contract) says: 未开始 → 进行中 starts at once
 * (optimistic; a dependency or TSK-7 refusal opens the start dialog), → 待验收 opens the submit
 * dialog, → 已完成 / back to 进行中 the acceptor's accept / reject dialogs; 延期 is no target.
 */
export function KanbanView({ filters, compact, onOpen }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { status: _status, ...rest } = filters;
  const list = useTasks({ ...rest, sort: 'dueDate', page: 1, pageSize: BOARD_SIZE });
  const counts = useTaskCounts(toCountsQuery(filters));
  const start = useOptimisticStart();
  const [dialog, setDialog] = useState<{ id: number; kind: TaskDialogKind } | null>(null);
  const pending = new Set(start.isPending && start.variables ? [start.variables.task.id] : []);

  const refuse = (task: TTaskListItem, target: TTaskStatus): string | null => {
    const refusal = kanbanRefusal(task, target);
    if (!refusal) return null;
    const { status, from, to, name } = refusal.values ?? {};
    return t(refusal.key, {
      status: status && t(`tasks.status.${status}`),
      from: from && t(`tasks.status.${from}`),
      to: to && t(`tasks.status.${to}`),
      name: name ?? t('tasks.kanban.theAcceptor'),
    });
  };

  const move = (task: TTaskListItem, target: TTaskStatus) => {
    const kind = taskMove(task.workflowStatus, target);
    if (kind === 'start') {
      start.mutate(
        { task, body: { overrideReason: null } },
        {
          onSuccess: () => void message.success(t('tasks.dialogs.start.done')),
          onError: (err) => {
            // Open predecessors (a reason is needed) or a missing risk plan (TSK-7): the start dialog
            // explains and asks for what is missing; anything else is said as it is.
            if (isApiError(err) && (err.code === 'TASK_PREDECESSOR_OPEN' || err.code === 'TASK_RISK_PLAN_REQUIRED')) setDialog({ id: task.id, kind: 'start' });
            else notifyError(err);
          },
        },
      );
    } else if (kind) setDialog({ id: task.id, kind });
  };

  const columns = TASK_STATUSES.map((key) => ({ key, title: t(`tasks.status.${key}`), color: STATUS_COLOR[key], total: counts.data?.[key] }));
  const items = list.data?.items ?? [];
  const truncated = (list.data?.total ?? 0) > items.length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {list.isError ? <LoadError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Alert type="info" showIcon title={t(compact ? 'tasks.kanban.hintTouch' : 'tasks.kanban.hint')} closable />
      {truncated ? <Alert type="warning" showIcon title={t('tasks.kanban.truncated', { shown: items.length, total: list.data?.total ?? 0 })} /> : null}
      <KanbanBoard<TTaskListItem, TTaskStatus>
        columns={columns}
        items={items}
        itemKey={(task) => task.id}
        itemLabel={(task) => `${task.number} ${task.name}`}
        columnOf={(task) => task.status}
        refuse={refuse}
        onMove={move}
        onOpen={(task) => onOpen(task.id)}
        pending={pending}
        renderCard={(task) => (
          <Flex vertical gap={4} style={{ paddingInlineEnd: 20 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.number}
            </Typography.Text>
            <Typography.Text strong>{task.name}</Typography.Text>
            <TaskMarkers task={task} />
            <Progress percent={task.progress} size="small" strokeColor={STATUS_COLOR[task.status]} />
            <Flex justify="space-between" align="flex-start" gap={8} style={{ fontSize: 12 }}>
              <Typography.Text type="secondary">{task.owner.name}</Typography.Text>
              <div style={{ textAlign: 'end' }}>
                <DueDate task={task} stacked />
              </div>
            </Flex>
          </Flex>
        )}
      />
      {dialog ? <TaskActionModal taskId={dialog.id} kind={dialog.kind} onClose={() => setDialog(null)} /> : null}
    </Space>
  );
}
