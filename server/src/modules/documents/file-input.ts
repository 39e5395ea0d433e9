import { eq } from 'drizzle-orm';
import type { TSecrecy } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import { attachFile } from '../../platform/files/attach.ts';
import { files } from '../../platform/files/schema.ts';
import type { FileVault } from '../../platform/files/vault.ts';
import { AppError } from '../../platform/http/errors.ts';
import { extractText } from './extract.ts';
import type { DocCtx } from './store.ts';

export const FILE_OWNER_TYPE = 'document';

export interface PreparedFile {
  id: string;
  /** Extracted text for search; always null for a secret file (DOC-4: its text stays encrypted). */
  text: string | null;
}

/**
 * Before the transaction: the uploaded file must be the caller's own, not yet attached, and
 * stored the way the 密级 demands — a secret document's file encrypted (uploaded with
 * `secret=true`), an internal one's not. An internal file's text is extracted here, outside the
 * transaction; attachFile checks ownership again inside it.
 */
export async function prepareFile(ctx: DocCtx, vault: FileVault, fileId: string | null | undefined, secrecy: TSecrecy): Promise<PreparedFile | null> {
  if (!fileId) return null;
  const [row] = await ctx.db.select().from(files).where(eq(files.id, fileId));
  if (!row || row.ownerType !== null || row.uploadedBy !== ctx.actor.id) throw new AppError('INVALID_REFERENCE', 'fileId');
  if (row.secret !== (secrecy === 'secret')) throw new AppError('DOCUMENT_FILE_SECRECY', 'fileId');
  const extracted = row.secret ? null : await extractText({ mimeType: row.mimeType, fileName: row.fileName, size: row.size }, () => vault.open(row));
  return { id: row.id, text: extracted?.text ?? null };
}

/** Inside the transaction: the file now belongs to the document (DOC-3), read only through canReadFile. */
export const attachPrepared = (tx: Tx, ctx: DocCtx, file: PreparedFile, documentId: number) =>
  attachFile(tx, file.id, FILE_OWNER_TYPE, documentId, { actor: ctx.actor, field: 'fileId' });
