import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDelivery,
  ZDeliveryChannel,
  ZDeliveryChannelInput,
  ZDeliveryChannelTest,
  ZDeliveryChannelUpdate,
  ZDeliveryPage,
  ZDeliveryQuery,
  ZErrorBody,
  ZId,
  ZNotificationPreferences,
  ZNotificationPreferencesUpdate,
  ZOk,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { createChannel, deleteChannel, listChannels, testChannel, updateChannel } from './channels.service.ts';
import { listDeliveries, retryDelivery } from './deliveries.service.ts';
import type { DispatchDeps } from './dispatch.ts';
import { getMyPreferences, updateMyPreferences } from './preferences.service.ts';

const ZIdParams = z.object({ id: ZId });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** ALL-2 notification channels: my preferences, the departments' bots, the delivery queue (admin). */
export function deliveryRoutes(app: FastifyInstance, deps: { config: Config; db: Db; dispatch: DispatchDeps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const email = { emailEnabled: !!deps.config.smtpUrl };
  const me = ['notifications'];
  const admin = ['delivery'];

  r.get(
    '/api/me/notification-preferences',
    { schema: { tags: me, summary: '我的通知设置 My notification preferences', response: { 200: ZNotificationPreferences, ...errors } } },
    (req) => getMyPreferences(ctx(req), email),
  );
  r.put(
    '/api/me/notification-preferences',
    {
      schema: {
        tags: me,
        summary: '修改我的通知设置 Update my notification preferences',
        body: ZNotificationPreferencesUpdate,
        response: { 200: ZNotificationPreferences, ...errors },
      },
    },
    (req) => updateMyPreferences(ctx(req), req.body, email),
  );

  r.get(
    '/api/admin/delivery-channels',
    { schema: { tags: admin, summary: '群机器人列表 Department bots', response: { 200: z.array(ZDeliveryChannel), ...errors } } },
    (req) => listChannels(ctx(req)),
  );
  r.post(
    '/api/admin/delivery-channels',
    { schema: { tags: admin, summary: '添加群机器人 Add a bot', body: ZDeliveryChannelInput, response: { 201: ZDeliveryChannel, ...errors } } },
    async (req, reply) => reply.status(201).send(await createChannel(ctx(req), req.body)),
  );
  r.patch(
    '/api/admin/delivery-channels/:id',
    { schema: { tags: admin, summary: '修改群机器人 Update a bot', params: ZIdParams, body: ZDeliveryChannelUpdate, response: { 200: ZDeliveryChannel, ...errors } } },
    (req) => updateChannel(ctx(req), req.params.id, req.body),
  );
  r.delete(
    '/api/admin/delivery-channels/:id',
    { schema: { tags: admin, summary: '删除群机器人 Delete a bot', params: ZIdParams, response: { 200: ZOk, ...errors } } },
    async (req) => {
      await deleteChannel(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/admin/delivery-channels/:id/test',
    {
      schema: { tags: admin, summary: '发送测试消息 Test-send to a bot', params: ZIdParams, body: ZDeliveryChannelTest, response: { 200: ZDelivery, ...errors } },
    },
    (req) => testChannel(ctx(req), req.params.id, req.body ?? {}, { dispatch: deps.dispatch, publicUrl: deps.config.publicUrl }),
  );

  r.get(
    '/api/admin/deliveries',
    { schema: { tags: admin, summary: '消息发送队列 Deliveries', querystring: ZDeliveryQuery, response: { 200: ZDeliveryPage, ...errors } } },
    (req) => listDeliveries(ctx(req), req.query),
  );
  r.post(
    '/api/admin/deliveries/:id/retry',
    { schema: { tags: admin, summary: '重新发送 Retry a delivery', params: ZIdParams, response: { 200: ZDelivery, ...errors } } },
    (req) => retryDelivery(ctx(req), req.params.id),
  );
}
