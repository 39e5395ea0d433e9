import type { TApprovalStatus, TLocale } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import type { DeciderRule, StepCondition } from './rules.ts';

export type Label = Record<TLocale, string>;

export interface StepDefinition {
  /** Stable within the flow, e.g. `head`, `archivist`. */
  key: string;
  label: Label;
  /** Resolved when the step opens; a function picks the rule from the request's facts (MTG-9: the meeting's host). */
  decider: DeciderRule | ((facts: Record<string, unknown>) => DeciderRule);
  /** A conditional step, e.g. `{ secret: true }` → the division leader too (DOC-5). */
  when?: StepCondition;
}

/** A request as the module sees it in its callbacks. */
export interface ApprovalRequestView {
  id: number;
  flow: string;
  subject: { entity: string; entityId: string };
  title: string;
  facts: Record<string, unknown>;
  requesterId: number;
  status: TApprovalStatus;
  round: number;
}

export interface DecisionMeta {
  now: Date;
  /** The decider; null when no step applied and the request was approved as submitted. */
  actorId: number | null;
  opinion: string | null;
}

export interface FlowDefinition {
  /** e.g. `doc.borrow`, `res.request`, `task.acceptance`, `meeting.minutes`. */
  type: string;
  label: Label;
  /** In order; conditional steps are kept or left out per round, from the facts submitted. */
  steps: StepDefinition[];
  /** The module page of the subject, shown beside the approval. */
  subjectLink?: (subject: { entity: string; entityId: string }) => string;
  /** Final approve or reject: runs in the decision's transaction, so the module's entity moves with it. */
  onDecided?: (tx: Tx, request: ApprovalRequestView, outcome: 'approved' | 'rejected', meta: DecisionMeta) => Promise<void>;
  /** Returned for changes (退回修改): the module reopens its item; it may resubmit later (a new round). */
  onReturned?: (tx: Tx, request: ApprovalRequestView, meta: DecisionMeta) => Promise<void>;
}

const flows = new Map<string, FlowDefinition>();

/** Modules register their flows once at start (registering the same definition again is harmless). */
export function registerFlow(flow: FlowDefinition): void {
  const existing = flows.get(flow.type);
  if (existing && existing !== flow) throw new Error(`approval flow ${flow.type} is already registered`);
  if (!flow.steps.length) throw new Error(`approval flow ${flow.type} has no steps`);
  const keys = new Set(flow.steps.map((s) => s.key));
  if (keys.size !== flow.steps.length) throw new Error(`approval flow ${flow.type} repeats a step key`);
  flows.set(flow.type, flow);
}

export const findFlow = (type: string): FlowDefinition | undefined => flows.get(type);

export function getFlow(type: string): FlowDefinition {
  const flow = flows.get(type);
  if (!flow) throw new Error(`approval flow ${type} is not registered`);
  return flow;
}

export const flowLabel = (type: string, locale: TLocale) => flows.get(type)?.label[locale] ?? type;
