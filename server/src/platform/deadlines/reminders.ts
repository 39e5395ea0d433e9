import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { BusinessHours } from '../calendar/rules.ts';
import type { Calendar } from '../calendar/snapshot.ts';
import { toIso } from '../calendar/zone.ts';
import { type ReminderSpec, type ReminderState, checkSpec, planReminders, reminderFireAt, specKey } from './reminder-rules.ts';
import { deadlineReminders } from './schema.ts';

/** A reminder as services and tests see it. */
export interface DeadlineReminder {
  id: number;
  spec: ReminderSpec;
  fireAt: string;
  provisional: boolean;
  state: ReminderState;
  firedAt: string | null;
}

const present = (row: typeof deadlineReminders.$inferSelect): DeadlineReminder => ({
  id: row.id,
  spec: row.spec,
  fireAt: toIso(row.fireAt),
  provisional: row.provisional,
  state: row.state,
  firedAt: row.firedAt === null ? null : toIso(row.firedAt),
});

export async function remindersOf(tx: Tx, deadlineId: number): Promise<DeadlineReminder[]> {
  const rows = await tx.select().from(deadlineReminders).where(eq(deadlineReminders.deadlineId, deadlineId)).orderBy(asc(deadlineReminders.fireAt), asc(deadlineReminders.id));
  return rows.map(present);
}

/**
 * ALL-2: brings a deadline's reminders in line with its (possibly moved) due time, inside the
 * caller's transaction. `specs` replaces the set; omitted, the stored specs are recomputed (a due
 * date moved by a calendar import). Rows are locked first, so a scanner firing one of them at the
 * same moment either finishes before (and we see it fired) or skips it.
 */
export async function syncReminders(
  tx: Tx,
  input: {
    deadlineId: number;
    dueAt: Date;
    deadlineProvisional: boolean;
    specs?: ReminderSpec[] | undefined;
    cal: Calendar;
    timeZone: string;
    now: Date;
    business?: BusinessHours | undefined;
  },
): Promise<void> {
  const rows = await tx.select().from(deadlineReminders).where(eq(deadlineReminders.deadlineId, input.deadlineId)).orderBy(asc(deadlineReminders.id)).for('update');
  const specs = input.specs ?? rows.map((r) => r.spec);
  if (!specs.length && !rows.length) return;
  for (const spec of specs) checkSpec(spec);
  const desired = specs.map((spec) => {
    const fire = reminderFireAt(input.cal, input.dueAt, spec.when, input.timeZone, input.business);
    return { key: specKey(spec), spec, fireAt: fire.at, provisional: fire.provisional || input.deadlineProvisional };
  });
  const existing = rows.map((r) => ({ id: r.id, key: r.key, fireAt: new Date(toIso(r.fireAt)), provisional: r.provisional, state: r.state }));
  const plan = planReminders(existing, desired, input.dueAt, input.now);
  const stamp = input.now.toISOString();
  if (plan.remove.length) await tx.delete(deadlineReminders).where(inArray(deadlineReminders.id, plan.remove));
  for (const u of plan.update) {
    const reset = u.state === 'pending' || u.state === 'skipped' ? { firedAt: null, notified: null } : {};
    await tx
      .update(deadlineReminders)
      .set({ fireAt: u.fireAt.toISOString(), provisional: u.provisional, state: u.state, updatedAt: stamp, ...reset })
      .where(eq(deadlineReminders.id, u.id));
  }
  if (plan.insert.length) {
    await tx.insert(deadlineReminders).values(
      plan.insert.map((d) => ({
        deadlineId: input.deadlineId,
        key: d.key,
        spec: d.spec,
        fireAt: d.fireAt.toISOString(),
        provisional: d.provisional,
        state: d.state,
        updatedAt: stamp,
      })),
    );
  }
}

/** ALL-2 "vanish when done": pending reminders of a completed deadline are cancelled (kept for the record). */
export async function cancelReminders(tx: Tx, deadlineIds: number[], at: Date): Promise<void> {
  if (!deadlineIds.length) return;
  await tx
    .update(deadlineReminders)
    .set({ state: 'cancelled', updatedAt: at.toISOString() })
    .where(and(inArray(deadlineReminders.deadlineId, deadlineIds), eq(deadlineReminders.state, 'pending')));
}
