import { z } from 'zod';
import { ZId, ZPageQuery, zPage } from './common.ts';

/**
 * ALL-2 in-app notification centre (the bell). `event` says what happened, e.g. `deadline.reminder`,
 * `deadline.escalation`, `approval.waiting`; `link` is the web path that opens the item.
 */
export const ZNotification = z.object({
  id: z.number().int(),
  event: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  /** Null while unread. */
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

/** `GET /api/notifications?unread=true&page=`: newest first; `total` counts the filtered list. */
export const ZNotificationQuery = ZPageQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export type TNotificationQuery = z.input<typeof ZNotificationQuery>;

export const ZNotificationPage = zPage(ZNotification).extend({
  /** All of the caller's unread notifications, whatever the filter (the bell's badge). */
  unreadCount: z.number().int(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZUnreadCount = z.object({ unreadCount: z.number().int() });
export type TUnreadCount = z.infer<typeof ZUnreadCount>;

/**
 * `POST /api/notifications/read-all`: marks every unread notification read; with `upToId`, only
 * those up to the newest one the user has seen (one arriving meanwhile stays unread).
 */
export const ZReadAllInput = z.object({ upToId: ZId.optional() }).nullish();
export type TReadAllInput = z.input<typeof ZReadAllInput>;
export const ZReadAllResult = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
export type TReadAllResult = z.infer<typeof ZReadAllResult>;

/**
 * `GET /api/notifications/stream` (server-sent events, session cookie; `new EventSource(url)`):
 * - `ready`: on connect, and again whenever the server may have missed events (refetch the list);
 * - `notification`: a new notification for the caller (the `id:` line is its id, so a reconnecting
 *   EventSource sends `Last-Event-ID` and gets what it missed);
 * - `unread`: the unread count changed elsewhere (read in another tab or device).
 * Comment lines (`: heartbeat`) keep proxies from closing the connection.
 */
export const NOTIFICATION_STREAM_EVENTS = ['ready', 'notification', 'unread'] as const;
export type TNotificationStreamEvent = (typeof NOTIFICATION_STREAM_EVENTS)[number];
export const ZStreamReady = ZUnreadCount;
export const ZStreamUnread = ZUnreadCount;
