import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { notifications } from './schema.ts';

export type Notification = typeof notifications.$inferSelect;

export interface NotifyInput {
  recipientId: number;
  event: string;
  title: string;
  body?: string;
  link?: string | null;
  entity?: string | null;
  entityId?: string | number | null;
  /** Same key → one notification, however many processes or retries try (ALL-2). */
  dedupeKey?: string | null;
}

/** Channel used with LISTEN/NOTIFY: every server process hears new rows and pushes them to its SSE clients. */
export const NOTIFY_CHANNEL = 'opsdesk_notifications';

/** Runs in the same transaction as each new notification (e.g. queueing e-mail and bot deliveries). */
export type NotificationHook = (tx: Tx, notification: Notification) => Promise<void>;
const hooks: NotificationHook[] = [];
export function onNotificationCreated(hook: NotificationHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

/**
 * Creates an in-app notification inside the caller's transaction. Returns null when the dedupe key
 * was already used. The LISTEN/NOTIFY signal is sent by PostgreSQL only when the transaction commits.
 */
export async function notify(tx: Tx, now: Date, input: NotifyInput): Promise<Notification | null> {
  const [row] = await tx
    .insert(notifications)
    .values({
      recipientId: input.recipientId,
      event: input.event,
      title: input.title,
      body: input.body ?? '',
      link: input.link ?? null,
      entity: input.entity ?? null,
      entityId: input.entityId === null || input.entityId === undefined ? null : String(input.entityId),
      dedupeKey: input.dedupeKey ?? null,
      createdAt: now.toISOString(),
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  if (!row) return null;
  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ id: row.id, recipientId: row.recipientId })})`);
  for (const hook of hooks) await hook(tx, row);
  return row;
}
