import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ParseKeys } from 'i18next';
import { LOAN_STATUSES, type TDocumentHistoryEntry } from '@opsdesk/contract';
import { useDocumentHistory } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';

/**
 * The fields a reader cares about, with their labels; the audit rows also carry ids and
 * timestamps, which say nothing to an office worker and are left out here (the auditor has them).
 */
const FIELDS: Record<string, ParseKeys> = {
  name: 'documents.fields.name',
  number: 'documents.fields.number',
  secrecy: 'documents.fields.secrecy',
  important: 'documents.fields.important',
  paperLocation: 'documents.fields.paperLocation',
  fileId: 'documents.fields.file',
  archiveStatus: 'documents.fields.archiveStatus',
  archivedOn: 'documents.fields.archivedOn',
  note: 'documents.fields.note',
  target: 'documents.detail.grants',
  purpose: 'documents.loan.purpose',
  fromDate: 'documents.loan.from',
  toDate: 'documents.loan.to',
  medium: 'documents.loan.medium',
  allowDownload: 'documents.loan.allowDownload',
  dueDate: 'documents.loan.dueDate',
  status: 'documents.loan.filterStatus',
};

const isLoanStatus = (v: unknown): v is (typeof LOAN_STATUSES)[number] => (LOAN_STATUSES as readonly unknown[]).includes(v);

/** SPEC "change history": who changed what, when — newest first, as the audit log recorded it. */
export function HistoryCard({ documentId }: { documentId: number }) {
  const { t, i18n } = useTranslation();
  const history = useDocumentHistory(documentId);

  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.empty');
    if (field === 'fileId') return t('documents.history.fileSet');
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (field === 'secrecy' && (value === 'internal' || value === 'secret')) return t(`documents.secrecy.${value}`);
    if (field === 'archiveStatus' && (value === 'archived' || value === 'pending')) return t(`documents.status.${value}`);
    if (field === 'medium' && (value === 'paper' || value === 'electronic')) return t(`documents.loan.media.${value}`);
    if (field === 'status' && isLoanStatus(value)) return t(`documents.loan.status.${value}`);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  };
  const actionLabel = (e: TDocumentHistoryEntry) => {
    const key = `documents.history.actions.${e.action}`;
    return i18n.exists(key) ? t(key as ParseKeys) : e.action;
  };
  const lines = (e: TDocumentHistoryEntry) =>
    e.changes
      .filter((c) => FIELDS[c.field])
      .map((c) => {
        const field = t(FIELDS[c.field]!);
        // A creation has nothing before: say what was set, not "— → value".
        return c.before === null || c.before === undefined
          ? t('documents.history.set', { field, value: valueText(c.field, c.after) })
          : t('documents.history.change', { field, before: valueText(c.field, c.before), after: valueText(c.field, c.after) });
      });

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
                {lines(e).map((line, i) => (
                  <div key={i} style={{ fontSize: 12 }}>
                    {line}
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
