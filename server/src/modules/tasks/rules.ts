import type { TTaskStatus, TTaskWorkflowStatus } from '@opsdesk/contract';
import { addDays, dayNumber } from '../../platform/calendar/dates.ts';
import { addWorkingDays, isMoreThanOneDayOverdue, workingDaysBetween } from '../../platform/calendar/rules.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';

/**
 * Pure task rules. Each one that lists filter by also exists as SQL (sql.ts) — the same
 * definition, so a count, a page and a card always agree; rules.test.ts pins both.
 */

export interface TaskDates {
  status: TTaskWorkflowStatus;
  startDate: string;
  dueDate: string;
}

/** TSK-4 延期: the due date (company day) has passed and the task is not done. */
export const isOverdue = (task: Pick<TaskDates, 'status' | 'dueDate'>, today: string): boolean => task.status !== 'done' && task.dueDate < today;

/** TSK-4: the one status people see; overdue wins over the workflow status. */
export const displayStatus = (task: Pick<TaskDates, 'status' | 'dueDate'>, today: string): TTaskStatus => (isOverdue(task, today) ? 'overdue' : task.status);

/** Calendar days past the due date; 0 when not overdue. */
export const overdueDays = (task: Pick<TaskDates, 'status' | 'dueDate'>, today: string): number =>
  isOverdue(task, today) ? dayNumber(today) - dayNumber(task.dueDate) : 0;

/**
 * TSK-6 / ALL-6: more than 1 day overdue (today later than due + 1 day) → the owner must record a
 * delay reason and a new due date before posting further progress. A delay moves the due date to
 * today or later, so the gate opens again exactly when a reason has been given.
 */
export const needsDelayReason = (task: Pick<TaskDates, 'status' | 'dueDate'>, now: Date, timeZone: string): boolean =>
  task.status !== 'done' && task.status !== 'awaiting_acceptance' && isMoreThanOneDayOverdue(task.dueDate, now, timeZone);

/** TSK-8: a milestone on or before this date (2 working days from today), still undone, flags the task. */
export const milestoneRiskLimit = (cal: Calendar, today: string): string => addWorkingDays(cal, today, 2).date;

/** Why TSK-8 flags a task, so the detail page can say it: progress against the share of working time used, and the first undone milestone due soon. */
export interface RiskWhy {
  behind: { progress: number; expected: number } | null;
  milestone: { name: string; date: string } | null;
}

/**
 * TSK-8 delay risk, flagged before the task is late (so only open, not-yet-overdue, not submitted);
 * null when not at risk (the list's atRiskSql says the same):
 * - progress behind elapsed working time: progress % < working days elapsed before today ÷
 *   working days from start to due (both counted on the calendar, like ordinal differences in SQL);
 * - or an undone milestone on or before 2 working days from today.
 */
export function atRiskWhy(
  task: TaskDates & { progress: number },
  milestones: { name: string; date: string; done: boolean }[],
  cal: Calendar,
  today: string,
): RiskWhy | null {
  if (task.status !== 'not_started' && task.status !== 'in_progress') return null;
  if (task.dueDate < today) return null;
  const dayBeforeStart = addDays(task.startDate, -1);
  const total = workingDaysBetween(cal, dayBeforeStart, task.dueDate).days;
  const elapsed = workingDaysBetween(cal, dayBeforeStart, addDays(today, -1)).days;
  const behind = total > 0 && task.progress * total < 100 * elapsed ? { progress: task.progress, expected: Math.ceil((100 * elapsed) / total) } : null;
  const limit = milestoneRiskLimit(cal, today);
  const due = milestones.filter((m) => !m.done && m.date <= limit).sort((a, b) => a.date.localeCompare(b.date))[0];
  const milestone = due ? { name: due.name, date: due.date } : null;
  return behind || milestone ? { behind, milestone } : null;
}

/** TSK-7: a major task needs both a risk note and a mitigation plan before it starts; the first missing field. */
export function missingRiskPlan(task: { major: boolean; riskNote: string | null; mitigationPlan: string | null }): 'riskNote' | 'mitigationPlan' | null {
  if (!task.major) return null;
  if (!task.riskNote?.trim()) return 'riskNote';
  if (!task.mitigationPlan?.trim()) return 'mitigationPlan';
  return null;
}

export type InputProblem = { field: string; code: 'TASK_DATES'; limit: string } | { field: string; code: 'VALIDATION' | 'APPROVAL_SELF' };

/**
 * TSK-1/TSK-2 checks of a task's fields as they will be saved: due not before start; milestones
 * inside the task's span; collaborators named once and never the owner (TSK-2: exactly one
 * owner); the acceptor never the owner (nobody accepts their own work). First problem wins.
 */
export function checkTaskFields(t: {
  ownerId: number;
  acceptorId: number | null;
  startDate: string;
  dueDate: string;
  collaborators: { personId: number }[];
  milestones: { date: string }[];
  startLabel: string;
}): InputProblem | null {
  if (t.dueDate < t.startDate) return { field: 'dueDate', code: 'TASK_DATES', limit: t.startLabel };
  for (const [i, m] of t.milestones.entries()) {
    if (m.date < t.startDate || m.date > t.dueDate) return { field: `milestones.${i}.date`, code: 'VALIDATION' };
  }
  const seen = new Set<number>();
  for (const [i, c] of t.collaborators.entries()) {
    if (c.personId === t.ownerId || seen.has(c.personId)) return { field: `collaborators.${i}.personId`, code: 'VALIDATION' };
    seen.add(c.personId);
  }
  if (t.acceptorId !== null && t.acceptorId === t.ownerId) return { field: 'acceptorId', code: 'APPROVAL_SELF' };
  return null;
}

/**
 * Finish-to-start without cycles: `dependents` are the tasks that (transitively) wait for this one;
 * a predecessor among them, or the task itself, would close a loop. Returns the offending index.
 */
export function dependencyCycleAt(taskId: number | null, predecessorIds: number[], dependents: ReadonlySet<number>): number | null {
  const i = predecessorIds.findIndex((p) => p === taskId || dependents.has(p));
  return i === -1 ? null : i;
}

/** TSK-10: the Monday–Sunday week holding `date`. */
export function weekOf(date: string): { from: string; to: string } {
  // 1970-01-05 was a Monday.
  const offset = (((dayNumber(date) - dayNumber('1970-01-05')) % 7) + 7) % 7;
  const from = addDays(date, -offset);
  return { from, to: addDays(from, 6) };
}
