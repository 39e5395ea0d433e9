import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ZDepartmentInput, ZDepartmentUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { rowsOf } from '../../platform/access/scope.ts';
import { mapUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { canManageOrg } from './policy.ts';
import { presentDepartment } from './presenters.ts';
import { wouldCreateCycle } from './rules.ts';
import { departments, people } from './schema.ts';
import { invalidateOrgTree } from '../../platform/access/org-tree.ts';

const head = alias(people, 'head');
const leader = alias(people, 'leader');

function selectDepartments(db: Db | Tx) {
  return db
    .select({
      dept: departments,
      headName: head.name,
      divisionLeaderName: leader.name,
      memberCount: sql<number>`(select count(*) from ${people} p where p.department_id = ${departments.id} and p.active)`.mapWith(Number),
    })
    .from(departments)
    .leftJoin(head, eq(head.id, departments.headId))
    .leftJoin(leader, eq(leader.id, departments.divisionLeaderId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectDepartments>['execute']>>[number];
const present = (r: Selected) => presentDepartment({ ...r.dept, headName: r.headName, divisionLeaderName: r.divisionLeaderName, memberCount: r.memberCount });

export async function listDepartments(ctx: AuthedCtx) {
  const rows = await selectDepartments(ctx.db).orderBy(asc(departments.sortOrder), asc(departments.id));
  return rows.map(present);
}

async function getDepartment(db: Db | Tx, id: number) {
  const [row] = await selectDepartments(db).where(eq(departments.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

/** Heads and division leaders must be active people; a parent must exist. */
async function checkReferences(tx: Tx, input: { parentId?: number | null; headId?: number | null; divisionLeaderId?: number | null }) {
  if (input.parentId) {
    const [parent] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.parentId));
    if (!parent) throw new AppError('INVALID_REFERENCE', 'parentId');
  }
  for (const field of ['headId', 'divisionLeaderId'] as const) {
    const id = input[field];
    if (!id) continue;
    const [person] = await tx.select({ id: people.id }).from(people).where(and(eq(people.id, id), eq(people.active, true)));
    if (!person) throw new AppError('INVALID_REFERENCE', field);
  }
}

const uniqueFields = (input: { code?: string | null; name?: string }) => ({
  departments_code: ['code', input.code] as [string, string | null | undefined],
  departments_sibling_name: ['name', input.name] as [string, string | null | undefined],
});

export async function createDepartment(ctx: AuthedCtx, input: z.output<typeof ZDepartmentInput>) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  const id = await mutate(ctx, async (tx, audit) => {
    await checkReferences(tx, input);
    const stamp = ctx.now.toISOString();
    const [row] = await tx
      .insert(departments)
      .values({ ...input, createdAt: stamp, updatedAt: stamp })
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, uniqueFields(input)));
    await audit({ entity: 'department', entityId: row!.id, action: 'create', after: row });
    return row!.id;
  });
  invalidateOrgTree();
  return getDepartment(ctx.db, id);
}

export async function updateDepartment(ctx: AuthedCtx, id: number, patch: z.output<typeof ZDepartmentUpdate>) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    // ALL-1: two opposite moves at once (A under B, B under A) would each pass the cycle check on
    // a tree without the other's move; moves queue up so the second one sees the first.
    if (patch.parentId !== undefined) await tx.execute(sql`select pg_advisory_xact_lock(hashtext('opsdesk.org.tree'))`);
    const [before] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    await checkReferences(tx, patch);
    if (patch.parentId !== undefined) {
      const all = await tx.select({ id: departments.id, parentId: departments.parentId }).from(departments);
      const parentOf = new Map(all.map((d) => [d.id, d.parentId]));
      if (wouldCreateCycle(id, patch.parentId, parentOf)) throw new AppError('DEPARTMENT_CYCLE', 'parentId');
    }
    const [after] = await tx
      .update(departments)
      .set({ ...patch, updatedAt: ctx.now.toISOString() })
      .where(eq(departments.id, id))
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, uniqueFields({ code: patch.code, name: patch.name ?? before.name })));
    await audit({ entity: 'department', entityId: id, action: 'update', before, after });
  });
  invalidateOrgTree();
  return getDepartment(ctx.db, id);
}

/** Only an empty department goes: people and sub-departments must be moved first. */
export async function deleteDepartment(ctx: AuthedCtx, id: number) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const [row] = rowsOf<{ count: number | string }>(
      await tx.execute(sql`select (select count(*) from people where department_id = ${id}) + (select count(*) from departments where parent_id = ${id}) as count`),
    );
    const count = Number(row?.count ?? 0);
    if (count > 0) throw new AppError('DEPARTMENT_NOT_EMPTY', undefined, { count });
    await tx.delete(departments).where(inArray(departments.id, [id]));
    await audit({ entity: 'department', entityId: id, action: 'delete', before });
  });
  invalidateOrgTree();
}
