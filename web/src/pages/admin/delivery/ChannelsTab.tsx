import { useState } from 'react';
import { App, Button, Empty, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TDeliveryChannel } from '@opsdesk/contract';
import { useDeleteChannel, useDeliveryChannels, useSaveChannel, useTestChannel } from '../../../api/delivery.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import { ChannelFormModal } from './ChannelFormModal.tsx';

export function ChannelsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useDeliveryChannels();
  const save = useSaveChannel();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState<TDeliveryChannel | 'new' | null>(null);

  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;

  const sendTest = (row: TDeliveryChannel) =>
    test.mutate(row.id, {
      onSuccess: (d) =>
        d.status === 'sent'
          ? void message.success(t('delivery.testSent'))
          : void message.warning(t('delivery.testFailed', { error: d.lastError ?? t(`delivery.status.${d.status}`) })),
      onError: notifyError,
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
        {t('delivery.add')}
      </Button>
      <Table
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('delivery.emptyChannels')} /> }}
        columns={[
          { key: 'department', title: t('delivery.department'), render: (_, r) => r.departmentName ?? '—', width: 140 },
          { key: 'kind', title: t('delivery.kind'), render: (_, r) => <Tag>{t(`delivery.kinds.${r.kind}`)}</Tag>, width: 100 },
          { key: 'name', title: t('delivery.name'), dataIndex: 'name', width: 160 },
          {
            key: 'url',
            title: t('delivery.webhookUrl'),
            render: (_, r) => (
              <Typography.Text ellipsis={{ tooltip: r.webhookUrl }} style={{ maxWidth: 280 }}>
                {r.webhookUrl}
              </Typography.Text>
            ),
          },
          {
            key: 'secret',
            title: t('delivery.signingSecret'),
            width: 100,
            render: (_, r) => (r.signingSecretSet ? <Tag color="green">{t('delivery.secretSet')}</Tag> : <Tag>{t('delivery.secretNotSet')}</Tag>),
          },
          {
            key: 'enabled',
            title: t('delivery.enabled'),
            width: 80,
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.enabled}
                aria-label={`${r.name} ${t('delivery.enabled')}`}
                onChange={(enabled) => save.mutate({ id: r.id, body: { enabled } }, { onError: notifyError })}
              />
            ),
          },
          {
            key: 'actions',
            title: '',
            width: 220,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" type="link" loading={test.isPending && test.variables === r.id} disabled={!r.enabled} onClick={() => sendTest(r)}>
                  {t('delivery.test')}
                </Button>
                <Button size="small" type="link" onClick={() => setEditing(r)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('delivery.deleteConfirm', { name: r.name })}
                  onConfirm={() => remove.mutate(r.id, { onSuccess: () => void message.success(t('delivery.deleted')), onError: notifyError })}
                >
                  <Button size="small" type="link" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing ? <ChannelFormModal channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Space>
  );
}
