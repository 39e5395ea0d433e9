import type { TTaskCollaborator, TTaskListItem, TTaskMilestone, TTaskPermissions, TTaskRef } from '@opsdesk/contract';
import { toIso } from '../../platform/calendar/zone.ts';
import { displayStatus, overdueDays } from './rules.ts';
import type { TaskAccessFacts } from './policy.ts';
import type { tasks } from './schema.ts';
import type { TaskDay } from './sql.ts';

export type TaskColumns = Omit<typeof tasks.$inferSelect, 'searchTokens'>;
/** The columns a list row reads (queries.service.ts listColumns). */
export type TaskListColumns = Pick<
  TaskColumns,
  | 'id' | 'number' | 'name' | 'ownerId' | 'departmentId' | 'creatorId' | 'acceptorId' | 'startDate' | 'dueDate' | 'progress' | 'stage' | 'status' | 'major'
  | 'deliverable' | 'acceptanceOpinion' | 'remarks' | 'delayReason' | 'updatedAt'
>;

/** A task row as the list query reads it: the row, the names around it, and TSK-8 from SQL. */
export interface TaskListRow<Task extends TaskListColumns = TaskListColumns> {
  task: Task;
  ownerName: string;
  departmentName: string | null;
  acceptorName: string | null;
  atRisk: boolean;
  /** Working days left to the due date (sql.ts workingDaysLeftSql). */
  workingDaysLeft: number | null;
  collaborators: TTaskCollaborator[];
  /** As the database's JSON gives it: done_at not yet in ISO form. */
  milestones: { id: number; name: string; date: string; done: boolean; doneAt: string | null }[];
  predecessorIds: number[];
  /** The open acceptance step's decider while the task waits for acceptance (TSK-9). */
  deciderId: number | null;
  /** Deciders and CCs of its acceptance approval (who may see it, ALL-7). */
  approvalPeopleIds: number[];
}

/** What the ALL-7 and TSK checks of policy.ts read of a list row (named fields: a spread of the whole row costs more than the rest of the row's presentation). */
export const accessFacts = (row: TaskListRow): TaskAccessFacts => ({
  status: row.task.status,
  ownerId: row.task.ownerId,
  creatorId: row.task.creatorId,
  acceptorId: row.task.acceptorId,
  departmentId: row.task.departmentId,
  collaboratorIds: row.collaborators.map((c) => c.id),
  currentDeciderId: row.deciderId,
  approvalPeopleIds: row.approvalPeopleIds,
});

/** ALL-6 working days left as a list or the weekly report shows them: the count (from workingDaysLeftSql), and 暂定 when it reaches a year without its official schedule. */
export function workingDays(left: number | string | null, dueDate: string, day: TaskDay): { workingDaysLeft: number | null; workingDaysProvisional: boolean } {
  return { workingDaysLeft: left === null ? null : Number(left), workingDaysProvisional: left !== null && dueDate >= day.provisionalFrom };
}

/** What leaves the server about a task in a list, a Kanban card or a Gantt bar. */
export function presentListItem(row: TaskListRow, permissions: TTaskPermissions, day: TaskDay): TTaskListItem {
  const t = row.task;
  return {
    id: t.id,
    number: t.number,
    name: t.name,
    owner: { id: t.ownerId, name: row.ownerName },
    department: t.departmentId === null || row.departmentName === null ? null : { id: t.departmentId, name: row.departmentName },
    acceptor: t.acceptorId === null || row.acceptorName === null ? null : { id: t.acceptorId, name: row.acceptorName },
    collaborators: row.collaborators,
    startDate: t.startDate,
    dueDate: t.dueDate,
    progress: t.progress,
    stage: t.stage,
    status: displayStatus(t, day.today),
    workflowStatus: t.status,
    overdueDays: overdueDays(t, day.today),
    atRisk: Boolean(row.atRisk),
    ...workingDays(row.workingDaysLeft, t.dueDate, day),
    major: t.major,
    deliverable: t.deliverable,
    acceptanceOpinion: t.acceptanceOpinion,
    remarks: t.remarks,
    delayReason: t.delayReason,
    milestones: row.milestones.map(presentMilestone),
    predecessorIds: row.predecessorIds,
    updatedAt: toIso(t.updatedAt),
    permissions,
  };
}

export const presentRef = (t: Pick<TaskColumns, 'id' | 'number' | 'name' | 'status' | 'dueDate'>, day: TaskDay): TTaskRef => ({
  id: t.id,
  number: t.number,
  name: t.name,
  status: displayStatus(t, day.today),
  dueDate: t.dueDate,
});

export const presentMilestone = (m: { id: number; name: string; date: string; done: boolean; doneAt: string | null }): TTaskMilestone => ({
  id: m.id,
  name: m.name,
  date: m.date,
  done: m.done,
  doneAt: m.doneAt === null ? null : toIso(m.doneAt),
});
