import { LoadError } from '../../components/LoadError.tsx';
import { Card, Empty, Table, Typography, type PaginationProps, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry, TAuditQuery } from '@opsdesk/contract';
import { useAuditLog } from '../../api/audit.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { formatExact } from '../../lib/time.ts';
import { AUDIT_FILTER_KEYS, AuditFilters } from './AuditFilters.tsx';
import { AuditChanges } from './AuditChanges.tsx';
import { AuditCards } from './AuditCards.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

export default function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const isMobile = useIsMobile();
  const { values, update, clear, page, pageSize } = useUrlState(AUDIT_FILTER_KEYS);

  const query: TAuditQuery = {
    actorId: Number(values.actorId) || undefined,
    entity: values.entity,
    entityId: values.entityId,
    action: values.action,
    from: values.from,
    to: values.to,
    page,
    pageSize,
  };
  const { data, isFetching, error, refetch } = useAuditLog(query);
  const entities: Record<string, string> = t('audit.entities', { returnObjects: true });
  const actions: Record<string, string> = t('audit.actions', { returnObjects: true });
  const dash = t('common.empty');

  const pagination: PaginationProps = {
    current: data?.page ?? page,
    pageSize: data?.pageSize ?? pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: (total) => t('common.total', { total }),
    onChange: (next, size) => update({ page: String(next), pageSize: String(size) }),
  };

  const columns: TableColumnsType<TAuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatExact(at) },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('audit.system') },
    { title: t('audit.entity'), dataIndex: 'entity', render: (v: string) => entities[v] ?? v },
    { title: t('audit.entityId'), dataIndex: 'entityId', render: (v: string | null) => v ?? dash },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => actions[v] ?? v },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? dash },
  ];

  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <AuditFilters values={values} onChange={update} onReset={() => clear()} isMobile={isMobile} />
      {error ? (
        <LoadError error={error} onRetry={refetch} style={{ marginBottom: 16 }} />
      ) : null}
      {isMobile ? (
        <AuditCards page={data} pagination={pagination} entities={entities} actions={actions} />
      ) : (
        <Table<TAuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (entry) => <AuditChanges entry={entry} />,
            rowExpandable: (entry) => Object.keys(entry.changes).length > 0,
          }}
          pagination={pagination}
          locale={{
            emptyText: isFetching ? ' ' : (
              <Empty description={t('audit.empty')}>
                <Typography.Text type="secondary">{t('audit.emptyHint')}</Typography.Text>
              </Empty>
            ),
          }}
        />
      )}
    </Card>
  );
}
