import { eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { people } from '../../modules/org/schema.ts';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { type FilePurpose, canReadFile } from './policy.ts';
import { presentFile } from './presenters.ts';
import { type Disposition, dispositionFor } from './rules.ts';
import { type FileRow, files } from './schema.ts';
import type { FileVault } from './vault.ts';

/** The row, if this person may read it for `purpose`; else "not found", so "not yours" looks the same (ALL-7). */
async function loadReadable(ctx: AuthedCtx, id: string, purpose: FilePurpose) {
  const [row] = await ctx.db
    .select({ file: files, uploadedByName: people.name })
    .from(files)
    .leftJoin(people, eq(people.id, files.uploadedBy))
    .where(eq(files.id, id));
  if (!row || !(await canReadFile(ctx, row.file, purpose))) throw new AppError('NOT_FOUND');
  return { ...row.file, uploadedByName: row.uploadedByName };
}

export async function getFileMeta(ctx: AuthedCtx, id: string) {
  return presentFile(await loadReadable(ctx, id, 'meta'));
}

export interface OpenedFile {
  file: FileRow;
  disposition: Disposition;
  stream: Readable;
}

/**
 * `GET /api/files/:id`: the content as a stream. A secret file (DOC-4) is first checked whole
 * against its GCM tag, and every read of one is audited (ALL-4) — as `view` when shown inline.
 */
export async function openFile(ctx: AuthedCtx, vault: FileVault, id: string, wantInline: boolean): Promise<OpenedFile> {
  const file = await loadReadable(ctx, id, 'content');
  const disposition = dispositionFor(file.mimeType, wantInline);
  if (file.secret) {
    const intact = await vault.verify(file);
    await mutate(ctx, (_tx, audit) =>
      audit({
        entity: 'file',
        entityId: file.id,
        action: intact ? (disposition === 'inline' ? 'view' : 'download') : 'integrity_failed',
        note: { fileName: file.fileName },
      }),
    );
    if (!intact) throw new AppError('FILE_DAMAGED');
  }
  try {
    return { file, disposition, stream: await vault.open(file) };
  } catch (err) {
    // A missing blob or an unwrappable key: the row is there, the bytes are not readable.
    throw Object.assign(new AppError('FILE_DAMAGED'), { cause: err });
  }
}
