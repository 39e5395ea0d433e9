import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fs from 'node:fs';
import type { $ZodType } from 'zod/v4/core';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../access/scope.ts';
import type { ImportKind, StagedRow } from './kinds.ts';
import { importText } from './messages.ts';
import { type CellError, type HeaderMap, cellError, isBlankRow, mapHeader, parseRow, pickFields, previewValues } from './rows.ts';
import { readSheet } from './read.ts';
import { importErrors, importJobs, importRows } from './schema.ts';

export const PREVIEW_ROWS = 20;
const INSERT_CHUNK = 1000;

type Job = typeof importJobs.$inferSelect;
export interface RowError extends CellError {
  rowNo: number;
}

/**
 * Reads uploaded sheets in the background, so the upload answers at once (202) and the web can
 * poll the job: each batch of rows is validated, checked against the database, staged, and the
 * progress written to the job row.
 */
export class ImportRunner {
  /** Rows per batch: parsed, checked against the database, staged, then reported as progress. */
  batchSize = 1000;
  /** Test hook: awaited after each progress write, so a test can look at a job mid-read. */
  onProgress: ((jobId: number, rowsRead: number) => Promise<void> | void) | null = null;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: { db: Db; config: Config; kinds: Map<string, ImportKind>; log: FastifyBaseLogger }) {}

  start(jobId: number): void {
    const run: Promise<void> = this.run(jobId)
      .catch((err: unknown) => this.deps.log.error({ err, jobId }, 'import job crashed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when no job is being read (tests; the app's close). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private stamp = () => this.deps.config.now().toISOString();

  private async run(jobId: number): Promise<void> {
    const { db } = this.deps;
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, jobId));
    const kind = job && this.deps.kinds.get(job.kind);
    if (!job || !kind || !job.storedFile) return;
    try {
      await this.read(job, kind, job.storedFile);
    } catch (err) {
      const csvLine = (err as { code?: string; lines?: number }).code?.startsWith('CSV_') ? (err as { lines?: number }).lines : undefined;
      if (!csvLine) this.deps.log.warn({ err, jobId }, 'import file unreadable');
      await this.fail(job, csvLine ? importText('badCsv', job.locale, { row: csvLine }) : importText('unreadable', job.locale));
    } finally {
      await fs.promises.rm(job.storedFile, { force: true });
    }
  }

  private async read(job: Job, kind: ImportKind, file: string): Promise<void> {
    const { db } = this.deps;
    const sheet = readSheet(file, job.format);
    const prep = await kind.prepare(db);
    let header: HeaderMap | null = null;
    let batch: { rowNo: number; cells: string[] }[] = [];
    const preview: Job['preview'] = [];
    let rowsRead = 0;
    let errorCount = 0;

    const flush = async () => {
      if (!header || !batch.length) return;
      errorCount += await this.checkBatch(job, kind, prep, header, batch);
      batch = [];
      await db
        .update(importJobs)
        .set({ rowsRead, bytesRead: sheet.bytesRead(), errorCount, preview, updatedAt: this.stamp() })
        .where(eq(importJobs.id, job.id));
      await this.onProgress?.(job.id, rowsRead);
    };

    for await (const { rowNo, cells } of sheet.rows) {
      if (isBlankRow(cells)) continue;
      if (!header) {
        // The first non-blank row holds the headers.
        header = mapHeader(kind.columns, cells);
        if (header.missing.length) return this.fail(job, importText('missingColumns', job.locale, { columns: header.missing.join(job.locale === 'zh-CN' ? '、' : ', ') }));
        await db.update(importJobs).set({ columns: header.headers }).where(eq(importJobs.id, job.id));
        continue;
      }
      rowsRead += 1;
      if (preview.length < PREVIEW_ROWS) preview.push({ row: rowNo, values: previewValues(header, cells) });
      batch.push({ rowNo, cells });
      if (batch.length >= this.batchSize) await flush();
    }
    await flush();
    if (!header || rowsRead === 0) return this.fail(job, importText('noRows', job.locale));
    errorCount += await this.duplicates(job, kind, header);
    await db
      .update(importJobs)
      .set({ status: 'ready', rowsRead, rowsTotal: rowsRead, bytesRead: job.bytesTotal, errorCount, preview, storedFile: null, updatedAt: this.stamp() })
      .where(eq(importJobs.id, job.id));
  }

  /** Per-row schema, then the kind's database checks; stages the rows that parsed. */
  private async checkBatch(job: Job, kind: ImportKind, prep: unknown, header: HeaderMap, batch: { rowNo: number; cells: string[] }[]) {
    const staged: StagedRow<unknown>[] = [];
    const errors: RowError[] = [];
    for (const { rowNo, cells } of batch) {
      const parsed = parseRow<unknown>(kind.row as unknown as $ZodType, header, pickFields(header, cells), job.locale);
      if ('value' in parsed) staged.push({ rowNo, value: parsed.value });
      else errors.push(...parsed.errors.map((e) => ({ ...e, rowNo })));
    }
    const { problems } = await kind.resolve(this.deps.db, staged, prep, job.locale);
    for (const p of problems) errors.push({ rowNo: p.rowNo, ...cellError(header, p.field, p.message, job.locale) });
    await stageRows(this.deps.db, job.id, staged);
    await recordErrors(this.deps.db, job.id, errors);
    return errors.length;
  }

  /** Cross-row check: a unique field repeated within the file, found by the database. */
  private async duplicates(job: Job, kind: ImportKind, header: HeaderMap): Promise<number> {
    const errors: RowError[] = [];
    for (const { field, ignoreCase } of kind.unique) {
      const value = sql`${importRows.data} ->> ${field}`;
      const key = ignoreCase ? sql`lower(${value})` : value;
      const groups = rowsOf<{ rows: number[]; values: string[] }>(
        await this.deps.db.execute(sql`
          SELECT array_agg(${importRows.rowNo} ORDER BY ${importRows.rowNo}) AS rows,
                 array_agg(${value} ORDER BY ${importRows.rowNo}) AS values
          FROM ${importRows}
          WHERE ${importRows.jobId} = ${job.id} AND coalesce(${value}, '') <> ''
          GROUP BY ${key} HAVING count(*) > 1`),
      );
      for (const group of groups) {
        const first = Number(group.rows[0]);
        group.rows.slice(1).forEach((rowNo, i) => {
          const text = importText('duplicateInFile', job.locale, { value: group.values[i + 1] ?? '', row: first });
          errors.push({ rowNo: Number(rowNo), ...cellError(header, field, text, job.locale) });
        });
      }
    }
    await recordErrors(this.deps.db, job.id, errors);
    return errors.length;
  }

  private async fail(job: Job, failure: string): Promise<void> {
    const { db } = this.deps;
    await db.delete(importRows).where(eq(importRows.jobId, job.id));
    await db.delete(importErrors).where(eq(importErrors.jobId, job.id));
    await db
      .update(importJobs)
      .set({ status: 'failed', failure, errorCount: 0, storedFile: null, updatedAt: this.stamp() })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'reading')));
  }
}

// Rows travel as ONE jsonb parameter per chunk: a thousand rows with a placeholder per value
// cost several times more to bind and parse (PGlite especially).
async function stageRows(db: Db, jobId: number, rows: StagedRow<unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ r: r.rowNo, d: r.value })));
    await db.execute(sql`
      INSERT INTO ${importRows} (job_id, row_no, data)
      SELECT ${jobId}, (e ->> 'r')::int, e -> 'd' FROM jsonb_array_elements(${json}::jsonb) AS e`);
  }
}

export async function recordErrors(db: Db, jobId: number, errors: RowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += INSERT_CHUNK) {
    const json = JSON.stringify(errors.slice(i, i + INSERT_CHUNK));
    await db.execute(sql`
      INSERT INTO ${importErrors} (job_id, row_no, "column", field, message)
      SELECT ${jobId}, x."rowNo", x."column", x.field, x.message
      FROM jsonb_to_recordset(${json}::jsonb) AS x("rowNo" int, "column" text, field text, message text)`);
  }
}

const runners = new WeakMap<FastifyInstance, ImportRunner>();

export function attachRunner(app: FastifyInstance, runner: ImportRunner): void {
  runners.set(app, runner);
}

/** The app's runner: tests set `batchSize`/`onProgress` and await `idle()`. */
export function importRunner(app: FastifyInstance): ImportRunner {
  const runner = runners.get(app);
  if (!runner) throw new Error('import routes are not registered on this app');
  return runner;
}
