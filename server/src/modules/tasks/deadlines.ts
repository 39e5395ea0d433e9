import { between } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { addDays } from '../../platform/calendar/dates.ts';
import { calendarDays } from '../../platform/calendar/schema.ts';
import { type Calendar, calendarFromDays } from '../../platform/calendar/snapshot.ts';
import { atWallClock } from '../../platform/calendar/zone.ts';
import { declareNewDeadlines } from '../../platform/deadlines/bulk.ts';
import { completeDeadline, declareDeadline } from '../../platform/deadlines/service.ts';
import type { ReminderSpec } from '../../platform/deadlines/reminder-rules.ts';
import { taskTimeZone } from './settings.ts';

const ENTITY = 'task';
const CLOSE_OF_BUSINESS_MS = 18 * 3_600_000;

/**
 * ALL-2 reminders of a task's due date (due at 18:00 of the due day, company time):
 * 1 working day before and on the day → the owner; the next morning (延期) → the owner;
 * the morning it becomes more than 1 day overdue (TSK-6: delay reason missing) → owner and head.
 */
const DUE_REMINDERS: ReminderSpec[] = [
  { when: { before: { workingDays: 1 } }, to: ['owner'] },
  { when: 'onDueDay', to: ['owner'] },
  { when: { after: { hours: 15 } }, to: ['owner'] },
  { when: { after: { hours: 39 } }, to: ['owner', 'owner.head'], event: 'deadline.escalation' },
];

/** TSK-9 acceptance waiting: the decider is reminded after 2 working days, then their head too. */
const ACCEPTANCE_REMINDERS: ReminderSpec[] = [
  { when: 'atDue', to: ['owner'] },
  { when: { after: { workingDays: 1 } }, to: ['owner', 'owner.head'] },
];

interface TaskRef {
  id: number;
  number: string;
  name: string;
  ownerId: number;
  dueDate: string;
}

/**
 * The calendar days around some dates (±40 days), read through the caller's transaction: enough
 * for the due-date reminders, and cheap. (getCalendar's cached snapshot is read through ctx.db,
 * which on PGlite — one connection — would wait for the very transaction asking.) Days outside the
 * window count as Monday–Friday, like any day the calendar does not hold.
 */
export async function calendarAround(tx: Tx, dates: string[]): Promise<Calendar> {
  const sorted = [...dates].sort();
  const rows = await tx
    .select({
      date: calendarDays.date,
      officialWorking: calendarDays.officialWorking,
      officialName: calendarDays.officialName,
      source: calendarDays.source,
      overrideWorking: calendarDays.overrideWorking,
      overrideName: calendarDays.overrideName,
      working: calendarDays.working,
    })
    .from(calendarDays)
    .where(between(calendarDays.date, addDays(sorted[0]!, -40), addDays(sorted.at(-1)!, 40)));
  return calendarFromDays(rows);
}

const subjectOf = (t: TaskRef) => `任务 ${t.number} ${t.name}`;
const linkOf = (t: TaskRef) => `/tasks/${t.id}`;

/** (Re)declares the due-date deadline: called on create, owner or due-date change and delay. */
export async function declareDue(tx: Tx, cal: Calendar, now: Date, task: TaskRef): Promise<void> {
  const timeZone = taskTimeZone();
  await declareDeadline(tx, {
    cal,
    timeZone,
    now,
    entity: ENTITY,
    entityId: task.id,
    kind: 'due',
    anchorAt: atWallClock(task.dueDate, CLOSE_OF_BUSINESS_MS, timeZone),
    rule: { hours: 0 },
    ownerId: task.ownerId,
    subject: subjectOf(task),
    link: linkOf(task),
    reminders: DUE_REMINDERS,
  });
}

/** The same due-date deadline for many new tasks in two statements (the 任务跟踪表 import, io.kind.ts). */
export async function declareDueForNew(tx: Tx, cal: Calendar, now: Date, list: TaskRef[]): Promise<void> {
  const timeZone = taskTimeZone();
  await declareNewDeadlines(tx, {
    cal,
    timeZone,
    now,
    entity: ENTITY,
    kind: 'due',
    rule: { hours: 0 },
    reminders: DUE_REMINDERS,
    items: list.map((task) => ({
      entityId: task.id,
      anchorAt: atWallClock(task.dueDate, CLOSE_OF_BUSINESS_MS, timeZone),
      ownerId: task.ownerId,
      subject: subjectOf(task),
      link: linkOf(task),
    })),
  });
}

/** TSK-9: the decider has an acceptance waiting, from the submission on. */
export async function declareAcceptance(tx: Tx, cal: Calendar, now: Date, task: TaskRef, deciderId: number): Promise<void> {
  await declareDeadline(tx, {
    cal,
    timeZone: taskTimeZone(),
    now,
    entity: ENTITY,
    entityId: task.id,
    kind: 'acceptance',
    anchorAt: now,
    rule: { workingDays: 2 },
    ownerId: deciderId,
    subject: `验收 ${subjectOf(task)}`,
    link: linkOf(task),
    reminders: ACCEPTANCE_REMINDERS,
  });
}

export const completeAcceptance = (tx: Tx, id: number, at: Date) => completeDeadline(tx, { entity: ENTITY, entityId: id, kind: 'acceptance', at });

/** Done: no more due-date reminders. */
export const completeDue = (tx: Tx, id: number, at: Date) => completeDeadline(tx, { entity: ENTITY, entityId: id, kind: 'due', at });
