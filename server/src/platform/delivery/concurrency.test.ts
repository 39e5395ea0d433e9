import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { rowsOf } from '../access/scope.ts';
import { toIso } from '../calendar/zone.ts';
import { type TestApp, makePerson, startTestApp } from '../../../test/harness.ts';
import { type DispatchDeps, type DispatchResult, claimBot, dispatchDeliveries, lockBot } from './dispatch.ts';
import { deliveries, deliveryAttempts } from './schema.ts';
import { createSenders } from './senders.ts';
import { type HttpSink, decodeHeader, makeBot, makeDepartment, notifyNow, setContact, startHttpSink, startSmtpSink } from './testing.ts';

let t: TestApp;
let sink: HttpSink;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
/** A second "server process": its own connection pool to the same PostgreSQL database. */
let other: Database | null = null;
beforeAll(async () => {
  sink = await startHttpSink();
  smtp = await startSmtpSink();
  t = await startTestApp({ smtpUrl: smtp.url });
  const url = t.database.pool?.options.connectionString;
  if (url) other = await openDatabase({ databaseUrl: url, dataDir: '' });
});
afterAll(async () => {
  await other?.close();
  await t.close();
  await sink.close();
  await smtp.close();
});

const deps = (db: Database): DispatchDeps => ({ db: db.db, senders: createSenders(t.config), now: t.clock.now });
const total = (rs: DispatchResult[]) => rs.reduce((a, r) => a + r.sent, 0);

async function queue(n: number, withEmail: boolean) {
  const dept = await makeDepartment(t.database);
  const bot = await makeBot(t.database, { departmentId: dept.id, kind: 'dingtalk', webhookUrl: sink.url(`/robot/send?access_token=conc${dept.id}`) });
  const p = await makePerson(t.database, { departmentId: dept.id });
  if (withEmail) await setContact(t.database, p.id, { email: `p${p.id}@example.com` });
  for (let i = 0; i < n; i++) {
    await notifyNow(t.database, t.clock.now(), { recipientId: p.id, event: 'deadline.reminder', title: `提醒 ${i}`, dedupeKey: `conc:${p.id}:${i}` });
  }
  return { bot, person: p };
}

/** Four dispatch passes, two per "process": at once on PostgreSQL, one after the other on PGlite. */
async function race(): Promise<DispatchResult[]> {
  const runs = [t.database, other ?? t.database, t.database, other ?? t.database].map((db) => () => dispatchDeliveries(deps(db)));
  if (other) return Promise.all(runs.map((run) => run()));
  const out: DispatchResult[] = [];
  for (const run of runs) out.push(await run());
  return out;
}

/**
 * ALL-2: several processes dispatching at the same moment. On PostgreSQL they really race (two
 * pools, four passes); on PGlite (one connection, one process) the same passes run in turn.
 */
describe(`ALL-2 dispatchers racing on one database (${process.env.DATABASE_URL ? 'PostgreSQL: concurrent' : 'PGlite: sequential'})`, () => {
  it('one DingTalk bot gets at most 20 in the minute, however many processes send', async () => {
    const { bot, person } = await queue(50, false);
    expect(total(await race())).toBe(20);
    const hits = sink.requests.filter((r) => new URL(r.url, 'http://x').searchParams.get('access_token') === `conc${bot.departmentId}`);
    expect(hits).toHaveLength(20);
    expect(await t.database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.channelId, bot.id))).toHaveLength(20);
    const rows = await t.database.db.select().from(deliveries).where(eq(deliveries.recipientId, person.id));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(30);
  });

  it('each of 30 e-mails is sent exactly once (rows are claimed with SKIP LOCKED)', async () => {
    t.clock.advanceMinutes(5);
    const { person } = await queue(30, true);
    await race();
    const to = `p${person.id}@example.com`;
    const mails = smtp.messages.filter((m) => m.to.includes(to));
    expect(mails).toHaveLength(30);
    expect(new Set(mails.map((m) => decodeHeader(m.raw, 'Subject'))).size).toBe(30);
    const rows = await t.database.db.select().from(deliveries).where(eq(deliveries.recipientId, person.id));
    expect(rows.filter((r) => r.channel === 'email').every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('a claimer mid-claim holds the bot: another waits for its commit, then sees its 20 and takes none', async () => {
    t.clock.advanceMinutes(5);
    const { bot, person } = await queue(40, false);
    const now = t.clock.now().toISOString();
    const ids = (await t.database.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.channelId, bot.id)).limit(20)).map((r) => r.id);
    let second: Promise<unknown> | null = null;
    await t.database.db.transaction(async (tx) => {
      // What claimBot does for its 20, left uncommitted for a moment.
      await lockBot(tx, bot.id);
      await tx.update(deliveries).set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(Date.parse(now) + 120_000).toISOString() }).where(inArray(deliveries.id, ids));
      await tx.insert(deliveryAttempts).values(ids.map((deliveryId) => ({ deliveryId, channelId: bot.id, startedAt: now })));
      if (!other) return;
      second = claimBot(other.db, bot.id, t.clock.now());
      // Bounded poll until the other process is queued on the lock (not a fixed sleep).
      for (let i = 0; i < 200; i++) {
        const [row] = rowsOf<{ n: number }>(await other.db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`));
        if (row?.n) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    const got = (await (second ?? claimBot(t.database.db, bot.id, t.clock.now()))) as Awaited<ReturnType<typeof claimBot>>;
    expect(got?.claimed).toEqual([]);
    const waiting = await t.database.db.select().from(deliveries).where(and(eq(deliveries.recipientId, person.id), eq(deliveries.status, 'pending')));
    expect(waiting).toHaveLength(20);
    expect(new Set(waiting.map((r) => Date.parse(toIso(r.nextAttemptAt!))))).toEqual(
      new Set([t.clock.now().getTime() + 60_000]),
    );
  });
});
