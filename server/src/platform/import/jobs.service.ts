import { and, asc, count, eq, lt } from 'drizzle-orm';
import type { TImportErrorsPage, TImportJob, TImportKind, TPageQuery } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import type { AuthedCtx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { ImportKind } from './kinds.ts';
import { importText } from './messages.ts';
import { presentJob, presentRowError } from './presenters.ts';
import { importErrors, importJobs, importRows } from './schema.ts';

/** The first errors shown with the job; the rest are paged by /errors. */
export const FIRST_ERRORS = 50;
// Progress is written every batch (a second or so): a job silent this long lost its process.
const STALLED_MS = 10 * 60_000;

/** The caller's own job: another person's reads as "not found"; the kind's policy gives 403. */
export async function loadOwnJob(ctx: AuthedCtx, kinds: Map<TImportKind, ImportKind>, id: number) {
  const [job] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, id));
  const kind = job && kinds.get(job.kind);
  if (!job || !kind) throw new AppError('NOT_FOUND');
  if (!kind.canImport(ctx.actor)) throw new AppError('FORBIDDEN');
  if (job.createdBy !== ctx.actor.id) throw new AppError('NOT_FOUND');
  return { job, kind };
}

export async function getImport(ctx: AuthedCtx, kinds: Map<TImportKind, ImportKind>, id: number): Promise<TImportJob> {
  let { job } = await loadOwnJob(ctx, kinds, id);
  const stalledBefore = new Date(ctx.now.getTime() - STALLED_MS).toISOString();
  if (job.status === 'reading' && new Date(toIso(job.updatedAt)) < new Date(stalledBefore)) {
    const [failed] = await ctx.db
      .update(importJobs)
      .set({ status: 'failed', failure: importText('interrupted', job.locale), storedFile: null, updatedAt: ctx.now.toISOString() })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, 'reading'), lt(importJobs.updatedAt, stalledBefore)))
      .returning();
    if (failed) {
      await ctx.db.delete(importRows).where(eq(importRows.jobId, id));
      job = failed;
    }
  }
  const errors = await ctx.db
    .select()
    .from(importErrors)
    .where(eq(importErrors.jobId, id))
    .orderBy(asc(importErrors.rowNo), asc(importErrors.id))
    .limit(FIRST_ERRORS);
  return presentJob(job, errors.map(presentRowError));
}

export async function listImportErrors(
  ctx: AuthedCtx,
  kinds: Map<TImportKind, ImportKind>,
  id: number,
  query: TPageQuery,
): Promise<TImportErrorsPage> {
  await loadOwnJob(ctx, kinds, id);
  const [total] = await ctx.db.select({ n: count() }).from(importErrors).where(eq(importErrors.jobId, id));
  const rows = await ctx.db
    .select()
    .from(importErrors)
    .where(eq(importErrors.jobId, id))
    .orderBy(asc(importErrors.rowNo), asc(importErrors.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(presentRowError), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
