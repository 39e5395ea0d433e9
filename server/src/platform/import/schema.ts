import { bigint, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { TExportFormat, TImportKind, TImportStatus, TLocale } from '@opsdesk/contract';
import { people } from '../../modules/org/schema.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** One uploaded spreadsheet: read in the background, previewed, then committed all at once. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<TImportKind>().notNull(),
    status: text('status').$type<TImportStatus>().notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').$type<TExportFormat>().notNull(),
    /** Where the upload waits until it has been read (under config.filesDir/imports); null after. */
    storedFile: text('stored_file'),
    fileSha256: text('file_sha256').notNull(),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull(),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsTotal: integer('rows_total'),
    errorCount: integer('error_count').notNull().default(0),
    /** Row errors are written in the uploader's language. */
    locale: text('locale').$type<TLocale>().notNull(),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    preview: jsonb('preview').$type<{ row: number; values: Record<string, string> }[]>().notNull().default([]),
    failure: text('failure'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
    committedAt: stamp('committed_at'),
    committedCount: integer('committed_count'),
  },
  (t) => [index('import_jobs_created_by').on(t.createdBy, t.createdAt)],
);

/** Rows that passed the per-row checks, staged as parsed values until the commit writes them. */
export const importRows = pgTable(
  'import_rows',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    /** The row number Excel shows. */
    rowNo: integer('row_no').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNo] })],
);

export const importErrors = pgTable(
  'import_errors',
  {
    id: serial('id').primaryKey(),
    jobId: integer('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    rowNo: integer('row_no').notNull(),
    column: text('column'),
    field: text('field'),
    message: text('message').notNull(),
  },
  (t) => [index('import_errors_job_row').on(t.jobId, t.rowNo, t.id)],
);
