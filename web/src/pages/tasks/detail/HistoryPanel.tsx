import { Empty, Skeleton, Space, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTaskHistoryEntry } from '@opsdesk/contract';
import { usePerson } from '../../../api/org.ts';
import { useTaskHistory } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { formatDateTime } from '../../../lib/time.ts';

/** Bookkeeping the audit row carries that says nothing to a reader of the history. */
const HIDDEN = new Set(['id', 'creatorId', 'departmentId', 'progressEntryId', 'version', 'createdAt', 'updatedAt', 'approvalId']);
const PERSON_FIELDS = new Set(['ownerId', 'acceptorId']);

function PersonName({ id }: { id: number }) {
  const { data } = usePerson(id);
  return <>{data?.name ?? `#${id}`}</>;
}

function plain(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => plain(v, empty)).join('、') || empty;
  if (typeof value === 'object') {
    const o = value as { name?: unknown; number?: unknown; date?: unknown };
    if (typeof o.name === 'string') return [o.number, o.name, o.date].filter((p) => typeof p === 'string').join(' ');
  }
  return JSON.stringify(value);
}

/** One before/after value, readable: people by name, collaborators with their share, statuses in words. */
function HistoryValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const statusLabels = t('tasks.status', { returnObjects: true }) as Record<string, string>;
  const empty = t('common.empty');
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <>{empty}</>;
  if (PERSON_FIELDS.has(field) && typeof value === 'number') return <PersonName id={value} />;
  if (field === 'status' && typeof value === 'string' && statusLabels[value]) return <>{statusLabels[value]}</>;
  if (field === 'fileId') return <>{t('tasks.history.fileUploaded')}</>;
  if (field === 'collaborators' && Array.isArray(value)) {
    return (
      <Space orientation="vertical" size={0}>
        {(value as { personId?: number; share?: string }[]).map((c, i) => (
          <span key={i}>
            {typeof c.personId === 'number' ? <PersonName id={c.personId} /> : null}
            {c.share ? `：${c.share}` : ''}
          </span>
        ))}
      </Space>
    );
  }
  return <>{plain(value, empty)}</>;
}

/** 变更记录: who changed what, when (the task's audit rows, newest first), each field before → after. */
export function HistoryPanel({ taskId, active }: { taskId: number; active: boolean }) {
  const { t } = useTranslation();
  const query = useTaskHistory(taskId, active);
  const fieldLabels = {
    ...(t('tasks.fields', { returnObjects: true }) as Record<string, string>),
    ...(t('tasks.history.fields', { returnObjects: true }) as Record<string, string>),
  };
  const actionLabels = t('tasks.history.actions', { returnObjects: true }) as Record<string, string>;
  const fieldText = (field: string) =>
    field.startsWith('milestone:') ? t('tasks.history.milestoneField', { name: field.slice('milestone:'.length) }) : (fieldLabels[field] ?? field);

  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.history.empty')} />;

  return (
    <Timeline
      data-testid="task-history"
      items={[...query.data].reverse().map((entry: TTaskHistoryEntry) => {
        const changes = entry.changes.filter((c) => !HIDDEN.has(c.field));
        return {
          key: entry.id,
          content: (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text>
                <Typography.Text strong>{entry.actor?.name ?? t('audit.system')}</Typography.Text> {actionLabels[entry.action] ?? entry.action}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(entry.at)}
              </Typography.Text>
              {changes.length > 0 ? (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="field"
                  dataSource={changes}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { key: 'field', title: t('audit.field'), width: 130, render: (_, c) => fieldText(c.field) },
                    {
                      key: 'before',
                      title: t('audit.before'),
                      width: '40%',
                      render: (_, c) => (
                        <Typography.Text type="secondary" delete={c.before !== null && c.before !== undefined && c.before !== ''}>
                          <HistoryValue field={c.field} value={c.before} />
                        </Typography.Text>
                      ),
                    },
                    { key: 'after', title: t('audit.after'), render: (_, c) => <HistoryValue field={c.field} value={c.after} /> },
                  ]}
                />
              ) : null}
            </Space>
          ),
        };
      })}
    />
  );
}
