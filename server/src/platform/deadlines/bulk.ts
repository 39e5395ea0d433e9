import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { rowsOf } from '../access/scope.ts';
import type { Calendar } from '../calendar/snapshot.ts';
import { type ReminderSpec, checkSpec, planReminders, reminderFireAt, specKey } from './reminder-rules.ts';
import { type DeadlineRule, computeDue } from './rules.ts';
import { deadlineReminders, deadlines } from './schema.ts';

/**
 * declareDeadline for many NEW subjects at once (e.g. 10,000 tasks of one import): the same due
 * time, reminder fire times and states (the same pure functions), written in two statements
 * instead of several per subject. Only for subjects without a deadline of this kind yet — an
 * existing one would need declareDeadline's re-declare rules, so it is refused (the transaction fails).
 */
export async function declareNewDeadlines(
  tx: Tx,
  input: {
    cal: Calendar;
    timeZone: string;
    now: Date;
    entity: string;
    kind: string;
    rule: DeadlineRule;
    reminders: ReminderSpec[];
    items: { entityId: string | number; anchorAt: Date; ownerId: number | null; subject: string; link: string }[];
  },
): Promise<void> {
  if (!input.items.length) return;
  for (const spec of input.reminders) checkSpec(spec);
  const stamp = input.now.toISOString();
  const planned = input.items.map((item) => {
    const due = computeDue(input.cal, { date: null, at: item.anchorAt.toISOString() }, input.rule, input.timeZone);
    const desired = input.reminders.map((spec) => {
      const fire = reminderFireAt(input.cal, due.dueAt, spec.when, input.timeZone);
      return { key: specKey(spec), spec, fireAt: fire.at, provisional: fire.provisional || due.provisional };
    });
    return { item, due, reminders: planReminders([], desired, due.dueAt, input.now).insert };
  });
  const rows = planned.map(({ item, due }) => ({
    entityId: String(item.entityId),
    anchorAt: item.anchorAt.toISOString(),
    dueAt: due.dueAt.toISOString(),
    provisional: due.provisional,
    ownerId: item.ownerId,
    subject: item.subject,
    link: item.link,
  }));
  const created = rowsOf<{ id: number; entity_id: string }>(
    await tx.execute(sql`
      INSERT INTO ${deadlines} (entity, entity_id, kind, anchor_at, rule, due_at, provisional, owner_id, subject, link, created_at, updated_at)
      SELECT ${input.entity}, x."entityId", ${input.kind}, x."anchorAt", ${JSON.stringify(input.rule)}::jsonb, x."dueAt", x.provisional, x."ownerId",
             x.subject, x.link, ${stamp}::timestamptz, ${stamp}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x("entityId" text, "anchorAt" timestamptz, "dueAt" timestamptz, provisional boolean, "ownerId" int, subject text, link text)
      ON CONFLICT (entity, entity_id, kind) DO NOTHING
      RETURNING id, entity_id`),
  );
  if (created.length !== rows.length) throw new Error(`declareNewDeadlines: ${rows.length - created.length} ${input.entity} deadline(s) already existed`);
  const idOf = new Map(created.map((r) => [r.entity_id, Number(r.id)]));
  const reminders = planned.flatMap(({ item, reminders: list }) =>
    list.map((r) => ({ deadlineId: idOf.get(String(item.entityId))!, key: r.key, spec: r.spec, fireAt: r.fireAt.toISOString(), provisional: r.provisional, state: r.state })),
  );
  if (!reminders.length) return;
  await tx.execute(sql`
    INSERT INTO ${deadlineReminders} (deadline_id, key, spec, fire_at, provisional, state, updated_at)
    SELECT x."deadlineId", x.key, x.spec, x."fireAt", x.provisional, x.state, ${stamp}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(reminders)}::jsonb)
      AS x("deadlineId" int, key text, spec jsonb, "fireAt" timestamptz, provisional boolean, state text)`);
}
