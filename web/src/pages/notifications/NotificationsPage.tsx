import { Button, Card, Empty, List, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMarkAllRead, useMarkRead, useNotifications } from '../../api/notifications.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { NotificationLine, useOpenNotification } from '../../shell/NotificationBell.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { useUrlState } from '../../lib/useUrlState.ts';

const KEYS = ['unread'] as const;

/** ALL-2 消息中心: every notification, newest first; filter and page live in the URL. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notify.title'));
  const { values, update, page, pageSize } = useUrlState(KEYS);
  const onlyUnread = values.unread === 'true';
  const list = useNotifications({ page, pageSize, unread: onlyUnread ? 'true' : undefined });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const notifyError = useNotifyError();
  const openItem = useOpenNotification();
  const unreadCount = list.data?.unreadCount ?? 0;

  return (
    <Card
      title={t('notify.title')}
      extra={
        <Button disabled={unreadCount === 0} loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onError: notifyError })}>
          {t('notify.markAllRead')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented
          value={onlyUnread ? 'unread' : 'all'}
          onChange={(v) => update({ unread: v === 'unread' ? 'true' : undefined })}
          options={[
            { value: 'all', label: t('notify.all') },
            { value: 'unread', label: `${t('notify.unread')}${unreadCount ? ` (${unreadCount})` : ''}` },
          ]}
        />
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <List
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={onlyUnread ? t('notify.emptyUnread') : t('notify.empty')} /> }}
            renderItem={(item) => (
              <NotificationLine item={item} onOpen={() => openItem(item)} onRead={() => markRead.mutate(item.id, { onError: notifyError })} />
            )}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('notify.total', { total }),
              onChange: (p, size) => update({ page: String(p), pageSize: String(size) }),
            }}
          />
        )}
      </Space>
    </Card>
  );
}
