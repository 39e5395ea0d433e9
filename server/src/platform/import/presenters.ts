import type { TImportJob, TImportRowError } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import type { importErrors, importJobs } from './schema.ts';

type JobRow = typeof importJobs.$inferSelect;

export const presentRowError = (e: typeof importErrors.$inferSelect): TImportRowError => ({
  row: e.rowNo,
  column: e.column,
  field: e.field,
  message: e.message,
});

/** What the import dialog sees; the stored file's location stays on the server. */
export function presentJob(job: JobRow, errors: TImportRowError[]): TImportJob {
  const reading = job.status === 'reading';
  // While reading, bytes are the only measure of the whole; 100 % waits for the last check.
  const percent = reading ? Math.min(99, Math.floor((job.bytesRead * 100) / Math.max(job.bytesTotal, 1))) : 100;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    format: job.format,
    status: job.status,
    progress: { rowsRead: job.rowsRead, rowsTotal: job.rowsTotal, bytesRead: job.bytesRead, bytesTotal: job.bytesTotal, percent },
    errorCount: job.errorCount,
    errors,
    columns: job.columns,
    preview: job.preview,
    failure: job.failure,
    createdAt: toIso(job.createdAt),
    committedAt: job.committedAt ? toIso(job.committedAt) : null,
    committedCount: job.committedCount,
  };
}
