import { eq } from 'drizzle-orm';
import type { ZDocumentCreate, ZDocumentNewVersion, ZDocumentUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import type { FileVault } from '../../platform/files/vault.ts';
import { mutate } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { attachPrepared, prepareFile } from './file-input.ts';
import { getDocument } from './queries.service.ts';
import { documentNumber, isArchivist, nameFitsNumber } from './rules.ts';
import { documentGrants, documents } from './schema.ts';
import { type DocCtx, loadCategories, lockVisible, peekVisible } from './store.ts';

// The audit keeps what a person changed, not the extracted text or the search tokens.
const audited = (row: typeof documents.$inferSelect) => {
  const { contentText: _text, searchTokens: _tokens, ...rest } = row;
  return rest;
};

/** DOC-2: the same number twice means the same document: make a new version instead. */
const duplicateNumber = (number: string) => (err: unknown) => {
  if (isUniqueViolation(err)) throw new AppError('DUPLICATE', 'number', { value: number });
  throw err;
};

/**
 * DOC-2/3/4: registers a document (待归档 until the archivist files it). The number is generated
 * from the category code, the creation day (company zone), the name and V1. A file, if given,
 * is attached in the same transaction; an internal file's text is indexed for search.
 */
export async function createDocument(ctx: DocCtx, vault: FileVault, input: z.output<typeof ZDocumentCreate>) {
  const category = (await loadCategories(ctx.db)).get(input.categoryId);
  if (!category) throw new AppError('INVALID_REFERENCE', 'categoryId');
  if (!nameFitsNumber(input.name)) throw new AppError('VALIDATION', 'name');
  const file = await prepareFile(ctx, vault, input.fileId, input.secrecy);
  const createdOn = dateInZone(ctx.now, ctx.timeZone);
  const number = documentNumber({ categoryCode: category.code, createdOn, name: input.name, version: 1 });
  const id = await mutate(ctx, async (tx, audit) => {
    const stamp = ctx.now.toISOString();
    const [row] = await tx
      .insert(documents)
      .values({
        number,
        name: input.name,
        categoryId: category.id,
        version: 1,
        secrecy: input.secrecy,
        important: input.important ?? category.defaultImportant,
        creatorId: ctx.actor.id,
        ownerId: ctx.actor.id,
        createdOn,
        paperLocation: input.paperLocation,
        note: input.note,
        contentText: file?.text ?? null,
        searchTokens: searchTokens(number, input.name, file?.text),
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning()
      .catch(duplicateNumber(number));
    const doc = row!;
    if (file) await attachPrepared(tx, ctx, file, doc.id);
    const [saved] = await tx
      .update(documents)
      .set({ seriesId: doc.id, fileId: file?.id ?? null })
      .where(eq(documents.id, doc.id))
      .returning();
    await audit({ entity: 'document', entityId: doc.id, action: 'create', after: audited(saved!) });
    return doc.id;
  });
  return getDocument(ctx, id);
}

/**
 * Owner or archivist: the paper location, 重要, the note, and a file while the document has none.
 * 归档状态 is the archivist's (DOC-6: what the quarterly list counts as archived).
 */
export async function updateDocument(ctx: DocCtx, vault: FileVault, id: number, patch: z.output<typeof ZDocumentUpdate>) {
  const archivist = isArchivist(ctx.actor.roles);
  const current = await peekVisible(ctx, id);
  if (current.void) throw new AppError('DOCUMENT_VOID');
  if (!archivist && current.ownerId !== ctx.actor.id) throw new AppError('FORBIDDEN');
  if (patch.archiveStatus !== undefined && !archivist) throw new AppError('FORBIDDEN');
  if (patch.fileId !== undefined && current.fileId !== null) throw new AppError('CONFLICT');
  const file = await prepareFile(ctx, vault, patch.fileId, current.secrecy);
  await mutate(ctx, async (tx, audit) => {
    const before = await lockVisible(ctx, tx, id);
    if (before.void) throw new AppError('DOCUMENT_VOID');
    if (file && before.fileId !== null) throw new AppError('CONFLICT');
    if (file) await attachPrepared(tx, ctx, file, id);
    const { fileId: _ignored, ...fields } = patch;
    const archived =
      patch.archiveStatus === undefined
        ? {}
        : { archivedOn: patch.archiveStatus === 'archived' ? (before.archivedOn ?? dateInZone(ctx.now, ctx.timeZone)) : null };
    const text = file ? file.text : before.contentText;
    const [after] = await tx
      .update(documents)
      .set({
        ...fields,
        ...archived,
        ...(file ? { fileId: file.id, contentText: file.text } : {}),
        searchTokens: searchTokens(before.number, before.name, text),
        updatedAt: ctx.now.toISOString(),
      })
      .where(eq(documents.id, id))
      .returning();
    await audit({ entity: 'document', entityId: id, action: 'update', before: audited(before), after: audited(after!) });
  });
  return getDocument(ctx, id);
}

async function copyGrants(tx: Tx, fromId: number, toId: number, by: number, stamp: string) {
  const grants = await tx.select().from(documentGrants).where(eq(documentGrants.documentId, fromId));
  if (!grants.length) return;
  await tx.insert(documentGrants).values(grants.map(({ id: _id, documentId: _doc, grantedBy: _by, createdAt: _at, ...g }) => ({ ...g, documentId: toId, grantedBy: by, createdAt: stamp })));
}

/**
 * DOC-8: the next version of a current document. The new one gets the next version number, a
 * number dated today, the owner and visibility grants of the old; the old is marked 作废 (void),
 * points to its successor and is never offered as current again.
 */
export async function newVersion(ctx: DocCtx, vault: FileVault, id: number, input: z.output<typeof ZDocumentNewVersion>) {
  const peek = await peekVisible(ctx, id);
  if (peek.void) throw new AppError('DOCUMENT_VOID');
  if (!isArchivist(ctx.actor.roles) && peek.ownerId !== ctx.actor.id) throw new AppError('FORBIDDEN');
  const secrecy = input.secrecy ?? peek.secrecy;
  const file = await prepareFile(ctx, vault, input.fileId, secrecy);
  const category = (await loadCategories(ctx.db)).get(peek.categoryId)!;
  const createdOn = dateInZone(ctx.now, ctx.timeZone);
  const newId = await mutate(ctx, async (tx, audit) => {
    const old = await lockVisible(ctx, tx, id);
    // Two people making V2 at once: the second finds V1 already void.
    if (old.void) throw new AppError('DOCUMENT_VOID');
    const version = old.version + 1;
    const number = documentNumber({ categoryCode: category.code, createdOn, name: old.name, version });
    const stamp = ctx.now.toISOString();
    const [row] = await tx
      .insert(documents)
      .values({
        number,
        name: old.name,
        categoryId: old.categoryId,
        version,
        seriesId: old.seriesId ?? old.id,
        secrecy,
        important: input.important ?? old.important,
        creatorId: ctx.actor.id,
        ownerId: old.ownerId,
        createdOn,
        paperLocation: input.paperLocation,
        note: input.note,
        contentText: file?.text ?? null,
        searchTokens: searchTokens(number, old.name, file?.text),
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning()
      .catch(duplicateNumber(number));
    const created = row!;
    if (file) {
      await attachPrepared(tx, ctx, file, created.id);
      await tx.update(documents).set({ fileId: file.id }).where(eq(documents.id, created.id));
    }
    await copyGrants(tx, old.id, created.id, ctx.actor.id, stamp);
    const [voided] = await tx.update(documents).set({ void: true, voidedAt: stamp, supersededById: created.id, updatedAt: stamp }).where(eq(documents.id, old.id)).returning();
    await audit({ entity: 'document', entityId: created.id, action: 'new_version', after: { ...audited(created), fileId: file?.id ?? null, supersedes: old.id } });
    await audit({ entity: 'document', entityId: old.id, action: 'void', before: { void: false }, after: { void: true, supersededById: voided!.supersededById } });
    return created.id;
  });
  return getDocument(ctx, newId);
}
