import { Empty, Flex, List, Progress, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TAgendaItem, TMeetingDetail, TResolution } from '@opsdesk/contract';
import { useMinutes } from '../../api/meetings.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { TaskStatusTag } from './MeetingTags.tsx';

/** A resolution's task: its number linking to the task page and its live status; or what happens on distribution. */
export function ResolutionTask({ r }: { r: TResolution }) {
  const { t } = useTranslation();
  if (!r.task) return <Typography.Text type="secondary">{t('meetings.resolutions.noTask')}</Typography.Text>;
  return (
    <Flex gap={6} align="center" wrap>
      <Link to={`/tasks/${r.task.id}`} data-testid="resolution-task-link">
        {r.task.number}
      </Link>
      <TaskStatusTag status={r.task.status} />
    </Flex>
  );
}

/** 决议事项 with person, deadline, deliverable and, once distributed, the task it became. */
export function ResolutionTable({ resolutions, agenda }: { resolutions: readonly TResolution[]; agenda: readonly TAgendaItem[] }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  if (resolutions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.resolutions.empty')} />;
  if (isMobile) {
    return (
      <List
        size="small"
        dataSource={[...resolutions]}
        renderItem={(r) => (
          <List.Item data-testid="resolution">
            <List.Item.Meta
              title={`${r.position}. ${r.content}`}
              description={
                <Flex vertical gap={2}>
                  <span>{[r.owner.name, r.dueDate, r.deliverable].join(' · ')}</span>
                  <ResolutionTask r={r} />
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    );
  }
  const columns: TableColumnsType<TResolution> = [
    { key: 'n', title: t('print.seq'), width: 56, render: (_, r) => r.position },
    { key: 'content', title: t('meetings.resolutions.content'), render: (_, r) => r.content },
    { key: 'owner', title: t('meetings.resolutions.owner'), width: 90, render: (_, r) => r.owner.name },
    { key: 'dept', title: t('meetings.resolutions.department'), width: 90, render: (_, r) => r.departmentName ?? t('common.empty') },
    { key: 'due', title: t('meetings.resolutions.dueDate'), width: 110, render: (_, r) => r.dueDate },
    { key: 'deliverable', title: t('meetings.resolutions.deliverable'), render: (_, r) => r.deliverable },
    {
      key: 'item',
      title: t('meetings.resolutions.agendaItem'),
      render: (_, r) => agenda.find((a) => a.id === r.agendaItemId)?.title ?? t('common.empty'),
    },
    { key: 'task', title: t('meetings.resolutions.task'), width: 170, render: (_, r) => <ResolutionTask r={r} /> },
  ];
  return <Table<TResolution> rowKey="id" size="small" columns={columns} dataSource={[...resolutions]} pagination={false} scroll={{ x: 'max-content' }} />;
}

/** 决议跟踪 tab (MTG-10): the resolutions and their tasks' live status; the meeting's share done. */
export function ResolutionsTab({ meeting }: { meeting: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const started = meeting.phase === 'ongoing' || meeting.phase === 'ended';
  const query = useMinutes(meeting.id, started, true);
  if (!started) return <Empty description={t('meetings.minutes.notStarted')} />;
  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  const list = query.data?.resolutions ?? [];
  const done = list.filter((r) => r.task?.status === 'done').length;
  return (
    <Flex vertical gap={12}>
      {list.length > 0 ? (
        <Flex align="center" gap={12} style={{ maxWidth: 420 }}>
          <Typography.Text>{t('meetings.resolutions.progress', { done, total: list.length })}</Typography.Text>
          <Progress percent={Math.round((done / list.length) * 100)} size="small" style={{ flex: 1, margin: 0 }} />
        </Flex>
      ) : null}
      <ResolutionTable resolutions={list} agenda={meeting.agenda} />
    </Flex>
  );
}
