import { App, Button, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATUSES, type TDeliveryStatus } from '@opsdesk/contract';
import { useDeliveries, useRetryDelivery } from '../../../api/delivery.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { formatExact } from '../../../lib/time.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import type { useUrlState } from '../../../lib/useUrlState.ts';

const COLOR: Record<TDeliveryStatus, string> = { pending: 'default', sending: 'processing', sent: 'success', failed: 'warning', dead: 'error' };
const isStatus = (v: unknown): v is TDeliveryStatus => (DELIVERY_STATUSES as readonly unknown[]).includes(v);
/** The queue an administrator watches: what has not gone out yet, first. */
const FILTERS = ['pending', 'failed', 'dead', 'sent'] as const;

export function DeliveriesTab({ url }: { url: ReturnType<typeof useUrlState<'tab' | 'status'>> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = isStatus(url.values.status) ? url.values.status : undefined;
  const list = useDeliveries({ status, page: url.page, pageSize: url.pageSize });
  const retry = useRetryDelivery();
  const notifyError = useNotifyError();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented
        value={status ?? 'all'}
        onChange={(v) => url.update({ status: v === 'all' ? undefined : v })}
        options={[{ value: 'all', label: t('delivery.allStatuses') }, ...FILTERS.map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))]}
      />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1400 }}
          locale={{ emptyText: <Empty description={t('delivery.emptyDeliveries')} /> }}
          pagination={{
            current: url.page,
            pageSize: url.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('notify.total', { total }),
            onChange: (p, size) => url.update({ page: String(p), pageSize: String(size) }),
          }}
          columns={[
            {
              key: 'title',
              title: t('delivery.columns.title'),
              width: 240,
              render: (_, r) => (
                <Space size={4}>
                  {r.test ? <Tag>{t('delivery.testTag')}</Tag> : null}
                  <span>{r.title}</span>
                </Space>
              ),
            },
            { key: 'channel', title: t('delivery.columns.channel'), width: 150, render: (_, r) => `${t(`delivery.kinds.${r.channel}`)}${r.channelName ? ` · ${r.channelName}` : ''}` },
            { key: 'target', title: t('delivery.columns.target'), width: 150, render: (_, r) => r.recipientName ?? r.target },
            { key: 'status', title: t('delivery.columns.status'), width: 110, render: (_, r) => <Tag color={COLOR[r.status]}>{t(`delivery.status.${r.status}`)}</Tag> },
            { key: 'attempts', title: t('delivery.columns.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
            { key: 'next', title: t('delivery.columns.nextAttemptAt'), width: 170, render: (_, r) => (r.nextAttemptAt && r.status !== 'sent' ? formatExact(r.nextAttemptAt) : '—') },
            {
              key: 'error',
              title: t('delivery.columns.lastError'),
              render: (_, r) =>
                r.lastError ? (
                  <Typography.Text type="danger" ellipsis={{ tooltip: r.lastError }} style={{ maxWidth: 220 }}>
                    {r.lastError}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            { key: 'createdAt', title: t('delivery.columns.createdAt'), width: 170, render: (_, r) => formatExact(r.createdAt) },
            {
              key: 'actions',
              title: '',
              width: 80,
              fixed: 'right',
              render: (_, r) =>
                r.status === 'failed' || r.status === 'dead' ? (
                  <Button
                    size="small"
                    type="link"
                    loading={retry.isPending && retry.variables === r.id}
                    onClick={() => retry.mutate(r.id, { onSuccess: () => void message.success(t('delivery.retried')), onError: notifyError })}
                  >
                    {t('delivery.retry')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
    </Space>
  );
}
