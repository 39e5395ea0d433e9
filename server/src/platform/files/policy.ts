import type { AuthedCtx } from '../http/context.ts';
import type { FileRow } from './schema.ts';

/** `meta`: that the file exists, its name and size; `content`: its bytes. */
export type FilePurpose = 'meta' | 'content';

/**
 * A module's answer to "may this person read the files of this entity of mine?". A documents
 * module, say, answers `meta` for anyone who may know a secret document exists and `content`
 * only for its owner, the archivist or a current loan (DOC-5).
 */
export type CanReadFile = (ctx: AuthedCtx, ownerType: string, ownerId: string, purpose: FilePurpose) => boolean | Promise<boolean>;

const checks = new Map<string, CanReadFile>();

/** Called by a module when its routes are registered, once per owner type it attaches files to. */
export function registerFileAccess(ownerType: string, canReadFile: CanReadFile): void {
  checks.set(ownerType, canReadFile);
}

export const isFileOwnerType = (ownerType: string) => checks.has(ownerType);

/**
 * ALL-7/DOC-4: an unattached file belongs to its uploader alone; an attached one is readable as
 * its owner module decides. No role reads past that — the system administrator included — and
 * an owner type nobody registered reads as nothing. Callers answer "not found" on false.
 */
export async function canReadFile(ctx: AuthedCtx, file: Pick<FileRow, 'ownerType' | 'ownerId' | 'uploadedBy'>, purpose: FilePurpose): Promise<boolean> {
  if (file.ownerType === null || file.ownerId === null) return file.uploadedBy === ctx.actor.id;
  const check = checks.get(file.ownerType);
  return check ? (await check(ctx, file.ownerType, file.ownerId, purpose)) === true : false;
}
