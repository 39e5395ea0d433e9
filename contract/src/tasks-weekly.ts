import { z } from 'zod';
import { ZId } from './common.ts';
import { ZExportFormat } from './imports.ts';
import { ZTaskPerson, ZTaskStatus } from './tasks.ts';

const date = z.iso.date();

/**
 * TSK-10 每周例会同步: `GET /api/tasks/weekly-report?week=YYYY-MM-DD&personId=|departmentId=`
 * (any day of the week, Monday–Sunday; default this week; neither id = the caller). Export:
 * `GET /api/tasks/weekly-report/export?…&format=xlsx|csv`.
 */
export const ZTaskWeeklyQuery = z.object({
  week: date.optional(),
  personId: ZId.optional(),
  departmentId: ZId.optional(),
});
export type TTaskWeeklyQuery = z.input<typeof ZTaskWeeklyQuery>;
export const ZTaskWeeklyExportQuery = ZTaskWeeklyQuery.extend({ format: ZExportFormat.default('xlsx') });
export type TTaskWeeklyExportQuery = z.input<typeof ZTaskWeeklyExportQuery>;

export const ZTaskWeeklyItem = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  owner: ZTaskPerson,
  dueDate: z.string(),
  progress: z.number().int(),
  stage: z.string().nullable(),
  status: ZTaskStatus,
  overdueDays: z.number().int(),
  delayReason: z.string().nullable(),
  /** When it was accepted (done this week). */
  doneAt: z.string().nullable(),
});
export type TTaskWeeklyItem = z.infer<typeof ZTaskWeeklyItem>;

export const ZTaskWeeklyPersonRow = z.object({
  person: ZTaskPerson,
  done: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
  atRisk: z.number().int(),
});
export type TTaskWeeklyPersonRow = z.infer<typeof ZTaskWeeklyPersonRow>;

export const ZTaskWeeklyReport = z.object({
  from: z.string(),
  to: z.string(),
  subject: z.object({ kind: z.enum(['person', 'department']), id: z.number().int(), name: z.string() }),
  /** Accepted (已完成) within the week. */
  done: z.array(ZTaskWeeklyItem),
  /** Open and not overdue, with % and stage. */
  inProgress: z.array(ZTaskWeeklyItem),
  /** 延期 with the latest delay reason. */
  overdue: z.array(ZTaskWeeklyItem),
  /** TSK-8 at risk (a subset of inProgress). */
  atRisk: z.array(ZTaskWeeklyItem),
  /** Per person (a department report; one row for a person report). */
  people: z.array(ZTaskWeeklyPersonRow),
});
export type TTaskWeeklyReport = z.infer<typeof ZTaskWeeklyReport>;
