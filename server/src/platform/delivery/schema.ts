import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TBotKind, TDeliveryChannelKind, TDeliveryStatus, TPreferenceChannel } from '@opsdesk/contract';
import { departments, people } from '../../modules/org/schema.ts';
import { notifications } from '../notify/schema.ts';
import type { DeliveryPayload } from './payloads.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const stamps = { createdAt: stamp('created_at').notNull(), updatedAt: stamp('updated_at').notNull() };

/** ALL-2: a department's group bot. `secret` signs DingTalk/Feishu requests and never leaves the server. */
export const deliveryChannels = pgTable(
  'delivery_channels',
  {
    id: serial('id').primaryKey(),
    // A department can only be deleted when empty; its bots go with it.
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TBotKind>().notNull(),
    name: text('name').notNull(),
    webhookUrl: text('webhook_url').notNull(),
    secret: text('secret'),
    enabled: boolean('enabled').notNull().default(true),
    ...stamps,
  },
  (t) => [
    uniqueIndex('delivery_channels_department_kind').on(t.departmentId, t.kind),
    check('delivery_channels_kind', sql`${t.kind} in ('dingtalk', 'wecom', 'feishu')`),
  ],
);

/** A person's choice per event category and channel; a missing row means the default (rules.ts). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    channel: text('channel').$type<TPreferenceChannel>().notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: stamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.event, t.channel] }), check('notification_preferences_channel', sql`${t.channel} in ('email', 'bot')`)],
);

/** Chat identities for @mentions beyond the phone number (DingTalk mentions by phone). */
export const notificationProfiles = pgTable('notification_profiles', {
  personId: integer('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  wecomUserId: text('wecom_user_id'),
  feishuOpenId: text('feishu_open_id'),
  updatedAt: stamp('updated_at').notNull(),
});

/**
 * ALL-2: one message to one target, delivered at least once. `idempotency_key` (notification id :
 * channel : target) makes enqueueing twice a no-op. `next_attempt_at` is when it is due; while
 * `sending` it is the end of the sender's lease, after which another process may take it over.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: serial('id').primaryKey(),
    notificationId: integer('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    recipientId: integer('recipient_id').references(() => people.id, { onDelete: 'set null' }),
    channel: text('channel').$type<TDeliveryChannelKind>().notNull(),
    channelId: integer('channel_id').references(() => deliveryChannels.id, { onDelete: 'set null' }),
    target: text('target').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    payload: jsonb('payload').$type<DeliveryPayload>().notNull(),
    status: text('status').$type<TDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: stamp('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: stamp('sent_at'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('deliveries_idempotency').on(t.idempotencyKey),
    index('deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'failed', 'sending')`),
    index('deliveries_channel_due').on(t.channelId, t.nextAttemptAt).where(sql`${t.status} in ('pending', 'failed', 'sending')`),
    index('deliveries_status').on(t.status, t.id),
    check('deliveries_status_check', sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'dead')`),
    check('deliveries_channel_check', sql`${t.channel} in ('email', 'dingtalk', 'wecom', 'feishu')`),
  ],
);

/**
 * Every request made for a delivery. Written when the request starts (outcome `sending`), so
 * that counting a bot's rows in the last minute is its rate, across processes; completed after.
 */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: serial('id').primaryKey(),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    channelId: integer('channel_id').references(() => deliveryChannels.id, { onDelete: 'set null' }),
    startedAt: stamp('started_at').notNull(),
    finishedAt: stamp('finished_at'),
    outcome: text('outcome').$type<'sending' | 'sent' | 'failed'>().notNull().default('sending'),
    statusCode: integer('status_code'),
    response: text('response'),
    error: text('error'),
  },
  (t) => [index('delivery_attempts_delivery').on(t.deliveryId, t.id), index('delivery_attempts_rate').on(t.channelId, t.startedAt)],
);
