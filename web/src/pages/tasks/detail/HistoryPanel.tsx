import { Empty, Skeleton, Space, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTaskHistoryEntry } from '@opsdesk/contract';
import { useTaskHistory } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { formatDateTime } from '../../../lib/time.ts';

function valueText(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => valueText(v, empty)).join('、') || empty;
  if (typeof value === 'object') {
    const named = value as { name?: unknown; number?: unknown };
    if (typeof named.name === 'string') return typeof named.number === 'string' ? `${named.number} ${named.name}` : named.name;
  }
  return JSON.stringify(value);
}

/** 变更记录: who changed what, when (the task's audit rows), each field before → after. */
export function HistoryPanel({ taskId, active }: { taskId: number; active: boolean }) {
  const { t } = useTranslation();
  const query = useTaskHistory(taskId, active);
  const fieldLabels = t('tasks.fields', { returnObjects: true }) as Record<string, string>;
  const actionLabels = t('tasks.history.actions', { returnObjects: true }) as Record<string, string>;
  const statusLabels = t('tasks.status', { returnObjects: true }) as Record<string, string>;
  const empty = t('common.empty');
  const fieldText = (field: string) =>
    field.startsWith('milestone:') ? t('tasks.history.milestoneField', { name: field.slice('milestone:'.length) }) : (fieldLabels[field] ?? field);
  const shown = (field: string, value: unknown) =>
    field === 'status' && typeof value === 'string' && statusLabels[value] ? statusLabels[value] : valueText(value, empty);

  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.history.empty')} />;

  return (
    <Timeline
      data-testid="task-history"
      items={[...query.data].reverse().map((entry: TTaskHistoryEntry) => ({
        key: entry.id,
        content: (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>
              <Typography.Text strong>{entry.actor?.name ?? t('audit.system')}</Typography.Text> {actionLabels[entry.action] ?? entry.action}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(entry.at)}
            </Typography.Text>
            {entry.changes.length > 0 ? (
              <Table
                size="small"
                pagination={false}
                rowKey="field"
                dataSource={entry.changes}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'field', title: t('audit.field'), width: 120, render: (_, c) => fieldText(c.field) },
                  { key: 'before', title: t('audit.before'), render: (_, c) => <Typography.Text delete>{shown(c.field, c.before)}</Typography.Text> },
                  { key: 'after', title: t('audit.after'), render: (_, c) => shown(c.field, c.after) },
                ]}
              />
            ) : null}
          </Space>
        ),
      }))}
    />
  );
}
