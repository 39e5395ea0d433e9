import { sql } from 'drizzle-orm';
import type { TTaskListQuery } from '@opsdesk/contract';
import type { Db } from '../../db/client.ts';
import { type Scope, overseesAll, subtreeOf } from '../../platform/access/scope.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { singlePiece } from '../../platform/search/tokens.ts';
import { departments as orgDepartments } from '../org/schema.ts';
import { taskWords, tasks } from './schema.ts';
import { collaboratingSql, decidingSql } from './sql.ts';
import type { TaskFilters } from './queries.service.ts';

/**
 * The task list's most common search — one 2-character word (数据, 合同) over 全部 or 本部门, in
 * due-date order — answered from the task_words postings (schema.ts) instead of the GIN on
 * search_tokens: a department's matches are counted and paged in due-date order from one index,
 * without reading each matching task. What a person sees beyond their departments (ALL-7: owning,
 * creating, accepting, collaborating, deciding) is found through the people indexes and kept only
 * outside those departments, so no task is counted twice. Any other filter or sort takes the
 * general path (queries.service.ts taskWhere); list.test.ts checks both give the same page.
 */
export interface WordSearch {
  /** The kept statement's shape. */
  shape: { arms: boolean; descending: boolean; everything?: true };
  values: { me: number; departments: string; word: string };
}

export async function wordSearchOf(ctx: AuthedCtx, scope: Scope, query: TaskFilters & { sort: TTaskListQuery['sort'] }): Promise<WordSearch | undefined> {
  const word = singlePiece(query.q);
  const { ownerId, departmentId, status, dueFrom, dueTo, major, atRisk, sort } = query;
  const filtered = [ownerId, departmentId, status, dueFrom, dueTo, major, atRisk].some((value) => value !== undefined);
  if (!word || filtered || (sort !== 'dueDate' && sort !== '-dueDate')) return undefined;
  const descending = sort === '-dueDate';
  const values = (departments: number[]) => ({ me: ctx.actor.id, departments: `{${departments.join(',')}}`, word });
  if (query.scope === 'all') {
    // The general manager sees every task: every department's postings, and those without one (0).
    if (scope.all) return { shape: { arms: false, descending, everything: true }, values: values([]) };
    return { shape: { arms: true, descending }, values: values(scope.departmentIds) };
  }
  if (query.scope === 'department' && ctx.actor.departmentId) {
    const own = await subtreeOf(ctx.db, ctx.actor.departmentId);
    // Only where the person oversees the whole of it: 本部门 is then exactly its departments' tasks.
    if (overseesAll(scope, own)) return { shape: { arms: false, descending }, values: values(own) };
  }
  return undefined;
}

/**
 * The page CTE (as statements.ts pageOfTasks: `page_id`, `total`) of a word search: each
 * department's first `offset + limit` postings in due-date order, merged with the matches seen
 * beyond the departments, and the exact total — the postings counted in the index (index-only),
 * plus those few.
 */
export function wordPage(db: Db, { arms, descending, everything }: WordSearch['shape']) {
  const dir = sql.raw(descending ? 'desc' : 'asc');
  const me = sql.placeholder('me');
  const departments = everything ? sql`array(select ${orgDepartments.id} from ${orgDepartments} union all select 0)` : sql`${sql.placeholder('departments')}::int[]`;
  const word = sql`${sql.placeholder('word')}::text`;
  const outside = sql`not coalesce(${tasks.departmentId} = any(${departments}), false)`;
  const seenBeyond = sql`select ${tasks.id} as task_id, ${tasks.dueDate} as due_date from ${tasks} where ${tasks.id} in (
      select ${tasks.id} from ${tasks} where ${tasks.ownerId} = ${me} and ${outside}
      union select ${tasks.id} from ${tasks} where ${tasks.creatorId} = ${me} and ${outside}
      union select ${tasks.id} from ${tasks} where ${tasks.acceptorId} = ${me} and ${outside}
      union select ${tasks.id} from ${tasks} where ${collaboratingSql(me)} or ${decidingSql(me)})
    and ${outside} and ${word} = any(${tasks.searchTokens})`;
  const inDepartments = sql`select p.task_id, p.due_date from unnest(${departments}) as d(id), lateral (
      select ${taskWords.taskId}, ${taskWords.dueDate} from ${taskWords} where ${taskWords.word} = ${word} and ${taskWords.departmentId} = d.id
      order by ${taskWords.dueDate} ${dir}, ${taskWords.taskId} ${dir} limit ${sql.placeholder('limit')}::int + ${sql.placeholder('offset')}::int) as p`;
  const counted = sql`(select count(*) from ${taskWords} where ${taskWords.word} = ${word} and ${taskWords.departmentId} = any(${departments}))`;
  const body = arms
    ? sql`with beyond as materialized (${seenBeyond}), hits as (${inDepartments} union all select task_id, due_date from beyond)
        select task_id as page_id, ${counted} + (select count(*) from beyond) as total from hits`
    : sql`select task_id as page_id, ${counted} as total from (${inDepartments}) as hits`;
  return db.$with('page', { pageId: sql<number>``.as('page_id'), total: sql<number>``.as('total') }).as(
    sql`${body} order by due_date ${dir}, task_id ${dir} limit ${sql.placeholder('limit')} offset ${sql.placeholder('offset')}`,
  );
}
