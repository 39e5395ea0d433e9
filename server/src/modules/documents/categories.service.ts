import { eq, sql } from 'drizzle-orm';
import type { ZDocumentCategoryInput, ZDocumentCategoryUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import { rowsOf } from '../../platform/access/scope.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { mapUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { canManageCategories } from './rules.ts';
import { documentCategories } from './schema.ts';
import { loadCategories } from './store.ts';

export async function listCategories(ctx: AuthedCtx) {
  // Level-1 categories in their order, each followed by its own level-2 ones (loaded in sort order).
  const all = [...(await loadCategories(ctx.db)).values()];
  return all.filter((c) => c.parentId === null).flatMap((root) => [root, ...all.filter((c) => c.parentId === root.id)]);
}

async function getCategory(ctx: AuthedCtx, id: number) {
  const found = (await loadCategories(ctx.db)).get(id);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

const uniqueFields = (input: { code?: string; name?: string }) => ({
  document_categories_code: ['code', input.code] as [string, string | undefined],
  document_categories_sibling_name: ['name', input.name] as [string, string | undefined],
});

/**
 * DOC-1: two levels. A level-2 code is its parent's code plus a part (ZD → ZD-HR), so a number's
 * prefix always names both levels; a level-1 code has no dash.
 */
export async function createCategory(ctx: AuthedCtx, input: z.output<typeof ZDocumentCategoryInput>) {
  if (!canManageCategories(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const id = await mutate(ctx, async (tx, audit) => {
    if (input.parentId !== null) {
      const [parent] = await tx.select().from(documentCategories).where(eq(documentCategories.id, input.parentId));
      if (!parent || parent.parentId !== null) throw new AppError('INVALID_REFERENCE', 'parentId');
      if (!input.code.startsWith(`${parent.code}-`) || input.code.split('-').length !== 2) throw new AppError('VALIDATION', 'code');
    } else if (input.code.includes('-')) throw new AppError('VALIDATION', 'code');
    const stamp = ctx.now.toISOString();
    const [row] = await tx
      .insert(documentCategories)
      .values({ ...input, createdAt: stamp, updatedAt: stamp })
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, uniqueFields(input)));
    await audit({ entity: 'document_category', entityId: row!.id, action: 'create', after: row });
    return row!.id;
  });
  return getCategory(ctx, id);
}

export async function updateCategory(ctx: AuthedCtx, id: number, patch: z.output<typeof ZDocumentCategoryUpdate>) {
  if (!canManageCategories(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(documentCategories).where(eq(documentCategories.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const [after] = await tx
      .update(documentCategories)
      .set({ ...patch, updatedAt: ctx.now.toISOString() })
      .where(eq(documentCategories.id, id))
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, uniqueFields({ name: patch.name })));
    await audit({ entity: 'document_category', entityId: id, action: 'update', before, after });
  });
  return getCategory(ctx, id);
}

/** Only an empty category goes: its documents (void ones included) and sub-categories must move first. */
export async function deleteCategory(ctx: AuthedCtx, id: number) {
  if (!canManageCategories(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(documentCategories).where(eq(documentCategories.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    const [row] = rowsOf<{ count: number | string }>(
      await tx.execute(sql`select (select count(*) from documents where category_id = ${id}) + (select count(*) from document_categories where parent_id = ${id}) as count`),
    );
    // DOC-4: no count in the answer — it would include secret documents the caller may not know.
    if (Number(row?.count ?? 0) > 0) throw new AppError('CATEGORY_NOT_EMPTY');
    await tx.delete(documentCategories).where(eq(documentCategories.id, id));
    await audit({ entity: 'document_category', entityId: id, action: 'delete', before });
  });
}
