import { eq } from 'drizzle-orm';
import { IMPORTANT_LOAN_WORKING_DAYS, LOAN_STATUS_LABELS, type TLoanStatus, type ZLoanApply } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { resubmitApproval, submitApproval } from '../../platform/approvals/index.ts';
import { getCalendar } from '../../platform/calendar/service.ts';
import type { Calendar } from '../../platform/calendar/snapshot.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import { mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { BORROW_FLOW_TYPE, LOAN_ENTITY, loanSubject } from './borrow-flow.ts';
import { getLoan } from './loans.queries.ts';
import { andAll, loanVisibleWhere } from './policy.ts';
import { checkLoanDates, isOpenLoan } from './rules.ts';
import { documentLoans, documents } from './schema.ts';
import { type DocCtx, lockVisible } from './store.ts';

type Apply = z.output<typeof ZLoanApply>;
type DocRow = typeof documents.$inferSelect;

export const loanStateError = (ctx: DocCtx, status: TLoanStatus) => new AppError('LOAN_STATE', undefined, { status: LOAN_STATUS_LABELS[status][ctx.locale] });

const MISSING = {
  electronic: { 'zh-CN': '电子文件', 'en-US': 'electronic file' },
  paper: { 'zh-CN': '档案柜中的纸质原件', 'en-US': 'paper original in a cabinet' },
} as const;

/** DOC-5 《文档借阅申请表》 checks: the medium exists, download only with electronic loans, dates (重要: ≤ 3 working days). */
function checkApplication(ctx: DocCtx, cal: Calendar, doc: DocRow, input: Apply) {
  if (input.medium === 'electronic' && !doc.fileId) throw new AppError('LOAN_MEDIUM', 'medium', { missing: MISSING.electronic[ctx.locale] });
  if (input.medium === 'paper' && !doc.paperLocation) throw new AppError('LOAN_MEDIUM', 'medium', { missing: MISSING.paper[ctx.locale] });
  if (input.allowDownload && input.medium !== 'electronic') throw new AppError('VALIDATION', 'allowDownload');
  const problem = checkLoanDates(cal, { from: input.from, to: input.to, important: doc.important, today: dateInZone(ctx.now, ctx.timeZone) });
  if (problem?.code === 'LOAN_DATES') throw new AppError('LOAN_DATES', problem.field, { limit: problem.limit });
  if (problem?.code === 'LOAN_TOO_LONG') throw new AppError('LOAN_TOO_LONG', problem.field, { days: IMPORTANT_LOAN_WORKING_DAYS, latest: problem.latest });
}

/** What the approval's conditional steps read (DOC-5: `secret` adds the division leader); a secret document's name stays out. */
const factsOf = (doc: DocRow, input: Apply) => ({
  secret: doc.secrecy === 'secret',
  important: doc.important,
  medium: input.medium,
  from: input.from,
  to: input.to,
  ...(doc.secrecy === 'secret' ? {} : { document: doc.number ?? doc.name, purpose: input.purpose }),
});

/**
 * DOC-5: apply to borrow a document one may know exists (others: 404). The loan and its
 * `doc.borrow` approval are created in one transaction.
 */
export async function applyLoan(ctx: DocCtx, documentId: number, input: Apply) {
  // Read before the transaction: PGlite has one connection, busy with the transaction once it starts.
  const cal = await calendarOf(ctx);
  const id = await mutate(ctx, async (tx, audit) => {
    const doc = await lockVisible(ctx, tx, documentId);
    if (doc.void) throw new AppError('DOCUMENT_VOID');
    const mine = await tx.select({ status: documentLoans.status }).from(documentLoans).where(andAll(eq(documentLoans.documentId, doc.id), eq(documentLoans.borrowerId, ctx.actor.id)));
    const open = mine.find((l) => isOpenLoan(l.status));
    if (open) throw loanStateError(ctx, open.status);
    checkApplication(ctx, cal, doc, input);
    const stamp = ctx.now.toISOString();
    const [loan] = await tx
      .insert(documentLoans)
      .values({
        documentId: doc.id,
        borrowerId: ctx.actor.id,
        purpose: input.purpose,
        fromDate: input.from,
        toDate: input.to,
        medium: input.medium,
        allowDownload: input.allowDownload,
        status: 'applied',
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning();
    const request = await submitApproval(tx, ctx, {
      flow: BORROW_FLOW_TYPE,
      subject: { entity: LOAN_ENTITY, entityId: loan!.id },
      title: loanSubject(loan!.id, doc),
      facts: factsOf(doc, input),
    });
    await tx.update(documentLoans).set({ approvalId: request.id }).where(eq(documentLoans.id, loan!.id));
    await audit({ entity: LOAN_ENTITY, entityId: loan!.id, action: 'apply', after: { ...loan!, approvalId: request.id } });
    return loan!.id;
  });
  return getLoan(ctx, id);
}

export const calendarOf = (ctx: DocCtx) => getCalendar(ctx.db, { now: ctx.now, timeZone: ctx.timeZone });

/** The loan locked, if the caller may see it (else 404). */
export async function lockLoan(ctx: DocCtx, tx: Tx, id: number) {
  const [row] = await tx.select().from(documentLoans).where(andAll(eq(documentLoans.id, id), loanVisibleWhere(ctx.actor))).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** DOC-5: after 退回修改 the borrower corrects the application and it goes round again. */
export async function resubmitLoan(ctx: DocCtx, id: number, input: Apply) {
  const cal = await calendarOf(ctx);
  await mutate(ctx, async (tx, audit) => {
    const before = await lockLoan(ctx, tx, id);
    if (before.borrowerId !== ctx.actor.id) throw new AppError('FORBIDDEN');
    if (before.status !== 'changes_requested' || before.approvalId === null) throw loanStateError(ctx, before.status);
    const [doc] = await tx.select().from(documents).where(eq(documents.id, before.documentId));
    if (doc!.void) throw new AppError('DOCUMENT_VOID');
    checkApplication(ctx, cal, doc!, input);
    const [after] = await tx
      .update(documentLoans)
      .set({ purpose: input.purpose, fromDate: input.from, toDate: input.to, medium: input.medium, allowDownload: input.allowDownload, status: 'applied', updatedAt: ctx.now.toISOString() })
      .where(eq(documentLoans.id, id))
      .returning();
    await resubmitApproval(tx, ctx, { requestId: before.approvalId, facts: factsOf(doc!, input) });
    await audit({ entity: LOAN_ENTITY, entityId: id, action: 'resubmit', before, after });
  });
  return getLoan(ctx, id);
}

/** The borrower takes back an application that is not lent yet (returned for changes, or approved and unregistered). */
export async function withdrawLoan(ctx: DocCtx, id: number) {
  await mutate(ctx, async (tx, audit) => {
    const before = await lockLoan(ctx, tx, id);
    if (before.borrowerId !== ctx.actor.id) throw new AppError('FORBIDDEN');
    if (before.status !== 'changes_requested' && before.status !== 'approved') throw loanStateError(ctx, before.status);
    const [after] = await tx.update(documentLoans).set({ status: 'withdrawn', updatedAt: ctx.now.toISOString() }).where(eq(documentLoans.id, id)).returning();
    await audit({ entity: LOAN_ENTITY, entityId: id, action: 'withdraw', before, after });
  });
  return getLoan(ctx, id);
}
