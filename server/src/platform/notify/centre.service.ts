import { and, count, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { TNotification, TNotificationPage, TReadAllResult, ZNotificationQuery, ZReadAllInput } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { NOTIFY_CHANNEL } from './notify.ts';
import { presentNotification } from './presenters.ts';
import { notifications } from './schema.ts';

/**
 * ALL-2 notification centre. A notification is its recipient's alone: every query is bound to the
 * caller, so someone else's looks exactly like one that does not exist (404).
 */
const mine = (ctx: AuthedCtx) => eq(notifications.recipientId, ctx.actor.id);

export async function countUnread(db: Db | Tx, recipientId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(ctx: AuthedCtx, query: z.output<typeof ZNotificationQuery>): Promise<TNotificationPage> {
  const where = and(mine(ctx), query.unread === 'true' ? isNull(notifications.readAt) : query.unread === 'false' ? sql`${notifications.readAt} is not null` : undefined);
  const [total] = await ctx.db.select({ n: count() }).from(notifications).where(where);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    items: rows.map(presentNotification),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    unreadCount: await countUnread(ctx.db, ctx.actor.id),
  };
}

export const unreadCount = async (ctx: AuthedCtx) => ({ unreadCount: await countUnread(ctx.db, ctx.actor.id) });

/** Tells the recipient's other tabs and devices (on any server process) their new unread count. */
async function signalUnread(tx: Tx, recipientId: number): Promise<number> {
  const unread = await countUnread(tx, recipientId);
  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${JSON.stringify({ recipientId, unreadCount: unread })})`);
  return unread;
}

// Read marks are the reader's own view of their inbox, not a change to a shared record: no audit
// row (ALL-4 audits changes of records; one row per click would drown the log).

/** Marks one notification read (idempotent: a second call keeps the first time). */
export async function readNotification(ctx: AuthedCtx, id: number): Promise<TNotification> {
  return mutate(ctx, async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, ${ctx.now.toISOString()}::timestamptz)` })
      .where(and(eq(notifications.id, id), mine(ctx)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND');
    await signalUnread(tx, ctx.actor.id);
    return presentNotification(row);
  });
}

/** Marks every unread notification read, or only those up to `upToId` (the newest the user has seen). */
export async function readAll(ctx: AuthedCtx, input: z.output<typeof ZReadAllInput>): Promise<TReadAllResult> {
  return mutate(ctx, async (tx) => {
    const upTo = input?.upToId;
    const updated = await tx
      .update(notifications)
      .set({ readAt: ctx.now.toISOString() })
      .where(and(mine(ctx), isNull(notifications.readAt), upTo === undefined ? undefined : lte(notifications.id, upTo)))
      .returning({ id: notifications.id });
    return { updated: updated.length, unreadCount: await signalUnread(tx, ctx.actor.id) };
  });
}
