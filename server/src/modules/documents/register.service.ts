import { eq } from 'drizzle-orm';
import { IMPORTANT_LOAN_WORKING_DAYS, type ZLoanRegister, type ZLoanReturn } from '@opsdesk/contract';
import type { z } from 'zod';
import { dateInZone } from '../../platform/calendar/zone.ts';
import type { ReminderSpec } from '../../platform/deadlines/reminder-rules.ts';
import { completeDeadline, declareDeadline } from '../../platform/deadlines/service.ts';
import { mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { LOAN_ENTITY, loanLink, loanSubject } from './borrow-flow.ts';
import { getLoan } from './loans.queries.ts';
import { calendarOf, loanStateError, lockLoan } from './loans.service.ts';
import { checkLoanDates, isArchivist } from './rules.ts';
import { documentLoans, documents } from './schema.ts';
import type { DocCtx } from './store.ts';

export const RETURN_DEADLINE = 'return';

/**
 * DOC-5 / ALL-2 催收: remind the borrower a working day before and on the due day; a day late,
 * chase them with the archivist who lent it; three working days late, escalate to their head and
 * division leader.
 */
export const loanReminders = (archivistId: number): ReminderSpec[] => [
  { when: { before: { workingDays: 1 } }, to: ['owner'] },
  { when: 'onDueDay', to: ['owner'] },
  { when: { after: { days: 1 } }, to: ['owner', { personId: archivistId }], event: 'deadline.escalation' },
  { when: { after: { workingDays: 3 } }, to: ['owner.head', 'owner.divisionLeader'], event: 'deadline.escalation' },
];

/**
 * DOC-5: the archivist registers an approved loan: the return deadline (default the application's
 * `to`; 重要 documents at most 3 working days after `from`), due at the close of business that day
 * (ALL-6). From then on an electronic loan opens the content until that instant — and no longer.
 */
export async function registerLoan(ctx: DocCtx, id: number, input: z.output<typeof ZLoanRegister>) {
  if (!isArchivist(ctx.actor.roles)) {
    await getLoan(ctx, id); // someone who may not see it gets 404 first
    throw new AppError('FORBIDDEN');
  }
  const cal = await calendarOf(ctx);
  await mutate(ctx, async (tx, audit) => {
    const before = await lockLoan(ctx, tx, id);
    if (before.status !== 'approved') throw loanStateError(ctx, before.status);
    const [doc] = await tx.select().from(documents).where(eq(documents.id, before.documentId));
    const dueDate = input.dueDate ?? before.toDate;
    const today = dateInZone(ctx.now, ctx.timeZone);
    // A loan registered after its planned start still runs from its start; the deadline cannot be in the past.
    const problem = checkLoanDates(cal, { from: before.fromDate, to: dueDate, important: doc!.important, today: before.fromDate, field: 'dueDate' });
    if (problem?.code === 'LOAN_TOO_LONG') throw new AppError('LOAN_TOO_LONG', 'dueDate', { days: IMPORTANT_LOAN_WORKING_DAYS, latest: problem.latest });
    if (problem || dueDate < today) throw new AppError('LOAN_DATES', 'dueDate', { limit: dueDate < today ? today : before.fromDate });
    const subject = loanSubject(id, doc!);
    const deadline = await declareDeadline(tx, {
      cal,
      timeZone: ctx.timeZone,
      now: ctx.now,
      entity: LOAN_ENTITY,
      entityId: id,
      kind: RETURN_DEADLINE,
      anchorDate: dueDate,
      rule: { workingDays: 0 },
      ownerId: before.borrowerId,
      subject: `${subject} 归还`,
      link: loanLink(id),
      reminders: loanReminders(ctx.actor.id),
    });
    const stamp = ctx.now.toISOString();
    const [after] = await tx
      .update(documentLoans)
      .set({ status: 'lent', registeredBy: ctx.actor.id, registeredAt: stamp, dueDate, dueAt: deadline.dueAt, note: input.note ?? before.note, updatedAt: stamp })
      .where(eq(documentLoans.id, id))
      .returning();
    await notify(tx, ctx.now, {
      recipientId: before.borrowerId,
      event: 'document.loan_registered',
      title: `借阅已登记：${subject}`,
      body: `请于 ${dueDate} 下班前归还。${before.medium === 'electronic' ? '电子借阅到期后自动停止查阅。' : ''}`,
      link: loanLink(id),
      entity: LOAN_ENTITY,
      entityId: id,
      dedupeKey: `document-loan:${id}:registered`,
    });
    await audit({ entity: LOAN_ENTITY, entityId: id, action: 'register', before, after });
  });
  return getLoan(ctx, id);
}

/** DOC-5: the return is recorded by the archivist; the deadline and its pending reminders end. */
export async function returnLoan(ctx: DocCtx, id: number, input: z.output<typeof ZLoanReturn>) {
  if (!isArchivist(ctx.actor.roles)) {
    await getLoan(ctx, id);
    throw new AppError('FORBIDDEN');
  }
  await mutate(ctx, async (tx, audit) => {
    const before = await lockLoan(ctx, tx, id);
    if (before.status !== 'lent') throw loanStateError(ctx, before.status);
    const stamp = ctx.now.toISOString();
    const [after] = await tx
      .update(documentLoans)
      .set({ status: 'returned', returnedAt: stamp, returnedTo: ctx.actor.id, note: input.note ?? before.note, updatedAt: stamp })
      .where(eq(documentLoans.id, id))
      .returning();
    await completeDeadline(tx, { entity: LOAN_ENTITY, entityId: id, kind: RETURN_DEADLINE, at: ctx.now });
    await audit({ entity: LOAN_ENTITY, entityId: id, action: 'return', before, after });
  });
  return getLoan(ctx, id);
}
