// What modules use: register a flow at start, submit (and resubmit) inside their own transaction.
export { type ApprovalRequestView, type DecisionMeta, type FlowDefinition, type StepDefinition, registerFlow } from './flows.ts';
export { type DeciderRule, type DepartmentRef, type StepCondition, factAbove } from './rules.ts';
export { type ResubmitApprovalInput, type SubmitApprovalInput, resubmitApproval, submitApproval } from './submit.service.ts';
