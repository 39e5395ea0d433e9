import { App, Button, Card, Dropdown, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail, TParticipant } from '@opsdesk/contract';
import { useMeetingAction } from '../../api/meetings.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { AttendanceTag } from './MeetingTags.tsx';
import { inCompany } from './when.ts';
import { formatDateTime } from '../../lib/time.ts';

function LeaveCell({ p }: { p: TParticipant }) {
  const { t } = useTranslation();
  if (!p.leave) return <>{t('common.empty')}</>;
  return (
    <Space orientation="vertical" size={2}>
      <span>{t('meetings.attendance.leaveWith', { reason: p.leave.reason, delegate: p.leave.delegate?.name ?? t('common.none') })}</span>
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t('meetings.leave.askedAt', { time: formatDateTime(p.leave.askedAt) })}</Typography.Text>
        {p.leave.late ? (
          <Tag color="red" data-testid="leave-late-tag">
            {t('meetings.leave.late')}
          </Tag>
        ) : null}
      </Space>
    </Space>
  );
}

/** 参会签到 (MTG-6/7): who is expected, on leave with which delegate, signed in when and how. */
export function AttendanceTab({ meeting, isMobile }: { meeting: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const action = useMeetingAction(meeting.id);
  const list = meeting.participants;
  const count = (s: TParticipant['attendance']) => list.filter((p) => p.attendance === s).length;
  const leave = count('on_leave');
  const dash = t('common.empty');

  const mark = (p: TParticipant, status: 'present' | 'late') =>
    action.mutateAsync({ kind: 'attendance', personId: p.person.id, body: { status } }).then(() => void message.success(t('meetings.attendance.marked')), notifyError);
  const markButton = (p: TParticipant) =>
    meeting.permissions.canMarkAttendance && (p.attendance === 'expected' || p.attendance === 'absent') ? (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'present', label: t('meetings.attendance.markPresent') },
            { key: 'late', label: t('meetings.attendance.markLate') },
          ],
          onClick: ({ key }) => void mark(p, key as 'present' | 'late'),
        }}
      >
        <Button type="link" size="small">
          {t('meetings.attendance.mark')}
        </Button>
      </Dropdown>
    ) : null;
  const kind = (p: TParticipant) =>
    p.delegateFor
      ? t('meetings.attendance.delegateFor', { name: p.delegateFor.name })
      : p.person.id === meeting.host.id
        ? t('meetings.roles.host')
        : p.person.id === meeting.minuteTaker.id
          ? t('meetings.roles.minute_taker')
          : t('meetings.attendance.invited');
  const signed = (p: TParticipant) =>
    p.signedInAt ? `${inCompany(p.signedInAt).format('HH:mm')}${p.signInMethod ? ` · ${t(`meetings.signInMethod.${p.signInMethod}`)}` : ''}` : dash;

  const columns: TableColumnsType<TParticipant> = [
    { key: 'name', title: t('meetings.attendance.name'), render: (_, p) => <Typography.Text strong>{p.person.name}</Typography.Text> },
    { key: 'dept', title: t('meetings.attendance.department'), render: (_, p) => p.departmentName ?? dash },
    { key: 'kind', title: t('meetings.attendance.kind'), render: (_, p) => (p.delegateFor ? <Tag color="blue">{kind(p)}</Tag> : kind(p)) },
    { key: 'status', title: t('meetings.attendance.status'), width: 100, render: (_, p) => <AttendanceTag status={p.attendance} /> },
    { key: 'signed', title: t('meetings.attendance.signedInAt'), width: 130, render: (_, p) => signed(p) },
    { key: 'leave', title: t('meetings.attendance.leave'), render: (_, p) => <LeaveCell p={p} /> },
  ];
  if (meeting.permissions.canMarkAttendance) columns.push({ key: 'mark', title: t('common.actions'), width: 80, render: (_, p) => markButton(p) });

  return (
    <Flex vertical gap={12}>
      <Typography.Text data-testid="attendance-summary">
        {t('meetings.attendance.summary', {
          expected: list.length - leave,
          present: count('present'),
          late: count('late'),
          leave,
          absent: count('absent'),
        })}
      </Typography.Text>
      {isMobile ? (
        <Flex vertical gap={8}>
          {list.map((p) => (
            <Card key={p.person.id} size="small" data-testid="attendance-card">
              <Flex justify="space-between" align="center" gap={8}>
                <span>
                  <Typography.Text strong>{p.person.name}</Typography.Text> <Typography.Text type="secondary">{p.departmentName}</Typography.Text>
                </span>
                <AttendanceTag status={p.attendance} />
              </Flex>
              <Typography.Text type="secondary">{[kind(p), p.signedInAt ? signed(p) : null].filter(Boolean).join(' · ')}</Typography.Text>
              {p.leave ? <LeaveCell p={p} /> : null}
              {markButton(p)}
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<TParticipant>
          rowKey={(p) => p.person.id}
          size="small"
          columns={columns}
          dataSource={list}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('meetings.attendance.empty') }}
        />
      )}
    </Flex>
  );
}
