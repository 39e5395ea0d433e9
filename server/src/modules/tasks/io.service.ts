import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { ZTaskExportQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import { resolveScope, rowsOf } from '../../platform/access/scope.ts';
import type { ExportOptions } from '../../platform/export/export.ts';
import { dayOf as companyDayOf } from '../../platform/export/format.ts';
import { keysetRows } from '../../platform/export/keyset.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { people } from '../org/schema.ts';
import { personCellText } from '../../platform/import/cells.ts';
import { TASK_SHEET, STATUS_WORDS, progressText } from './io.rules.ts';
import { dayOf, taskWhere } from './queries.service.ts';
import { displayStatus } from './rules.ts';
import { tasks } from './schema.ts';
import { SORT_COLUMNS, orderOf } from './sql.ts';

export const TASK_SHEET_TITLE = '任务跟踪表';

interface ExportRow {
  id: number;
  number: string;
  name: string;
  ownerName: string;
  ownerNo: string | null;
  startDate: string;
  dueDate: string;
  progress: number;
  stage: string | null;
  status: (typeof tasks.$inferSelect)['status'];
  deliverable: string;
  acceptanceOpinion: string | null;
  remarks: string | null;
  sortKey: unknown;
}

type Query = z.output<typeof ZTaskExportQuery>;

/**
 * Keyset pages in the list's own order: `(sort column, id)` past the last row read, so each page
 * is one index range and the millionth row costs what the first did (OFFSET would rescan).
 */
function after(sort: Query['sort'], last: ExportRow | null): SQL | undefined {
  if (!last) return undefined;
  const column = SORT_COLUMNS[sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  return sort.startsWith('-') ? sql`(${column}, ${tasks.id}) < (${last.sortKey}, ${last.id})` : sql`(${column}, ${tasks.id}) > (${last.sortKey}, ${last.id})`;
}

/**
 * `GET /api/tasks/export`: the task list with the list's filters and order (same WHERE as
 * `GET /api/tasks`, so ALL-7 scopes apply), as the 任务跟踪表: progress as `70%(已完成数据清洗)`,
 * the status derived as on screen (TSK-4: 延期 when due and not done).
 */
export async function exportTasks(ctx: AuthedCtx, query: Query, timeZone: string): Promise<ExportOptions<ExportRow>> {
  const [scope, day] = await Promise.all([resolveScope(ctx.db, ctx.actor), dayOf(ctx)]);
  const where = await taskWhere(ctx, scope, query, day);
  // Namesakes get their employee number, so the sheet imports back to the same owners.
  const shared = new Set(
    rowsOf<{ name: string }>(await ctx.db.execute(sql`SELECT ${people.name} AS name FROM ${people} WHERE ${people.active} GROUP BY 1 HAVING count(*) > 1`)).map(
      (r) => r.name,
    ),
  );
  const sortColumn = SORT_COLUMNS[query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  const rows = keysetRows<ExportRow, ExportRow>(
    (last, limit) =>
      ctx.db
        .select({
          id: tasks.id,
          number: tasks.number,
          name: tasks.name,
          ownerName: people.name,
          ownerNo: people.employeeNo,
          startDate: tasks.startDate,
          dueDate: tasks.dueDate,
          progress: tasks.progress,
          stage: tasks.stage,
          status: tasks.status,
          deliverable: tasks.deliverable,
          acceptanceOpinion: tasks.acceptanceOpinion,
          remarks: tasks.remarks,
          sortKey: sortColumn,
        })
        .from(tasks)
        .innerJoin(people, eq(people.id, tasks.ownerId))
        .where(and(where, after(query.sort, last)))
        .orderBy(...orderOf(query.sort))
        .limit(limit),
    (r) => r,
  );
  const values: Record<(typeof TASK_SHEET)[number]['field'], (r: ExportRow) => string> = {
    number: (r) => r.number,
    name: (r) => r.name,
    owner: (r) => personCellText(r.ownerName, r.ownerNo, shared.has(r.ownerName)),
    startDate: (r) => r.startDate,
    dueDate: (r) => r.dueDate,
    progress: (r) => progressText(r.progress, r.stage),
    status: (r) => STATUS_WORDS[displayStatus(r, day.today)],
    deliverable: (r) => r.deliverable,
    acceptanceOpinion: (r) => r.acceptanceOpinion ?? '',
    remarks: (r) => r.remarks ?? '',
  };
  const widths: Partial<Record<(typeof TASK_SHEET)[number]['field'], number>> = { name: 28, progress: 24, status: 20, deliverable: 28, acceptanceOpinion: 24, remarks: 28 };
  return {
    format: query.format,
    filename: `${TASK_SHEET_TITLE}-${companyDayOf(ctx.now, timeZone).replace(/-/g, '')}`,
    sheetName: TASK_SHEET_TITLE,
    columns: TASK_SHEET.map((c) => ({
      header: c.header,
      value: values[c.field],
      width: widths[c.field] ?? 14,
      ...(c.field === 'startDate' || c.field === 'dueDate' ? { type: 'date' as const } : {}),
    })),
    rows,
    timeZone,
  };
}
