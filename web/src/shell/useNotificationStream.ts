import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ZNotification, ZStreamReady, ZStreamUnread, type TNotification } from '@opsdesk/contract';
import { notificationKeys } from '../api/notifications.ts';

function parse<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }, raw: string): T | null {
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/**
 * ALL-2 live notifications over server-sent events. EventSource reconnects by itself (sending
 * Last-Event-ID); `ready` on every (re)connect means "refetch", as events may have been missed.
 */
export function useNotificationStream(onNotification: (n: TNotification) => void) {
  const queryClient = useQueryClient();
  // The latest handler, without reconnecting the stream each render.
  const handler = useRef(onNotification);
  useEffect(() => {
    handler.current = onNotification;
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream', { withCredentials: true });
    const setUnread = (unreadCount: number) => queryClient.setQueryData(notificationKeys.unread, { unreadCount });
    const refreshLists = () => {
      void queryClient.invalidateQueries({ queryKey: ['notifications', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['workbench'] });
    };
    source.addEventListener('ready', (e) => {
      const data = parse(ZStreamReady, (e as MessageEvent<string>).data);
      if (data) setUnread(data.unreadCount);
      refreshLists();
    });
    source.addEventListener('unread', (e) => {
      const data = parse(ZStreamUnread, (e as MessageEvent<string>).data);
      if (data) setUnread(data.unreadCount);
      refreshLists();
    });
    source.addEventListener('notification', (e) => {
      const data = parse(ZNotification, (e as MessageEvent<string>).data);
      if (!data) return;
      // The count comes from the server, not +1: a replayed event must not count twice.
      void queryClient.invalidateQueries({ queryKey: notificationKeys.unread });
      void queryClient.invalidateQueries({ queryKey: ['approvals'] });
      refreshLists();
      handler.current(data);
    });
    return () => source.close();
  }, [queryClient]);
}
