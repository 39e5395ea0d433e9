import { type Placeholder, type SQL, and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { TTaskSort, TTaskStatus } from '@opsdesk/contract';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Scope } from '../../platform/access/scope.ts';
import { approvalParticipants } from '../../platform/approvals/schema.ts';
import { addDays } from '../../platform/calendar/dates.ts';
import { firstProvisionalAfter } from '../../platform/calendar/rules.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { calendarOrdinals } from '../../platform/calendar/schema.ts';
import { ordinalOf } from '../../platform/calendar/store.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import { milestoneRiskLimit } from './rules.ts';
import { taskCollaborators, taskMilestones, tasks } from './schema.ts';

/**
 * The SQL twins of rules.ts (TSK-4 延期, TSK-8 at risk) and the ALL-7 scope clauses, written so
 * the planner can use the indexes of schema.ts at a million rows: constants (today, today's
 * ordinal) are computed once per statement, lists of ids come from InitPlans (`= any(array(…))`).
 */

/** "Today" for one request, in the company zone, and what TSK-8 compares with. */
export interface TaskDay {
  today: string;
  yesterday: string;
  /** TSK-8: an undone milestone on or before this date flags the task. */
  milestoneLimit: string;
  /** A due date on or after this day is counted on a fallback year: its working days left are 暂定 (ALL-6). */
  provisionalFrom: string;
}

/**
 * A value as it goes into a statement: itself, or a placeholder when the statement is built once
 * and run with each request's values (the task list, queries.service.ts).
 */
export type Bind = <T>(value: T) => T | Placeholder;
export const asIs: Bind = (value) => value;

/** TaskDay as the SQL below takes it: the dates themselves or placeholders for them. */
export type SqlDay = { [K in Exclude<keyof TaskDay, 'provisionalFrom'>]: string | Placeholder };

const lastDay = new WeakMap<Calendar, TaskDay>();

/** Kept per calendar snapshot for the day: every list request asks, and the answer changes at midnight. */
export function taskDay(cal: Calendar, now: Date, timeZone: string): TaskDay {
  const today = dateInZone(now, timeZone);
  const kept = lastDay.get(cal);
  if (kept?.today === today) return kept;
  const day = { today, yesterday: addDays(today, -1), milestoneLimit: milestoneRiskLimit(cal, today), provisionalFrom: firstProvisionalAfter(cal, today) };
  lastDay.set(cal, day);
  return day;
}

/** TSK-4 延期 as SQL: open and due before today. */
export const overdueSql = (day: SqlDay): SQL => sql`(${tasks.status} <> 'done' and ${tasks.dueDate} < ${day.today}::date)`;

const dayBeforeStart = sql`(${tasks.startDate} - 1)`;

/** The calendar ordinals TSK-8 reads for a task row: its due date and the day before its start. */
export interface TaskOrdinals {
  due: SQL;
  dayBeforeStart: SQL;
}

/** Looked up per row (an index probe each): right for a page of rows. */
const lookedUpOrdinals: TaskOrdinals = { due: ordinalOf(tasks.dueDate), dayBeforeStart: ordinalOf(dayBeforeStart) };

const qb = new QueryBuilder();

/**
 * For a statement over the open tasks of a department (TSK-10's counts): the ordinals by subscript
 * of the calendar's array (calendar_ordinals), read once per statement through the CTE
 * `ordinalsCte` — an index probe per task date cost most of the counts' statement (3.5 → 2.4 ms
 * for the bench's 964 open tasks). `|| '{}'` hands the CTE the array detoasted: a subscript of the
 * stored (toasted) value would unpack all of it for every row (100 times slower). Where most rows are done (the
 * list's counts), the per-row lookups stay cheaper, as atRiskSql reaches them only for open
 * tasks. Put `ordinalsCte` in the statement's WITH, join it (one row) and pass `arrayOrdinals`.
 */
export const ordinalsCte = qb.$with('cal').as(
  qb
    .select({ firstDate: sql<string>`${calendarOrdinals.firstDate}`.as('first_date'), ordinals: sql<number[]>`${calendarOrdinals.ordinals} || '{}'::int[]`.as('ordinals') })
    .from(calendarOrdinals)
    // By its key, so the planner counts one row (the table is never analysed); `offset 0` keeps the
    // CTE a subquery of its own, computed once, rather than an expression for every joined row.
    .where(eq(calendarOrdinals.id, 1))
    .offset(sql.raw('0') as unknown as number),
);
const ordinalAt = (date: SQL) => sql`${ordinalsCte.ordinals}[${date} - ${ordinalsCte.firstDate} + 1]`;
export const arrayOrdinals: TaskOrdinals = { due: ordinalAt(sql`${tasks.dueDate}`), dayBeforeStart: ordinalAt(dayBeforeStart) };

/**
 * TSK-8 as SQL (see isAtRisk): open, not yet late, and either progress % below the share of
 * working days elapsed (calendar ordinals: working days in (start-1, yesterday] over (start-1, due],
 * i.e. p·(D−S) < 100·(Y−S), written as p·D + (100−p)·S < 100·Y so S is looked up once per row)
 * or an undone milestone by `milestoneLimit`. A date outside the calendar's years gives NULL → false.
 */
export const atRiskSql = (day: SqlDay, ordinals: TaskOrdinals = lookedUpOrdinals): SQL<boolean> => sql<boolean>`(${tasks.status} in ('not_started', 'in_progress') and ${tasks.dueDate} >= ${day.today}::date and (
  coalesce(${tasks.progress} * ${ordinals.due} + (100 - ${tasks.progress}) * ${ordinals.dayBeforeStart} < 100 * ${ordinalOf(day.yesterday)}, false)
  or exists (select 1 from ${taskMilestones} where ${taskMilestones.taskId} = ${tasks.id} and not ${taskMilestones.done} and ${taskMilestones.date} <= ${day.milestoneLimit}::date)))`;

/**
 * UX.md "2026-10-13（还剩3个工作日）": working days in (today, due] from the calendar ordinals (ALL-6),
 * while the task is open and not yet late; NULL otherwise, or for a date outside the calendar's years.
 */
export const workingDaysLeftSql = (day: SqlDay): SQL<number | null> =>
  sql<number | null>`(case when ${tasks.status} <> 'done' and ${tasks.dueDate} >= ${day.today}::date then ${ordinalOf(tasks.dueDate)} - ${ordinalOf(day.today)} end)`;

/** Tasks where the person is a collaborator, as an index-usable id list. */
export const collaboratingSql = (personId: number | Placeholder): SQL =>
  sql`${tasks.id} = any(array(select ${taskCollaborators.taskId} from ${taskCollaborators} where ${taskCollaborators.personId} = ${personId}))`;

/**
 * Tasks whose acceptance approval the person decides or decided, or is copied on (TSK-9: the
 * owner's head when there is no acceptor, or whoever a step was transferred to), as an index-usable
 * id list.
 */
export const decidingSql = (personId: number | Placeholder): SQL =>
  sql`${tasks.approvalId} = any(array(select ${approvalParticipants.requestId} from ${approvalParticipants} where ${approvalParticipants.personId} = ${personId} and ${approvalParticipants.kind} in ('decider', 'cc')))`;

/**
 * ALL-7: what the person may see (owning, taking part, deciding); undefined for the general manager.
 * With a text search, the planner matches each way of seeing with the search's pieces in the
 * tasks_search index (schema.ts), so a common word costs what the person may see of it.
 */
export function visibleWhere(scope: Scope, bind: Bind = asIs): SQL | undefined {
  if (scope.all) return undefined;
  const me = bind(scope.personId);
  const conditions: SQL[] = [eq(tasks.ownerId, me), eq(tasks.creatorId, me), eq(tasks.acceptorId, me), collaboratingSql(me), decidingSql(me)];
  if (scope.departmentIds.length) conditions.push(inArray(tasks.departmentId, scope.departmentIds));
  return or(...conditions);
}

/** 我参与的: a collaborator, the acceptor, the deciding approver or the creator — not the owner (that is 我负责的). */
export const involvedWhere = (personId: number | Placeholder): SQL =>
  and(or(collaboratingSql(personId), eq(tasks.acceptorId, personId), decidingSql(personId), eq(tasks.creatorId, personId)), ne(tasks.ownerId, personId))!;

/**
 * TSK-4 status filter over the derived statuses: each task is in exactly one. Without `done`, the
 * clause says `status <> 'done'` outright, so the open-task partial indexes apply.
 */
export function statusWhere(statuses: readonly TTaskStatus[], day: SqlDay): SQL | undefined {
  const wanted = new Set(statuses);
  if (!wanted.size || wanted.size === 5) return undefined;
  const notLate = sql`${tasks.dueDate} >= ${day.today}::date`;
  const parts: SQL[] = [];
  const open = (['not_started', 'in_progress', 'awaiting_acceptance', 'overdue'] as const).filter((s) => wanted.has(s));
  // Statuses are written into the SQL, not bound: a kept statement's generic plan must still see
  // `status <> 'done'` to use the open-task partial indexes (statements.ts prepareKept).
  const isStatus = (s: TTaskStatus) => sql`${tasks.status} = ${sql.raw(`'${s}'`)}`;
  const notDone = sql`${tasks.status} <> 'done'`;
  if (open.length === 4) parts.push(notDone);
  else {
    for (const s of open) parts.push(s === 'overdue' ? overdueSql(day) : and(isStatus(s), notLate)!);
  }
  if (wanted.has('done')) return or(isStatus('done'), ...parts);
  return and(notDone, or(...parts));
}

/** Exported for the 任务跟踪表 export, which reads the list's order in keyset pages (io.service.ts). */
export const SORT_COLUMNS = {
  dueDate: tasks.dueDate,
  startDate: tasks.startDate,
  number: tasks.number,
  progress: tasks.progress,
  updatedAt: tasks.updatedAt,
} as const;

/** The list order; ties broken by id so pages never repeat or skip a row. */
export function orderOf(sort: TTaskSort): SQL[] {
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  return descending ? [desc(column), desc(tasks.id)] : [asc(column), asc(tasks.id)];
}
