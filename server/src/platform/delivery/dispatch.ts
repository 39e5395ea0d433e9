import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { toIso } from '../calendar/zone.ts';
import type { BotPayload, EmailPayload } from './payloads.ts';
import { RATE_LIMITS, longestWindow, rateRoom, retryAt } from './rules.ts';
import { deliveries, deliveryAttempts, deliveryChannels } from './schema.ts';
import type { SendResult, Senders } from './senders.ts';

export interface DispatchDeps {
  db: Db;
  senders: Senders;
  /** The injected clock. */
  now: () => Date;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  dead: number;
}

type Delivery = typeof deliveries.$inferSelect;
type Channel = typeof deliveryChannels.$inferSelect;
interface Claimed {
  delivery: Delivery;
  attemptId: number;
}

/** A sender holds a claimed delivery this long; then another process may take it over (at-least-once). */
export const LEASE_MS = 2 * 60_000;
const BATCH = 20;
/** Claims for one bot queue up on this lock, so its rate is counted by one claimer at a time. */
export const lockBot = (tx: Tx, channelId: number) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('opsdesk.delivery.bot'), ${channelId})`);

const iso = (d: Date) => d.toISOString();
const due = (now: Date) => and(inArray(deliveries.status, ['pending', 'failed', 'sending']), lte(deliveries.nextAttemptAt, iso(now)));
const isTest = sql`coalesce(${deliveries.payload}->>'test', '') = 'true'`;

/**
 * Marks rows as being sent and logs the attempt at its start: a lease ends the claim, and the
 * attempt rows of a bot are its request rate (ALL-2). An expired lease's open attempt is closed.
 */
async function markSending(tx: Tx, rows: Delivery[], channelId: number | null, now: Date): Promise<Claimed[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const taken = rows.filter((r) => r.status === 'sending').map((r) => r.id);
  if (taken.length) {
    await tx
      .update(deliveryAttempts)
      .set({ outcome: 'failed', finishedAt: iso(now), error: 'interrupted: no result before the lease ended' })
      .where(and(inArray(deliveryAttempts.deliveryId, taken), eq(deliveryAttempts.outcome, 'sending')));
  }
  const updated = await tx
    .update(deliveries)
    .set({ status: 'sending', attempts: sql`${deliveries.attempts} + 1`, nextAttemptAt: iso(new Date(now.getTime() + LEASE_MS)), updatedAt: iso(now) })
    .where(inArray(deliveries.id, ids))
    .returning();
  const attempts = await tx
    .insert(deliveryAttempts)
    .values(updated.map((d) => ({ deliveryId: d.id, channelId, startedAt: iso(now), outcome: 'sending' as const })))
    .returning({ id: deliveryAttempts.id, deliveryId: deliveryAttempts.deliveryId });
  const attemptOf = new Map(attempts.map((a) => [a.deliveryId, a.id]));
  return updated.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id)).map((delivery) => ({ delivery, attemptId: attemptOf.get(delivery.id)! }));
}

/** Due e-mail, claimed with SKIP LOCKED: two processes never take the same row. */
function claimEmail(db: Db, now: Date): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.channel, 'email'), due(now)))
      .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    return markSending(tx, rows, null, now);
  });
}

/**
 * ALL-2: claims what one bot may send now. The rate is counted from the attempts of the last
 * window in the database, under a per-bot advisory lock, so it holds across processes; what does
 * not fit waits (next_attempt_at) until the window has room again.
 */
export function claimBot(db: Db, channelId: number, now: Date, preferId?: number): Promise<{ channel: Channel; claimed: Claimed[] } | null> {
  return db.transaction(async (tx) => {
    await lockBot(tx, channelId);
    const [channel] = await tx.select().from(deliveryChannels).where(eq(deliveryChannels.id, channelId));
    if (!channel) return null;
    const open = and(eq(deliveries.channelId, channelId), due(now));
    if (!channel.enabled) {
      // A switched-off bot takes only test messages; the rest stops here (an admin may retry).
      await tx
        .update(deliveries)
        .set({ status: 'dead', nextAttemptAt: null, lastError: 'the bot is disabled', updatedAt: iso(now) })
        .where(and(open, ne(deliveries.status, 'sending'), sql`not ${isTest}`));
    }
    const limits = RATE_LIMITS[channel.kind];
    const since = iso(new Date(now.getTime() - longestWindow(limits)));
    const recent = await tx
      .select({ at: deliveryAttempts.startedAt })
      .from(deliveryAttempts)
      .where(and(eq(deliveryAttempts.channelId, channelId), gt(deliveryAttempts.startedAt, since)));
    const starts = recent.map((r) => Date.parse(toIso(r.at)));
    const room = rateRoom(limits, starts, now);
    const rows = room.free
      ? await tx
          .select()
          .from(deliveries)
          .where(channel.enabled ? open : and(open, isTest))
          .orderBy(desc(sql`${deliveries.id} = ${preferId ?? 0}`), asc(deliveries.nextAttemptAt), asc(deliveries.id))
          .limit(Math.min(room.free, BATCH))
          .for('update', { skipLocked: true })
      : [];
    const claimed = await markSending(tx, rows, channelId, now);
    const after = rateRoom(limits, [...starts, ...claimed.map(() => now.getTime())], now);
    if (after.nextAt) {
      await tx
        .update(deliveries)
        .set({ nextAttemptAt: iso(after.nextAt) })
        .where(and(eq(deliveries.channelId, channelId), inArray(deliveries.status, ['pending', 'failed']), lte(deliveries.nextAttemptAt, iso(now))));
    }
    return { channel, claimed };
  });
}

/** Logs the outcome and moves the delivery on: sent, or failed with a backoff, or dead. */
async function record(db: Db, c: Claimed, result: SendResult, now: Date): Promise<keyof DispatchResult> {
  // A test message is a one-off check: its failure is final, not repeated into the group later.
  const next = result.ok || c.delivery.payload.test ? null : retryAt(c.delivery.attempts, now);
  const status = result.ok ? 'sent' : next ? 'failed' : 'dead';
  await db.transaction(async (tx) => {
    await tx
      .update(deliveryAttempts)
      .set({ finishedAt: iso(now), outcome: result.ok ? 'sent' : 'failed', statusCode: result.statusCode, response: result.response, error: result.error })
      .where(eq(deliveryAttempts.id, c.attemptId));
    // Only while still ours: after a lease expired another process may have taken the row over.
    await tx
      .update(deliveries)
      .set({
        status,
        nextAttemptAt: next ? iso(next) : null,
        lastError: result.ok ? null : result.error,
        sentAt: result.ok ? iso(now) : null,
        updatedAt: iso(now),
      })
      .where(and(eq(deliveries.id, c.delivery.id), eq(deliveries.status, 'sending'), eq(deliveries.attempts, c.delivery.attempts)));
  });
  return status;
}

async function sendAll(deps: DispatchDeps, claimed: Claimed[], send: (c: Claimed) => Promise<SendResult>, tally: DispatchResult) {
  for (const c of claimed) {
    let result: SendResult;
    try {
      result = await send(c);
    } catch (err) {
      result = { ok: false, statusCode: null, response: null, error: String((err as Error).message ?? err) };
    }
    tally[await record(deps.db, c, result, deps.now())] += 1;
  }
}

/** Sends what one bot may send now (the test-send path, and each bot within a dispatch round). */
export async function dispatchBot(deps: DispatchDeps, channelId: number, tally: DispatchResult, preferId?: number): Promise<number> {
  const got = await claimBot(deps.db, channelId, deps.now(), preferId);
  if (!got) return 0;
  const target = { kind: got.channel.kind, webhookUrl: got.channel.webhookUrl, secret: got.channel.secret };
  await sendAll(deps, got.claimed, (c) => deps.senders.bot(target, c.delivery.payload as BotPayload, deps.now()), tally);
  return got.claimed.length;
}

/**
 * ALL-2: one dispatcher pass: due e-mail and each bot's due messages within its rate, repeated
 * while anything was sent (bounded). Called by the job; tests call it with their clock.
 */
export async function dispatchDeliveries(deps: DispatchDeps, maxRounds = 10): Promise<DispatchResult> {
  const tally: DispatchResult = { sent: 0, failed: 0, dead: 0 };
  for (let round = 0; round < maxRounds; round++) {
    const now = deps.now();
    let claimedAny = 0;
    const email = deps.senders.email;
    if (email) {
      const claimed = await claimEmail(deps.db, now);
      claimedAny += claimed.length;
      await sendAll(deps, claimed, (c) => email(c.delivery.payload as EmailPayload), tally);
    }
    // A bot deleted while messages waited: nothing can carry them any more.
    await deps.db
      .update(deliveries)
      .set({ status: 'dead', nextAttemptAt: null, lastError: 'the bot was removed', updatedAt: iso(now) })
      .where(and(ne(deliveries.channel, 'email'), isNull(deliveries.channelId), due(now)));
    const bots = await deps.db
      .selectDistinct({ id: deliveries.channelId })
      .from(deliveries)
      .where(and(isNotNull(deliveries.channelId), due(now)));
    const counts = await Promise.all(bots.map((b) => dispatchBot(deps, b.id!, tally)));
    claimedAny += counts.reduce((a, b) => a + b, 0);
    if (!claimedAny) break;
  }
  return tally;
}
