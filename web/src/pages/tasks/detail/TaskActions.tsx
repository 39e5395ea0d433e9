import { Button, Dropdown, Space } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, FieldTimeOutlined, MoreOutlined, PlayCircleOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { TTask } from '@opsdesk/contract';
import type { TaskDialogKind } from '../actions/TaskActionModal.tsx';

export type TaskCommand = TaskDialogKind | 'edit' | 'print';

interface Props {
  task: TTask;
  compact: boolean;
  onCommand: (command: TaskCommand) => void;
}

/** The header's buttons: exactly what the server's permissions allow now (STYLE: no re-derived rules). */
export function TaskActions({ task, compact, onCommand }: Props) {
  const { t } = useTranslation();
  const p = task.permissions;
  const all: { key: TaskCommand; show: boolean; label: string; icon: ReactNode; primary?: boolean; danger?: boolean }[] = [
    { key: 'accept', show: p.canAccept, label: t('tasks.dialogs.accept.title'), icon: <CheckOutlined />, primary: true },
    { key: 'reject', show: p.canReject, label: t('tasks.dialogs.reject.title'), icon: <CloseOutlined />, danger: true },
    { key: 'submit', show: p.canSubmit, label: t('tasks.dialogs.submit.title'), icon: <SendOutlined />, primary: !p.canAccept },
    { key: 'start', show: p.canStart && task.workflowStatus === 'not_started', label: t('tasks.dialogs.start.title'), icon: <PlayCircleOutlined /> },
    { key: 'delay', show: p.canDelay && task.status === 'overdue', label: t('tasks.dialogs.delay.title'), icon: <FieldTimeOutlined />, danger: task.needsDelayReason },
    { key: 'edit', show: p.canEdit, label: t('common.edit'), icon: <EditOutlined /> },
    { key: 'print', show: true, label: t('io.print'), icon: <PrinterOutlined /> },
  ];
  const shown = all.filter((a) => a.show);
  // On a phone the first two stay as buttons; the rest fold into ⋯.
  const inline = compact ? shown.slice(0, 2) : shown;
  const folded = compact ? shown.slice(2) : [];
  return (
    <Space wrap size={8}>
      {inline.map((a) => (
        <Button key={a.key} type={a.primary ? 'primary' : 'default'} danger={a.danger} icon={a.icon} onClick={() => onCommand(a.key)}>
          {a.label}
        </Button>
      ))}
      {folded.length > 0 ? (
        <Dropdown
          trigger={['click']}
          menu={{ items: folded.map((a) => ({ key: a.key, label: a.label, icon: a.icon, danger: a.danger })), onClick: ({ key }) => onCommand(key as TaskCommand) }}
        >
          <Button icon={<MoreOutlined />} aria-label={t('common.more')} />
        </Dropdown>
      ) : null}
    </Space>
  );
}
