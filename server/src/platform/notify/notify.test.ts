import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, makePerson, startTestApp } from '../../../test/harness.ts';
import { type Notification, notify, onNotificationCreated } from './notify.ts';
import { notifications } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('ALL-2 notify', () => {
  it('creates one notification per dedupe key, however often it is asked', async () => {
    const p = await makePerson(t.database);
    const input = { recipientId: p.id, event: 'deadline.reminder', title: '任务即将到期', link: '/tasks/1', dedupeKey: `remind:task:1:${p.id}` };
    const first = await t.database.db.transaction((tx) => notify(tx, t.clock.now(), input));
    const again = await t.database.db.transaction((tx) => notify(tx, t.clock.now(), input));
    expect(first).toMatchObject({ recipientId: p.id, title: '任务即将到期', readAt: null });
    expect(again).toBeNull();
    expect(await t.database.db.select().from(notifications).where(eq(notifications.recipientId, p.id))).toHaveLength(1);
  });

  it('runs the creation hooks in the same transaction, and nothing survives a rollback', async () => {
    const p = await makePerson(t.database);
    const seen: Notification[] = [];
    onNotificationCreated(async (_tx, n) => {
      if (n.recipientId === p.id) seen.push(n);
    });
    await expect(
      t.database.db.transaction(async (tx) => {
        await notify(tx, t.clock.now(), { recipientId: p.id, event: 'approval.waiting', title: '待审批' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(seen).toHaveLength(1);
    expect(await t.database.db.select().from(notifications).where(eq(notifications.recipientId, p.id))).toHaveLength(0);
  });
});
