import { eq } from 'drizzle-orm';
import { ZFileIdParams } from '@opsdesk/contract';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { isFileOwnerType } from './policy.ts';
import { type FileRow, files } from './schema.ts';

/**
 * For modules, inside their own `mutate` transaction: the uploaded file now belongs to
 * `ownerType`/`ownerId`, and from here on that module's `canReadFile` decides who reads it.
 *
 * Only the person who uploaded a file may attach it, and only while it is unattached: otherwise
 * anyone who learnt a file id could attach it to an entity of theirs and read it through their
 * own module's check. A file already attached to this very entity passes unchanged (re-saving a
 * form is harmless).
 * A refused id is INVALID_REFERENCE naming `field`, as for any bad reference in a form.
 */
export async function attachFile(
  tx: Tx,
  fileId: string,
  ownerType: string,
  ownerId: string | number,
  by: { actor: Pick<Actor, 'id'>; field?: string },
): Promise<FileRow> {
  if (!isFileOwnerType(ownerType)) throw new Error(`attachFile: owner type "${ownerType}" has no registerFileAccess check`);
  const field = by.field ?? 'fileId';
  const owner = String(ownerId);
  if (!ZFileIdParams.shape.id.safeParse(fileId).success) throw new AppError('INVALID_REFERENCE', field);
  const [row] = await tx.select().from(files).where(eq(files.id, fileId)).for('update');
  if (row && row.ownerType === ownerType && row.ownerId === owner) return row;
  if (!row || row.ownerType !== null || row.uploadedBy !== by.actor.id) throw new AppError('INVALID_REFERENCE', field);
  const [attached] = await tx.update(files).set({ ownerType, ownerId: owner }).where(eq(files.id, fileId)).returning();
  return attached!;
}
