import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { type FlowDefinition, registerFlow } from '../../platform/approvals/index.ts';
import { notify } from '../../platform/notify/notify.ts';
import { people } from '../org/schema.ts';
import { documentLoans, documents } from './schema.ts';

export const BORROW_FLOW_TYPE = 'doc.borrow';
export const LOAN_ENTITY = 'document_loan';
export const loanLink = (id: number | string) => `/documents/loans/${id}`;

/** DOC-4: what an approval, reminder or notification may say about a loan: a secret document's name stays out. */
export function loanSubject(loanId: number, doc: { name: string; number: string | null; secrecy: string }): string {
  if (doc.secrecy === 'secret') return `秘密文档借阅申请 #${loanId}`;
  return `借阅《${doc.name}》${doc.number ? ` ${doc.number}` : ''}`;
}

async function loanOf(tx: Tx, entityId: string) {
  const [row] = await tx
    .select({ loan: documentLoans, name: documents.name, number: documents.number, secrecy: documents.secrecy })
    .from(documentLoans)
    .innerJoin(documents, eq(documents.id, documentLoans.documentId))
    .where(eq(documentLoans.id, Number(entityId)))
    .for('update', { of: documentLoans });
  return row;
}

/** DOC-5: the archivists, told that an approved loan waits for them to register it. */
async function tellArchivists(tx: Tx, now: Date, loanId: number, subject: string) {
  const archivists = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.active, true), sql`'archivist' = any(${people.roles})`));
  for (const a of archivists) {
    await notify(tx, now, {
      recipientId: a.id,
      event: 'document.loan_approved',
      title: `借阅待登记：${subject}`,
      body: '借阅申请已审批通过，请登记借出并确认归还期限。',
      link: loanLink(loanId),
      entity: LOAN_ENTITY,
      entityId: loanId,
      dedupeKey: `document-loan:${loanId}:approved:${a.id}`,
    });
  }
}

/**
 * DOC-5 借阅审批: the borrower's department head, then — for a secret document — the division
 * leader (分管领导). After approval the archivist registers the loan with its deadline
 * (register.service.ts): registering needs a date, which an approval step cannot take.
 */
export const BORROW_FLOW: FlowDefinition = {
  type: BORROW_FLOW_TYPE,
  label: { 'zh-CN': '文档借阅', 'en-US': 'Document loan' },
  steps: [
    { key: 'head', label: { 'zh-CN': '部门负责人审批', 'en-US': 'Department head' }, decider: { kind: 'departmentHead' } },
    { key: 'leader', label: { 'zh-CN': '分管领导审批', 'en-US': 'Division leader' }, decider: { kind: 'divisionLeader' }, when: { secret: true } },
  ],
  subjectLink: (s) => loanLink(s.entityId),
  onDecided: async (tx, request, outcome, meta) => {
    const row = await loanOf(tx, request.subject.entityId);
    if (!row || row.loan.status !== 'applied') return;
    await tx
      .update(documentLoans)
      .set({ status: outcome, updatedAt: meta.now.toISOString() })
      .where(eq(documentLoans.id, row.loan.id));
    if (outcome === 'approved') await tellArchivists(tx, meta.now, row.loan.id, loanSubject(row.loan.id, row));
  },
  onReturned: async (tx, request, meta) => {
    const row = await loanOf(tx, request.subject.entityId);
    if (!row || row.loan.status !== 'applied') return;
    await tx.update(documentLoans).set({ status: 'changes_requested', updatedAt: meta.now.toISOString() }).where(eq(documentLoans.id, row.loan.id));
  },
};

export const registerBorrowFlow = () => registerFlow(BORROW_FLOW);
