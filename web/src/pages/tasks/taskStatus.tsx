import { Space, Tag, Tooltip, Typography } from 'antd';
import { ExclamationCircleOutlined, FireOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TTaskListItem, TTaskStatus } from '@opsdesk/contract';
import { companyToday } from '../../lib/time.ts';

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

type DueFacts = Pick<TTaskListItem, 'dueDate' | 'status' | 'workingDaysLeft' | 'workingDaysProvisional'>;

/**
 * What is left of an open task's time, in working days (ALL-6, counted by the server's calendar);
 * 暂定 when the count reads a year whose holiday schedule is not imported yet — said as 约 where the
 * line is short (`brief`: a table cell's or card's second line, which ", 暂定" would wrap).
 */
function useDueLeft(task: DueFacts, brief: boolean): { text: string; urgent: boolean } | null {
  const { t } = useTranslation();
  const left = task.workingDaysLeft;
  // The server sends null once the task is done or 延期.
  if (left === null) return null;
  const urgent = left <= 0;
  const text = urgent ? t(task.dueDate === companyToday() ? 'tasks.due.today' : 'tasks.due.noWorkingDayLeft') : t('tasks.due.left', { count: left });
  if (!task.workingDaysProvisional) return { text, urgent };
  return { text: brief && !urgent ? t('tasks.due.leftAbout', { count: left }) : t('tasks.due.provisional', { left: text }), urgent };
}

/**
 * 截止日期 as UX.md asks: the date and the working days left — "2026-12-09（还剩 5 个工作日）" —
 * orange when no working day is left, red once passed (the 已逾期 N 天 marker says by how much).
 * `stacked` puts the distance on a second, smaller line (table cells, Kanban cards); `quiet` greys
 * it like the rest of a secondary line (a list item's subtitle) unless it warns.
 */
export function DueDate({ task, stacked = false, quiet = false }: { task: DueFacts; stacked?: boolean; quiet?: boolean }) {
  const { t } = useTranslation();
  const left = useDueLeft(task, stacked);
  const type = task.status === 'overdue' ? 'danger' : left?.urgent ? 'warning' : quiet ? 'secondary' : undefined;
  if (!left) return <Typography.Text type={type}>{task.dueDate}</Typography.Text>;
  const shown = stacked ? (
    <span data-testid="task-due">
      <Typography.Text type={type}>{task.dueDate}</Typography.Text>
      <Typography.Text type={type ?? 'secondary'} style={{ display: 'block', fontSize: 12 }}>
        {left.text}
      </Typography.Text>
    </span>
  ) : (
    <Typography.Text type={type} data-testid="task-due">
      {t('tasks.due.inline', { date: task.dueDate, left: left.text })}
    </Typography.Text>
  );
  return task.workingDaysProvisional ? <Tooltip title={t('calendar.provisionalHint')}>{shown}</Tooltip> : shown;
}
