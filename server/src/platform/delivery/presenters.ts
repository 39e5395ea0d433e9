import type { TDelivery, TDeliveryAttempt, TDeliveryChannel } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import { maskWebhook } from './rules.ts';
import type { deliveries, deliveryAttempts, deliveryChannels } from './schema.ts';

type ChannelRow = typeof deliveryChannels.$inferSelect;
const isoOrNull = (v: string | null) => (v ? toIso(v) : null);

/** A bot as the admin sees it: the signing secret only as "set", the webhook's token masked. */
export function presentChannel(row: ChannelRow, departmentName: string | null): TDeliveryChannel {
  return {
    id: row.id,
    departmentId: row.departmentId,
    departmentName,
    kind: row.kind,
    name: row.name,
    webhookUrl: maskWebhook(row.webhookUrl),
    signingSecretSet: !!row.secret,
    enabled: row.enabled,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** What the audit trail keeps of a bot: never the secret or the webhook's token. */
export function auditChannel(row: ChannelRow) {
  return { departmentId: row.departmentId, kind: row.kind, name: row.name, webhookUrl: maskWebhook(row.webhookUrl), signingSecretSet: !!row.secret, enabled: row.enabled };
}

export function presentAttempt(row: typeof deliveryAttempts.$inferSelect): TDeliveryAttempt {
  return {
    id: row.id,
    startedAt: toIso(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    outcome: row.outcome,
    statusCode: row.statusCode,
    response: row.response,
    error: row.error,
  };
}

type DeliveryRow = typeof deliveries.$inferSelect & {
  event: string | null;
  channelName: string | null;
  recipientName: string | null;
};

/** A queued message for the admin: its title and target, never the payload (phone numbers, bodies). */
export function presentDelivery(row: DeliveryRow, attempts: TDeliveryAttempt[]): TDelivery {
  const p = row.payload;
  return {
    id: row.id,
    notificationId: row.notificationId,
    event: row.event,
    title: p.kind === 'email' ? p.subject : p.title,
    channel: row.channel,
    channelId: row.channelId,
    channelName: row.channelName,
    target: row.target,
    recipientId: row.recipientId,
    recipientName: row.recipientName,
    test: !!p.test,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: isoOrNull(row.nextAttemptAt),
    lastError: row.lastError,
    sentAt: isoOrNull(row.sentAt),
    createdAt: toIso(row.createdAt),
    attemptLog: attempts,
  };
}
