import { type SQL, and, count, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TTaskCounts, TTaskListItem, TTaskPage, TTaskSort, ZTaskCountsQuery, ZTaskListQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { keptWithTree, orgTree } from '../../platform/access/org-tree.ts';
import { type Scope, overseesAll, resolveScope, subtreeOf } from '../../platform/access/scope.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { textSearchWhere } from '../../platform/search/tokens.ts';
import { departments, people } from '../org/schema.ts';
import { taskPermissions } from './policy.ts';
import { type TaskListRow, accessFacts, presentListItem } from './presenters.ts';
import { taskCollaborators, taskDependencies, taskMilestones, tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import { type Bind, type SqlDay, type TaskDay, asIs, atRiskSql, involvedWhere, orderOf, overdueSql, statusWhere, taskDay, visibleWhere, workingDaysLeftSql } from './sql.ts';
import { prepareKept } from '../../db/prepared.ts';
import { DAY_PLACEHOLDERS, binder, keptByShape, keptStatement, pageOfTasks } from './statements.ts';
import { wordPage, wordSearchOf } from './word-search.ts';
import { approvalParticipants, approvalSteps } from '../../platform/approvals/schema.ts';

export type TaskFilters = z.output<typeof ZTaskCountsQuery> & { status?: z.output<typeof ZTaskListQuery>['status'] };

/** "Today" and the TSK-8 limits for this request, from the injected clock and the calendar. */
export async function dayOf(ctx: Pick<AuthedCtx, 'db' | 'now'>): Promise<TaskDay> {
  return taskDay(await getCalendar(ctx.db), ctx.now, taskTimeZone());
}

/**
 * The WHERE of every task list (list, counts, calendar, Kanban, exports): ALL-7 visibility, the
 * scope tab, then the filters. Each piece is index-friendly (see sql.ts and schema.ts).
 */
export async function taskWhere(ctx: AuthedCtx, scope: Scope, query: TaskFilters, day: SqlDay, bind: Bind = asIs): Promise<SQL | undefined> {
  const me = bind(ctx.actor.id);
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
      where.push(own.length ? inArray(tasks.departmentId, own) : sql`false`, overseesAll(scope, own) ? undefined : visibleWhere(scope, bind));
      break;
    }
    case 'all':
      where.push(visibleWhere(scope, bind));
      break;
  }
  if (query.ownerId) where.push(eq(tasks.ownerId, bind(query.ownerId)));
  if (query.departmentId) where.push(inArray(tasks.departmentId, await subtreeOf(ctx.db, query.departmentId)));
  if (query.status) where.push(statusWhere(query.status, day));
  if (query.dueFrom) where.push(gte(tasks.dueDate, bind(query.dueFrom)));
  if (query.dueTo) where.push(lte(tasks.dueDate, bind(query.dueTo)));
  if (query.major !== undefined) where.push(eq(tasks.major, bind(query.major)));
  if (query.atRisk !== undefined) where.push(query.atRisk ? atRiskSql(day) : sql`not ${atRiskSql(day)}`);
  where.push(textSearchWhere(tasks.searchTokens, [tasks.number, tasks.name, tasks.description], query.q, bind));
  return and(...where);
}

const { searchTokens: _tokens, ...taskColumns } = getTableColumns(tasks);
/** What a list row shows and checks (presentListItem, accessFacts): not the long texts a detail page reads. */
const listColumns = {
  id: tasks.id,
  number: tasks.number,
  name: tasks.name,
  ownerId: tasks.ownerId,
  departmentId: tasks.departmentId,
  creatorId: tasks.creatorId,
  acceptorId: tasks.acceptorId,
  startDate: tasks.startDate,
  dueDate: tasks.dueDate,
  progress: tasks.progress,
  stage: tasks.stage,
  status: tasks.status,
  major: tasks.major,
  deliverable: tasks.deliverable,
  acceptanceOpinion: tasks.acceptanceOpinion,
  remarks: tasks.remarks,
  delayReason: tasks.delayReason,
  updatedAt: tasks.updatedAt,
};
/**
 * A task's collaborators and milestones come from the database unordered and are put in order here:
 * an ORDER BY inside json_agg sorts once per row of the page, which cost a third of a list page's
 * SQL (issue 5's bench: 2.2 → 1.7 ms for a department's 延期 page on PostgreSQL).
 */
function inPositionOrder<T>(items: (T & { position: number })[]): T[] {
  return items.sort((a, b) => a.position - b.position).map(({ position: _, ...item }) => item as T);
}
const ascending = (ids: number[]): number[] => ids.sort((a, b) => a - b);

const ownerP = alias(people, 'owner_p');
const acceptorP = alias(people, 'acceptor_p');

/**
 * The list select: the task, its people's names, TSK-8 computed by SQL, and per row (correlated
 * subqueries over their indexes) its collaborators, milestones, predecessors and the open
 * acceptance step's decider — one statement for a whole page, however many tasks it shows.
 */
export function selectTaskRows<Extra extends Record<string, SQL.Aliased | SQL>, Columns extends Partial<typeof taskColumns> = typeof taskColumns>(
  db: Pick<Db, 'select'>,
  day: SqlDay,
  extra?: Extra,
  columns: Columns = taskColumns as Columns,
) {
  return db
    .select({
      ...(extra as Extra),
      task: columns,
      ownerName: ownerP.name,
      departmentName: departments.name,
      acceptorName: acceptorP.name,
      atRisk: atRiskSql(day),
      workingDaysLeft: workingDaysLeftSql(day),
      collaborators: sql<TaskListRow['collaborators']>`coalesce((select json_agg(json_build_object('id', c.person_id, 'name', p.name, 'share', c.share, 'position', c.position))
        from ${taskCollaborators} c join ${people} p on p.id = c.person_id where c.task_id = ${tasks.id}), '[]'::json)`.mapWith(inPositionOrder<TaskListRow['collaborators'][number]>),
      milestones: sql<TaskListRow['milestones']>`coalesce((select json_agg(json_build_object('id', m.id, 'name', m.name, 'date', m.date, 'done', m.done, 'doneAt', m.done_at, 'position', m.position))
        from ${taskMilestones} m where m.task_id = ${tasks.id}), '[]'::json)`.mapWith(inPositionOrder<TaskListRow['milestones'][number]>),
      predecessorIds: sql<number[]>`coalesce((select json_agg(d.predecessor_id) from ${taskDependencies} d where d.task_id = ${tasks.id}), '[]'::json)`.mapWith(ascending),
      // Asked only where there can be an answer: a subquery skipped costs nothing, one run per row does.
      approvalPeopleIds: sql<number[]>`(case when ${tasks.approvalId} is null then '[]'::json else coalesce((select json_agg(ap.person_id) from ${approvalParticipants} ap
        where ap.request_id = ${tasks.approvalId} and ap.kind in ('decider', 'cc')), '[]'::json) end)`,
      deciderId: sql<number | null>`(case when ${tasks.status} = 'awaiting_acceptance' then (select s.decider_id from ${approvalSteps} s
        where s.request_id = ${tasks.approvalId} and s.status = 'open' and s.decider_id is not null order by s.id limit 1) end)`,
    })
    .from(tasks)
    .innerJoin(ownerP, eq(ownerP.id, tasks.ownerId))
    .leftJoin(departments, eq(departments.id, tasks.departmentId))
    .leftJoin(acceptorP, eq(acceptorP.id, tasks.acceptorId));
}

/** A page of rows as the list shows them, with the caller's permissions on each. */
export function presentPage(scope: Scope, rows: TaskListRow[], day: TaskDay): TTaskListItem[] {
  return rows.map((row) => presentListItem(row, taskPermissions(scope, accessFacts(row)), day));
}

type ListRow = TaskListRow & { total: number };
/** A list request's kept statement and the values it runs with, but for the day and the page. */
interface ListPlan {
  statement: { execute: (values: Record<string, unknown>) => Promise<ListRow[]> };
  values: Record<string, unknown>;
}
const plans = keptWithTree<ListPlan>();

/**
 * The plan of a list request, kept: the WHERE is a function of who asks (id, department, roles: the
 * scope), the org tree (subtreeOf) and the filters, so the same request needs not build and render
 * it again (a third of the server's own time for "my open tasks", issue 5's bench).
 */
async function listPlan(ctx: AuthedCtx, scope: Scope, query: z.output<typeof ZTaskListQuery>): Promise<ListPlan> {
  const { page: _page, pageSize: _size, ...filters } = query;
  const key = JSON.stringify([ctx.actor.id, ctx.actor.departmentId, ctx.actor.roles, filters]);
  return plans(await orgTree(ctx.db), key, () => buildPlan(ctx, scope, query));
}

async function buildPlan(ctx: AuthedCtx, scope: Scope, query: z.output<typeof ZTaskListQuery>): Promise<ListPlan> {
  const words = await wordSearchOf(ctx, scope, query);
  if (words) return { statement: keptByShape(ctx.db, `tasks.words:${JSON.stringify(words.shape)}`, () => buildListStatement(ctx.db, wordPage(ctx.db, words.shape), query.sort)), values: words.values };
  const { bind, values } = binder();
  const where = await taskWhere(ctx, scope, query, DAY_PLACEHOLDERS, bind);
  return { statement: keptStatement(ctx.db, 'tasks.list', where, query.sort, () => buildListStatement(ctx.db, pageOfTasks(ctx.db, where, orderOf(query.sort)), query.sort)), values };
}

/** `GET /api/tasks`: one scope tab with filters, sorted and paged (also the due-date calendar). */
export async function listTasks(ctx: AuthedCtx, query: z.output<typeof ZTaskListQuery>): Promise<TTaskPage> {
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const plan = await listPlan(ctx, scope, query);
  const rows = await plan.statement.execute({ ...plan.values, ...day, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const total =
    rows.length || query.page === 1 ? (rows[0]?.total ?? 0) : ((await ctx.db.select({ n: count() }).from(tasks).where(await taskWhere(ctx, scope, query, day)))[0]?.n ?? 0);
  return { items: presentPage(scope, rows, day), total, page: query.page, pageSize: query.pageSize };
}

// One statement: the page CTE (pageOfTasks or wordPage: the page's ids and the total), then the
// names, TSK-8 and the per-row lists for those rows only — a round trip per piece would cost more
// than the page.
function buildListStatement(db: Db, page: ReturnType<typeof pageOfTasks> | ReturnType<typeof wordPage>, sort: TTaskSort) {
  return prepareKept(
    selectTaskRows(db.with(page), DAY_PLACEHOLDERS, { total: sql<number>`${page.total}`.mapWith(Number) }, listColumns)
      .innerJoin(page, eq(page.pageId, tasks.id))
      .orderBy(...orderOf(sort)),
  );
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
