import { Card, Empty, Flex, Pagination, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TBackup, TBackupPage } from '@opsdesk/contract';
import { formatBytes } from '@opsdesk/contract';
import { formatExact } from '../../../lib/time.ts';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

interface Props {
  page: TBackupPage | undefined;
  loading: boolean;
  isMobile: boolean;
  onPage: (page: number, pageSize: number) => void;
}

function StatusTag({ backup }: { backup: TBackup }) {
  const { t } = useTranslation();
  return backup.status === 'succeeded' ? <Tag color="green">{t('backup.status.succeeded')}</Tag> : <Tag color="red">{t('backup.status.failed')}</Tag>;
}

function CheckTag({ backup }: { backup: TBackup }) {
  const { t } = useTranslation();
  if (!backup.restoreCheck) return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
  return backup.restoreCheck === 'passed' ? <Tag color="green">{t('backup.check.passed')}</Tag> : <Tag color="red">{t('backup.check.failed')}</Tag>;
}

/** Why it failed, what the restore check said, and whether retention has removed it. */
function Notes({ backup }: { backup: TBackup }) {
  const { t } = useTranslation();
  const text = backup.message ?? backup.restoreCheckMessage;
  return (
    <Flex vertical style={{ minWidth: 220, wordBreak: 'break-all' }}>
      {text ? <Typography.Text type={backup.status === 'failed' || backup.restoreCheck === 'failed' ? 'danger' : undefined}>{text}</Typography.Text> : null}
      {backup.prunedAt ? (
        <Typography.Text type="secondary">{t('backup.pruned', { time: formatExact(backup.prunedAt) })}</Typography.Text>
      ) : (
        <Typography.Text type="secondary" copyable={{ text: backup.path }} style={{ fontSize: 12 }}>
          {backup.path}
        </Typography.Text>
      )}
    </Flex>
  );
}

function KindText({ backup }: { backup: TBackup }) {
  const { t } = useTranslation();
  const kind = t(`backup.kind.${backup.kind}`);
  return <>{backup.actorName ? t('common.withNote', { text: kind, note: backup.actorName }) : kind}</>;
}

export function BackupTable({ page, loading, isMobile, onPage }: Props) {
  const { t } = useTranslation();
  const pagination = {
    current: page?.page ?? 1,
    pageSize: page?.pageSize ?? 20,
    total: page?.total ?? 0,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: onPage,
    hideOnSinglePage: true,
  };
  const empty = <Empty description={t('backup.empty')} />;

  if (isMobile) {
    return (
      <Flex vertical gap={8}>
        {page ? null : <Card size="small" loading />}
        {page && page.items.length === 0 ? empty : null}
        {(page?.items ?? []).map((b) => (
          <Card key={b.id} size="small" data-testid="backup-card">
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>{formatExact(b.startedAt)}</Typography.Text>
              <Space size={4}>
                <StatusTag backup={b} />
                <CheckTag backup={b} />
              </Space>
            </Flex>
            <Typography.Text type="secondary">
              <KindText backup={b} /> · {formatBytes(b.sizeBytes)}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              <Notes backup={b} />
            </div>
          </Card>
        ))}
        {page && page.total > page.pageSize ? <Pagination {...pagination} simple style={{ alignSelf: 'center' }} /> : null}
      </Flex>
    );
  }

  const columns: TableColumnsType<TBackup> = [
    { title: t('backup.col.time'), key: 'time', render: (_, b) => <span style={NOWRAP}>{formatExact(b.startedAt)}</span> },
    { title: t('backup.col.kind'), key: 'kind', render: (_, b) => <KindText backup={b} /> },
    { title: t('backup.col.size'), key: 'size', align: 'right', render: (_, b) => <span style={NOWRAP}>{b.status === 'succeeded' ? formatBytes(b.sizeBytes) : t('common.empty')}</span> },
    { title: t('backup.col.status'), key: 'status', render: (_, b) => <StatusTag backup={b} /> },
    { title: <span style={NOWRAP}>{t('backup.col.check')}</span>, key: 'check', render: (_, b) => <CheckTag backup={b} /> },
    { title: t('backup.col.notes'), key: 'notes', render: (_, b) => <Notes backup={b} /> },
  ];
  return (
    <Table<TBackup>
      rowKey="id"
      columns={columns}
      dataSource={page?.items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 960 }}
      locale={{ emptyText: loading ? ' ' : empty }}
    />
  );
}
