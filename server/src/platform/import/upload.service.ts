import type { MultipartFile } from '@fastify/multipart';
import { and, eq, lt } from 'drizzle-orm';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TExportFormat, TImportJob, TImportKind } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import { formatBytes } from '@opsdesk/contract';
import { cleanFileName } from '../files/rules.ts';
import type { AuthedCtx } from '../http/context.ts';
import { AppError, ValidationFailure } from '../http/errors.ts';
import type { ImportKind } from './kinds.ts';
import { importText } from './messages.ts';
import { presentJob } from './presenters.ts';
import type { ImportRunner } from './runner.ts';
import { importJobs, importRows } from './schema.ts';

// A preview left uncommitted this long is dropped: its staged rows would only take space.
const STAGED_TTL_MS = 24 * 3600_000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface ImportDeps {
  config: Config;
  kinds: Map<TImportKind, ImportKind>;
  runner: ImportRunner;
}

export function kindFor(deps: Pick<ImportDeps, 'kinds'>, kind: TImportKind): ImportKind {
  const found = deps.kinds.get(kind);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

export const formatOf = (fileName: string): TExportFormat | null => {
  const ext = path.extname(fileName).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : null;
};

const fileRequired = () => new ValidationFailure([{ path: ['file'], code: 'invalid_type', input: undefined, message: 'required' }]);

/**
 * `POST /api/imports/:kind`: keeps the upload under filesDir/imports, records the job and starts
 * reading it in the background; the caller polls the job (202).
 */
export async function startImport(
  ctx: AuthedCtx,
  deps: ImportDeps,
  kindName: TImportKind,
  upload: () => Promise<MultipartFile | undefined>,
): Promise<TImportJob> {
  const kind = kindFor(deps, kindName);
  if (!kind.canImport(ctx.actor)) throw new AppError('FORBIDDEN');
  const part = await upload();
  if (!part) throw fileRequired();
  const fileName = cleanFileName(part.filename);
  const format = formatOf(fileName);
  if (!format) {
    part.file.resume(); // let the rest of the body flow past
    throw new AppError('IMPORT_FILE_TYPE', 'file');
  }
  const stored = await store(deps.config, part, format);

  await expireStale(ctx);
  const stamp = ctx.now.toISOString();
  const [job] = await ctx.db
    .insert(importJobs)
    .values({
      kind: kind.kind,
      status: 'reading',
      fileName,
      format,
      storedFile: stored.path,
      fileSha256: stored.sha256,
      bytesTotal: stored.bytes,
      locale: ctx.locale,
      createdBy: ctx.actor.id,
      createdAt: stamp,
      updatedAt: stamp,
    })
    .returning()
    .catch(async (err: unknown) => {
      await fs.promises.rm(stored.path, { force: true });
      throw err;
    });
  deps.runner.start(job!.id);
  return presentJob(job!, []);
}

/** Streams the part to disk, hashing on the way; refuses empty, oversized or non-zip ".xlsx". */
async function store(config: Config, part: MultipartFile, format: TExportFormat) {
  const dir = path.join(config.filesDir, 'imports');
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.${format}`);
  const hash = createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
      done(null, chunk);
    },
  });
  try {
    await pipeline(part.file, tap, fs.createWriteStream(file));
    if (part.file.truncated) throw new AppError('FILE_TOO_LARGE', 'file', { limit: formatBytes(config.maxUploadBytes) });
    if (bytes === 0) throw fileRequired();
    // An .xlsx is a zip; anything else (an old .xls, a renamed file) is refused at once.
    if (format === 'xlsx' && !head.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError('IMPORT_FILE_TYPE', 'file');
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return { path: file, bytes, sha256: hash.digest('hex') };
}

/**
 * Previews nobody committed within a day: the job says why and its staged rows go. The status
 * flips first, row by row, so a commit holding the job's lock is never emptied under it.
 */
async function expireStale(ctx: AuthedCtx) {
  const before = new Date(ctx.now.getTime() - STAGED_TTL_MS).toISOString();
  const stale = await ctx.db
    .select({ id: importJobs.id, locale: importJobs.locale })
    .from(importJobs)
    .where(and(eq(importJobs.status, 'ready'), lt(importJobs.updatedAt, before)));
  for (const job of stale) {
    const expired = await ctx.db
      .update(importJobs)
      .set({ status: 'failed', failure: importText('expired', job.locale), updatedAt: ctx.now.toISOString() })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'ready')))
      .returning({ id: importJobs.id });
    if (expired.length) await ctx.db.delete(importRows).where(eq(importRows.jobId, job.id));
  }
}
