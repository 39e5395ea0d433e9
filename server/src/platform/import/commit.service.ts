import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { TImportJob, TImportKind } from '@opsdesk/contract';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { ImportKind, StagedRow } from './kinds.ts';
import { getImport, loadOwnJob } from './jobs.service.ts';
import { type RowError, recordErrors } from './runner.ts';
import { cellError, mapHeader } from './rows.ts';
import { importJobs, importRows } from './schema.ts';

const BATCH = 1000;

/** Thrown inside the transaction to roll it back; the problems are recorded after. */
class StaleRows extends Error {
  constructor(readonly errors: RowError[]) {
    super('stale rows');
  }
}

/**
 * `POST /api/imports/:id/commit`: every staged row in ONE transaction, in multi-row batches, with
 * one audit row for the whole import — all or nothing (ALL-5: nothing half-saved; SPEC: nothing
 * written when any row is invalid). The database checks run again inside the transaction: the preview may be old.
 */
export async function commitImport(ctx: AuthedCtx, kinds: Map<TImportKind, ImportKind>, id: number): Promise<TImportJob> {
  const { job, kind } = await loadOwnJob(ctx, kinds, id);
  if (job.status !== 'ready') throw new AppError('IMPORT_NOT_READY');
  if (job.errorCount > 0) throw new AppError('IMPORT_HAS_ERRORS', undefined, { count: job.errorCount });
  try {
    await mutate(ctx, async (tx, audit) => {
      const [locked] = await tx.select().from(importJobs).where(eq(importJobs.id, id)).for('update');
      if (locked?.status !== 'ready' || locked.errorCount > 0) throw new AppError('IMPORT_NOT_READY');
      const prep = await kind.prepare(tx);
      const header = mapHeader(kind.columns, locked.columns);
      const problems: RowError[] = [];
      let inserted = 0;
      let firstId: number | null = null;
      let lastId: number | null = null;
      let after = 0;
      for (;;) {
        const page = await tx
          .select()
          .from(importRows)
          .where(and(eq(importRows.jobId, id), gt(importRows.rowNo, after)))
          .orderBy(asc(importRows.rowNo))
          .limit(BATCH);
        if (!page.length) break;
        after = page.at(-1)!.rowNo;
        const staged: StagedRow<unknown>[] = page.map((r) => ({ rowNo: r.rowNo, value: r.data }));
        const resolved = await kind.resolve(tx, staged, prep, locked.locale);
        for (const p of resolved.problems) problems.push({ rowNo: p.rowNo, ...cellError(header, p.field, p.message, locked.locale) });
        if (problems.length) continue; // keep checking, to report every row at once
        const ids = await kind.insert(tx, resolved.ready, ctx.now, ctx.actor);
        inserted += ids.length;
        for (const newId of ids) {
          firstId = firstId === null ? newId : Math.min(firstId, newId);
          lastId = lastId === null ? newId : Math.max(lastId, newId);
        }
      }
      if (problems.length) throw new StaleRows(problems);
      // Every row read must be written: anything else means the staging was tampered with.
      if (inserted !== locked.rowsTotal) throw new AppError('CONFLICT');
      await tx.delete(importRows).where(eq(importRows.jobId, id));
      await tx
        .update(importJobs)
        .set({ status: 'committed', committedAt: ctx.now.toISOString(), committedCount: inserted, updatedAt: ctx.now.toISOString() })
        .where(eq(importJobs.id, id));
      // ALL-4: one row for the import; the id range and the file's hash trace every record to it.
      await audit({
        entity: 'import',
        entityId: id,
        action: 'commit',
        note: {
          kind: kind.kind,
          entity: kind.entity,
          fileName: locked.fileName,
          fileSha256: locked.fileSha256,
          uploadedAt: locked.createdAt,
          rows: inserted,
          firstId,
          lastId,
        },
      });
    });
  } catch (err) {
    if (!(err instanceof StaleRows)) throw err;
    await recordErrors(ctx.db, id, err.errors);
    await ctx.db
      .update(importJobs)
      .set({ errorCount: sql`${importJobs.errorCount} + ${err.errors.length}`, updatedAt: ctx.now.toISOString() })
      .where(eq(importJobs.id, id));
    throw new AppError('IMPORT_HAS_ERRORS', undefined, { count: err.errors.length });
  }
  return getImport(ctx, kinds, id);
}
