import { z } from 'zod';
import { ZExportQuery } from './imports.ts';
import { ZTaskListQuery } from './tasks.ts';

/**
 * 任务跟踪表 as a spreadsheet (SPEC §1 template). `GET /api/tasks/export`: the filters and order of
 * `GET /api/tasks`, without paging; the import is kind `tasks` of /api/imports.
 */
export const ZTaskExportQuery = ZTaskListQuery.omit({ page: true, pageSize: true }).extend(ZExportQuery.shape);
export type TTaskExportQuery = z.input<typeof ZTaskExportQuery>;
