import { z } from 'zod';
import { ZId, ZPageQuery, zPage } from './common.ts';
import { ZExportFormat } from './imports.ts';
import { ZTaskPerson, ZTaskStatus } from './tasks.ts';

const date = z.iso.date();

/**
 * TSK-10 每周例会同步: `GET /api/tasks/weekly-report?week=YYYY-MM-DD&personId=|departmentId=`
 * (any day of the week, Monday–Sunday; default this week; neither id = the caller) gives the
 * counts — per section and per person; `GET /api/tasks/weekly-report/items?…&section=&ownerId=&page=`
 * a page of one section's tasks (a 200-person department has well over a thousand); the export
 * `GET /api/tasks/weekly-report/export?…&format=xlsx|csv` has every task of every section.
 */
export const ZTaskWeeklyQuery = z.object({
  week: date.optional(),
  personId: ZId.optional(),
  departmentId: ZId.optional(),
});
export type TTaskWeeklyQuery = z.input<typeof ZTaskWeeklyQuery>;
export const ZTaskWeeklyExportQuery = ZTaskWeeklyQuery.extend({ format: ZExportFormat.default('xlsx') });
export type TTaskWeeklyExportQuery = z.input<typeof ZTaskWeeklyExportQuery>;

/** done = accepted (已完成) within the week; inProgress = open and not overdue, with % and stage; overdue = 延期 with the latest reason; atRisk = TSK-8, a subset of inProgress. */
export const WEEKLY_SECTIONS = ['done', 'inProgress', 'overdue', 'atRisk'] as const;
export const ZTaskWeeklySection = z.enum(WEEKLY_SECTIONS);
export type TTaskWeeklySection = z.infer<typeof ZTaskWeeklySection>;

export const ZTaskWeeklyItemsQuery = ZPageQuery.extend(ZTaskWeeklyQuery.shape).extend({
  section: ZTaskWeeklySection,
  /** One person's tasks within a department report (a row of its per-person table). */
  ownerId: ZId.optional(),
});
export type TTaskWeeklyItemsQuery = z.input<typeof ZTaskWeeklyItemsQuery>;

export const ZTaskWeeklyItem = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  owner: ZTaskPerson,
  dueDate: z.string(),
  /** As the task list gives them (ALL-6): working days left while open and not late, and whether that count is 暂定. */
  workingDaysLeft: z.number().int().nullable(),
  workingDaysProvisional: z.boolean(),
  progress: z.number().int(),
  stage: z.string().nullable(),
  status: ZTaskStatus,
  overdueDays: z.number().int(),
  delayReason: z.string().nullable(),
  /** When it was accepted (done this week). */
  doneAt: z.string().nullable(),
});
export type TTaskWeeklyItem = z.infer<typeof ZTaskWeeklyItem>;

export const ZTaskWeeklyCounts = z.object({ done: z.number().int(), inProgress: z.number().int(), overdue: z.number().int(), atRisk: z.number().int() });
export type TTaskWeeklyCounts = z.infer<typeof ZTaskWeeklyCounts>;

export const ZTaskWeeklyPersonRow = ZTaskWeeklyCounts.extend({ person: ZTaskPerson });
export type TTaskWeeklyPersonRow = z.infer<typeof ZTaskWeeklyPersonRow>;

export const ZTaskWeeklyItemPage = zPage(ZTaskWeeklyItem);
export type TTaskWeeklyItemPage = z.infer<typeof ZTaskWeeklyItemPage>;

export const ZTaskWeeklyReport = z.object({
  from: z.string(),
  to: z.string(),
  subject: z.object({ kind: z.enum(['person', 'department']), id: z.number().int(), name: z.string() }),
  /** How many tasks each section holds. */
  totals: ZTaskWeeklyCounts,
  /** Per person: every active member of a department report (and any other owner of its tasks); the one person of a person report. */
  people: z.array(ZTaskWeeklyPersonRow),
});
export type TTaskWeeklyReport = z.infer<typeof ZTaskWeeklyReport>;

/**
 * `GET /api/tasks/overview`: the workbench chart 各部门任务概况 (UX.md "overdue by department") — per
 * department the caller oversees (ALL-7; the general manager every one), its open tasks, how many of
 * them are 延期 (TSK-4) and how many at risk (TSK-8). Empty for someone who oversees none.
 */
export const ZTaskOverview = z.object({
  departments: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
      atRisk: z.number().int(),
    }),
  ),
});
export type TTaskOverview = z.infer<typeof ZTaskOverview>;
