import { and, count, desc, eq, lte, not, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TLoan, ZLoanListQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { approvalRequests, approvalSteps } from '../../platform/approvals/schema.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { departments, people } from '../org/schema.ts';
import { andAll, loanVisibleWhere } from './policy.ts';
import { type LoanRow, presentLoan } from './presenters.ts';
import { isArchivist } from './rules.ts';
import { documentLoans, documents } from './schema.ts';

const borrower = alias(people, 'borrower');
const registrar = alias(people, 'registrar');
const receiver = alias(people, 'receiver');

export function selectLoans(db: Db | Tx) {
  return db
    .select({
      id: documentLoans.id,
      documentId: documentLoans.documentId,
      documentNumber: documents.number,
      documentName: documents.name,
      documentVersion: documents.version,
      documentSecrecy: documents.secrecy,
      documentImportant: documents.important,
      borrowerId: documentLoans.borrowerId,
      borrowerName: borrower.name,
      borrowerDepartment: departments.name,
      purpose: documentLoans.purpose,
      fromDate: documentLoans.fromDate,
      toDate: documentLoans.toDate,
      medium: documentLoans.medium,
      allowDownload: documentLoans.allowDownload,
      status: documentLoans.status,
      approvalId: documentLoans.approvalId,
      registeredBy: documentLoans.registeredBy,
      registeredByName: registrar.name,
      registeredAt: documentLoans.registeredAt,
      dueDate: documentLoans.dueDate,
      dueAt: documentLoans.dueAt,
      returnedAt: documentLoans.returnedAt,
      returnedTo: documentLoans.returnedTo,
      returnedToName: receiver.name,
      note: documentLoans.note,
      createdAt: documentLoans.createdAt,
      decisions: sql<LoanRow['decisions']>`coalesce((select json_agg(json_build_object('key', s.key, 'status', s.status, 'opinion', s.opinion, 'byId', s.decided_by_id, 'byName', p.name, 'at', s.decided_at) order by s.position)
        from ${approvalSteps} s join ${approvalRequests} r on r.id = s.request_id and r.round = s.round left join ${people} p on p.id = s.decided_by_id
        where s.request_id = ${documentLoans.approvalId} and s.status in ('approved', 'rejected', 'returned') and s.decided_at is not null), '[]'::json)`,
    })
    .from(documentLoans)
    .innerJoin(documents, eq(documents.id, documentLoans.documentId))
    .innerJoin(borrower, eq(borrower.id, documentLoans.borrowerId))
    .leftJoin(departments, eq(departments.id, borrower.departmentId))
    .leftJoin(registrar, eq(registrar.id, documentLoans.registeredBy))
    .leftJoin(receiver, eq(receiver.id, documentLoans.returnedTo));
}

/** A document's loans (the caller already sees the document): all, or one borrower's. */
export async function listLoansOf(ctx: AuthedCtx, documentId: number, borrowerId: number | null): Promise<TLoan[]> {
  const rows = await selectLoans(ctx.db)
    .where(andAll(eq(documentLoans.documentId, documentId), borrowerId === null ? undefined : eq(documentLoans.borrowerId, borrowerId)))
    .orderBy(desc(documentLoans.id));
  return rows.map((r) => presentLoan(r, ctx.actor, ctx.now));
}

/** DOC-5: my loans, or every loan for the archivist (`scope=all`). */
export async function listLoans(ctx: AuthedCtx, query: z.output<typeof ZLoanListQuery>) {
  if (query.scope === 'all' && !isArchivist(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const late = and(eq(documentLoans.status, 'lent'), lte(documentLoans.dueAt, ctx.now.toISOString()))!;
  const where = andAll(
    query.scope === 'mine' ? eq(documentLoans.borrowerId, ctx.actor.id) : undefined,
    query.status ? eq(documentLoans.status, query.status) : undefined,
    query.overdue === undefined ? undefined : query.overdue ? late : not(late),
    query.documentId !== undefined ? eq(documentLoans.documentId, query.documentId) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(documentLoans).where(where);
  const rows = await selectLoans(ctx.db)
    .where(where)
    .orderBy(desc(documentLoans.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map((r) => presentLoan(r, ctx.actor, ctx.now)), total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
}

/** One loan, if the caller may look at it (borrower, archivist, the document's owner, its deciders); else 404. */
export async function getLoan(ctx: AuthedCtx, id: number): Promise<TLoan> {
  const [row] = await selectLoans(ctx.db).where(andAll(eq(documentLoans.id, id), loanVisibleWhere(ctx.actor)));
  if (!row) throw new AppError('NOT_FOUND');
  return presentLoan(row, ctx.actor, ctx.now);
}
