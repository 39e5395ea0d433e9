import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TTaskOverview } from '@opsdesk/contract';
import { resolveScope } from '../../platform/access/scope.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { departments } from '../org/schema.ts';
import { dayOf } from './queries.service.ts';
import { tasks } from './schema.ts';
import { atRiskSql, overdueSql } from './sql.ts';

/**
 * 各部门任务概况 for the workbench chart: the open tasks of each department the caller oversees
 * (ALL-7: a head their department and those below it, the general manager all), with TSK-4 延期 and
 * TSK-8 at risk counted by the list's own SQL. The most 延期 first: the chart is read as a ranking.
 */
export async function taskOverview(ctx: AuthedCtx): Promise<TTaskOverview> {
  const scope = await resolveScope(ctx.db, ctx.actor);
  if (!scope.all && !scope.departmentIds.length) return { departments: [] };
  const day = await dayOf(ctx);
  const overdue = sql<number>`count(*) filter (where ${overdueSql(day)})`.mapWith(Number);
  const atRisk = sql<number>`count(*) filter (where ${atRiskSql(day)})`.mapWith(Number);
  const rows = await ctx.db
    .select({ id: departments.id, name: departments.name, open: count(), overdue, atRisk })
    .from(tasks)
    .innerJoin(departments, eq(departments.id, tasks.departmentId))
    .where(and(ne(tasks.status, 'done'), scope.all ? undefined : inArray(tasks.departmentId, scope.departmentIds)))
    .groupBy(departments.id)
    .orderBy(desc(overdue), desc(count()), asc(departments.sortOrder), asc(departments.id));
  return { departments: rows };
}
