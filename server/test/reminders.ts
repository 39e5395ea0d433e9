import { eq } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { departments, people } from '../src/modules/org/schema.ts';
import { getCalendar } from '../src/platform/calendar/service.ts';
import type { ReminderSpec } from '../src/platform/deadlines/reminder-rules.ts';
import type { DeadlineRule } from '../src/platform/deadlines/rules.ts';
import { completeDeadline, declareDeadline } from '../src/platform/deadlines/service.ts';
import type { TestApp, TestClock } from './harness.ts';

export const TZ = 'Asia/Shanghai';

/** Moves the test clock to an instant (forward or back). */
export const setClock = (clock: TestClock, iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());

let seq = 0;
/** A department with a head (and the head placed in it), for owner.head resolution. */
export async function makeDepartment(database: Database, values: { headId?: number | null; parentId?: number | null; divisionLeaderId?: number | null } = {}) {
  seq += 1;
  const stamp = new Date().toISOString();
  const [row] = await database.db
    .insert(departments)
    .values({ name: `测试部门${seq}-${Math.random().toString(36).slice(2, 8)}`, headId: values.headId ?? null, parentId: values.parentId ?? null, divisionLeaderId: values.divisionLeaderId ?? null, createdAt: stamp, updatedAt: stamp })
    .returning();
  return row!;
}

export const placeIn = (database: Database, personId: number, departmentId: number) =>
  database.db.update(people).set({ departmentId }).where(eq(people.id, personId));

export interface TestDeadline {
  entityId: string;
  anchorDate?: string;
  anchorAt?: string;
  ownerId: number;
  rule?: DeadlineRule;
  reminders?: ReminderSpec[];
  kind?: string;
}

/** A deadline as a module declares it: inside its own transaction, on the calendar service's snapshot. */
export async function declare(t: TestApp, d: TestDeadline) {
  const cal = await getCalendar(t.database.db);
  return t.database.db.transaction((tx) =>
    declareDeadline(tx, {
      cal,
      timeZone: TZ,
      now: t.clock.now(),
      entity: 'test_task',
      entityId: d.entityId,
      kind: d.kind ?? 'due',
      anchorDate: d.anchorDate ?? null,
      anchorAt: d.anchorAt ?? null,
      rule: d.rule ?? { workingDays: 1 },
      ownerId: d.ownerId,
      subject: `测试任务 ${d.entityId}`,
      link: `/tasks/${d.entityId}`,
      ...(d.reminders ? { reminders: d.reminders } : {}),
    }),
  );
}

export const complete = (t: TestApp, entityId: string, kind = 'due') =>
  t.database.db.transaction((tx) => completeDeadline(tx, { entity: 'test_task', entityId, kind, at: t.clock.now() }));
