import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDocumentCategory, TDocumentSummary } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { files } from '../../platform/files/schema.ts';
import { people } from '../org/schema.ts';
import { andAll, visibleWhere } from './policy.ts';
import { presentCategory, presentDocument } from './presenters.ts';
import type { LoanFacts } from './rules.ts';
import { documentCategories, documentLoans, documents } from './schema.ts';

/** What every documents service receives: the request's context and the company time zone. */
export type DocCtx = AuthedCtx & { timeZone: string };

/** DOC-1: the category tree is small; it is read whole and paths are built in memory. */
export async function loadCategories(db: Db | Tx): Promise<Map<number, TDocumentCategory>> {
  const rows = await db.select().from(documentCategories).orderBy(asc(documentCategories.sortOrder), asc(documentCategories.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(rows.map((r) => [r.id, presentCategory(r, r.parentId === null ? null : (byId.get(r.parentId) ?? null))]));
}

const successor = alias(documents, 'successor');
const owner = alias(people, 'owner');

/** The columns a summary needs (never the extracted text or the search tokens). */
export function selectDocuments(db: Db | Tx) {
  return db
    .select({
      id: documents.id,
      number: documents.number,
      name: documents.name,
      categoryId: documents.categoryId,
      version: documents.version,
      seriesId: documents.seriesId,
      secrecy: documents.secrecy,
      important: documents.important,
      creatorId: documents.creatorId,
      creatorName: people.name,
      ownerId: documents.ownerId,
      ownerName: owner.name,
      createdOn: documents.createdOn,
      createdAt: documents.createdAt,
      fileId: documents.fileId,
      fileName: files.fileName,
      fileSize: files.size,
      fileMime: files.mimeType,
      fileSecret: files.secret,
      paperLocation: documents.paperLocation,
      serverPath: documents.serverPath,
      archiveStatus: documents.archiveStatus,
      archivedOn: documents.archivedOn,
      void: documents.void,
      voidedAt: documents.voidedAt,
      supersededById: documents.supersededById,
      supersededNumber: successor.number,
      supersededVersion: successor.version,
      note: documents.note,
    })
    .from(documents)
    .innerJoin(people, eq(people.id, documents.creatorId))
    .innerJoin(owner, eq(owner.id, documents.ownerId))
    .leftJoin(files, eq(files.id, documents.fileId))
    .leftJoin(successor, eq(successor.id, documents.supersededById));
}
export type DocumentRow = Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>[number];

export type MyLoan = LoanFacts & { id: number; documentId: number };

/** The caller's own loans of these documents (for permissions and "my loan" badges). */
export async function myLoansOf(db: Db | Tx, actorId: number, documentIds: number[]): Promise<Map<number, MyLoan[]>> {
  const out = new Map<number, MyLoan[]>();
  if (!documentIds.length) return out;
  const rows = await db
    .select({
      id: documentLoans.id,
      documentId: documentLoans.documentId,
      status: documentLoans.status,
      medium: documentLoans.medium,
      allowDownload: documentLoans.allowDownload,
      fromDate: documentLoans.fromDate,
      dueAt: documentLoans.dueAt,
    })
    .from(documentLoans)
    .where(and(eq(documentLoans.borrowerId, actorId), inArray(documentLoans.documentId, documentIds)))
    .orderBy(asc(documentLoans.id));
  for (const r of rows) out.set(r.documentId, [...(out.get(r.documentId) ?? []), r]);
  return out;
}

/** Rows → summaries with the caller's permissions. */
export async function summarize(ctx: DocCtx, rows: DocumentRow[], categories?: Map<number, TDocumentCategory>): Promise<TDocumentSummary[]> {
  const cats = categories ?? (await loadCategories(ctx.db));
  const loans = await myLoansOf(
    ctx.db,
    ctx.actor.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentDocument(r, cats.get(r.categoryId)!, loans.get(r.id) ?? [], ctx));
}

/**
 * DOC-4: a document by id, if the caller may know it exists; else "not found" — the same answer
 * as for an id that was never used.
 */
export async function findVisible(ctx: DocCtx, id: number, db: Db | Tx = ctx.db): Promise<DocumentRow> {
  const [row] = await selectDocuments(db).where(andAll(eq(documents.id, id), visibleWhere(ctx.actor)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The stored row, unlocked (checks before the transaction: files are read outside it). */
export async function peekVisible(ctx: DocCtx, id: number) {
  const [row] = await ctx.db.select().from(documents).where(andAll(eq(documents.id, id), visibleWhere(ctx.actor)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The row locked for a change, after the visibility check (inside `mutate`). */
export async function lockVisible(ctx: DocCtx, tx: Tx, id: number) {
  const [row] = await tx.select().from(documents).where(andAll(eq(documents.id, id), visibleWhere(ctx.actor))).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
