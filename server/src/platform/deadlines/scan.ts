import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { TLocale } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { departments, people } from '../../modules/org/schema.ts';
import { toIso } from '../calendar/zone.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { notify } from '../notify/notify.ts';
import { reminderMessage } from './reminder-messages.ts';
import { type OrgDepartment, type OrgPerson, eventOf, isStale, resolveRecipients, stageOf } from './reminder-rules.ts';
import { deadlineReminders, deadlines } from './schema.ts';

export const REMINDER_JOB = 'deadline-reminders';

export interface ScanResult {
  /** Reminders whose time had come and that were sent (possibly to nobody). */
  fired: number;
  /** Notification rows created. */
  notifications: number;
  /** Stale "before" reminders dropped, and reminders of deadlines already done. */
  dropped: number;
}

export interface ScanOptions {
  now: Date;
  timeZone: string;
  batchSize?: number;
  /** Upper bound on batches per call; the next run picks up the rest. */
  maxBatches?: number;
}

/**
 * ALL-2 "each fires once, even with several server instances": every process may scan at the same
 * time. A batch is claimed with FOR UPDATE SKIP LOCKED (a row being fired elsewhere is skipped, a
 * row fired meanwhile no longer matches), and turned into notifications and marked `fired` in the
 * same transaction. The notifications' dedupe key (reminder, fire time, recipient) makes a second
 * firing of the same reminder for the same time a no-op even if the state were lost.
 */
export async function scanReminders(db: Db, options: ScanOptions): Promise<ScanResult> {
  const batchSize = options.batchSize ?? 100;
  const total: ScanResult = { fired: 0, notifications: 0, dropped: 0 };
  for (let i = 0; i < (options.maxBatches ?? 100); i++) {
    const batch = await db.transaction((tx) => fireBatch(tx, options, batchSize));
    total.fired += batch.fired;
    total.notifications += batch.notifications;
    total.dropped += batch.dropped;
    if (batch.claimed < batchSize) break;
  }
  return total;
}

async function fireBatch(tx: Tx, { now, timeZone }: ScanOptions, batchSize: number): Promise<ScanResult & { claimed: number }> {
  const rows = await tx
    .select({ reminder: deadlineReminders, deadline: deadlines })
    .from(deadlineReminders)
    .innerJoin(deadlines, eq(deadlines.id, deadlineReminders.deadlineId))
    .where(and(eq(deadlineReminders.state, 'pending'), lte(deadlineReminders.fireAt, now.toISOString())))
    .orderBy(asc(deadlineReminders.fireAt), asc(deadlineReminders.id))
    .limit(batchSize)
    .for('update', { of: deadlineReminders, skipLocked: true });
  const result = { fired: 0, notifications: 0, dropped: 0, claimed: rows.length };
  if (!rows.length) return result;
  const org = await loadOrg(tx, rows);
  const stamp = now.toISOString();
  // Marked fired together at the end of the batch, grouped by how many notifications each made.
  const firedBy = new Map<number, number[]>();
  for (const { reminder, deadline } of rows) {
    const stage = stageOf(reminder.spec.when);
    const fireAt = new Date(toIso(reminder.fireAt));
    const dueAt = new Date(toIso(deadline.dueAt));
    if (deadline.doneAt !== null || isStale(stage, fireAt, dueAt, now, true)) {
      const state = deadline.doneAt !== null ? 'cancelled' : 'skipped';
      await tx.update(deadlineReminders).set({ state, updatedAt: stamp }).where(eq(deadlineReminders.id, reminder.id));
      result.dropped += 1;
      continue;
    }
    const recipients = resolveRecipients(reminder.spec.to, deadline.ownerId, org.people, org.departments);
    const owner = deadline.ownerId === null ? undefined : org.people.get(deadline.ownerId);
    let created = 0;
    for (const recipientId of recipients) {
      const person = org.people.get(recipientId);
      const message = reminderMessage({
        stage,
        subject: deadline.subject ?? `${deadline.entity} ${deadline.entityId}`,
        dueAt,
        provisional: deadline.provisional,
        ownerName: owner && recipientId !== owner.id ? owner.name : null,
        locale: person?.locale ?? 'zh-CN',
        timeZone,
      });
      const row = await notify(tx, now, {
        recipientId,
        event: eventOf(reminder.spec),
        ...message,
        link: deadline.link,
        entity: deadline.entity,
        entityId: deadline.entityId,
        dedupeKey: `reminder:${reminder.id}:${fireAt.toISOString()}:${recipientId}`,
      });
      if (row) created += 1;
    }
    firedBy.set(created, [...(firedBy.get(created) ?? []), reminder.id]);
    result.fired += 1;
    result.notifications += created;
  }
  for (const [notified, ids] of firedBy) {
    await tx.update(deadlineReminders).set({ state: 'fired', firedAt: stamp, notified, updatedAt: stamp }).where(inArray(deadlineReminders.id, ids));
  }
  return result;
}

type OrgRow = OrgPerson & { name: string; locale: TLocale };

/** The people and departments this batch's recipients resolve through (departments: a small table). */
async function loadOrg(tx: Tx, rows: { reminder: typeof deadlineReminders.$inferSelect; deadline: typeof deadlines.$inferSelect }[]) {
  const deptRows = await tx
    .select({ id: departments.id, parentId: departments.parentId, headId: departments.headId, divisionLeaderId: departments.divisionLeaderId })
    .from(departments);
  const ids = new Set<number>();
  for (const { reminder, deadline } of rows) {
    if (deadline.ownerId !== null) ids.add(deadline.ownerId);
    for (const to of reminder.spec.to) if (typeof to === 'object') ids.add(to.personId);
  }
  const needsPosts = rows.some(({ reminder }) => reminder.spec.to.some((to) => to === 'owner.head' || to === 'owner.divisionLeader'));
  if (needsPosts) for (const d of deptRows) for (const id of [d.headId, d.divisionLeaderId]) if (id !== null) ids.add(id);
  const personRows = ids.size
    ? await tx
        .select({ id: people.id, name: people.name, active: people.active, departmentId: people.departmentId, locale: people.locale })
        .from(people)
        .where(inArray(people.id, [...ids]))
    : [];
  return {
    people: new Map<number, OrgRow>(personRows.map((p) => [p.id, p])),
    departments: new Map<number, OrgDepartment>(deptRows.map((d) => [d.id, d])),
  };
}

/** The scanner as a pg-boss job, every minute on every server (they share the work, see above). */
export function registerReminderJob(jobs: Jobs, deps: { db: Db; timeZone: string }): void {
  jobs.register(REMINDER_JOB, async (_data, ctx) => scanReminders(deps.db, { now: ctx.now, timeZone: deps.timeZone }), {
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 600,
  });
  jobs.schedule(REMINDER_JOB, '* * * * *');
}
