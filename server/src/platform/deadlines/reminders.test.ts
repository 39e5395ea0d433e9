import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TNotificationPage } from '@opsdesk/contract';
import { PASSWORD, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { complete, declare, makeDepartment, placeIn, setClock } from '../../../test/reminders.ts';
import { notifications } from '../notify/schema.ts';
import { REMIND_OWNER_ESCALATE_TO_HEAD, SLA_REMINDERS } from './reminder-rules.ts';
import { REMINDER_JOB, type ScanResult } from './scan.ts';
import { deadlineReminders } from './schema.ts';

let t: TestApp;
let owner: Awaited<ReturnType<typeof makePerson>>;
let head: Awaited<ReturnType<typeof makePerson>>;
beforeAll(async () => {
  t = await startTestApp();
  head = await makePerson(t.database, { username: 'head', name: '王五', locale: 'en-US' });
  owner = await makePerson(t.database, { username: 'owner', name: '小王' });
  const dept = await makeDepartment(t.database, { headId: head.id });
  await placeIn(t.database, head.id, dept.id);
  await placeIn(t.database, owner.id, dept.id);
});
afterAll(() => t.close());

const scan = () => t.app.jobs.runNow(REMINDER_JOB) as Promise<ScanResult>;
const inbox = async (personId: number, entityId: string) =>
  (await t.database.db.select().from(notifications).where(eq(notifications.recipientId, personId))).filter((n) => n.entityId === entityId).sort((a, b) => a.id - b.id);
const times = (rs: { spec: { when: unknown }; fireAt: string; state: string }[]) => rs.map((r) => [r.fireAt, r.state]);

describe('ALL-2 reminders on deadlines', () => {
  it('Moving a due date moves its reminders; completing the item cancels them', async () => {
    setClock(t.clock, '2026-11-26T02:00:00.000Z');
    // Within 1 working day of Mon 30 Nov → Tue 1 Dec 18:00; remind Mon 09:00 and Tue 09:00, escalate Wed 18:00.
    const first = await declare(t, { entityId: 'M1', anchorDate: '2026-11-30', ownerId: owner.id, reminders: REMIND_OWNER_ESCALATE_TO_HEAD });
    expect(first.dueAt).toBe('2026-12-01T10:00:00.000Z');
    expect(times(first.reminders)).toEqual([
      ['2026-11-30T01:00:00.000Z', 'pending'],
      ['2026-12-01T01:00:00.000Z', 'pending'],
      ['2026-12-02T10:00:00.000Z', 'pending'],
    ]);

    setClock(t.clock, '2026-11-30T01:00:00.000Z');
    expect(await scan()).toEqual({ fired: 1, notifications: 1, dropped: 0 });
    expect(await inbox(owner.id, 'M1')).toMatchObject([{ event: 'deadline.reminder', title: '即将到期：测试任务 M1', body: '截止时间：2026-12-01 18:00', link: '/tasks/M1' }]);
    expect(await scan()).toEqual({ fired: 0, notifications: 0, dropped: 0 });

    // Re-declared without a change (e.g. the title was edited): the fired reminder is not repeated.
    const same = await declare(t, { entityId: 'M1', anchorDate: '2026-11-30', ownerId: owner.id });
    expect(times(same.reminders)[0]).toEqual(['2026-11-30T01:00:00.000Z', 'fired']);

    // The due date moves to Fri 4 Dec: every reminder moves, the fired one is armed again for the new date.
    const moved = await declare(t, { entityId: 'M1', anchorDate: '2026-12-03', ownerId: owner.id });
    expect(moved.dueAt).toBe('2026-12-04T10:00:00.000Z');
    expect(times(moved.reminders)).toEqual([
      ['2026-12-03T01:00:00.000Z', 'pending'],
      ['2026-12-04T01:00:00.000Z', 'pending'],
      ['2026-12-05T10:00:00.000Z', 'pending'],
    ]);
    setClock(t.clock, '2026-12-02T12:00:00.000Z'); // the old escalation time: nothing fires any more
    expect((await scan()).fired).toBe(0);

    setClock(t.clock, '2026-12-03T01:00:00.000Z');
    expect(await scan()).toMatchObject({ fired: 1, notifications: 1 });
    expect((await inbox(owner.id, 'M1')).map((n) => n.body)).toEqual(['截止时间：2026-12-01 18:00', '截止时间：2026-12-04 18:00']);

    // Done on Thursday: the due-day reminder and the escalation are cancelled and never fire.
    await complete(t, 'M1');
    setClock(t.clock, '2026-12-10T02:00:00.000Z');
    expect((await scan()).fired).toBe(0);
    const rows = await t.database.db.select().from(deadlineReminders).where(eq(deadlineReminders.deadlineId, moved.id));
    expect(rows.map((r) => r.state).sort()).toEqual(['cancelled', 'cancelled', 'fired']);
    expect(await inbox(owner.id, 'M1')).toHaveLength(2);
    expect(await inbox(head.id, 'M1')).toHaveLength(0);

    // Reopened (declared again): the remaining reminders come back for a new date.
    const reopened = await declare(t, { entityId: 'M1', anchorDate: '2026-12-14', ownerId: owner.id });
    expect(reopened.doneAt).toBeNull();
    expect(times(reopened.reminders).map(([, state]) => state)).toEqual(['pending', 'pending', 'pending']);
  });

  it('escalates to the owner’s head in the head’s language, naming the owner; the head sees it over HTTP', async () => {
    setClock(t.clock, '2026-11-26T02:00:00.000Z');
    await declare(t, { entityId: 'E1', anchorDate: '2026-11-26', ownerId: owner.id, reminders: REMIND_OWNER_ESCALATE_TO_HEAD });
    setClock(t.clock, '2026-11-28T10:00:00.000Z'); // due Fri 27 Nov 18:00; escalation Sat 28 Nov 18:00
    const result = await scan();
    // "1 working day before" was past when declared (skipped); the due-day one is stale by Saturday (dropped).
    expect(result).toEqual({ fired: 1, notifications: 1, dropped: 1 });
    expect(await inbox(head.id, 'E1')).toMatchObject([
      { event: 'deadline.escalation', title: 'Overdue: 测试任务 E1', body: 'Due: 2026-11-27 18:00; Owner: 小王', entity: 'test_task', entityId: 'E1' },
    ]);
    const headClient = await login(t.app, 'head', PASSWORD);
    const page = (await headClient.get('/api/notifications')).json<TNotificationPage>();
    expect(page.items.find((n) => n.entityId === 'E1')).toMatchObject({ title: 'Overdue: 测试任务 E1', link: '/tasks/E1', readAt: null });
  });

  it('after downtime, "before" reminders past their due time are dropped; escalations still fire (late)', async () => {
    setClock(t.clock, '2026-11-26T02:00:00.000Z');
    // Consult SLA 24 h from Thu 10:00 → due Fri 27 Nov 10:00; remind 4 h before; at the breach owner + head.
    const sla = await declare(t, { entityId: 'S1', anchorAt: '2026-11-26T02:00:00.000Z', ownerId: owner.id, rule: { hours: 24 }, reminders: SLA_REMINDERS, kind: 'sla' });
    expect(sla.dueAt).toBe('2026-11-27T02:00:00.000Z');
    expect(times(sla.reminders)).toEqual([
      ['2026-11-26T22:00:00.000Z', 'pending'],
      ['2026-11-27T02:00:00.000Z', 'pending'],
    ]);
    // The server was down from Thursday evening to Monday.
    setClock(t.clock, '2026-11-30T02:00:00.000Z');
    expect(await scan()).toEqual({ fired: 1, notifications: 2, dropped: 1 });
    expect((await inbox(owner.id, 'S1')).map((n) => [n.event, n.title])).toEqual([['deadline.escalation', '已到期：测试任务 S1']]);
    expect((await inbox(head.id, 'S1')).map((n) => n.title)).toEqual(['Now due: 测试任务 S1']);
  });

  it('each reminder fires exactly once: the notification dedupe key holds even if a reminder is armed again by hand', async () => {
    setClock(t.clock, '2026-11-26T02:00:00.000Z');
    const d = await declare(t, { entityId: 'O1', anchorDate: '2026-11-27', ownerId: owner.id, reminders: [{ when: 'atDue', to: ['owner'] }] });
    setClock(t.clock, d.dueAt);
    expect(await scan()).toMatchObject({ fired: 1, notifications: 1 });
    await t.database.db.update(deadlineReminders).set({ state: 'pending' }).where(eq(deadlineReminders.deadlineId, d.id));
    expect(await scan()).toMatchObject({ fired: 1, notifications: 0 });
    const keys = await t.database.db.select({ key: notifications.dedupeKey }).from(notifications).where(like(notifications.dedupeKey, `reminder:${d.reminders[0]!.id}:%`));
    expect(keys).toEqual([{ key: `reminder:${d.reminders[0]!.id}:${d.dueAt}:${owner.id}` }]);
  });

  it('the scanner is the pg-boss job deadline-reminders, scheduled every minute on every server', async () => {
    const jobs = t.app.jobs;
    expect(await jobs.send(REMINDER_JOB)).toBeTruthy();
    expect(await jobs.drain([REMINDER_JOB])).toMatchObject({ completed: 1, failed: [] });
    // Schedules are written when the server starts its workers (background); no timer runs here.
    await jobs.stop();
    await jobs.start({ background: true, pollingIntervalSeconds: 60 });
    try {
      expect(await jobs.schedules()).toContainEqual({ name: REMINDER_JOB, cron: '* * * * *', timezone: 'Asia/Shanghai' });
    } finally {
      await jobs.stop();
      await jobs.start();
    }
  });

  it('provisional (暂定) deadlines: after the year’s schedule is imported, their reminders move too', async () => {
    setClock(t.clock, '2026-11-26T02:00:00.000Z');
    const dueDay = { when: 'onDueDay' as const, to: ['owner' as const] };
    // 2027 has no official schedule yet: "within 2 working days of 29 Sep 2027" → Fri 1 Oct (暂定).
    const p1 = await declare(t, { entityId: 'P1', anchorDate: '2027-09-29', rule: { workingDays: 2 }, ownerId: owner.id, reminders: [dueDay] });
    expect(p1).toMatchObject({ dueAt: '2027-10-01T10:00:00.000Z', provisional: true });
    expect(p1.reminders).toMatchObject([{ fireAt: '2027-10-01T01:00:00.000Z', provisional: true }]);
    // A firm deadline (31 Dec 2026) whose escalation counts a working day into 2027.
    const p2 = await declare(t, { entityId: 'P2', anchorDate: '2026-12-30', ownerId: owner.id, reminders: [{ when: { after: { workingDays: 1 } }, to: ['owner.head'] }] });
    expect(p2).toMatchObject({ dueAt: '2026-12-31T10:00:00.000Z', provisional: false });
    expect(p2.reminders).toMatchObject([{ fireAt: '2027-01-01T01:00:00.000Z', provisional: true }]);

    const admin = await loginAdmin(t.app);
    const off = (...dates: string[]) => dates.map((date) => ({ date, name: '假日', isOffDay: true }));
    const days = [...off('2027-01-01', '2027-01-02', '2027-01-03'), ...off('2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07')];
    const res = await admin.post('/api/calendar/import', { year: 2027, days });
    expect(res.statusCode, res.body).toBe(200);

    const after = async (id: number) => t.database.db.select().from(deadlineReminders).where(eq(deadlineReminders.deadlineId, id));
    expect((await after(p1.id)).map((r) => [r.fireAt, r.provisional])).toEqual([[expect.stringMatching(/^2027-10-08 01:00:00/), false]]);
    expect((await after(p2.id)).map((r) => [r.fireAt, r.provisional])).toEqual([[expect.stringMatching(/^2027-01-04 01:00:00/), false]]);
  });
});
