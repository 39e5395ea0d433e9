import { and, eq, exists, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AuditEvent } from '../audit/write.ts';
import type { BusinessHours } from '../calendar/rules.ts';
import type { Calendar } from '../calendar/snapshot.ts';
import { toIso } from '../calendar/zone.ts';
import type { ReminderSpec } from './reminder-rules.ts';
import { type DeadlineReminder, cancelReminders, remindersOf, syncReminders } from './reminders.ts';
import { type DeadlineRule, computeDue } from './rules.ts';
import { deadlineReminders, deadlines } from './schema.ts';

export interface Deadline {
  id: number;
  entity: string;
  entityId: string;
  kind: string;
  rule: DeadlineRule;
  dueAt: string;
  provisional: boolean;
  doneAt: string | null;
  ownerId: number | null;
}

const present = (row: typeof deadlines.$inferSelect): Deadline => ({
  id: row.id,
  entity: row.entity,
  entityId: row.entityId,
  kind: row.kind,
  rule: row.rule,
  dueAt: toIso(row.dueAt),
  provisional: row.provisional,
  doneAt: row.doneAt === null ? null : toIso(row.doneAt),
  ownerId: row.ownerId,
});

/**
 * ALL-6: declares (or re-declares, e.g. after a due date moved) the deadline `kind` of an entity,
 * computing due_at on the calendar; `provisional` when a fallback year was involved (暂定).
 * Runs inside the caller's transaction, so the deadline stands or falls with the change behind it.
 * ALL-2: `reminders` (when to remind before / escalate after, and to whom) replace the deadline's
 * set; omitted on a re-declare, the stored ones follow the new due time. Re-declaring reopens a
 * completed deadline. `ownerId` is who `owner…` recipients resolve from; `subject` and `link` are
 * what the notifications say and open (e.g. "任务 T-2026-0012 年度预算", "/tasks/12").
 */
export async function declareDeadline(
  tx: Tx,
  input: {
    cal: Calendar;
    timeZone: string;
    now: Date;
    entity: string;
    entityId: string | number;
    kind: string;
    anchorDate?: string | null;
    anchorAt?: Date | string | null;
    rule: DeadlineRule;
    business?: BusinessHours;
    ownerId?: number | null;
    subject?: string | null;
    link?: string | null;
    reminders?: ReminderSpec[];
  },
): Promise<Deadline & { reminders: DeadlineReminder[] }> {
  const anchorAt = input.anchorAt ? new Date(input.anchorAt).toISOString() : null;
  const due = computeDue(input.cal, { date: input.anchorDate ?? null, at: anchorAt }, input.rule, input.timeZone, input.business);
  const stamp = input.now.toISOString();
  const values = {
    anchorDate: input.anchorDate ?? null,
    anchorAt,
    rule: input.rule,
    dueAt: due.dueAt.toISOString(),
    provisional: due.provisional,
    doneAt: null,
    ownerId: input.ownerId ?? null,
    subject: input.subject ?? null,
    link: input.link ?? null,
    updatedAt: stamp,
  };
  const [row] = await tx
    .insert(deadlines)
    .values({ entity: input.entity, entityId: String(input.entityId), kind: input.kind, createdAt: stamp, ...values })
    .onConflictDoUpdate({ target: [deadlines.entity, deadlines.entityId, deadlines.kind], set: values })
    .returning();
  const deadline = present(row!);
  await syncReminders(tx, {
    deadlineId: deadline.id,
    dueAt: due.dueAt,
    deadlineProvisional: due.provisional,
    specs: input.reminders,
    cal: input.cal,
    timeZone: input.timeZone,
    now: input.now,
    business: input.business,
  });
  return { ...deadline, reminders: await remindersOf(tx, deadline.id) };
}

/** The deadline is met (or no longer applies): it leaves the open set, and ALL-2 its pending reminders are cancelled. */
export async function completeDeadline(tx: Tx, input: { entity: string; entityId: string | number; kind: string; at: Date }): Promise<void> {
  const done = await tx
    .update(deadlines)
    .set({ doneAt: input.at.toISOString(), updatedAt: input.at.toISOString() })
    .where(and(eq(deadlines.entity, input.entity), eq(deadlines.entityId, String(input.entityId)), eq(deadlines.kind, input.kind), isNull(deadlines.doneAt)))
    .returning({ id: deadlines.id });
  await cancelReminders(
    tx,
    done.map((d) => d.id),
    input.at,
  );
}

/**
 * ALL-6: after a year's schedule arrives, every provisional, open deadline is computed again on the
 * new calendar (same transaction as the import). Returns how many changed; each change is audited.
 * ALL-2: their reminders move with them, and so do provisional reminders of firm deadlines
 * (e.g. an escalation counted in working days into next year).
 */
export async function recomputeProvisional(
  tx: Tx,
  input: { cal: Calendar; timeZone: string; now: Date; audit?: (e: AuditEvent) => Promise<void>; business?: BusinessHours },
): Promise<number> {
  const rows = await tx
    .select()
    .from(deadlines)
    .where(
      and(
        isNull(deadlines.doneAt),
        or(
          eq(deadlines.provisional, true),
          exists(
            tx
              .select({ one: sql`1` })
              .from(deadlineReminders)
              .where(and(eq(deadlineReminders.deadlineId, deadlines.id), eq(deadlineReminders.provisional, true), eq(deadlineReminders.state, 'pending'))),
          ),
        ),
      ),
    )
    .orderBy(deadlines.id)
    .for('update');
  let changed = 0;
  for (const row of rows) {
    const due = computeDue(input.cal, { date: row.anchorDate, at: row.anchorAt === null ? null : toIso(row.anchorAt) }, row.rule, input.timeZone, input.business);
    const before = { dueAt: toIso(row.dueAt), provisional: row.provisional };
    const after = { dueAt: due.dueAt.toISOString(), provisional: due.provisional };
    const sync = { deadlineId: row.id, dueAt: due.dueAt, deadlineProvisional: due.provisional, cal: input.cal, timeZone: input.timeZone, now: input.now, business: input.business };
    if (before.dueAt === after.dueAt && before.provisional === after.provisional) {
      await syncReminders(tx, sync);
      continue;
    }
    await tx
      .update(deadlines)
      .set({ ...after, updatedAt: input.now.toISOString() })
      .where(eq(deadlines.id, row.id));
    await syncReminders(tx, sync);
    await input.audit?.({ entity: 'deadline', entityId: row.id, action: 'recompute', before, after });
    changed += 1;
  }
  return changed;
}
