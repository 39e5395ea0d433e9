import { count, eq, countDistinct, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, makePerson, startTestApp } from '../../../test/harness.ts';
import { type Instance, secondInstance } from '../../../test/instances.ts';
import { setClock } from '../../../test/reminders.ts';
import { notifications } from '../notify/schema.ts';
import { specKey } from './reminder-rules.ts';
import { REMINDER_JOB, type ScanResult } from './scan.ts';
import { deadlineReminders, deadlines } from './schema.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
const N = 1000;

let t: TestApp;
let second: Instance | null = null;
beforeAll(async () => {
  t = await startTestApp();
  if (onPostgres) second = await secondInstance(t);
});
afterAll(async () => {
  await second?.close();
  await t.close();
});

/** N deadlines, each with one reminder due at 09:00 on 1 Dec, owned by 10 people in turn. */
async function seedDueReminders() {
  const owners = await Promise.all(Array.from({ length: 10 }, () => makePerson(t.database)));
  const stamp = '2026-11-26T02:00:00.000Z';
  const spec = { when: 'onDueDay' as const, to: ['owner' as const] };
  const rows = await t.database.db
    .insert(deadlines)
    .values(
      Array.from({ length: N }, (_, i) => ({
        entity: 'load_test',
        entityId: String(i),
        kind: 'due',
        anchorDate: '2026-11-30',
        rule: { workingDays: 1 },
        dueAt: '2026-12-01T10:00:00.000Z',
        ownerId: owners[i % owners.length]!.id,
        subject: `批量任务 ${i}`,
        createdAt: stamp,
        updatedAt: stamp,
      })),
    )
    .returning({ id: deadlines.id });
  await t.database.db
    .insert(deadlineReminders)
    .values(rows.map((d) => ({ deadlineId: d.id, key: specKey(spec), spec, fireAt: '2026-12-01T01:00:00.000Z', updatedAt: stamp })));
}

const reminderNotifications = async () => {
  const [row] = await t.database.db
    .select({ n: count(), keys: countDistinct(notifications.dedupeKey) })
    .from(notifications)
    .where(like(notifications.dedupeKey, 'reminder:%'));
  return row!;
};

// Real concurrency needs PostgreSQL: two app instances (own pools, own pg-boss) on one database,
// two scans each, all at once. PGlite is one connection in one process: the same scans run
// interleaved on its single connection, and the counts must be the same.
describe(onPostgres ? 'ALL-2 reminder scanner, two app instances on one PostgreSQL' : 'ALL-2 reminder scanner on PGlite (sequential equivalent)', () => {
  it('Two workers on one PostgreSQL: 1,000 due reminders → exactly 1,000 notification rows', { timeout: 120_000 }, async () => {
    await seedDueReminders();
    setClock(t.clock, '2026-12-01T01:00:00.000Z');
    const apps = second ? [t.app, second.app, t.app, second.app] : [t.app, t.app];
    const results = (await Promise.all(apps.map((app) => app.jobs.runNow(REMINDER_JOB)))) as ScanResult[];
    expect(results.reduce((sum, r) => sum + r.fired, 0)).toBe(N);
    expect(results.reduce((sum, r) => sum + r.notifications, 0)).toBe(N);
    expect(await reminderNotifications()).toEqual({ n: N, keys: N });
    // Both instances took part (each scan claims batches of 100 while the others work on theirs).
    if (second) expect([results[0]!.fired + results[2]!.fired, results[1]!.fired + results[3]!.fired].every((n) => n > 0)).toBe(true);
    const [pending] = await t.database.db.select({ n: count() }).from(deadlineReminders).where(eq(deadlineReminders.state, 'pending'));
    expect(pending?.n).toBe(0);

    // Scanning again, or arming every reminder again by hand, adds nothing: the dedupe key holds.
    expect(((await t.app.jobs.runNow(REMINDER_JOB)) as ScanResult).fired).toBe(0);
    await t.database.db.update(deadlineReminders).set({ state: 'pending' });
    const again = (await Promise.all(apps.map((app) => app.jobs.runNow(REMINDER_JOB)))) as ScanResult[];
    expect(again.reduce((sum, r) => sum + r.fired, 0)).toBe(N);
    expect(again.reduce((sum, r) => sum + r.notifications, 0)).toBe(0);
    expect(await reminderNotifications()).toEqual({ n: N, keys: N });
  });
});
