import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  TASK_STATUSES,
  type TAttendanceStatus,
  type TMeetingPhase,
  type TMeetingStatus,
  type TMinutesStatus,
  type TTaskStatus,
} from '@opsdesk/contract';

/** UX.md: one colour per status across the product; 作废/已取消 struck-through grey. */
export function MeetingStatusTag({ status, phase }: { status: TMeetingStatus; phase: TMeetingPhase }) {
  const { t } = useTranslation();
  if (status === 'cancelled') {
    return (
      <Tag style={{ textDecoration: 'line-through', marginInlineEnd: 0 }} data-testid="meeting-status">
        {t('meetings.status.cancelled')}
      </Tag>
    );
  }
  // Before the start the notice matters; from the sign-in window on, the phase does.
  if (phase === 'upcoming') {
    return (
      <Tag color={status === 'notified' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }} data-testid="meeting-status">
        {t(`meetings.status.${status}`)}
      </Tag>
    );
  }
  const color: Record<TMeetingPhase, string> = { upcoming: 'default', signin: 'cyan', ongoing: 'processing', ended: 'default' };
  return (
    <Tag color={color[phase]} style={{ marginInlineEnd: 0 }} data-testid="meeting-status">
      {t(`meetings.phase.${phase}`)}
    </Tag>
  );
}

const MINUTES_COLOR: Record<TMinutesStatus, string> = {
  none: 'default',
  draft: 'processing',
  in_review: 'gold',
  returned: 'volcano',
  approved: 'cyan',
  distributed: 'success',
};

export function MinutesStatusTag({ status }: { status: TMinutesStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={MINUTES_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="minutes-status">
      {t(`meetings.minutesStatus.${status}`)}
    </Tag>
  );
}

const ATTENDANCE_COLOR: Record<TAttendanceStatus, string> = {
  expected: 'default',
  present: 'success',
  late: 'gold',
  on_leave: 'purple',
  absent: 'error',
};

export function AttendanceTag({ status }: { status: TAttendanceStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ATTENDANCE_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="attendance-status">
      {t(`meetings.attendanceStatus.${status}`)}
    </Tag>
  );
}

/** The task module's colours (TSK-4): 未开始 grey, 进行中 blue, 待验收 gold, 已完成 green, 延期 red. */
const TASK_COLOR: Record<TTaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  awaiting_acceptance: 'gold',
  done: 'success',
  overdue: 'error',
};
const isTaskStatus = (s: string): s is TTaskStatus => (TASK_STATUSES as readonly string[]).includes(s);

export function TaskStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isTaskStatus(status)) return <Tag style={{ marginInlineEnd: 0 }}>{status}</Tag>;
  return (
    <Tag color={TASK_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="resolution-task-status">
      {t(`meetings.taskStatus.${status}`)}
    </Tag>
  );
}
