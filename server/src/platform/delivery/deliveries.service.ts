import { type SQL, and, count, desc, eq, inArray } from 'drizzle-orm';
import type { TDelivery, TDeliveryPage, ZDeliveryQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { notifications } from '../notify/schema.ts';
import { deliverySettings } from './enqueue.ts';
import { canManageDelivery } from './policy.ts';
import { presentAttempt, presentDelivery } from './presenters.ts';
import { deliveries, deliveryAttempts, deliveryChannels } from './schema.ts';

async function loadDeliveries(db: Db | Tx, where: SQL | undefined, limit: number, offset = 0): Promise<TDelivery[]> {
  const rows = await db
    .select({ d: deliveries, event: notifications.event, channelName: deliveryChannels.name, recipientName: people.name })
    .from(deliveries)
    .leftJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .leftJoin(deliveryChannels, eq(deliveryChannels.id, deliveries.channelId))
    .leftJoin(people, eq(people.id, deliveries.recipientId))
    .where(where)
    .orderBy(desc(deliveries.id))
    .limit(limit)
    .offset(offset);
  const ids = rows.map((r) => r.d.id);
  const attempts = ids.length
    ? await db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, ids)).orderBy(desc(deliveryAttempts.id))
    : [];
  return rows.map((r) =>
    presentDelivery(
      { ...r.d, event: r.event, channelName: r.channelName, recipientName: r.recipientName },
      attempts.filter((a) => a.deliveryId === r.d.id).map(presentAttempt),
    ),
  );
}

export async function getDelivery(db: Db | Tx, id: number): Promise<TDelivery> {
  const [row] = await loadDeliveries(db, eq(deliveries.id, id), 1);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Admin view of the queue (item 5): pending, failed, dead … with every attempt. Newest first. */
export async function listDeliveries(ctx: AuthedCtx, query: z.output<typeof ZDeliveryQuery>): Promise<TDeliveryPage> {
  if (!canManageDelivery(ctx.actor)) throw new AppError('FORBIDDEN');
  const where = and(query.status ? eq(deliveries.status, query.status) : undefined, query.channel ? eq(deliveries.channel, query.channel) : undefined);
  const [total] = await ctx.db.select({ n: count() }).from(deliveries).where(where);
  const items = await loadDeliveries(ctx.db, where, query.pageSize, (query.page - 1) * query.pageSize);
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * Sends a failed or dead delivery again now, with a fresh round of attempts (the log keeps the
 * old ones). One that was sent or is being sent is refused: that would be a second copy.
 */
export async function retryDelivery(ctx: AuthedCtx, id: number): Promise<TDelivery> {
  if (!canManageDelivery(ctx.actor)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(deliveries).where(eq(deliveries.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.status === 'sent' || before.status === 'sending') throw new AppError('DELIVERY_NOT_RETRYABLE');
    const now = ctx.now.toISOString();
    await tx.update(deliveries).set({ status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now }).where(eq(deliveries.id, id));
    await audit({ entity: 'delivery', entityId: id, action: 'retry', before: { status: before.status, attempts: before.attempts }, after: { status: 'pending', attempts: 0 } });
  });
  deliverySettings()?.kick?.();
  return getDelivery(ctx.db, id);
}
