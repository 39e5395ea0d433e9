import { and, asc, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { TDelivery, TDeliveryChannel, ZDeliveryChannelInput, ZDeliveryChannelTest, ZDeliveryChannelUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { departments } from '../../modules/org/schema.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { mapUniqueViolation } from '../http/db-errors.ts';
import { AppError } from '../http/errors.ts';
import { type DispatchDeps, dispatchBot } from './dispatch.ts';
import { getDelivery } from './deliveries.service.ts';
import { insertDeliveries } from './enqueue.ts';
import { absoluteLink, botPayload } from './payloads.ts';
import { canManageDelivery } from './policy.ts';
import { auditChannel, presentChannel } from './presenters.ts';
import { deliveries, deliveryChannels } from './schema.ts';

const select = (db: Db | Tx) =>
  db.select({ c: deliveryChannels, departmentName: departments.name }).from(deliveryChannels).leftJoin(departments, eq(departments.id, deliveryChannels.departmentId));

const need = (ctx: AuthedCtx) => {
  if (!canManageDelivery(ctx.actor)) throw new AppError('FORBIDDEN');
};

export async function listChannels(ctx: AuthedCtx): Promise<TDeliveryChannel[]> {
  need(ctx);
  const rows = await select(ctx.db).orderBy(asc(departments.sortOrder), asc(deliveryChannels.departmentId), asc(deliveryChannels.kind));
  return rows.map((r) => presentChannel(r.c, r.departmentName));
}

async function getChannel(db: Db | Tx, id: number): Promise<TDeliveryChannel> {
  const [row] = await select(db).where(eq(deliveryChannels.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return presentChannel(row.c, row.departmentName);
}

async function checkDepartment(tx: Tx, departmentId: number | undefined) {
  if (departmentId === undefined) return;
  const [dept] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!dept) throw new AppError('INVALID_REFERENCE', 'departmentId');
}

// One bot of each kind per department.
const unique = (kind: string | undefined) => ({ delivery_channels_department_kind: ['kind', kind] as [string, string | undefined] });

export async function createChannel(ctx: AuthedCtx, input: z.output<typeof ZDeliveryChannelInput>): Promise<TDeliveryChannel> {
  need(ctx);
  const id = await mutate(ctx, async (tx, audit) => {
    await checkDepartment(tx, input.departmentId);
    const stamp = ctx.now.toISOString();
    const { signingSecret, ...fields } = input;
    const [row] = await tx
      .insert(deliveryChannels)
      .values({ ...fields, secret: signingSecret, createdAt: stamp, updatedAt: stamp })
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, unique(input.kind)));
    await audit({ entity: 'delivery_channel', entityId: row!.id, action: 'create', after: auditChannel(row!) });
    return row!.id;
  });
  return getChannel(ctx.db, id);
}

/** `signingSecret`: omitted keeps it, null clears it. The audit notes a change without its value. */
export async function updateChannel(ctx: AuthedCtx, id: number, patch: z.output<typeof ZDeliveryChannelUpdate>): Promise<TDeliveryChannel> {
  need(ctx);
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(deliveryChannels).where(eq(deliveryChannels.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    await checkDepartment(tx, patch.departmentId);
    const { signingSecret, ...fields } = patch;
    const [after] = await tx
      .update(deliveryChannels)
      .set({ ...fields, ...(signingSecret !== undefined ? { secret: signingSecret } : {}), updatedAt: ctx.now.toISOString() })
      .where(eq(deliveryChannels.id, id))
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, unique(before.kind)));
    const note: Record<string, string> = {};
    if (after!.secret !== before.secret) note.signingSecret = 'changed';
    if (after!.webhookUrl !== before.webhookUrl) note.webhookUrl = 'changed';
    await audit({ entity: 'delivery_channel', entityId: id, action: 'update', before: auditChannel(before), after: auditChannel(after!), note });
  });
  return getChannel(ctx.db, id);
}

/** Messages still waiting for the bot die with it (the attempt log stays). */
export async function deleteChannel(ctx: AuthedCtx, id: number): Promise<void> {
  need(ctx);
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(deliveryChannels).where(eq(deliveryChannels.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    await tx
      .update(deliveries)
      .set({ status: 'dead', nextAttemptAt: null, lastError: 'the bot was removed', updatedAt: ctx.now.toISOString() })
      .where(and(eq(deliveries.channelId, id), inArray(deliveries.status, ['pending', 'failed'])));
    await tx.delete(deliveryChannels).where(eq(deliveryChannels.id, id));
    await audit({ entity: 'delivery_channel', entityId: id, action: 'delete', before: auditChannel(before) });
  });
}

/**
 * Item 5: a test message to the bot, sent now through the queue (so it is logged like any
 * other and keeps the bot's rate; over the limit it waits and says when). Works on a disabled
 * bot too, so an admin can check it before switching it on.
 */
export async function testChannel(
  ctx: AuthedCtx,
  id: number,
  input: NonNullable<z.output<typeof ZDeliveryChannelTest>>,
  deps: { dispatch: DispatchDeps; publicUrl: string | undefined },
): Promise<TDelivery> {
  need(ctx);
  const deliveryId = await mutate(ctx, async (tx, audit) => {
    const [channel] = await tx.select().from(deliveryChannels).where(eq(deliveryChannels.id, id));
    if (!channel) throw new AppError('NOT_FOUND');
    const en = ctx.locale === 'en-US';
    const title = en ? 'OpsDesk test message' : '运营台测试消息';
    const body = input.text ?? (en ? `Sent by ${ctx.actor.name}: this bot receives OpsDesk notifications.` : `由${ctx.actor.name}发送：本群机器人可以接收运营台的通知。`);
    const message = { title, body, url: absoluteLink(deps.publicUrl, '/'), recipientName: null, locale: ctx.locale };
    const payload = { ...botPayload(channel.kind, message), test: true };
    const item = { notificationId: null, recipientId: ctx.actor.id, channel: channel.kind, channelId: id, target: `bot:${id}`, payload };
    const [created] = await insertDeliveries(tx, [item], ctx.now.toISOString(), () => `test:${id}:${randomUUID()}`);
    await audit({ entity: 'delivery_channel', entityId: id, action: 'test', note: { deliveryId: created! } });
    return created!;
  });
  await dispatchBot(deps.dispatch, id, { sent: 0, failed: 0, dead: 0 }, deliveryId);
  return getDelivery(ctx.db, deliveryId);
}
