import type { Tx } from '../../db/client.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { atWallClock } from '../../platform/calendar/zone.ts';
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
