import { z } from 'zod';

/**
 * Types the browser may show inline (预览). Everything else — SVG and HTML included, which can
 * carry script — is always served as an attachment.
 */
export const PREVIEW_MIME_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const isPreviewable = (mimeType: string) => (PREVIEW_MIME_TYPES as readonly string[]).includes(mimeType);

/** An uploaded file as the web sees it; storage location and keys never leave the server. */
export const ZFileMeta = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  /** SHA-256 of the content; withheld (null) for secret files, where it would confirm a guess. */
  sha256: z.string().nullable(),
  /** DOC-4 密级 秘密: encrypted at rest, every read audited. */
  secret: z.boolean(),
  /** The module entity the file belongs to; null until the module attaches it. */
  ownerType: z.string().nullable(),
  ownerId: z.string().nullable(),
  uploadedBy: z.number().int(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  /** `GET /api/files/:id?inline=1` shows it in the browser (PDF and raster images only). */
  previewable: z.boolean(),
});
export type TFileMeta = z.infer<typeof ZFileMeta>;

/**
 * The text fields of `POST /api/files` (multipart/form-data). The file itself is the part named
 * `file`. `secret` must come before the file part, as FormData sends fields in append order:
 * the server picks plain or encrypted storage before the first byte arrives.
 */
export const ZFileUploadFields = z.object({
  secret: z.stringbool().default(false),
});
export type TFileUploadFields = z.input<typeof ZFileUploadFields>;

export const ZFileIdParams = z.object({ id: z.uuid() });

export const ZFileDownloadQuery = z.object({
  /** `1`: show in the browser when the type allows it (see PREVIEW_MIME_TYPES). */
  inline: z.stringbool().optional(),
});
export type TFileDownloadQuery = z.input<typeof ZFileDownloadQuery>;
