import { type SQL, and, asc, count, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TTaskCounts, TTaskListItem, TTaskPage, ZTaskCountsQuery, ZTaskListQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Scope, resolveScope, subtreeOf } from '../../platform/access/scope.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { textSearchWhere } from '../../platform/search/tokens.ts';
import { departments, people } from '../org/schema.ts';
import { taskPermissions } from './policy.ts';
import { type TaskListRow, presentListItem, presentMilestone } from './presenters.ts';
import { taskCollaborators, taskDependencies, taskMilestones, tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import { type TaskDay, atRiskSql, involvedWhere, orderOf, overdueSql, statusWhere, taskDay, visibleWhere } from './sql.ts';
import { currentDeciders } from './store.ts';

export type TaskFilters = z.output<typeof ZTaskCountsQuery> & { status?: z.output<typeof ZTaskListQuery>['status'] };

/** "Today" and the TSK-8 limits for this request, from the injected clock and the calendar. */
export async function dayOf(ctx: Pick<AuthedCtx, 'db' | 'now'>): Promise<TaskDay> {
  return taskDay(await getCalendar(ctx.db), ctx.now, taskTimeZone());
}

/**
 * The WHERE of every task list (list, counts, calendar, Kanban, exports): ALL-7 visibility, the
 * scope tab, then the filters. Each piece is index-friendly (see sql.ts and schema.ts).
 */
export async function taskWhere(ctx: AuthedCtx, scope: Scope, query: TaskFilters, day: TaskDay): Promise<SQL | undefined> {
  const me = ctx.actor.id;
  const where: (SQL | undefined)[] = [];
  switch (query.scope) {
    case 'mine':
      where.push(eq(tasks.ownerId, me));
      break;
    case 'involved':
      where.push(involvedWhere(me));
      break;
    case 'department': {
      const own = ctx.actor.departmentId ? await subtreeOf(ctx.db, ctx.actor.departmentId) : [];
      // A head who oversees the whole department sees all of it: the visibility clause would only
      // repeat `department_id in (…)` and make the planner misjudge the rows (a bad plan at 1M tasks).
      const overseen = scope.all || own.every((id) => scope.departmentIds.includes(id));
      where.push(own.length ? inArray(tasks.departmentId, own) : sql`false`, overseen ? undefined : visibleWhere(scope));
      break;
    }
    case 'all':
      where.push(visibleWhere(scope));
      break;
  }
  if (query.ownerId) where.push(eq(tasks.ownerId, query.ownerId));
  if (query.departmentId) where.push(inArray(tasks.departmentId, await subtreeOf(ctx.db, query.departmentId)));
  if (query.status) where.push(statusWhere(query.status, day));
  if (query.dueFrom) where.push(gte(tasks.dueDate, query.dueFrom));
  if (query.dueTo) where.push(lte(tasks.dueDate, query.dueTo));
  if (query.major !== undefined) where.push(eq(tasks.major, query.major));
  if (query.atRisk !== undefined) where.push(query.atRisk ? atRiskSql(day) : sql`not ${atRiskSql(day)}`);
  where.push(textSearchWhere(tasks.searchTokens, [tasks.number, tasks.name, tasks.description], query.q));
  return and(...where);
}

const { searchTokens: _tokens, ...taskColumns } = getTableColumns(tasks);
const ownerP = alias(people, 'owner_p');
const acceptorP = alias(people, 'acceptor_p');

/** The list select: the task, its people's names and TSK-8 computed by SQL. */
export function selectTaskRows(db: Db, day: TaskDay) {
  return db
    .select({ task: taskColumns, ownerName: ownerP.name, departmentName: departments.name, acceptorName: acceptorP.name, atRisk: atRiskSql(day) })
    .from(tasks)
    .innerJoin(ownerP, eq(ownerP.id, tasks.ownerId))
    .leftJoin(departments, eq(departments.id, tasks.departmentId))
    .leftJoin(acceptorP, eq(acceptorP.id, tasks.acceptorId));
}

/** Collaborators, milestones, predecessors and permissions of a page of tasks: four queries by id. */
export async function presentPage(db: Db, scope: Scope, rows: TaskListRow[], day: TaskDay): Promise<TTaskListItem[]> {
  const ids = rows.map((r) => r.task.id);
  if (!ids.length) return [];
  const [collaborators, milestones, dependencies, deciders] = await Promise.all([
    db
      .select({ taskId: taskCollaborators.taskId, id: taskCollaborators.personId, name: people.name, share: taskCollaborators.share })
      .from(taskCollaborators)
      .innerJoin(people, eq(people.id, taskCollaborators.personId))
      .where(inArray(taskCollaborators.taskId, ids))
      .orderBy(asc(taskCollaborators.taskId), asc(taskCollaborators.position)),
    db.select().from(taskMilestones).where(inArray(taskMilestones.taskId, ids)).orderBy(asc(taskMilestones.taskId), asc(taskMilestones.position)),
    db.select().from(taskDependencies).where(inArray(taskDependencies.taskId, ids)),
    currentDeciders(
      db,
      rows.map((r) => r.task),
    ),
  ]);
  return rows.map((row) => {
    const id = row.task.id;
    const mine = collaborators.filter((c) => c.taskId === id).map(({ id: personId, name, share }) => ({ id: personId, name, share }));
    return presentListItem(
      row,
      {
        collaborators: mine,
        milestones: milestones.filter((m) => m.taskId === id).map(presentMilestone),
        predecessorIds: dependencies.filter((d) => d.taskId === id).map((d) => d.predecessorId),
        permissions: taskPermissions(scope, { ...row.task, collaboratorIds: mine.map((c) => c.id), currentDeciderId: deciders.get(id) ?? null }),
      },
      day,
    );
  });
}

/** `GET /api/tasks`: one scope tab with filters, sorted and paged (also the due-date calendar). */
export async function listTasks(ctx: AuthedCtx, query: z.output<typeof ZTaskListQuery>): Promise<TTaskPage> {
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const where = await taskWhere(ctx, scope, query, day);
  // One scan finds the page's ids and the total (count(*) over () sees every match before the
  // limit); the names and TSK-8 are then read for those rows only. At a million tasks a second
  // scan for the count, and joins over every match before the sort, cost more than the page.
  const page = await ctx.db
    .select({ id: tasks.id, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(tasks)
    .where(where)
    .orderBy(...orderOf(query.sort))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = page.length || query.page === 1 ? (page[0]?.total ?? 0) : ((await ctx.db.select({ n: count() }).from(tasks).where(where))[0]?.n ?? 0);
  const rows = page.length
    ? await selectTaskRows(ctx.db, day)
        .where(
          inArray(
            tasks.id,
            page.map((r) => r.id),
          ),
        )
        .orderBy(...orderOf(query.sort))
    : [];
  return { items: await presentPage(ctx.db, scope, rows, day), total, page: query.page, pageSize: query.pageSize };
}

/** `GET /api/tasks/counts`: how many per derived status (TSK-4) and at risk (TSK-8), in one scan. */
export async function taskCounts(ctx: AuthedCtx, query: z.output<typeof ZTaskCountsQuery>): Promise<TTaskCounts> {
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const where = await taskWhere(ctx, scope, query, day);
  const notLate = sql`${tasks.dueDate} >= ${day.today}::date`;
  const of = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
  const [row] = await ctx.db
    .select({
      not_started: of(sql`${tasks.status} = 'not_started' and ${notLate}`),
      in_progress: of(sql`${tasks.status} = 'in_progress' and ${notLate}`),
      awaiting_acceptance: of(sql`${tasks.status} = 'awaiting_acceptance' and ${notLate}`),
      done: of(sql`${tasks.status} = 'done'`),
      overdue: of(overdueSql(day)),
      atRisk: of(atRiskSql(day)),
      total: count(),
    })
    .from(tasks)
    .where(where);
  return row ?? { not_started: 0, in_progress: 0, awaiting_acceptance: 0, done: 0, overdue: 0, atRisk: 0, total: 0 };
}

/** Of these ids, the tasks the caller may see (ALL-7), in one indexed query. */
export async function visibleIds(ctx: AuthedCtx, ids: number[]): Promise<number[]> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  const rows = await ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(inArray(tasks.id, ids), visibleWhere(scope)));
  return rows.map((r) => r.id);
}
