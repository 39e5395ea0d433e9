import type { ReactNode } from 'react';
import { Card, Flex, Pagination, Progress, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTaskListItem, TTaskPage, TTaskSort } from '@opsdesk/contract';
import { DueDate, STATUS_COLOR, TaskMarkers, TaskStatusTag } from './taskStatus.tsx';

interface Props {
  page: TTaskPage | undefined;
  loading: boolean;
  isMobile: boolean;
  sort: TTaskSort;
  empty: ReactNode;
  onOpen: (task: TTaskListItem) => void;
  onPage: (page: number, pageSize: number) => void;
  onSort: (sort: TTaskSort) => void;
}

/** 当前进度(%/阶段): the bar in the status colour and the stage text under it. */
export function ProgressCell({ task, width = 140 }: { task: TTaskListItem; width?: number }) {
  return (
    <div style={{ width }}>
      <Progress percent={task.progress} size="small" strokeColor={STATUS_COLOR[task.status]} status={task.status === 'done' ? 'success' : 'normal'} />
      {task.stage ? (
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
          {task.stage}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** The columns whose header sorts (the API's sort keys). */
type SortKey = 'number' | 'startDate' | 'dueDate' | 'progress';

/** The 任务跟踪表 on screen: its columns as a sortable table, or cards at phone width. */
export function TaskList({ page, loading, isMobile, sort, empty, onOpen, onPage, onSort }: Props) {
  const { t } = useTranslation();
  const dash = t('common.empty');
  const pagination = {
    current: page?.page ?? 1,
    pageSize: page?.pageSize ?? 20,
    total: page?.total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: onPage,
  };

  if (isMobile) {
    return (
      <Flex vertical gap={8}>
        {page ? null : <Card size="small" loading />}
        {page && page.items.length === 0 ? empty : null}
        {(page?.items ?? []).map((task) => (
          <Card key={task.id} size="small" hoverable onClick={() => onOpen(task)} data-testid="task-card">
            <Flex justify="space-between" gap={8} align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{task.name}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {task.number} · {task.owner.name}
                  </Typography.Text>
                </div>
              </div>
              <TaskStatusTag status={task.status} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              {t('tasks.fields.dueDate')} <DueDate task={task} />
            </Typography.Text>
            {task.major || task.atRisk || task.status === 'overdue' ? (
              <div style={{ marginTop: 4 }}>
                <TaskMarkers task={task} />
              </div>
            ) : null}
            <ProgressCell task={task} width={undefined} />
          </Card>
        ))}
        {page && page.total > 0 ? <Pagination {...pagination} simple style={{ alignSelf: 'center' }} /> : null}
      </Flex>
    );
  }

  const order = (key: SortKey) => (sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null);
  const columns: TableColumnsType<TTaskListItem> = [
    { key: 'number', title: t('tasks.fields.number'), dataIndex: 'number', width: 120, sorter: true, sortOrder: order('number') },
    {
      key: 'name',
      title: t('tasks.fields.name'),
      render: (_, task) => (
        <Space orientation="vertical" size={2}>
          <Typography.Link onClick={() => onOpen(task)}>{task.name}</Typography.Link>
          <TaskMarkers task={task} />
        </Space>
      ),
    },
    {
      key: 'owner',
      title: t('tasks.fields.owner'),
      width: 110,
      render: (_, task) => (
        <>
          {task.owner.name}
          {task.department ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {task.department.name}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    { key: 'startDate', title: t('tasks.fields.startDate'), dataIndex: 'startDate', width: 112, sorter: true, sortOrder: order('startDate') },
    // Wide enough for the date's second line, 还剩约 130 个工作日, unbroken.
    { key: 'dueDate', title: t('tasks.fields.dueDate'), width: 148, sorter: true, sortOrder: order('dueDate'), render: (_, task) => <DueDate task={task} stacked /> },
    { key: 'progress', title: t('tasks.fields.progress'), width: 160, sorter: true, sortOrder: order('progress'), render: (_, task) => <ProgressCell task={task} /> },
    { key: 'status', title: t('tasks.fields.status'), width: 90, render: (_, task) => <TaskStatusTag status={task.status} /> },
    { key: 'deliverable', title: t('tasks.fields.deliverable'), dataIndex: 'deliverable', ellipsis: true, width: 160 },
    { key: 'opinion', title: t('tasks.fields.acceptanceOpinion'), dataIndex: 'acceptanceOpinion', ellipsis: true, width: 140, render: (v: string | null) => v ?? dash },
    { key: 'remarks', title: t('tasks.fields.remarks'), dataIndex: 'remarks', ellipsis: true, width: 140, render: (v: string | null) => v ?? dash },
  ];

  const onChange: TableProps<TTaskListItem>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey as SortKey | undefined;
    if (!key || !sorter.order) onSort('dueDate');
    else onSort((sorter.order === 'descend' ? `-${key}` : key) as TTaskSort);
  };

  return (
    <Table<TTaskListItem>
      rowKey="id"
      columns={columns}
      dataSource={page?.items}
      loading={loading}
      pagination={pagination}
      onChange={onChange}
      onRow={(task) => ({
        onClick: (e) => {
          // The name is a link already; a click elsewhere on the row opens the task too.
          if (!(e.target as HTMLElement).closest('a')) onOpen(task);
        },
        style: { cursor: 'pointer' },
      })}
      rowClassName={(task) => (task.status === 'overdue' ? 'od-task-row-overdue' : '')}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: loading ? ' ' : empty }}
      data-testid="task-table"
    />
  );
}
