import { type SQL, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../http/context.ts';

/**
 * ALL-7: what a person may see across modules.
 * - general manager: everything (secret material is filtered separately by its own module);
 * - division leader: the departments they lead, with sub-departments;
 * - department head: their department, with sub-departments;
 * - everyone: what they own, take part in, or are granted.
 */
export interface Scope {
  personId: number;
  all: boolean;
  /** Departments whose records the person oversees (empty for ordinary staff). */
  departmentIds: number[];
}

export async function resolveScope(db: Db, actor: Actor): Promise<Scope> {
  if (actor.roles.includes('general_manager')) return { personId: actor.id, all: true, departmentIds: [] };
  const rows = await db.execute(sql`
    WITH RECURSIVE led AS (
      SELECT id FROM departments WHERE head_id = ${actor.id} OR division_leader_id = ${actor.id}
      UNION
      SELECT c.id FROM departments c JOIN led ON c.parent_id = led.id
    ) SELECT id FROM led`);
  return { personId: actor.id, all: false, departmentIds: rowsOf<{ id: number }>(rows).map((r) => Number(r.id)) };
}

/** A department and every department below it. */
export async function subtreeOf(db: Db, departmentId: number): Promise<number[]> {
  const rows = await db.execute(sql`
    WITH RECURSIVE sub AS (
      SELECT id FROM departments WHERE id = ${departmentId}
      UNION
      SELECT c.id FROM departments c JOIN sub ON c.parent_id = sub.id
    ) SELECT id FROM sub`);
  return rowsOf<{ id: number }>(rows).map((r) => Number(r.id));
}

export interface ScopeColumns {
  /** The record's department. */
  department?: PgColumn;
  /** Columns naming a person who owns the record (owner, requester, creator...). */
  people?: PgColumn[];
  /** Extra conditions that make the record visible: taking part, a grant. */
  also?: SQL[];
}

/** The WHERE clause of a scoped list; `undefined` means no restriction. */
export function scopeWhere(scope: Scope, columns: ScopeColumns): SQL | undefined {
  if (scope.all) return undefined;
  const conditions: SQL[] = [...(columns.also ?? [])];
  if (columns.department && scope.departmentIds.length) conditions.push(inArray(columns.department, scope.departmentIds));
  for (const column of columns.people ?? []) conditions.push(sql`${column} = ${scope.personId}`);
  return or(...conditions) ?? sql`false`;
}

// node-postgres answers { rows }, PGlite answers { rows } too, but drizzle's types differ per driver.
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
