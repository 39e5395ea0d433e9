import { z } from 'zod';
import { ZPageQuery, zPage } from './common.ts';
import { ZPeopleQuery } from './org.ts';

/**
 * Spreadsheet export and import, shared by every list (SPEC: "export of the list to .xlsx and
 * .csv in the layout of its template table; import of that same table … nothing written when
 * any row is invalid").
 *
 * Import flow for the web dialog:
 *   1. POST /api/imports/:kind (multipart, one part named `file`, .xlsx or .csv) → 202 TImportJob
 *      with status `reading`; the server reads the file in the background.
 *   2. Poll GET /api/imports/:id: `progress` grows (rows read; `percent` from bytes read) until
 *      status is `ready` (preview + first errors) or `failed` (`failure` says why).
 *   3. GET /api/imports/:id/errors?page= pages through every row error.
 *   4. POST /api/imports/:id/commit writes all rows in one transaction; refused (409) while any
 *      row has an error. GET /api/imports/:kind/template?format= downloads the empty template.
 */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS);
export type TExportFormat = z.infer<typeof ZExportFormat>;
export const ZExportQuery = z.object({ format: ZExportFormat.default('xlsx') });

/** What can be imported; each module adds its kind here and registers it on the server. */
export const IMPORT_KINDS = ['people', 'documents', 'tasks', 'meetings'] as const;
export const ZImportKind = z.enum(IMPORT_KINDS);
export type TImportKind = z.infer<typeof ZImportKind>;

export const IMPORT_STATUSES = ['reading', 'ready', 'failed', 'committed'] as const;
export const ZImportStatus = z.enum(IMPORT_STATUSES);
export type TImportStatus = z.infer<typeof ZImportStatus>;

/** One problem in one cell: `row` is the row number Excel shows (the header is row 1). */
export const ZImportRowError = z.object({
  row: z.number().int(),
  /** The column header as written in the file; null for a whole-row problem. */
  column: z.string().nullable(),
  field: z.string().nullable(),
  /** In the uploader's language, naming the column: "邮箱：邮箱格式不正确". */
  message: z.string(),
});
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const ZImportProgress = z.object({
  rowsRead: z.number().int(),
  /** Known once the whole file has been read. */
  rowsTotal: z.number().int().nullable(),
  bytesRead: z.number().int(),
  bytesTotal: z.number().int(),
  /** 0–100, for the progress bar (from bytes while reading; 100 when read). */
  percent: z.number().int(),
});
export type TImportProgress = z.infer<typeof ZImportProgress>;

export const ZImportPreviewRow = z.object({ row: z.number().int(), values: z.record(z.string(), z.string()) });

export const ZImportJob = z.object({
  id: z.number().int(),
  kind: ZImportKind,
  fileName: z.string(),
  format: ZExportFormat,
  status: ZImportStatus,
  progress: ZImportProgress,
  errorCount: z.number().int(),
  /** The first errors in row order (see /errors for the rest). */
  errors: z.array(ZImportRowError),
  /** Recognised headers, in file order, and the first rows as read. */
  columns: z.array(z.string()),
  preview: z.array(ZImportPreviewRow),
  /** Why the file could not be read (status `failed`), in the uploader's language. */
  failure: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  committedCount: z.number().int().nullable(),
});
export type TImportJob = z.infer<typeof ZImportJob>;

export const ZImportJobParams = z.object({ id: z.coerce.number().int().positive() });
export const ZImportKindParams = z.object({ kind: ZImportKind });
export const ZImportErrorsQuery = ZPageQuery;
export type TImportErrorsQuery = z.input<typeof ZImportErrorsQuery>;
export const ZImportErrorsPage = zPage(ZImportRowError);
export type TImportErrorsPage = z.infer<typeof ZImportErrorsPage>;

/** GET /api/people/export: the filters of GET /api/people, without paging. */
export const ZPeopleExportQuery = ZPeopleQuery.omit({ page: true, pageSize: true }).extend(ZExportQuery.shape);
export type TPeopleExportQuery = z.input<typeof ZPeopleExportQuery>;
