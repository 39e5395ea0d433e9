import { type SQL, and, asc, count, desc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { IMPORTANT_LOAN_WORKING_DAYS, type TDocumentDetail, type TDocumentStats, type ZDocumentListQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import { rowsOf } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/http/errors.ts';
import { textSearchWhere } from '../../platform/search/tokens.ts';
import { departments, people } from '../org/schema.ts';
import { listLoansOf } from './loans.queries.ts';
import { andAll, visibleWhere } from './policy.ts';
import { presentGrant } from './presenters.ts';
import { isArchivist } from './rules.ts';
import { documentGrants, documentLoans, documents } from './schema.ts';
import { type DocCtx, findVisible, loadCategories, selectDocuments, summarize } from './store.ts';

type ListFilters = Omit<z.output<typeof ZDocumentListQuery>, 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * The WHERE of every document list, count, search and export: what the caller may know exists
 * (DOC-4), current versions only unless the archivist asks for 作废 ones (DOC-8), then the filters.
 */
export async function documentWhere(ctx: DocCtx, q: ListFilters): Promise<SQL | undefined> {
  if ((q.includeVoid || q.voidOnly) && !isArchivist(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  let categoryIds: number[] | undefined;
  if (q.categoryId !== undefined) {
    const cats = await loadCategories(ctx.db);
    categoryIds = [...cats.values()].filter((c) => c.id === q.categoryId || c.parentId === q.categoryId).map((c) => c.id);
    if (!categoryIds.length) categoryIds = [q.categoryId];
  }
  return andAll(
    visibleWhere(ctx.actor),
    q.voidOnly ? eq(documents.void, true) : q.includeVoid ? undefined : eq(documents.void, false),
    categoryIds ? inArray(documents.categoryId, categoryIds) : undefined,
    q.secrecy ? eq(documents.secrecy, q.secrecy) : undefined,
    q.archiveStatus ? eq(documents.archiveStatus, q.archiveStatus) : undefined,
    q.important !== undefined ? eq(documents.important, q.important) : undefined,
    q.creatorId !== undefined ? eq(documents.creatorId, q.creatorId) : undefined,
    q.from ? gte(documents.createdOn, q.from) : undefined,
    q.to ? lte(documents.createdOn, q.to) : undefined,
    textSearchWhere(documents.searchTokens, [documents.number, documents.name, documents.contentText], q.q),
  );
}

const SORTS = { createdOn: documents.createdOn, number: documents.number, name: documents.name } as const;

export async function listDocuments(ctx: DocCtx, query: z.output<typeof ZDocumentListQuery>) {
  const where = await documentWhere(ctx, query);
  const dir = query.order === 'asc' ? asc : desc;
  const [total] = await ctx.db.select({ n: count() }).from(documents).where(where);
  const rows = await selectDocuments(ctx.db)
    .where(where)
    .orderBy(dir(SORTS[query.sort]), dir(documents.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: await summarize(ctx, rows), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

const grantedBy = alias(people, 'granted_by_person');

async function grantsOf(ctx: DocCtx, documentId: number) {
  const rows = await ctx.db
    .select({
      id: documentGrants.id,
      kind: documentGrants.kind,
      personId: documentGrants.personId,
      personName: people.name,
      role: documentGrants.role,
      departmentId: documentGrants.departmentId,
      departmentName: departments.name,
      grantedBy: documentGrants.grantedBy,
      grantedByName: grantedBy.name,
      createdAt: documentGrants.createdAt,
    })
    .from(documentGrants)
    .leftJoin(people, eq(people.id, documentGrants.personId))
    .leftJoin(departments, eq(departments.id, documentGrants.departmentId))
    .innerJoin(grantedBy, eq(grantedBy.id, documentGrants.grantedBy))
    .where(eq(documentGrants.documentId, documentId))
    .orderBy(asc(documentGrants.id));
  return rows.map(presentGrant);
}

/** DOC-2/4/8: one document with its versions, grants (owner/archivist) and loans. 404 when not known to the caller. */
export async function getDocument(ctx: DocCtx, id: number): Promise<TDocumentDetail> {
  const row = await findVisible(ctx, id);
  const [summary] = await summarize(ctx, [row]);
  const seriesId = row.seriesId ?? row.id;
  const versions = await selectDocuments(ctx.db)
    .where(andAll(or(eq(documents.seriesId, seriesId), eq(documents.id, seriesId)), visibleWhere(ctx.actor)))
    .orderBy(desc(documents.version), desc(documents.id));
  const perms = summary!.permissions;
  return {
    ...summary!,
    note: row.note,
    versions: versions.map((v) => ({ id: v.id, number: v.number, version: v.version, void: v.void, createdOn: v.createdOn, creatorName: v.creatorName, hasFile: v.fileId !== null })),
    grants: perms.canGrant ? await grantsOf(ctx, id) : null,
    loans: await listLoansOf(ctx, id, perms.canSeeLoans ? null : ctx.actor.id),
    loanLimitWorkingDays: row.important ? IMPORTANT_LOAN_WORKING_DAYS : null,
  };
}

/** Counts over what the caller may see: a secret document they may not know is in none of them (DOC-4). */
export async function documentStats(ctx: DocCtx): Promise<TDocumentStats> {
  const archivist = isArchivist(ctx.actor.roles);
  const where = andAll(visibleWhere(ctx.actor), eq(documents.void, false));
  const [totals] = await ctx.db
    .select({
      total: count(),
      pending: sql<number>`count(*) filter (where ${documents.archiveStatus} = 'pending')`.mapWith(Number),
      important: sql<number>`count(*) filter (where ${documents.important})`.mapWith(Number),
      secret: sql<number>`count(*) filter (where ${documents.secrecy} = 'secret')`.mapWith(Number),
    })
    .from(documents)
    .where(where);
  const byCategory = await ctx.db.select({ categoryId: documents.categoryId, count: count() }).from(documents).where(where).groupBy(documents.categoryId);
  const mine = eq(documentLoans.borrowerId, ctx.actor.id);
  const overdue = and(eq(documentLoans.status, 'lent'), lte(documentLoans.dueAt, ctx.now.toISOString()));
  const [loans] = rowsOf<{ open: string | number; overdue: string | number; to_register: string | number }>(
    await ctx.db.execute(sql`
      select count(*) filter (where ${and(mine, inArray(documentLoans.status, ['applied', 'changes_requested', 'approved', 'lent']))}) as open,
             count(*) filter (where ${archivist ? overdue : and(mine, overdue)}) as overdue,
             count(*) filter (where ${documentLoans.status} = 'approved') as to_register
      from ${documentLoans}`),
  );
  const [voided] = archivist ? await ctx.db.select({ n: count() }).from(documents).where(eq(documents.void, true)) : [];
  return {
    total: Number(totals?.total ?? 0),
    pendingArchive: totals?.pending ?? 0,
    important: totals?.important ?? 0,
    secret: totals?.secret ?? 0,
    byCategory: byCategory.map((c) => ({ categoryId: c.categoryId, count: Number(c.count) })),
    myOpenLoans: Number(loans?.open ?? 0),
    overdueLoans: Number(loans?.overdue ?? 0),
    loansToRegister: archivist ? Number(loans?.to_register ?? 0) : 0,
    voided: archivist ? Number(voided?.n ?? 0) : null,
  };
}
