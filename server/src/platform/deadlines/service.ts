import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AuditEvent } from '../audit/write.ts';
import type { BusinessHours } from '../calendar/rules.ts';
import type { Calendar } from '../calendar/snapshot.ts';
import { toIso } from '../calendar/zone.ts';
import { type DeadlineRule, computeDue } from './rules.ts';
import { deadlines } from './schema.ts';

export interface Deadline {
  id: number;
  entity: string;
  entityId: string;
  kind: string;
  rule: DeadlineRule;
  dueAt: string;
  provisional: boolean;
  doneAt: string | null;
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
});

/**
 * ALL-6: declares (or re-declares, e.g. after a due date moved) the deadline `kind` of an entity,
 * computing due_at on the calendar; `provisional` when a fallback year was involved (暂定).
 * Runs inside the caller's transaction, so the deadline stands or falls with the change behind it.
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
  },
): Promise<Deadline> {
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
    updatedAt: stamp,
  };
  const [row] = await tx
    .insert(deadlines)
    .values({ entity: input.entity, entityId: String(input.entityId), kind: input.kind, createdAt: stamp, ...values })
    .onConflictDoUpdate({ target: [deadlines.entity, deadlines.entityId, deadlines.kind], set: values })
    .returning();
  return present(row!);
}

/** The deadline is met (or no longer applies): it leaves the open set. */
export async function completeDeadline(tx: Tx, input: { entity: string; entityId: string | number; kind: string; at: Date }): Promise<void> {
  await tx
    .update(deadlines)
    .set({ doneAt: input.at.toISOString(), updatedAt: input.at.toISOString() })
    .where(and(eq(deadlines.entity, input.entity), eq(deadlines.entityId, String(input.entityId)), eq(deadlines.kind, input.kind), isNull(deadlines.doneAt)));
}

/**
 * ALL-6: after a year's schedule arrives, every provisional, open deadline is computed again on the
 * new calendar (same transaction as the import). Returns how many changed; each change is audited.
 */
export async function recomputeProvisional(
  tx: Tx,
  input: { cal: Calendar; timeZone: string; now: Date; audit?: (e: AuditEvent) => Promise<void>; business?: BusinessHours },
): Promise<number> {
  const rows = await tx
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.provisional, true), isNull(deadlines.doneAt)))
    .orderBy(deadlines.id)
    .for('update');
  let changed = 0;
  for (const row of rows) {
    const due = computeDue(input.cal, { date: row.anchorDate, at: row.anchorAt === null ? null : toIso(row.anchorAt) }, row.rule, input.timeZone, input.business);
    const before = { dueAt: toIso(row.dueAt), provisional: row.provisional };
    const after = { dueAt: due.dueAt.toISOString(), provisional: due.provisional };
    if (before.dueAt === after.dueAt && before.provisional === after.provisional) continue;
    await tx
      .update(deadlines)
      .set({ ...after, updatedAt: input.now.toISOString() })
      .where(eq(deadlines.id, row.id));
    await input.audit?.({ entity: 'deadline', entityId: row.id, action: 'recompute', before, after });
    changed += 1;
  }
  return changed;
}
