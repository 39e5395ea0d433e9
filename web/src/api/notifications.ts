import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZNotification, ZNotificationPage, ZReadAllResult, ZUnreadCount, type TNotificationQuery } from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (query: TNotificationQuery) => ['notifications', 'list', query] as const,
};

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api('/api/notifications/unread-count', { schema: ZUnreadCount }),
    // The stream keeps it fresh; this is the fallback while it reconnects.
    refetchInterval: 120_000,
  });
}

export function useNotifications(query: TNotificationQuery, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: () => api(withQuery('/api/notifications', query), { schema: ZNotificationPage }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Reading changes the bell, every list and the workbench's unread section. */
function useInvalidateNotifications() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['workbench'] });
  };
}

export function useMarkRead() {
  const invalidate = useInvalidateNotifications();
  return useMutation({
    mutationFn: (id: number) => api(`/api/notifications/${id}/read`, { method: 'POST', body: {}, schema: ZNotification }),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidateNotifications();
  return useMutation({
    mutationFn: (upToId?: number) => api('/api/notifications/read-all', { method: 'POST', body: upToId ? { upToId } : {}, schema: ZReadAllResult }),
    onSuccess: invalidate,
  });
}
