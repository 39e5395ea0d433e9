import type { Multipart, MultipartFile } from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { safeParse } from 'zod/v4/core';
import { ZFileUploadFields } from '@opsdesk/contract';
import { type AuthedCtx, mutate } from '../http/context.ts';
import { AppError, ValidationFailure, type ValidationIssue } from '../http/errors.ts';
import { getFileMeta } from './read.service.ts';
import { formatBytes } from '@opsdesk/contract';
import { cleanFileName, resolveMime } from './rules.ts';
import { files } from './schema.ts';
import type { FileVault, StoredBlob } from './vault.ts';

/** 400 "文件：必填": no part named `file` (or not multipart at all). */
export const fileRequired = () => new ValidationFailure([{ path: ['file'], code: 'invalid_type', input: undefined, message: 'required' }]);

function parseFields(fields: Record<string, string>) {
  const result = safeParse(ZFileUploadFields, fields, { reportInput: true });
  if (!result.success) throw new ValidationFailure(result.error.issues as unknown as ValidationIssue[]);
  return result.data;
}

/**
 * `POST /api/files`: streams the part named `file` into storage as it arrives — hashed, sniffed
 * and, when `secret` (DOC-4), encrypted on the way — then records the row and its audit (ALL-4).
 * Over `maxBytes` the upload stops at once and nothing is kept.
 */
export async function uploadFile(ctx: AuthedCtx, vault: FileVault, parts: AsyncIterable<Multipart>, maxBytes: number) {
  const tooLarge = () => new AppError('FILE_TOO_LARGE', 'file', { limit: formatBytes(maxBytes) });
  const fields: Record<string, string> = {};
  let upload: { part: MultipartFile; blob: StoredBlob; fileId: string } | undefined;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        // The storage was chosen when the file began; a later `secret` would come too late.
        if (upload && part.fieldname === 'secret') throw new ValidationFailure([{ path: ['secret'], code: 'custom', message: 'after file' }]);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || upload) {
        part.file.resume(); // not ours: let it flow past
        continue;
      }
      const { secret } = parseFields(fields);
      const fileId = randomUUID();
      // Busboy stops at the limit and marks the stream truncated: stop reading at once if we are
      // listening by then, and in any case refuse before committing the cut-off bytes.
      part.file.on('limit', () => part.file.destroy(tooLarge()));
      const accept = () => {
        if (part.file.truncated) throw tooLarge();
      };
      upload = { part, fileId, blob: await vault.store(part.file, { fileId, secret, accept }) };
    }
  } catch (err) {
    if (upload) await vault.discard(upload.blob);
    // The same limit hit on a part that was not ours, reported by @fastify/multipart.
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  if (!upload) throw fileRequired();

  const { part, blob, fileId } = upload;
  const row = {
    id: fileId,
    sha256: blob.sha256,
    size: blob.size,
    mimeType: resolveMime(blob.head, part.mimetype),
    fileName: cleanFileName(part.filename),
    secret: blob.secret,
    storageKey: blob.storageKey,
    wrappedKey: blob.keys?.wrappedKey ?? null,
    iv: blob.keys?.iv ?? null,
    authTag: blob.keys?.authTag ?? null,
    uploadedBy: ctx.actor.id,
    createdAt: ctx.now.toISOString(),
  };
  try {
    await mutate(ctx, async (tx, audit) => {
      await tx.insert(files).values(row);
      const { fileName, size, mimeType, secret, sha256 } = row;
      await audit({ entity: 'file', entityId: fileId, action: 'upload', after: { fileName, size, mimeType, secret, ...(secret ? {} : { sha256 }) } });
    });
  } catch (err) {
    await vault.discard(blob);
    throw err;
  }
  return getFileMeta(ctx, fileId);
}
