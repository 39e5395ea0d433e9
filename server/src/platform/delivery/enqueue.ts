import { eventCategory } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import type { Notification, NotificationHook } from '../notify/notify.ts';
import { type DeliveryPayload, type MailAttachment, type MessageInput, absoluteLink, botPayload, emailPayload } from './payloads.ts';
import { mentionMobile, preferenceEnabled } from './rules.ts';
import { deliveries } from './schema.ts';
import { loadRecipient, nearestBots, storedChoices } from './targets.ts';

export interface DeliverySettings {
  /** SMTP is configured: e-mail deliveries are queued. */
  emailEnabled: boolean;
  publicUrl: string | undefined;
  /** Wakes the dispatcher soon (server only); never inside the caller's transaction. */
  kick: (() => void) | null;
}

// notify()'s hooks are process-wide; the app built last configures them (one app per process
// in production; tests build one app per file).
let settings: DeliverySettings | null = null;
export function configureDelivery(next: DeliverySettings | null): void {
  settings = next;
}
export const deliverySettings = () => settings;

/** What a module adds to an event's e-mail, e.g. the .ics invitation of a meeting notice (MTG-3). */
export type AttachmentProvider = (tx: Tx, notification: Notification) => Promise<MailAttachment[]>;
const attachmentProviders = new Map<string, AttachmentProvider>();
export function onEmailAttachments(event: string, provider: AttachmentProvider): void {
  attachmentProviders.set(event, provider);
}

export interface NewDelivery {
  notificationId: number | null;
  recipientId: number | null;
  channel: 'email' | DeliveryPayload['kind'];
  channelId: number | null;
  target: string;
  payload: DeliveryPayload;
}

/**
 * ALL-2 at-least-once: each delivery has an idempotency key (notification : channel : target),
 * and enqueueing is an insert that does nothing on a repeated key. Returns the new ids only.
 */
export async function insertDeliveries(tx: Tx, items: NewDelivery[], now: string, key: (d: NewDelivery) => string = defaultKey): Promise<number[]> {
  if (!items.length) return [];
  const rows = await tx
    .insert(deliveries)
    .values(
      items.map((d) => ({
        ...d,
        idempotencyKey: key(d),
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: deliveries.idempotencyKey })
    .returning({ id: deliveries.id });
  return rows.map((r) => r.id);
}
const defaultKey = (d: NewDelivery) => `${d.notificationId}:${d.channel}:${d.target}`;

/**
 * The notify() hook: for the recipient, by their preferences (rules.ts defaults otherwise), an
 * e-mail to their address and a message to their department's bot(s) with an @mention. Runs in
 * the notification's transaction, so deliveries exist exactly when the notification does.
 */
export const enqueueDeliveries: NotificationHook = async (tx, n) => {
  const s = settings;
  if (!s) return;
  const recipient = await loadRecipient(tx, n.recipientId);
  if (!recipient?.active) return;
  const category = eventCategory(n.event);
  const choices = await storedChoices(tx, recipient.id, category);
  const wantEmail = s.emailEnabled && !!recipient.email && preferenceEnabled(choices.email, category, 'email');
  const wantBot = recipient.departmentId !== null && preferenceEnabled(choices.bot, category, 'bot');
  if (!wantEmail && !wantBot) return;

  const message: MessageInput = {
    title: n.title,
    body: n.body,
    url: absoluteLink(s.publicUrl, n.link),
    recipientName: recipient.name,
    locale: recipient.locale,
    mobile: mentionMobile(recipient.phone),
    wecomUserId: recipient.wecomUserId,
    feishuOpenId: recipient.feishuOpenId,
  };
  const base = { notificationId: n.id, recipientId: recipient.id };
  const items: NewDelivery[] = [];
  if (wantEmail) {
    const to = recipient.email!.trim().toLowerCase();
    const provider = attachmentProviders.get(n.event);
    const attachments = provider ? await provider(tx, n) : [];
    items.push({ ...base, channel: 'email', channelId: null, target: to, payload: emailPayload(message, to, attachments) });
  }
  if (wantBot) {
    for (const bot of await nearestBots(tx, recipient.departmentId!)) {
      items.push({ ...base, channel: bot.kind, channelId: bot.id, target: `bot:${bot.id}`, payload: botPayload(bot.kind, message) });
    }
  }
  const created = await insertDeliveries(tx, items, n.createdAt);
  if (created.length) s.kick?.();
};
