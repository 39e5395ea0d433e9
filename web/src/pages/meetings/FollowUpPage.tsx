import { Button, Card, DatePicker, Empty, Flex, List, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TFollowUpWeek } from '@opsdesk/contract';
import { useFollowUpWeek } from '../../api/meetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { DATE_FORMAT, companyToday } from '../../lib/time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { ResolutionTask } from './ResolutionsTab.tsx';
import { addDays, DATE_RE, inCompany, mondayOf } from './when.ts';

type Row = TFollowUpWeek['items'][number];
const KEYS = ['week'] as const;

/** 决议跟踪 (MTG-10): the minute-taker's week — resolutions of my meetings with their tasks' live status. */
export default function FollowUpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.followUp.title'));
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { values, update } = useUrlState(KEYS);
  const week = mondayOf(values.week && DATE_RE.test(values.week) ? values.week : companyToday());
  const { data, error, refetch, isFetching } = useFollowUpWeek({ week });
  const items = data?.items ?? [];
  const done = items.filter((i) => i.resolution.task?.status === 'done').length;
  const overdue = items.filter((i) => i.overdue).length;

  const due = (r: Row) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.resolution.dueDate}</Typography.Text>;
  const columns: TableColumnsType<Row> = [
    {
      key: 'meeting',
      title: t('meetings.followUp.meeting'),
      render: (_, r) => (
        <>
          <Link to={`/meetings/${r.meeting.id}?tab=resolutions`}>{r.meeting.topic}</Link>
          <div>
            <Typography.Text type="secondary">{inCompany(r.meeting.startsAt).format('YYYY-MM-DD')}</Typography.Text>
          </div>
        </>
      ),
    },
    { key: 'content', title: t('meetings.resolutions.content'), render: (_, r) => r.resolution.content },
    { key: 'owner', title: t('meetings.resolutions.owner'), width: 90, render: (_, r) => r.resolution.owner.name },
    { key: 'due', title: t('meetings.resolutions.dueDate'), width: 110, render: (_, r) => due(r) },
    { key: 'deliverable', title: t('meetings.resolutions.deliverable'), render: (_, r) => r.resolution.deliverable },
    { key: 'task', title: t('meetings.resolutions.taskStatus'), width: 180, render: (_, r) => <ResolutionTask r={r.resolution} /> },
  ];
  const title = t('meetings.followUp.weekTitle', { from: week, to: addDays(week, 6) });
  const empty = (
    <Empty description={t('meetings.followUp.empty')}>
      <Typography.Text type="secondary">{t('meetings.followUp.emptyHint')}</Typography.Text>
    </Empty>
  );

  return (
    <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('meetings.detail.back')} onClick={() => void navigate('/meetings')} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('meetings.followUp.title')}
          </Typography.Title>
        </Space>
        <Flex align="center" gap={4} wrap>
          <Button icon={<LeftOutlined />} aria-label={t('meetings.followUp.prevWeek')} onClick={() => update({ week: addDays(week, -7) })} />
          <Button onClick={() => update({ week: undefined })}>{t('meetings.followUp.thisWeek')}</Button>
          <Button icon={<RightOutlined />} aria-label={t('meetings.followUp.nextWeek')} onClick={() => update({ week: addDays(week, 7) })} />
          <DatePicker picker="week" value={dayjs(week)} allowClear={false} variant="borderless" format={() => title} onChange={(d) => d && update({ week: d.format(DATE_FORMAT) })} />
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary">{t('meetings.followUp.subtitle')}</Typography.Paragraph>
      {data ? (
        <Space size={8} wrap style={{ marginBottom: 12 }}>
          <Tag>{t('meetings.followUp.summary', { total: items.length, done, overdue })}</Tag>
        </Space>
      ) : null}
      {error ? <LoadError error={error} onRetry={refetch} style={{ marginBottom: 16 }} /> : null}
      {!data ? (
        error ? null : <Skeleton active paragraph={{ rows: 6 }} />
      ) : isMobile ? (
        items.length === 0 ? (
          empty
        ) : (
          <List
            dataSource={items}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={r.resolution.content}
                  description={
                    <Flex vertical gap={2}>
                      <Link to={`/meetings/${r.meeting.id}?tab=resolutions`}>{r.meeting.topic}</Link>
                      <span>
                        {r.resolution.owner.name} · {due(r)}
                      </span>
                      <ResolutionTask r={r.resolution} />
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
        )
      ) : (
        <Table<Row>
          rowKey={(r) => r.resolution.id}
          columns={columns}
          dataSource={items}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          rowClassName={(r) => (r.overdue ? 'od-row-overdue' : '')}
        />
      )}
    </Card>
  );
}
