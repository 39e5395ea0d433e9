import { z } from 'zod';
import { type TLocale, ZId, ZPageQuery, zPage, zOptionalText as optionalText } from './common.ts';
import { ZSecrecy } from './documents-base.ts';

/** 文档归档 DOC-5: the 文档借阅申请表 and its registration (endpoints: see documents.ts). */

const date = z.iso.date();
const ref = z.object({ id: z.number().int(), name: z.string() });
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * applied: in approval (head → division leader when secret); changes_requested: 退回修改;
 * approved: waiting for the archivist to register it; lent: registered, out until `dueAt`;
 * returned: 归还; rejected: 驳回; withdrawn: 撤回 by the borrower.
 */
export const LOAN_STATUSES = ['applied', 'changes_requested', 'approved', 'rejected', 'lent', 'returned', 'withdrawn'] as const;
export const ZLoanStatus = z.enum(LOAN_STATUSES);
export type TLoanStatus = z.infer<typeof ZLoanStatus>;
export const OPEN_LOAN_STATUSES = ['applied', 'changes_requested', 'approved', 'lent'] as const satisfies readonly TLoanStatus[];
export const LOAN_STATUS_LABELS: Record<TLoanStatus, Record<TLocale, string>> = {
  applied: { 'zh-CN': '审批中', 'en-US': 'In approval' },
  changes_requested: { 'zh-CN': '退回修改', 'en-US': 'Returned for changes' },
  approved: { 'zh-CN': '待登记', 'en-US': 'To be registered' },
  rejected: { 'zh-CN': '已驳回', 'en-US': 'Rejected' },
  lent: { 'zh-CN': '借出中', 'en-US': 'On loan' },
  returned: { 'zh-CN': '已归还', 'en-US': 'Returned' },
  withdrawn: { 'zh-CN': '已撤回', 'en-US': 'Withdrawn' },
};

/** paper: the original from the 档案柜; electronic: reading the file in the system until the deadline. */
export const LOAN_MEDIA = ['paper', 'electronic'] as const;
export const ZLoanMedium = z.enum(LOAN_MEDIA);
export type TLoanMedium = z.infer<typeof ZLoanMedium>;

export const ZLoanPermissions = z.object({
  canRegister: z.boolean(),
  canReturn: z.boolean(),
  canResubmit: z.boolean(),
  canWithdraw: z.boolean(),
});
export type TLoanPermissions = z.infer<typeof ZLoanPermissions>;

/** 《文档借阅申请表》 and its registration. */
export const ZLoan = z.object({
  id: z.number().int(),
  document: z.object({ id: z.number().int(), number: z.string().nullable(), name: z.string(), version: z.number().int(), secrecy: ZSecrecy, important: z.boolean() }),
  borrower: ref.extend({ departmentName: z.string().nullable() }),
  purpose: z.string(),
  from: date,
  to: date,
  medium: ZLoanMedium,
  allowDownload: z.boolean(),
  status: ZLoanStatus,
  /** The `doc.borrow` approval (/approvals/:id); null for imported history. */
  approvalId: z.number().int().nullable(),
  /**
   * The decisions of the approval's current round (head, then leader when secret), as the paper
   * form carries them: whoever may see the loan reads them, the archivist included.
   */
  decisions: z.array(
    z.object({ key: z.string(), status: z.enum(['approved', 'rejected', 'returned']), opinion: z.string().nullable(), by: ref.nullable(), at: z.string() }),
  ),
  registeredBy: ref.nullable(),
  registeredAt: z.string().nullable(),
  /** The return deadline (close of business of the due date); access to an electronic loan ends here. */
  dueAt: z.string().nullable(),
  dueDate: date.nullable(),
  returnedAt: z.string().nullable(),
  returnedTo: ref.nullable(),
  note: z.string().nullable(),
  /** Lent and past its deadline. */
  overdue: z.boolean(),
  createdAt: z.string(),
  permissions: ZLoanPermissions,
});
export type TLoan = z.infer<typeof ZLoan>;

export const ZLoanApply = z.object({
  purpose: z.string().trim().min(1).max(500),
  from: date,
  to: date,
  medium: ZLoanMedium.default('paper'),
  /** Electronic loans only: the borrower may download the file during the loan. */
  allowDownload: z.boolean().default(false),
});
export type TLoanApply = z.input<typeof ZLoanApply>;

export const ZLoanRegister = z.object({
  /** Omitted: the application's `to`. At most 3 working days after `from` for 重要 documents. */
  dueDate: date.optional(),
  note: optionalText(500),
});
export type TLoanRegister = z.input<typeof ZLoanRegister>;

export const ZLoanReturn = z.object({ note: optionalText(500) });
export type TLoanReturn = z.input<typeof ZLoanReturn>;

export const LOAN_SCOPES = ['mine', 'all'] as const;
export const ZLoanListQuery = ZPageQuery.extend({
  /** all: every loan (archivist only, 403 for others). */
  scope: z.enum(LOAN_SCOPES).default('mine'),
  status: ZLoanStatus.optional(),
  overdue: booleanQuery.optional(),
  documentId: ZId.optional(),
});
export type TLoanListQuery = z.input<typeof ZLoanListQuery>;
export const ZLoanPage = zPage(ZLoan);
export type TLoanPage = z.infer<typeof ZLoanPage>;
