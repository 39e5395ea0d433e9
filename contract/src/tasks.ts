import { z } from 'zod';
import { ZId, ZPageQuery, zPage, zOptionalText as optionalText, zText as text } from './common.ts';

/**
 * 任务跟踪 (SPEC §1, TSK-1 … TSK-10): tasks with one owner, collaborators, milestones, a progress
 * timeline, delays, acceptance rounds through the approval chain, and the weekly report.
 */

/** TSK-4: the stored workflow status. */
export const TASK_WORKFLOW_STATUSES = ['not_started', 'in_progress', 'awaiting_acceptance', 'done'] as const;
export const ZTaskWorkflowStatus = z.enum(TASK_WORKFLOW_STATUSES);
export type TTaskWorkflowStatus = z.infer<typeof ZTaskWorkflowStatus>;

/**
 * TSK-4: the status people see: 未开始 · 进行中 · 待验收 · 已完成 · 延期. `overdue` (延期) is derived —
 * the due date has passed (company day) and the task is not done — so each task has exactly one.
 */
export const TASK_STATUSES = [...TASK_WORKFLOW_STATUSES, 'overdue'] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

/** ALL-7 quick scopes: 我负责的 · 我参与的 (collaborator, acceptor or creator, not owner) · 本部门 · 全部. */
export const TASK_SCOPES = ['mine', 'involved', 'department', 'all'] as const;
export const ZTaskScope = z.enum(TASK_SCOPES);
export type TTaskScope = z.infer<typeof ZTaskScope>;

/** Sort keys; a leading `-` sorts descending. Ties are broken by id. */
export const TASK_SORTS = ['dueDate', '-dueDate', 'startDate', '-startDate', 'number', '-number', 'progress', '-progress', 'updatedAt', '-updatedAt'] as const;
export const ZTaskSort = z.enum(TASK_SORTS);
export type TTaskSort = z.infer<typeof ZTaskSort>;

/** What a drop on a Kanban column means (TSK-4/TSK-9); `null` = not allowed. */
export type TTaskMove = 'start' | 'submit' | 'accept' | 'reject' | null;

/**
 * The Kanban rule, the same on both sides: 未开始 → 进行中 starts the task (TSK-7 / dependency
 * checks); 进行中 → 待验收 opens the submit dialog (TSK-9); 待验收 → 已完成 opens the accept dialog
 * and 待验收 → 进行中 the reject dialog (acceptor only, see permissions); 延期 is never a target;
 * nothing leaves 已完成. `from` is the stored status (an overdue card keeps its workflow status).
 */
export function taskMove(from: TTaskWorkflowStatus, to: TTaskStatus): TTaskMove {
  if (from === 'not_started' && to === 'in_progress') return 'start';
  if (from === 'in_progress' && to === 'awaiting_acceptance') return 'submit';
  if (from === 'awaiting_acceptance' && to === 'done') return 'accept';
  if (from === 'awaiting_acceptance' && to === 'in_progress') return 'reject';
  return null;
}

const date = z.iso.date();
const personRef = ZId;

export const ZTaskPerson = z.object({ id: z.number().int(), name: z.string() });
export type TTaskPerson = z.infer<typeof ZTaskPerson>;

/** TSK-2 协作者分工: who helps and with what. */
export const ZTaskCollaboratorInput = z.object({ personId: personRef, share: text(200) });
export type TTaskCollaboratorInput = z.input<typeof ZTaskCollaboratorInput>;
export const ZTaskCollaborator = z.object({ id: z.number().int(), name: z.string(), share: z.string() });
export type TTaskCollaborator = z.infer<typeof ZTaskCollaborator>;

/** TSK-1 milestones: name + date + done. `id` keeps an existing one when the list is saved again. */
export const ZTaskMilestoneInput = z.object({ id: ZId.optional(), name: text(100), date, done: z.boolean().default(false) });
export type TTaskMilestoneInput = z.input<typeof ZTaskMilestoneInput>;
export const ZTaskMilestone = z.object({ id: z.number().int(), name: z.string(), date: z.string(), done: z.boolean(), doneAt: z.string().nullable() });
export type TTaskMilestone = z.infer<typeof ZTaskMilestone>;

const taskFields = z.object({
  name: text(100),
  /** 目标描述: what is to be done. */
  description: optionalText(2000),
  /** TSK-3 交付成果 (required), e.g. 整理后的客户数据表. */
  deliverable: text(500),
  /** TSK-3 质量标准 (required), e.g. 无重复、字段完整率100%、异常数据已标注. */
  qualityStandard: text(500),
  /** TSK-2 唯一负责人. */
  ownerId: personRef,
  collaborators: z.array(ZTaskCollaboratorInput).max(30),
  startDate: date,
  dueDate: date,
  milestones: z.array(ZTaskMilestoneInput).max(30),
  /** 需求方/验收人: accepts the task (TSK-9); empty → the owner's head. Never the owner. */
  acceptorId: personRef.nullish().transform((v) => v ?? null),
  /** TSK-7 重大任务: needs riskNote and mitigationPlan before it starts. */
  major: z.boolean(),
  riskNote: optionalText(2000),
  mitigationPlan: optionalText(2000),
  remarks: optionalText(1000),
  /** Finish-to-start: this task cannot start before these are done (unless overridden with a reason). */
  predecessorIds: z.array(ZId).max(20),
});

/** `POST /api/tasks`. The number (TSK-1) and the department (the owner's) are set by the server. */
export const ZCreateTaskInput = taskFields.extend({
  collaborators: taskFields.shape.collaborators.default([]),
  milestones: taskFields.shape.milestones.default([]),
  major: taskFields.shape.major.default(false),
  predecessorIds: taskFields.shape.predecessorIds.default([]),
});
export type TCreateTaskInput = z.input<typeof ZCreateTaskInput>;

/**
 * `PATCH /api/tasks/:id`: only the fields given change; lists (collaborators, milestones,
 * predecessors) are replaced whole. `version` is the one the editor loaded (409 if stale).
 * A task more than 1 day overdue moves its due date only through a delay (TSK-6).
 */
export const ZUpdateTaskInput = taskFields.partial().extend({ version: z.number().int().min(1) });
export type TUpdateTaskInput = z.input<typeof ZUpdateTaskInput>;

/** TSK-5 one progress update. Posting the first one starts a not-started task (TSK-7 checks apply). */
export const ZTaskProgressInput = z.object({
  progress: z.number().int().min(0).max(100),
  /** 阶段, e.g. 已完成数据清洗. */
  stage: text(100),
  note: optionalText(2000),
  /** Starting before a predecessor is done needs a reason (recorded). */
  overrideReason: optionalText(500),
});
export type TTaskProgressInput = z.input<typeof ZTaskProgressInput>;

/** TSK-6 延期说明: reason and the adjusted plan (new due date, today or later); every one is kept. */
export const ZTaskDelayInput = z.object({ reason: text(1000), newDueDate: date });
export type TTaskDelayInput = z.input<typeof ZTaskDelayInput>;

/** `POST /api/tasks/:id/start` (Kanban 未开始 → 进行中). */
export const ZTaskStartInput = z.object({ overrideReason: optionalText(500) });
export type TTaskStartInput = z.input<typeof ZTaskStartInput>;

/** TSK-9 提交验收: the deliverable as an uploaded file (POST /api/files first) and/or a link. */
export const ZTaskSubmitInput = z.object({
  fileId: z.uuid().nullish().transform((v) => v ?? null),
  link: z
    .union([z.url({ protocol: /^https?$/ }).max(1000), z.literal('')])
    .nullish()
    .transform((v) => (v ? v : null)),
  note: optionalText(1000),
});
export type TTaskSubmitInput = z.input<typeof ZTaskSubmitInput>;

/** TSK-9 验收通过 with the 验收意见 (required). */
export const ZTaskAcceptInput = z.object({ opinion: text(2000) });
export type TTaskAcceptInput = z.input<typeof ZTaskAcceptInput>;
/** TSK-9 驳回 with the 修改要求 (required): the task goes back to 进行中. */
export const ZTaskRejectInput = z.object({ requirements: text(2000) });
export type TTaskRejectInput = z.input<typeof ZTaskRejectInput>;

/** `PATCH /api/tasks/:id/milestones/:milestoneId`: owner and collaborators tick a milestone off. */
export const ZTaskMilestoneDoneInput = z.object({ done: z.boolean() });
export type TTaskMilestoneDoneInput = z.input<typeof ZTaskMilestoneDoneInput>;

/**
 * What the signed-in person may do with this task now (STYLE: the web shows exactly these).
 * A refused action still answers with its error code, so a stale page learns why.
 */
export const ZTaskPermissions = z.object({
  /** Change the task's fields (creator, owner, acceptor, heads over it, GM); not once done. */
  canEdit: z.boolean(),
  /** TSK-5 owner and collaborators, while not done (TSK-6 may still ask for a delay first: see needsDelayReason). */
  canPostProgress: z.boolean(),
  /** TSK-6 the owner (or an editor) records a delay reason and new due date. */
  canDelay: z.boolean(),
  /** 未开始 → 进行中: owner or collaborators (TSK-7/dependencies may still block: see startBlockers). */
  canStart: z.boolean(),
  /** TSK-9 the owner, while 进行中. */
  canSubmit: z.boolean(),
  /** TSK-9 the current acceptor, while 待验收. */
  canAccept: z.boolean(),
  canReject: z.boolean(),
  /** Tick milestones done (owner, collaborators, editors). */
  canToggleMilestones: z.boolean(),
});
export type TTaskPermissions = z.infer<typeof ZTaskPermissions>;

export const ZTaskRef = z.object({ id: z.number().int(), number: z.string(), name: z.string(), status: ZTaskStatus, dueDate: z.string() });
export type TTaskRef = z.infer<typeof ZTaskRef>;

/** One row of the list, Kanban card, Gantt bar and calendar entry (the 任务跟踪表 columns and more). */
export const ZTaskListItem = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  owner: ZTaskPerson,
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  acceptor: ZTaskPerson.nullable(),
  collaborators: z.array(ZTaskCollaborator),
  startDate: z.string(),
  dueDate: z.string(),
  progress: z.number().int(),
  stage: z.string().nullable(),
  /** Derived (TSK-4): overdue wins over the workflow status. */
  status: ZTaskStatus,
  workflowStatus: ZTaskWorkflowStatus,
  /** Calendar days past the due date (0 when not overdue). */
  overdueDays: z.number().int(),
  /** Working days from today to the due date, today not counted (ALL-6); null when done or overdue. */
  workingDaysLeft: z.number().int().nullable(),
  /** The count reads a fallback year's days (no official holiday schedule yet): shown as 暂定. */
  workingDaysProvisional: z.boolean(),
  /** TSK-8 delay risk, computed by the same SQL as the filter. */
  atRisk: z.boolean(),
  major: z.boolean(),
  deliverable: z.string(),
  acceptanceOpinion: z.string().nullable(),
  remarks: z.string().nullable(),
  /** The latest delay reason (TSK-6), if any. */
  delayReason: z.string().nullable(),
  milestones: z.array(ZTaskMilestone),
  /** Finish-to-start predecessors (Gantt arrows). */
  predecessorIds: z.array(z.number().int()),
  updatedAt: z.string(),
  permissions: ZTaskPermissions,
});
export type TTaskListItem = z.infer<typeof ZTaskListItem>;

export const ZTaskProgressEntry = z.object({
  id: z.number().int(),
  /** Company date of the update. */
  date: z.string(),
  at: z.string(),
  progress: z.number().int(),
  stage: z.string(),
  note: z.string().nullable(),
  author: ZTaskPerson,
});
export type TTaskProgressEntry = z.infer<typeof ZTaskProgressEntry>;

export const ZTaskDelay = z.object({
  id: z.number().int(),
  at: z.string(),
  oldDueDate: z.string(),
  newDueDate: z.string(),
  reason: z.string(),
  author: ZTaskPerson,
});
export type TTaskDelay = z.infer<typeof ZTaskDelay>;

/** TSK-9 one submission and its decision; every round is kept. */
export const ZTaskAcceptanceRound = z.object({
  round: z.number().int(),
  submittedAt: z.string(),
  submittedBy: ZTaskPerson,
  file: z.object({ id: z.string(), fileName: z.string() }).nullable(),
  link: z.string().nullable(),
  note: z.string().nullable(),
  /** null while waiting. */
  decision: z.enum(['accepted', 'rejected']).nullable(),
  decidedBy: ZTaskPerson.nullable(),
  decidedAt: z.string().nullable(),
  /** 验收意见 when accepted, 修改要求 when rejected. */
  opinion: z.string().nullable(),
});
export type TTaskAcceptanceRound = z.infer<typeof ZTaskAcceptanceRound>;

/** A start before a predecessor was done (finish-to-start overridden), with its reason. */
export const ZTaskDependencyOverride = z.object({ at: z.string(), by: ZTaskPerson, reason: z.string(), predecessors: z.array(z.string()) });
export type TTaskDependencyOverride = z.infer<typeof ZTaskDependencyOverride>;

export const ZTask = ZTaskListItem.extend({
  description: z.string().nullable(),
  qualityStandard: z.string(),
  riskNote: z.string().nullable(),
  mitigationPlan: z.string().nullable(),
  creator: ZTaskPerson,
  createdAt: z.string(),
  version: z.number().int(),
  /** Where the task came from, e.g. a meeting resolution (MTG-10). */
  source: z.object({ type: z.string(), id: z.number().int(), label: z.string() }).nullable(),
  predecessors: z.array(ZTaskRef),
  successors: z.array(ZTaskRef),
  progressLog: z.array(ZTaskProgressEntry),
  delays: z.array(ZTaskDelay),
  acceptanceRounds: z.array(ZTaskAcceptanceRound),
  /** The approval request of the current (or last) acceptance, for /approvals/:id. */
  approvalId: z.number().int().nullable(),
  /** Who accepts if it were submitted now (acceptor, else the owner's head). */
  expectedAcceptor: ZTaskPerson.nullable(),
  dependencyOverrides: z.array(ZTaskDependencyOverride),
  /** TSK-8: why it is at risk — progress behind what the working time used asks for, and/or an undone milestone due within 2 working days; null when not at risk. */
  atRiskWhy: z
    .object({
      behind: z.object({ progress: z.number().int(), expected: z.number().int() }).nullable(),
      milestone: z.object({ name: z.string(), date: z.string() }).nullable(),
    })
    .nullable(),
  /** TSK-6: more than 1 day overdue without a delay since the due date passed → progress is refused until one is posted. */
  needsDelayReason: z.boolean(),
  /** What would stop a start now: TSK-7 missing risk note / mitigation plan; open predecessors. */
  startBlockers: z.object({ missingRiskPlan: z.boolean(), openPredecessors: z.array(ZTaskRef) }),
});
export type TTask = z.infer<typeof ZTask>;

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * `GET /api/tasks`: one scope tab, filters, sort, paging. `status=overdue` is the derived 延期;
 * a status filter takes one or several (comma-separated: `status=in_progress,overdue`). The
 * due-date calendar is this list with dueFrom/dueTo.
 */
export const ZTaskListQuery = ZPageQuery.extend({
  scope: ZTaskScope.default('mine'),
  ownerId: ZId.optional(),
  /** Includes sub-departments. */
  departmentId: ZId.optional(),
  status: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(ZTaskStatus).max(TASK_STATUSES.length))
    .optional(),
  dueFrom: date.optional(),
  dueTo: date.optional(),
  major: bool.optional(),
  atRisk: bool.optional(),
  /** Number, name or description; 2-character Chinese words use the search index. */
  q: z.string().trim().max(64).optional(),
  sort: ZTaskSort.default('dueDate'),
});
export type TTaskListQuery = z.input<typeof ZTaskListQuery>;
export const ZTaskPage = zPage(ZTaskListItem);
export type TTaskPage = z.infer<typeof ZTaskPage>;

/** `GET /api/tasks/counts` (same filters but status): per derived status, plus at-risk — tabs and Kanban headers. */
export const ZTaskCounts = z.object({
  not_started: z.number().int(),
  in_progress: z.number().int(),
  awaiting_acceptance: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  atRisk: z.number().int(),
  total: z.number().int(),
});
export type TTaskCounts = z.infer<typeof ZTaskCounts>;
export const ZTaskCountsQuery = ZTaskListQuery.omit({ page: true, pageSize: true, sort: true, status: true });
export type TTaskCountsQuery = z.input<typeof ZTaskCountsQuery>;

/** `GET /api/tasks/:id/history`: the change history (ALL-4 audit rows of this task); notes (e.g. a delay reason) appear as changes from null. */
export const ZTaskHistoryEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: ZTaskPerson.nullable(),
  action: z.string(),
  /** Changed fields: before → after, as stored (dates YYYY-MM-DD). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type TTaskHistoryEntry = z.infer<typeof ZTaskHistoryEntry>;

/** `GET /api/tasks/statuses?ids=1,2,3` (e.g. a meeting's resolutions, MTG-10): live status of visible tasks. */
export const ZTaskStatusesQuery = z.object({
  ids: z
    .string()
    .transform((v) => v.split(',').filter(Boolean).map(Number))
    .pipe(z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(200)),
});
export const ZTaskStatusItem = z.object({
  id: z.number().int(),
  number: z.string(),
  status: ZTaskStatus,
  progress: z.number().int(),
  dueDate: z.string(),
  ownerName: z.string(),
});
export type TTaskStatusItem = z.infer<typeof ZTaskStatusItem>;
