import { z } from 'zod';
import { ZId, ZPageQuery, zPage } from './common.ts';

/** ALL-2: group bots a department can configure (one of each kind per department). */
export const BOT_KINDS = ['dingtalk', 'wecom', 'feishu'] as const;
export const ZBotKind = z.enum(BOT_KINDS);
export type TBotKind = z.infer<typeof ZBotKind>;

/** Where one delivery goes: an e-mail address or one bot. */
export const DELIVERY_CHANNELS = ['email', ...BOT_KINDS] as const;
export const ZDeliveryChannelKind = z.enum(DELIVERY_CHANNELS);
export type TDeliveryChannelKind = z.infer<typeof ZDeliveryChannelKind>;

/** pending → sending → sent; a failed attempt → failed (retried with backoff) → … → dead. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export const ZDeliveryStatus = z.enum(DELIVERY_STATUSES);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

/**
 * The events a person chooses channels for. A notification's `event` string maps to one of them
 * with `eventCategory`: its first segment (`approval.waiting` → approval), except that
 * `deadline.*`/`reminder.*` are reminders and anything naming an escalation is `escalation`.
 */
export const NOTIFICATION_EVENTS = ['approval', 'reminder', 'escalation', 'meeting', 'task', 'document', 'resource', 'customer', 'system'] as const;
export const ZNotificationEvent = z.enum(NOTIFICATION_EVENTS);
export type TNotificationEvent = z.infer<typeof ZNotificationEvent>;

export function eventCategory(event: string): TNotificationEvent {
  const e = event.toLowerCase();
  if (e.includes('escalat')) return 'escalation';
  const head = e.split('.')[0] ?? '';
  if (head === 'deadline' || head === 'reminder') return 'reminder';
  return (NOTIFICATION_EVENTS as readonly string[]).includes(head) ? (head as TNotificationEvent) : 'system';
}

/** The channels of the preference matrix: e-mail, and the bot(s) of the person's department. */
export const PREFERENCE_CHANNELS = ['email', 'bot'] as const;
export const ZPreferenceChannel = z.enum(PREFERENCE_CHANNELS);
export type TPreferenceChannel = z.infer<typeof ZPreferenceChannel>;

export const ZNotificationPreferenceItem = z.object({ event: ZNotificationEvent, email: z.boolean(), bot: z.boolean() });
export type TNotificationPreferenceItem = z.infer<typeof ZNotificationPreferenceItem>;

/** GET /api/me/notification-preferences: the events × channels matrix and what can reach me. */
export const ZNotificationPreferences = z.object({
  items: z.array(ZNotificationPreferenceItem),
  /** available: the server sends e-mail (SMTP configured) and I have an address. */
  email: z.object({ available: z.boolean(), address: z.string().nullable() }),
  /** The bots of my department (or its nearest parent that has any). */
  bot: z.object({ available: z.boolean(), kinds: z.array(ZBotKind), departmentName: z.string().nullable() }),
  /** DingTalk @mentions use my phone number (from my profile). */
  mobile: z.string().nullable(),
  wecomUserId: z.string().nullable(),
  feishuOpenId: z.string().nullable(),
});
export type TNotificationPreferences = z.infer<typeof ZNotificationPreferences>;

const optionalId = (pattern: RegExp) =>
  z
    .string()
    .trim()
    .max(64)
    .regex(pattern)
    .or(z.literal(''))
    .nullish()
    .transform((v) => (v ? v : null));

/** PUT: the cells I name change; the others keep their value. */
export const ZNotificationPreferencesUpdate = z.object({
  items: z
    .array(z.object({ event: ZNotificationEvent, email: z.boolean().optional(), bot: z.boolean().optional() }))
    .max(NOTIFICATION_EVENTS.length)
    .optional(),
  wecomUserId: optionalId(/^[A-Za-z0-9_.@-]+$/).optional(),
  feishuOpenId: optionalId(/^ou_[A-Za-z0-9]+$/).optional(),
});
export type TNotificationPreferencesUpdate = z.input<typeof ZNotificationPreferencesUpdate>;

/** A department's group bot. The signing secret never leaves the server; the webhook's token is masked. */
export const ZDeliveryChannel = z.object({
  id: z.number().int(),
  departmentId: z.number().int(),
  departmentName: z.string().nullable(),
  kind: ZBotKind,
  name: z.string(),
  /** e.g. `https://oapi.dingtalk.com/robot/send?access_token=••••9f3a` */
  webhookUrl: z.string(),
  signingSecretSet: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDeliveryChannel = z.infer<typeof ZDeliveryChannel>;

const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(1000);
const signingSecret = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((v) => (v ? v : null));

const channelFields = z.object({
  departmentId: ZId,
  kind: ZBotKind,
  name: z.string().trim().min(1).max(64),
  webhookUrl,
  /** DingTalk 加签 / Feishu 签名校验; WeCom has none (its key is in the URL). */
  signingSecret,
  enabled: z.boolean(),
});
export const ZDeliveryChannelInput = channelFields.extend({ enabled: channelFields.shape.enabled.default(true) });
export type TDeliveryChannelInput = z.input<typeof ZDeliveryChannelInput>;
/** PATCH: `signingSecret` omitted keeps it, null clears it. The kind is fixed once created. */
export const ZDeliveryChannelUpdate = channelFields.omit({ kind: true }).partial();
export type TDeliveryChannelUpdate = z.input<typeof ZDeliveryChannelUpdate>;

// No body at all (Fastify passes null) sends the standard test text.
export const ZDeliveryChannelTest = z.object({ text: z.string().trim().min(1).max(500).optional() }).nullish();
export type TDeliveryChannelTest = z.input<typeof ZDeliveryChannelTest>;

export const ATTEMPT_OUTCOMES = ['sending', 'sent', 'failed'] as const;
export const ZDeliveryAttempt = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.enum(ATTEMPT_OUTCOMES),
  /** HTTP status of a bot's answer, or the SMTP reply code. */
  statusCode: z.number().int().nullable(),
  /** The start of the answer (bots: their JSON, e.g. errcode/errmsg). */
  response: z.string().nullable(),
  error: z.string().nullable(),
});
export type TDeliveryAttempt = z.infer<typeof ZDeliveryAttempt>;

export const ZDelivery = z.object({
  id: z.number().int(),
  notificationId: z.number().int().nullable(),
  event: z.string().nullable(),
  title: z.string(),
  channel: ZDeliveryChannelKind,
  channelId: z.number().int().nullable(),
  channelName: z.string().nullable(),
  /** An e-mail address, or `bot:<channel id>`. */
  target: z.string(),
  recipientId: z.number().int().nullable(),
  recipientName: z.string().nullable(),
  test: z.boolean(),
  status: ZDeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  /** Every attempt, newest first. */
  attemptLog: z.array(ZDeliveryAttempt),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZDeliveryQuery = ZPageQuery.extend({
  status: ZDeliveryStatus.optional(),
  channel: ZDeliveryChannelKind.optional(),
});
export type TDeliveryQuery = z.input<typeof ZDeliveryQuery>;
export const ZDeliveryPage = zPage(ZDelivery);
export type TDeliveryPage = z.infer<typeof ZDeliveryPage>;
