import { z } from 'zod';
import { ZId, ZPageQuery, zPage } from './common.ts';

/**
 * Approval chains (审批流): DOC-5 borrowing, RES-2/3 resource review, TSK-9 acceptance, MTG-9
 * minutes review. A module registers a flow on the server; the web shows any request the same way.
 */

/** pending: a step is open; returned: back with the requester for changes (退回修改); approved/rejected: final. */
export const APPROVAL_STATUSES = ['pending', 'returned', 'approved', 'rejected'] as const;
export const ZApprovalStatus = z.enum(APPROVAL_STATUSES);
export type TApprovalStatus = z.infer<typeof ZApprovalStatus>;

/** waiting: not opened yet; open: with its decider; cancelled: its round ended before it was reached. */
export const APPROVAL_STEP_STATUSES = ['waiting', 'open', 'approved', 'rejected', 'returned', 'cancelled'] as const;
export const ZApprovalStepStatus = z.enum(APPROVAL_STEP_STATUSES);
export type TApprovalStepStatus = z.infer<typeof ZApprovalStepStatus>;

export const APPROVAL_ACTIONS = ['submit', 'resubmit', 'approve', 'reject', 'return', 'comment', 'transfer', 'cc', 'escalate', 'stuck'] as const;
export const ZApprovalAction = z.enum(APPROVAL_ACTIONS);
export type TApprovalAction = z.infer<typeof ZApprovalAction>;

/** The boxes of the approval centre: 待我审批 · 我发起的 · 抄送我的 · 我已处理. */
export const APPROVAL_BOXES = ['waiting', 'submitted', 'cc', 'done'] as const;
export const ZApprovalBox = z.enum(APPROVAL_BOXES);
export type TApprovalBox = z.infer<typeof ZApprovalBox>;

/** The rung of the escalation ladder a note is about (requester's head → division leader → general manager). */
export const APPROVAL_LEVELS = ['departmentHead', 'divisionLeader', 'generalManager', 'role', 'person'] as const;
/** Why a rung was passed over: nobody there, the person is disabled, or it is the requester. */
export const APPROVAL_SKIP_REASONS = ['vacant', 'inactive', 'self'] as const;

export const ZApprovalPerson = z.object({ id: z.number().int(), name: z.string() });
export type TApprovalPerson = z.infer<typeof ZApprovalPerson>;

/** An escalation note: rung `level` was passed over for `reason` (the person named, if any). */
export const ZApprovalNote = z.object({
  level: z.enum(APPROVAL_LEVELS),
  reason: z.enum(APPROVAL_SKIP_REASONS),
  person: ZApprovalPerson.nullable(),
});
export type TApprovalNote = z.infer<typeof ZApprovalNote>;

export const ZApprovalStep = z.object({
  id: z.number().int(),
  round: z.number().int(),
  position: z.number().int(),
  key: z.string(),
  label: z.string(),
  status: ZApprovalStepStatus,
  /** Resolved when the step opens; null while waiting, or while stuck. */
  decider: ZApprovalPerson.nullable(),
  decidedBy: ZApprovalPerson.nullable(),
  openedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  opinion: z.string().nullable(),
});
export type TApprovalStep = z.infer<typeof ZApprovalStep>;

export const ZApprovalEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  round: z.number().int(),
  stepId: z.number().int().nullable(),
  action: ZApprovalAction,
  /** null for the system (escalations, stuck). */
  actor: ZApprovalPerson.nullable(),
  opinion: z.string().nullable(),
  /** Transfer: the new decider; cc: each person added. */
  targets: z.array(ZApprovalPerson),
  notes: z.array(ZApprovalNote),
});
export type TApprovalEvent = z.infer<typeof ZApprovalEvent>;

/** What the signed-in person may do now; the web shows exactly these actions. */
export const ZApprovalPermissions = z.object({
  canApprove: z.boolean(),
  canReject: z.boolean(),
  canReturn: z.boolean(),
  canTransfer: z.boolean(),
  canComment: z.boolean(),
  canCC: z.boolean(),
});
export type TApprovalPermissions = z.infer<typeof ZApprovalPermissions>;

export const ZApprovalSummary = z.object({
  id: z.number().int(),
  flow: z.string(),
  flowLabel: z.string(),
  title: z.string(),
  subject: z.object({ entity: z.string(), entityId: z.string() }),
  status: ZApprovalStatus,
  /** No decider could be found for the open step: admins have been told (they may transfer it). */
  stuck: z.boolean(),
  round: z.number().int(),
  requester: ZApprovalPerson,
  currentStep: z
    .object({ id: z.number().int(), label: z.string(), decider: ZApprovalPerson.nullable(), openedAt: z.string().nullable() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TApprovalSummary = z.infer<typeof ZApprovalSummary>;

export const ZApprovalDetail = ZApprovalSummary.extend({
  facts: z.record(z.string(), z.unknown()),
  /** The module page of the subject (e.g. the document), when the flow gives one. */
  subjectLink: z.string().nullable(),
  version: z.number().int(),
  steps: z.array(ZApprovalStep),
  history: z.array(ZApprovalEvent),
  watchers: z.array(ZApprovalPerson),
  permissions: ZApprovalPermissions,
});
export type TApprovalDetail = z.infer<typeof ZApprovalDetail>;

export const ZApprovalListQuery = ZPageQuery.extend({
  box: ZApprovalBox.default('waiting'),
  status: ZApprovalStatus.optional(),
  flow: z.string().trim().max(64).optional(),
});
export type TApprovalListQuery = z.input<typeof ZApprovalListQuery>;
export const ZApprovalPage = zPage(ZApprovalSummary);
export type TApprovalPage = z.infer<typeof ZApprovalPage>;

export const ZApprovalCounts = z.object({
  waiting: z.number().int(),
  submitted: z.number().int(),
  cc: z.number().int(),
  done: z.number().int(),
});
export type TApprovalCounts = z.infer<typeof ZApprovalCounts>;

const opinion = z.string().trim().max(2000);
const requiredOpinion = opinion.min(1);
const optionalOpinion = opinion.nullish().transform((v) => (v ? v : null));
/** The step the decider saw: a step that is no longer current answers 409. */
const stepId = ZId;

export const ZApproveInput = z.object({ stepId, opinion: optionalOpinion });
export type TApproveInput = z.input<typeof ZApproveInput>;
/** Reject (驳回) and return for changes (退回修改) need a reason. */
export const ZRejectInput = z.object({ stepId, opinion: requiredOpinion });
export type TRejectInput = z.input<typeof ZRejectInput>;
export const ZReturnInput = ZRejectInput;
export type TReturnInput = z.input<typeof ZReturnInput>;
export const ZCommentInput = z.object({ opinion: requiredOpinion });
export type TCommentInput = z.input<typeof ZCommentInput>;
export const ZTransferInput = z.object({ stepId, toId: ZId, opinion: optionalOpinion });
export type TTransferInput = z.input<typeof ZTransferInput>;
export const ZCcInput = z.object({ personIds: z.array(ZId).min(1).max(20), opinion: optionalOpinion });
export type TCcInput = z.input<typeof ZCcInput>;
