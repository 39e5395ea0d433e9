import { type TFileMeta, isPreviewable } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import type { FileRow } from './schema.ts';

/** What leaves the server about a file: never its storage key or key material. */
export function presentFile(row: FileRow & { uploadedByName: string | null }): TFileMeta {
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    mimeType: row.mimeType,
    sha256: row.secret ? null : row.sha256,
    secret: row.secret,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    uploadedBy: row.uploadedBy,
    uploadedByName: row.uploadedByName,
    createdAt: toIso(row.createdAt),
    previewable: isPreviewable(row.mimeType),
  };
}
