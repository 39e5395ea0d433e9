import { Space, Tag, Tooltip, Typography } from 'antd';
import { ExclamationCircleOutlined, FireOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TTaskListItem, TTaskStatus } from '@opsdesk/contract';

/** UX.md: one colour per status across the product — 未开始 grey, 进行中 blue, 待验收 gold, 已完成 green, 延期 red. */
export const STATUS_TAG: Record<TTaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  awaiting_acceptance: 'gold',
  done: 'success',
  overdue: 'error',
};

/** The same colours as plain hex, for the Kanban column edges and the Gantt bars. */
export const STATUS_COLOR: Record<TTaskStatus, string> = {
  not_started: '#8c8c8c',
  in_progress: '#1677ff',
  awaiting_acceptance: '#faad14',
  done: '#52c41a',
  overdue: '#ff4d4f',
};

/** TSK-8 延期风险: orange, between 待验收 gold and 延期 red. */
export const AT_RISK_COLOR = '#fa8c16';

export function TaskStatusTag({ status }: { status: TTaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_TAG[status]} data-testid="task-status" style={{ marginInlineEnd: 0 }}>
      {t(`tasks.status.${status}`)}
    </Tag>
  );
}

/** 延期 N 天 · 延期风险 (TSK-8) · 重大 (TSK-7), as small markers beside a task's name. */
export function TaskMarkers({ task }: { task: Pick<TTaskListItem, 'status' | 'overdueDays' | 'atRisk' | 'major' | 'delayReason'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {task.major ? (
        <Tag color="magenta" icon={<FireOutlined />} style={{ marginInlineEnd: 0 }}>
          {t('tasks.markers.major')}
        </Tag>
      ) : null}
      {task.status === 'overdue' ? (
        <Tooltip title={task.delayReason ? t('tasks.markers.delayReason', { reason: task.delayReason }) : t('tasks.markers.noDelayReason')}>
          <Tag color="red" icon={<ExclamationCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="task-overdue">
            {t('tasks.markers.overdueDays', { count: task.overdueDays })}
          </Tag>
        </Tooltip>
      ) : null}
      {task.atRisk && task.status !== 'overdue' ? (
        <Tooltip title={t('tasks.markers.atRiskHint')}>
          <Tag color="orange" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }} data-testid="task-at-risk">
            {t('tasks.markers.atRisk')}
          </Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

/** 截止日期, red once passed and not done. */
export function DueDate({ task }: { task: Pick<TTaskListItem, 'dueDate' | 'status'> }) {
  return <Typography.Text type={task.status === 'overdue' ? 'danger' : undefined}>{task.dueDate}</Typography.Text>;
}
