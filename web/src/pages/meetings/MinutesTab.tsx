import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail, TMinutes } from '@opsdesk/contract';
import { useMinutes, useMinutesAction } from '../../api/meetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { ConfirmDecision } from './ConfirmDecision.tsx';
import { MinutesStatusTag } from './MeetingTags.tsx';
import { MinutesEditor } from './MinutesEditor.tsx';
import { ResolutionTable } from './ResolutionsTab.tsx';

function MinutesHeader({ minutes }: { minutes: TMinutes }) {
  const { t } = useTranslation();
  const [openedAt] = useState(() => Date.now());
  const overdue = !minutes.submittedAt && new Date(minutes.dueAt).getTime() < openedAt;
  return (
    <Flex vertical gap={4}>
      <Space wrap>
        <MinutesStatusTag status={minutes.status} />
        {minutes.author ? <Typography.Text type="secondary">{t('meetings.minutes.author', { name: minutes.author.name })}</Typography.Text> : null}
        {minutes.approvalId ? <Link to={`/approvals/${minutes.approvalId}`}>{t('meetings.minutes.viewApproval')}</Link> : null}
      </Space>
      {minutes.distributedAt ? (
        <Typography.Text type="success">{t('meetings.minutes.distributedAt', { time: formatDateTime(minutes.distributedAt) })}</Typography.Text>
      ) : (
        <>
          {minutes.submittedAt ? null : (
            <Typography.Text type={overdue ? 'danger' : 'secondary'}>
              {overdue ? t('meetings.minutes.dueOverdue', { time: formatDateTime(minutes.dueAt) }) : t('meetings.minutes.due', { time: formatDateTime(minutes.dueAt) })}
            </Typography.Text>
          )}
          {minutes.submittedAt ? <Typography.Text type="secondary">{t('meetings.minutes.submittedAt', { time: formatDateTime(minutes.submittedAt) })}</Typography.Text> : null}
          {minutes.approvedAt ? <Typography.Text type="secondary">{t('meetings.minutes.approvedAt', { time: formatDateTime(minutes.approvedAt) })}</Typography.Text> : null}
          {minutes.distributeDueAt ? <Typography.Text type="warning">{t('meetings.minutes.distributeDue', { time: formatDateTime(minutes.distributeDueAt) })}</Typography.Text> : null}
        </>
      )}
      <Typography.Text type="secondary">
        {t('print.labelColon', { label: t('meetings.minutes.absent') })}
        {minutes.absent.length
          ? minutes.absent.map((a) => (a.onLeave ? `${a.person.name}${t('meetings.minutes.onLeaveMark')}` : a.person.name)).join(t('print.listSep'))
          : t('meetings.minutes.absentNone')}
      </Typography.Text>
    </Flex>
  );
}

/** The minutes as read by participants, the host in review, and everyone after distribution. */
function MinutesView({ meeting, minutes }: { meeting: TMeetingDetail; minutes: TMinutes }) {
  const { t } = useTranslation();
  const dash = t('common.empty');
  return (
    <Flex vertical gap={12}>
      {minutes.items.map((item, i) => (
        <Card
          key={item.agendaItemId}
          size="small"
          title={t('meetings.minutes.item', { index: i + 1, title: item.title })}
          extra={<ConfirmDecision meeting={meeting} item={item} />}
          data-testid="minutes-item"
        >
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('meetings.minutes.keyPoints')}>{item.keyPoints ?? dash}</Descriptions.Item>
            <Descriptions.Item label={t('meetings.minutes.disputes')}>{item.disputes ?? dash}</Descriptions.Item>
            <Descriptions.Item label={t('meetings.minutes.decision')}>{item.decision ?? dash}</Descriptions.Item>
            {item.carryOver ? (
              <Descriptions.Item label={t('meetings.minutes.carryOver')}>
                <Tag color="purple">{item.nextDate}</Tag>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      ))}
      {minutes.discussion ? (
        <Card size="small" title={t('meetings.minutes.discussion')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{minutes.discussion}</Typography.Paragraph>
        </Card>
      ) : null}
      <Card size="small" title={t('meetings.resolutions.title')}>
        <ResolutionTable resolutions={minutes.resolutions} agenda={meeting.agenda} />
      </Card>
      {minutes.followUps.length ? (
        <Card size="small" title={t('meetings.minutes.followUps')}>
          {minutes.followUps.map((f, i) => (
            <div key={i}>{[`${i + 1}. ${f.text}`, f.owner?.name, f.dueDate].filter(Boolean).join(' · ')}</div>
          ))}
        </Card>
      ) : null}
    </Flex>
  );
}

/** 会议纪要 tab (MTG-8/9/10/11): the minute-taker's editor while drafting, the read-only minutes otherwise. */
export function MinutesTab({ meeting, isMobile }: { meeting: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const started = meeting.phase === 'ongoing' || meeting.phase === 'ended';
  const query = useMinutes(meeting.id, started);
  const action = useMinutesAction(meeting.id);
  const minutes = query.data;
  const p = meeting.permissions;

  if (!started) return <Empty description={t('meetings.minutes.notStarted')} />;
  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!minutes) return <Skeleton active paragraph={{ rows: 8 }} />;

  const distribute = () =>
    modal.confirm({
      title: t('meetings.minutes.distribute'),
      content: t('meetings.minutes.distributeConfirm'),
      onOk: () => action.mutateAsync({ kind: 'distribute' }).then(() => void message.success(t('meetings.minutes.distributed')), notifyError),
    });

  return (
    <Flex vertical gap={16}>
      <MinutesHeader minutes={minutes} />
      {minutes.status === 'returned' ? <Alert type="warning" showIcon title={t('meetings.minutesStatus.returned')} /> : null}
      {minutes.status === 'in_review' && minutes.approvalId && meeting.myRoles.includes('host') ? (
        <Alert
          type="warning"
          showIcon
          title={t('meetings.minutes.reviewAsk')}
          action={
            <Link to={`/approvals/${minutes.approvalId}`}>
              <Button type="primary">{t('meetings.minutes.reviewGo')}</Button>
            </Link>
          }
          data-testid="host-review"
        />
      ) : null}
      {p.canDistribute ? (
        <Alert
          type="info"
          showIcon
          title={t('meetings.minutes.distributeConfirm')}
          action={
            <Button type="primary" icon={<SendOutlined />} onClick={distribute} loading={action.isPending}>
              {t('meetings.minutes.distribute')}
            </Button>
          }
        />
      ) : null}
      {p.canWriteMinutes ? (
        <MinutesEditor key={minutes.version} meeting={meeting} minutes={minutes} isMobile={isMobile} onStale={() => void query.refetch()} />
      ) : minutes.status === 'none' ? (
        <Empty description={t('meetings.minutes.nobodyYet')} />
      ) : (
        <MinutesView meeting={meeting} minutes={minutes} />
      )}
    </Flex>
  );
}
