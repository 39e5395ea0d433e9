import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { type EmbeddedPg, RemotePGlite } from './pglite-remote.ts';
import { Column, SQL, Subquery, fillPlaceholders, getTableName, is, sql } from 'drizzle-orm';

// Kept selects as prepared statements on both drivers, with rows mapped by a compiled mapper
// (issue 5's bench: planning and Drizzle's per-field row mapping cost more than the list's SQL).

/** What Drizzle's prepared select holds and we read: its fields in column order, its nullable joins, its driver. */
interface DrizzlePrepared {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown[];
  client: unknown;
  queryString: string;
  params: unknown[];
  queryConfig: { parsers?: Record<number, (value: string) => unknown> };
  execute: (values?: Record<string, unknown>) => Promise<unknown>;
}

/**
 * Where test and bench tooling (test/capture.ts) sees a kept statement run on PGlite as what it is
 * — its name, text and values — rather than the EXECUTE that carries them.
 */
export const keptObserver: { onRun?: (statement: { name: string; text: string; values: unknown[] }) => void } = {};
/** The names each PGlite instance has prepared (one connection: PREPARE lasts as long as it). */
const preparedOn = new WeakMap<EmbeddedPg, Map<string, Promise<void>>>();

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
  const { client } = prepared;
  if (client instanceof RemotePGlite || client instanceof PGlite) prepared.execute = executeOnPGlite(client, name, prepared, map);
  return prepared;
}

/**
 * PGlite runs every query as an unnamed statement, planned each time, and planning in WebAssembly
 * costs more than running the list's statements (my open tasks: 15 ms → 3 ms at 100,000 tasks). So
 * a kept statement is PREPAREd once per instance and run with EXECUTE, its values written in as
 * literals: EXECUTE cannot take bound parameters. Not inside a transaction: Drizzle's client there
 * is the transaction, not the instance, and takes the usual way.
 */
function executeOnPGlite(client: EmbeddedPg, name: string, prepared: DrizzlePrepared, map: (row: unknown[]) => Record<string, unknown>) {
  return async (values: Record<string, unknown> = {}) => {
    let names = preparedOn.get(client);
    if (!names) preparedOn.set(client, (names = new Map()));
    // One PREPARE however many requests arrive at once; a failed one is tried again next time.
    let ready = names.get(name);
    if (!ready) {
      names.set(name, (ready = client.exec(`PREPARE ${name} AS ${prepared.queryString}`).then(() => undefined)));
      ready.catch(() => names.delete(name));
    }
    await ready;
    const params = fillPlaceholders(prepared.params, values);
    keptObserver.onRun?.({ name, text: prepared.queryString, values: params });
    const args = params.map(sqlLiteral).join(', ');
    const result = await client.query<unknown[]>(`EXECUTE ${name}(${args})`, [], { rowMode: 'array', parsers: prepared.queryConfig.parsers });
    return result.rows.map(map);
  };
}

/** A value as an SQL literal (standard_conforming_strings: a quote is doubled, a backslash is itself). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text !== 'string') throw new Error(`sqlLiteral: no literal for ${typeof value}`);
  return `'${text.replaceAll("'", "''")}'`;
}

type Decode = (value: unknown) => unknown;

// What Drizzle decodes with when there is nothing to decode: a plain column (text, boolean…) and an
// SQL value without mapWith. Such a field takes the driver's value as it is, without a call per row.
const keepsColumn = Column.prototype.mapFromDriverValue;
const keepsSql = (sql`` as unknown as { decoder: { mapFromDriverValue: Decode } }).decoder.mapFromDriverValue;

/** How a field's value is decoded; undefined where the driver's value is already the answer. */
function decoderOf(field: unknown): Decode | undefined {
  if (is(field, Column)) return field.mapFromDriverValue === keepsColumn ? undefined : (value) => field.mapFromDriverValue(value);
  const query = is(field, SQL) ? field : is(field, Subquery) ? (field._.sql as SQL) : (field as SQL.Aliased).sql;
  // `decoder` (set by mapWith) is internal to Drizzle's SQL, as mapResultRow reads it.
  const { decoder } = query as unknown as { decoder: { mapFromDriverValue: Decode } };
  return decoder.mapFromDriverValue === keepsSql ? undefined : (value) => decoder.mapFromDriverValue(value);
}

/**
 * Drizzle's mapResultRow (drizzle-orm/utils.js) with every per-field decision taken once: a value
 * decoded by its column or SQL; a nested object (`task: {…}`) built per row; an object from a
 * nullable join null when its first column is (Drizzle's own rule). tasks/statements.test.ts checks
 * it gives what Drizzle's own prepared select gives.
 */
function compileRowMapper(fields: { path: string[]; field: unknown }[], notNullable: Record<string, boolean> | undefined): (row: unknown[]) => Record<string, unknown> {
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
      const value = raw === null || !decode ? raw : decode(raw);
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
