import { eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import type { TDocumentPermissions, TDocumentText } from '@opsdesk/contract';
import { type Disposition, dispositionFor } from '../../platform/files/rules.ts';
import { type FileRow, files } from '../../platform/files/schema.ts';
import type { FileVault } from '../../platform/files/vault.ts';
import { mutate } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { extractText } from './extract.ts';
import { documents } from './schema.ts';
import { type DocCtx, type DocumentRow, findVisible, summarize } from './store.ts';

export type ContentUse = 'view' | 'download' | 'text';

async function permitted(ctx: DocCtx, id: number, use: ContentUse): Promise<{ row: DocumentRow; file: FileRow; permissions: TDocumentPermissions }> {
  const row = await findVisible(ctx, id);
  const [summary] = await summarize(ctx, [row]);
  const permissions = summary!.permissions;
  const allowed = use === 'download' ? permissions.canDownload : permissions.canView;
  if (!allowed) throw new AppError('FORBIDDEN');
  if (!row.fileId) throw new AppError('NOT_FOUND');
  const [file] = await ctx.db.select().from(files).where(eq(files.id, row.fileId));
  if (!file) throw new AppError('NOT_FOUND');
  return { row, file, permissions };
}

/**
 * DOC-4 / ALL-4: every read of a secret document's content is audited (as view or download), after
 * the whole file has been checked against its GCM tag, so nothing forged is ever sent.
 */
async function auditRead(ctx: DocCtx, vault: FileVault, row: DocumentRow, file: FileRow, action: ContentUse): Promise<void> {
  if (!file.secret) return;
  const intact = await vault.verify(file);
  await mutate(ctx, (_tx, audit) =>
    audit({ entity: 'document', entityId: row.id, action: intact ? action : 'integrity_failed', note: { number: row.number, fileId: file.id, fileName: file.fileName } }),
  );
  if (!intact) throw new AppError('FILE_DAMAGED');
}

async function auditedOpen(ctx: DocCtx, vault: FileVault, row: DocumentRow, file: FileRow, action: ContentUse): Promise<Readable> {
  await auditRead(ctx, vault, row, file, action);
  try {
    return await vault.open(file);
  } catch (err) {
    throw Object.assign(new AppError('FILE_DAMAGED'), { cause: err });
  }
}

export interface OpenedContent {
  file: FileRow;
  disposition: Disposition;
  stream: Readable;
}

/**
 * `view`: the content inline, for PDFs and raster images only (anything else has no inline view:
 * 404) — served with the platform's sandboxing headers and no attachment name, so the browser shows
 * it and the web draws the watermark over it. `download`: as an attachment, only with canDownload
 * (DOC-4: outside a download-allowed loan a secret document is view-only).
 */
export async function openContent(ctx: DocCtx, vault: FileVault, id: number, use: 'view' | 'download'): Promise<OpenedContent> {
  const { row, file, permissions } = await permitted(ctx, id, use);
  if (use === 'view' && permissions.viewMode !== 'inline') throw new AppError('NOT_FOUND');
  const disposition = dispositionFor(file.mimeType, use === 'view');
  return { file, disposition, stream: await auditedOpen(ctx, vault, row, file, use) };
}

/**
 * The text of an Office (or PDF) file, for reading it view-only in the browser. An internal
 * document's text was extracted at upload; a secret one's is extracted now from the decrypted
 * content (it is never stored in the clear), and the read is audited.
 */
export async function documentText(ctx: DocCtx, vault: FileVault, id: number): Promise<TDocumentText> {
  const { row, file, permissions } = await permitted(ctx, id, 'text');
  if (!file.secret) {
    const [stored] = await ctx.db.select({ text: documents.contentText }).from(documents).where(eq(documents.id, row.id));
    return { text: stored?.text ?? '', truncated: false, watermark: permissions.watermark };
  }
  await auditRead(ctx, vault, row, file, 'text');
  const extracted = await extractText({ mimeType: file.mimeType, fileName: file.fileName, size: file.size }, () => vault.open(file));
  return { text: extracted?.text ?? '', truncated: extracted?.truncated ?? false, watermark: permissions.watermark };
}
