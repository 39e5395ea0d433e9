import { type SQL, inArray, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../http/context.ts';
import { orgTree, withDescendants } from './org-tree.ts';

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
  const tree = await orgTree(db);
  return { personId: actor.id, all: false, departmentIds: withDescendants(tree, tree.led.get(actor.id) ?? []) };
}

/** A department and every department below it (none when it does not exist). */
export async function subtreeOf(db: Db, departmentId: number): Promise<number[]> {
  return withDescendants(await orgTree(db), [departmentId]);
}

/** Whether the scope sees every one of these departments whole (their head, division leader or the general manager). */
export function overseesAll(scope: Scope, departmentIds: readonly number[]): boolean {
  return scope.all || departmentIds.every((id) => scope.departmentIds.includes(id));
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
