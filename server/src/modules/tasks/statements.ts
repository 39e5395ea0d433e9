import { createHash } from 'node:crypto';
import { Column, Placeholder, SQL, Subquery, getTableName, is, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { tasks } from './schema.ts';
import type { Bind, SqlDay } from './sql.ts';

/**
 * Statements of the busiest task requests (the list, the weekly report), built once per shape and
 * kept: building a select of this size in Drizzle costs more of the server's time than anything
 * else in such a request (issue 5's benchmark). A request binds its values as placeholders
 * (`binder`) and runs the kept statement with them (`prepareKept`: a named statement, its rows
 * mapped by a mapper compiled once).
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

/** What Drizzle's prepared select holds and we read: its fields in column order, its nullable joins. */
interface DrizzlePrepared {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown[];
}

/**
 * A kept select, prepared under a name made from its text: on PostgreSQL each connection parses it
 * once, and after a few runs the server may keep a generic plan instead of planning every request
 * (planning costs more than running the list's statements at a million tasks; issue 5's bench).
 * Constants the partial indexes depend on (`status <> 'done'`) are written into the SQL, not bound,
 * so a generic plan can still use those indexes. Rows are mapped by a mapper compiled from the
 * select's fields (`compileRowMapper`) rather than Drizzle's, which looks up every field's kind
 * for every row.
 */
export function prepareKept<P>(builder: { toSQL(): { sql: string }; prepare(name: string): P }): P {
  const name = `kept_${createHash('sha1').update(builder.toSQL().sql).digest('hex').slice(0, 32)}`;
  const prepared = builder.prepare(name) as P & DrizzlePrepared;
  if (!prepared.fields) throw new Error('prepareKept: a select with fields was expected');
  const map = compileRowMapper(prepared.fields, prepared.joinsNotNullableMap);
  prepared.customResultMapper = (rows) => rows.map(map);
  return prepared;
}

type Decode = (value: unknown) => unknown;

function decoderOf(field: unknown): Decode {
  if (is(field, Column)) return (value) => field.mapFromDriverValue(value);
  const query = is(field, SQL) ? field : is(field, Subquery) ? (field._.sql as SQL) : (field as SQL.Aliased).sql;
  // `decoder` (set by mapWith) is internal to Drizzle's SQL, as mapResultRow reads it.
  const { decoder } = query as unknown as { decoder: { mapFromDriverValue: Decode } };
  return (value) => decoder.mapFromDriverValue(value);
}

/**
 * Drizzle's mapResultRow (drizzle-orm/utils.js) with every per-field decision taken once: a value
 * decoded by its column or SQL; a nested object (`task: {…}`) built per row; an object from a
 * nullable join null when its first column is (Drizzle's own rule). statements.test.ts checks it
 * against mapResultRow.
 */
export function compileRowMapper(fields: { path: string[]; field: unknown }[], notNullable: Record<string, boolean> | undefined): (row: unknown[]) => Record<string, unknown> {
  const steps = fields.map(({ path, field }) => ({ path, decode: decoderOf(field) }));
  // Drizzle nulls an object only when its columns all come from one table outside notNullable.
  const nullable = new Map<string, number>();
  if (notNullable) {
    const tables = new Map<string, string | false>();
    fields.forEach(({ path, field }) => {
      if (path.length !== 2 || !is(field, Column)) return;
      const table = getTableName(field.table);
      const seen = tables.get(path[0]!);
      if (seen === undefined) tables.set(path[0]!, table);
      else if (seen !== table) tables.set(path[0]!, false);
    });
    for (const [object, table] of tables) {
      const first = fields.findIndex(({ path, field }) => path.length === 2 && path[0] === object && is(field, Column));
      if (typeof table === 'string' && !notNullable[table]) nullable.set(object, first);
    }
  }
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < steps.length; i += 1) {
      const { path, decode } = steps[i]!;
      const raw = row[i];
      const value = raw === null ? null : decode(raw);
      if (path.length === 1) out[path[0]!] = value;
      else {
        let node = out;
        for (let k = 0; k < path.length - 1; k += 1) node = (node[path[k]!] ??= {}) as Record<string, unknown>;
        node[path[path.length - 1]!] = value;
      }
    }
    for (const [object, first] of nullable) if (row[first] === null) out[object] = null;
    return out;
  };
}
