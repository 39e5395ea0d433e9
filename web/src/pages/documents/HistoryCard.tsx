import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_LABELS, type TDocumentHistoryEntry } from '@opsdesk/contract';
import { useDocumentHistory } from '../../api/documents.ts';
import { currentLocale } from '../../i18n/index.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';

/** SPEC "change history": who changed what, when — newest first, as the audit log recorded it. */
export function HistoryCard({ documentId }: { documentId: number }) {
  const { t, i18n } = useTranslation();
  const history = useDocumentHistory(documentId);

  const fieldLabel = (field: string) => {
    const key = `documents.fields.${field}`;
    return i18n.exists(key) ? t(key as 'documents.fields.name') : (FIELD_LABELS[field]?.[currentLocale()] ?? field);
  };
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.empty');
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (field === 'secrecy' && (value === 'internal' || value === 'secret')) return t(`documents.secrecy.${value}`);
    if (field === 'archiveStatus' && (value === 'archived' || value === 'pending')) return t(`documents.status.${value}`);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
  const actionLabel = (e: TDocumentHistoryEntry) => {
    const key = `documents.history.actions.${e.action}`;
    return i18n.exists(key) ? t(key as 'documents.history.actions.create') : e.action;
  };

  return (
    <Card title={t('documents.detail.history')} size="small" data-testid="history-card">
      {history.error ? (
        <LoadError error={history.error} onRetry={() => history.refetch()} />
      ) : !history.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : history.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.detail.historyEmpty')} />
      ) : (
        <Timeline
          items={history.data.map((e) => ({
            key: e.id,
            content: (
              <>
                <Typography.Text strong>{e.actor?.name ?? t('documents.history.system')}</Typography.Text> {actionLabel(e)}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)}
                  </Typography.Text>
                </div>
                {e.changes.map((c) => (
                  <div key={c.field} style={{ fontSize: 12 }}>
                    {t('documents.history.change', { field: fieldLabel(c.field), before: valueText(c.field, c.before), after: valueText(c.field, c.after) })}
                  </div>
                ))}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
