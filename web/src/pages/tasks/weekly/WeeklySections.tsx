import { useState } from 'react';
import { Badge, Card, Flex, List, Progress, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTaskWeeklyCounts, TTaskWeeklyItem, TTaskWeeklyPersonRow, TTaskWeeklyQuery, TTaskWeeklySection } from '@opsdesk/contract';
import { useWeeklyItems } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { AT_RISK_COLOR, DueDate, STATUS_COLOR, TaskStatusTag } from '../taskStatus.tsx';

const PAGE_SIZE = 20;

interface Props {
  query: TTaskWeeklyQuery;
  totals: TTaskWeeklyCounts;
  section: TTaskWeeklySection;
  onSection: (section: TTaskWeeklySection) => void;
  /** A row of the per-person table narrows the sections to that person (and the counts to theirs). */
  owner: TTaskWeeklyPersonRow | null;
  onClearOwner: () => void;
  compact: boolean;
  onOpen: (id: number) => void;
}

/**
 * TSK-10's four sections as tabs, each a server-paged table (a department's week can hold thousands
 * of tasks). Mounted anew for each section and person, so the page starts at 1.
 */
export function WeeklySections({ query, totals, section, onSection, owner, onClearOwner, compact, onOpen }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const items = useWeeklyItems({ ...query, section, ownerId: owner?.person.id, page, pageSize: PAGE_SIZE });
  const data = items.data;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    hideOnSinglePage: true,
    showTotal: (total: number) => t('common.total', { total }),
  };

  const columns: TableColumnsType<TTaskWeeklyItem> = [
    { key: 'number', title: t('tasks.fields.number'), dataIndex: 'number', width: 130 },
    { key: 'name', title: t('tasks.fields.name'), render: (_, item) => <Typography.Link onClick={() => onOpen(item.id)}>{item.name}</Typography.Link> },
    { key: 'owner', title: t('tasks.fields.owner'), width: 90, render: (_, item) => item.owner.name },
    { key: 'due', title: t('tasks.fields.dueDate'), width: 148, render: (_, item) => <DueDate task={item} stacked /> },
    section === 'done'
      ? { key: 'doneAt', title: t('tasks.weekly.doneAt'), width: 110, render: (_, item) => item.doneAt?.slice(0, 10) ?? '' }
      : {
          key: 'progress',
          title: t('tasks.fields.progress'),
          width: 200,
          render: (_, item) => (
            <div>
              <Progress percent={item.progress} size="small" strokeColor={STATUS_COLOR[item.status]} />
              {item.stage ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.stage}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
    section === 'overdue'
      ? {
          key: 'reason',
          title: t('tasks.weekly.delayReason'),
          render: (_, item) => (
            <>
              <Typography.Text type="danger">{t('tasks.markers.overdueDays', { count: item.overdueDays })}</Typography.Text>
              <div>{item.delayReason ?? <Typography.Text type="warning">{t('tasks.weekly.noReason')}</Typography.Text>}</div>
            </>
          ),
        }
      : { key: 'status', title: t('tasks.fields.status'), width: 90, render: (_, item) => <TaskStatusTag status={item.status} /> },
  ];

  const body = items.isError ? (
    <LoadError error={items.error} onRetry={() => items.refetch()} />
  ) : compact ? (
    <List<TTaskWeeklyItem>
      loading={!data}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t('tasks.weekly.none') }}
      pagination={data && data.total > PAGE_SIZE ? { ...pagination, simple: true, align: 'center' } : false}
      renderItem={(item) => (
        <List.Item onClick={() => onOpen(item.id)} style={{ cursor: 'pointer', display: 'block' }}>
          <Typography.Text strong>{item.name}</Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.owner.name} · {item.progress}%
          </Typography.Text>
          <div style={{ fontSize: 12 }}>
            <DueDate task={item} quiet />
          </div>
          {section === 'overdue' ? <div>{item.delayReason ?? t('tasks.weekly.noReason')}</div> : null}
        </List.Item>
      )}
    />
  ) : (
    <Table<TTaskWeeklyItem>
      size="small"
      rowKey="id"
      loading={!data || items.isFetching}
      dataSource={data?.items ?? []}
      columns={columns}
      locale={{ emptyText: t('tasks.weekly.none') }}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
    />
  );

  return (
    <Card size="small" data-testid="weekly-sections">
      <Tabs
        activeKey={section}
        onChange={(key) => onSection(key as TTaskWeeklySection)}
        tabBarExtraContent={
          owner ? (
            <Tag closable onClose={onClearOwner} color="blue" data-testid="weekly-owner">
              {t('tasks.weekly.onlyOwner', { name: owner.person.name })}
            </Tag>
          ) : null
        }
        items={(['done', 'inProgress', 'overdue', 'atRisk'] as const).map((key) => {
          const n = (owner ?? totals)[key];
          // Red and orange only when there is something late or at risk: a red 0 reads as an alarm.
          const alarm = n > 0 && (key === 'overdue' ? STATUS_COLOR.overdue : key === 'atRisk' ? AT_RISK_COLOR : undefined);
          return {
            key,
            label: (
              <Flex gap={6} align="center">
                {t(`tasks.weekly.${key}`)}
                <Badge count={n} showZero overflowCount={9999} color={alarm || '#bfbfbf'} />
              </Flex>
            ),
          };
        })}
      />
      <div data-testid={`weekly-${section}`}>{body}</div>
    </Card>
  );
}
