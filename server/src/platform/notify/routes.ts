import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZId, ZNotification, ZNotificationPage, ZNotificationQuery, ZReadAllInput, ZReadAllResult, ZUnreadCount } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { SessionStore } from '../auth/sessions.ts';
import { toIso } from '../calendar/zone.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { registerWorkbenchSection } from '../workbench/registry.ts';
import { countUnread, listNotifications, readAll, readNotification, unreadCount } from './centre.service.ts';
import { notifications } from './schema.ts';
import { NotificationHub } from './stream.ts';

declare module 'fastify' {
  interface FastifyInstance {
    notificationHub: NotificationHub;
  }
}

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

/** ALL-2 notification centre: the list, read marks, and the live stream (SSE) with its LISTEN. */
export async function notificationRoutes(app: FastifyInstance, deps: { config: Config; database: Database; sessions: SessionStore }) {
  const db = deps.database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, db, deps.config.now()));
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    { schema: { tags, summary: '我的消息 My notifications', querystring: ZNotificationQuery, response: { 200: ZNotificationPage, ...errors } } },
    (req) => listNotifications(ctx(req), req.query),
  );
  r.get('/api/notifications/unread-count', { schema: { tags, summary: '未读数 Unread count', response: { 200: ZUnreadCount, ...errors } } }, (req) =>
    unreadCount(ctx(req)),
  );
  r.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: '全部已读 Mark all read', body: ZReadAllInput, response: { 200: ZReadAllResult, ...errors } } },
    (req) => readAll(ctx(req), req.body),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: '标为已读 Mark read', params: z.object({ id: ZId }), response: { 200: ZNotification, ...errors } } },
    (req) => readNotification(ctx(req), req.params.id),
  );

  const hub = new NotificationHub({ database: deps.database, sessions: deps.sessions, now: deps.config.now, log: app.log });
  app.decorate('notificationHub', hub);
  r.get('/api/notifications/stream', { schema: { tags, summary: '实时消息（SSE）Live notifications (server-sent events)' } }, (req, reply) => hub.open(req, reply));
  await hub.start();
  // Open streams would keep the server from closing: end them first, then stop listening.
  app.addHook('preClose', async () => hub.closeStreams());
  app.addHook('onClose', () => hub.stop());

  // ALL-3: unread notifications on the workbench.
  registerWorkbenchSection({
    key: 'notifications',
    order: 90,
    load: async (c, limit) => {
      const rows = await c.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.recipientId, c.actor.id), isNull(notifications.readAt)))
        .orderBy(desc(notifications.id))
        .limit(limit);
      return {
        count: await countUnread(c.db, c.actor.id),
        items: rows.map((n) => ({ id: String(n.id), title: n.title, subtitle: n.body || null, link: n.link, at: toIso(n.createdAt), overdue: false })),
      };
    },
  });
}
