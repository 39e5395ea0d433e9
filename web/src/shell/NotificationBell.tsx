import { useState } from 'react';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TNotification } from '@opsdesk/contract';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '../api/notifications.ts';
import { formatDateTime } from '../lib/time.ts';
import { useNotifyError } from '../lib/useErrorText.ts';
import { LoadError } from '../components/LoadError.tsx';
import { useNotificationStream } from './useNotificationStream.ts';

/** One line of the bell's list and of the notifications page. */
export function NotificationLine({ item, onOpen, onRead }: { item: TNotification; onOpen: () => void; onRead?: () => void }) {
  const { t } = useTranslation();
  const unread = item.readAt === null;
  return (
    <List.Item
      style={{ cursor: 'pointer', paddingInline: 8, background: unread ? 'rgba(22,119,255,0.04)' : undefined }}
      onClick={onOpen}
      actions={
        unread && onRead
          ? [
              <Button
                key="read"
                type="link"
                size="small"
                onClick={(e) => {
                  e.stopPropagation();
                  onRead();
                }}
              >
                {t('notify.markRead')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        avatar={<Badge status={unread ? 'processing' : 'default'} />}
        title={<Typography.Text strong={unread}>{item.title}</Typography.Text>}
        description={
          <Space orientation="vertical" size={0}>
            {item.body ? <Typography.Text type="secondary">{item.body}</Typography.Text> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(item.createdAt)}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}

/** Opening a notification marks it read and goes to its item. */
export function useOpenNotification() {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  return (item: TNotification) => {
    if (item.readAt === null) markRead.mutate(item.id);
    if (item.link) void navigate(item.link);
  };
}

export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications({ pageSize: 8 }, open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const notifyError = useNotifyError();
  const openItem = useOpenNotification();
  const count = unread.data?.unreadCount ?? 0;

  useNotificationStream((item) => {
    notification.info({
      key: `notification-${item.id}`,
      title: item.title,
      // Kept to its lines and to four of them: the full text is one click away.
      description: item.body ? <div className="notification-toast-body">{item.body}</div> : undefined,
      placement: 'topRight',
      onClick: () => {
        openItem(item);
        notification.destroy(`notification-${item.id}`);
      },
      style: item.link ? { cursor: 'pointer' } : undefined,
    });
  });

  const items = list.data?.items ?? [];
  const content = (
    <div style={{ width: 360 }}>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 && !list.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <List
          size="small"
          loading={list.isLoading}
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(item) => (
            <NotificationLine
              item={item}
              onOpen={() => {
                setOpen(false);
                openItem(item);
              }}
              onRead={() => markRead.mutate(item.id, { onError: notifyError })}
            />
          )}
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginTop: 4 }}>
        <Button
          size="small"
          type="link"
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(items[0]?.id, { onError: notifyError })}
        >
          {t('notify.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          {t('notify.viewAll')}
        </Button>
      </div>
    </div>
  );

  const button = (
    <Button
      type="text"
      aria-label={count > 0 ? t('notify.bellCount', { count }) : t('notify.bell')}
      data-testid="notification-bell"
      onClick={compact ? () => void navigate('/notifications') : undefined}
      icon={
        <Badge count={count} size="small" overflowCount={99} data-testid="notification-badge">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
  // At phone width the bell opens the message page, as DingTalk/WeCom H5 apps do: no popover to overflow.
  if (compact) return button;

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={t('notify.title')}
      content={content}
      arrow={false}
    >
      {button}
    </Popover>
  );
}
