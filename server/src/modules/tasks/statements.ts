import { Placeholder, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { tasks } from './schema.ts';
import type { Bind, SqlDay } from './sql.ts';

/**
 * Statements of the busiest task requests (the list, the weekly report), built once per shape and
 * kept: building a select of this size in Drizzle costs more of the server's time than anything
 * else in such a request (issue 5's benchmark). A request binds its values as placeholders
 * (`binder`) and runs the kept statement with them (`prepareKept`, db/prepared.ts: a named
 * statement, its rows mapped by a mapper compiled once).
 */

/** The request's TaskDay, by these names. */
export const DAY_PLACEHOLDERS: SqlDay = { today: sql.placeholder('today'), yesterday: sql.placeholder('yesterday'), milestoneLimit: sql.placeholder('milestoneLimit') };

/** A `bind` that names each value v0, v1, … in the order the clauses ask for them, and the values by name. */
export function binder(): { bind: Bind; values: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  let n = 0;
  const bind: Bind = (value) => {
    const name = `v${n++}`;
    values[name] = value;
    return sql.placeholder(name);
  };
  return { bind, values };
}

const dialect = new PgDialect();
const kept = new WeakMap<Db, Map<string, unknown>>();
const MAX_KEPT = 200;

/**
 * The statement `build` makes for this shape: `kind`, the text of `clause` with each of its
 * parameters (a placeholder by its name — the same text may bind other names — and any value not
 * bound as itself, so a value left unbound by mistake only splits the cache, never mixes two
 * callers' rows), and `extra` (e.g. the sort).
 */
export function keptStatement<T>(db: Db, kind: string, clause: SQL | undefined, extra: unknown, build: () => T): T {
  const built = clause ? dialect.sqlToQuery(clause) : { sql: '', params: [] };
  const params = built.params.map((p) => (p instanceof Placeholder ? { placeholder: p.name } : p));
  return keptByShape(db, JSON.stringify([kind, built.sql, params, extra]), build);
}

/**
 * The statement for a shape the caller names itself — for statements whose every value is bound, so
 * their text follows from a few facts (which section, how many department ids) and need not be
 * rendered on each request to be told apart.
 */
export function keptByShape<T>(db: Db, key: string, build: () => T): T {
  let cache = kept.get(db);
  if (!cache) kept.set(db, (cache = new Map()));
  let statement = cache.get(key) as T | undefined;
  if (!statement) {
    if (cache.size >= MAX_KEPT) cache.clear();
    statement = build();
    cache.set(key, statement);
  }
  return statement;
}

/**
 * The page CTE of a kept statement: one scan finds the page's task ids in `order` and the total
 * (count(*) over () sees every match before the limit), with `limit` and `offset` as placeholders;
 * the statement then reads only those rows. At a million tasks a second scan for the count, or
 * joins over every match before the sort, cost more than the page.
 */
export function pageOfTasks(db: Db, where: SQL | undefined, order: SQL[]) {
  return db.$with('page').as(
    db
      .select({ pageId: sql<number>`${tasks.id}`.as('page_id'), total: sql<number>`count(*) over ()`.as('total') })
      .from(tasks)
      .where(where)
      .orderBy(...order)
      .limit(sql.placeholder('limit') as unknown as number)
      .offset(sql.placeholder('offset') as unknown as number),
  );
}
