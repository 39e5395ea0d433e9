import { eq, sql } from 'drizzle-orm';
import { NOTIFICATION_EVENTS, type TNotificationPreferences, type ZNotificationPreferencesUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { canEditOwnPreferences } from './policy.ts';
import { preferenceEnabled } from './rules.ts';
import { notificationPreferences, notificationProfiles } from './schema.ts';
import { loadRecipient, nearestBots } from './targets.ts';

/** My events × channels matrix (defaults filled in), and which channels can reach me at all. */
export async function getMyPreferences(ctx: AuthedCtx, deps: { emailEnabled: boolean }): Promise<TNotificationPreferences> {
  const me = await loadRecipient(ctx.db, ctx.actor.id);
  if (!me) throw new AppError('NOT_FOUND');
  const stored = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, me.id));
  const choice = (event: string, channel: 'email' | 'bot') => stored.find((r) => r.event === event && r.channel === channel)?.enabled ?? null;
  const bots = me.departmentId ? await nearestBots(ctx.db, me.departmentId) : [];
  return {
    items: NOTIFICATION_EVENTS.map((event) => ({
      event,
      email: preferenceEnabled(choice(event, 'email'), event, 'email'),
      bot: preferenceEnabled(choice(event, 'bot'), event, 'bot'),
    })),
    email: { available: deps.emailEnabled && !!me.email, address: me.email },
    bot: { available: bots.length > 0, kinds: [...new Set(bots.map((b) => b.kind))], departmentName: bots[0]?.departmentName ?? null },
    mobile: me.phone,
    wecomUserId: me.wecomUserId,
    feishuOpenId: me.feishuOpenId,
  };
}

/** Saves the cells I name (an explicit choice, even when it equals the default) and my chat ids. */
export async function updateMyPreferences(
  ctx: AuthedCtx,
  input: z.output<typeof ZNotificationPreferencesUpdate>,
  deps: { emailEnabled: boolean },
): Promise<TNotificationPreferences> {
  if (!canEditOwnPreferences(ctx.actor)) throw new AppError('FORBIDDEN');
  const personId = ctx.actor.id;
  await mutate(ctx, async (tx, audit) => {
    const stamp = ctx.now.toISOString();
    // An event named twice: the last cell wins (one row per cell, or the upsert would refuse).
    const byCell = new Map<string, { personId: number; event: string; channel: 'email' | 'bot'; enabled: boolean; updatedAt: string }>();
    for (const i of input.items ?? []) {
      for (const channel of ['email', 'bot'] as const) {
        const enabled = i[channel];
        if (enabled !== undefined) byCell.set(`${i.event}.${channel}`, { personId, event: i.event, channel, enabled, updatedAt: stamp });
      }
    }
    const cells = [...byCell.values()];
    const before = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.personId, personId));
    if (cells.length) {
      await tx
        .insert(notificationPreferences)
        .values(cells)
        .onConflictDoUpdate({
          target: [notificationPreferences.personId, notificationPreferences.event, notificationPreferences.channel],
          set: { enabled: sql`excluded.enabled`, updatedAt: stamp },
        });
    }
    const ids: { wecomUserId?: string | null; feishuOpenId?: string | null } = {};
    if (input.wecomUserId !== undefined) ids.wecomUserId = input.wecomUserId;
    if (input.feishuOpenId !== undefined) ids.feishuOpenId = input.feishuOpenId;
    if (Object.keys(ids).length) {
      await tx
        .insert(notificationProfiles)
        .values({ personId, ...ids, updatedAt: stamp })
        .onConflictDoUpdate({ target: notificationProfiles.personId, set: { ...ids, updatedAt: stamp } });
    }
    const key = (r: { event: string; channel: string }) => `${r.event}.${r.channel}`;
    await audit({
      entity: 'notification_preferences',
      entityId: personId,
      action: 'update',
      before: Object.fromEntries(before.filter((r) => cells.some((c) => key(c) === key(r))).map((r) => [key(r), r.enabled])),
      after: { ...Object.fromEntries(cells.map((c) => [key(c), c.enabled])), ...ids },
    });
  });
  return getMyPreferences(ctx, deps);
}
