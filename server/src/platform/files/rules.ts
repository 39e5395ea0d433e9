import { isPreviewable } from '@opsdesk/contract';

/** Bytes of the file's start the server keeps to recognise its type. */
export const SNIFF_BYTES = 16;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of the previewable formats, from their magic bytes (WHATWG MIME Sniffing §6). Only
 * these decide "inline", so a script disguised as an image by its name or declared type stays
 * an attachment.
 */
export function sniffMime(head: Uint8Array): string | null {
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

/** A declared type, lower-cased and without parameters; null when it is not a type at all. */
export function normaliseMime(declared: string | null | undefined): string | null {
  const bare = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MIME.test(bare)) return null;
  return ALIASES[bare] ?? bare;
}

/**
 * The stored type: the sniffed one for the formats we preview, else the uploader's. A declared
 * previewable type the bytes do not bear out is not believed.
 */
export function resolveMime(head: Uint8Array, declared: string | null | undefined): string {
  const sniffed = sniffMime(head);
  if (sniffed) return sniffed;
  const normal = normaliseMime(declared);
  if (!normal || isPreviewable(normal)) return 'application/octet-stream';
  return normal;
}

/** A file name fit to store and show: no directories, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | null | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
  const cleaned = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const chars = [...cleaned];
  const name = chars.length > 200 ? chars.slice(0, 200).join('') : cleaned;
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

export type Disposition = 'inline' | 'attachment';

/** Inline only when asked for and the type is one we preview; HTML, SVG and the rest download. */
export const dispositionFor = (mimeType: string, wantInline: boolean): Disposition =>
  wantInline && isPreviewable(mimeType) ? 'inline' : 'attachment';

/**
 * RFC 6266 with the RFC 5987 `filename*` for non-ASCII (Chinese) names, plus an ASCII
 * `filename` for clients that ignore it.
 */
export function contentDisposition(type: Disposition, fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The content-addressed key of an ordinary file: `cas/ab/cd/<sha256>` (two fan-out levels). */
export const casKey = (sha256: string) => `cas/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;


/**
 * The response headers of a file: the type as stored, never sniffed by the browser, and a CSP
 * sandbox so that even a document opened directly runs no script and loads nothing.
 */
export function downloadHeaders(file: { mimeType: string; fileName: string; size: number; secret: boolean }, disposition: Disposition) {
  return {
    'content-type': file.mimeType,
    'content-length': String(file.size),
    'content-disposition': contentDisposition(disposition, file.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': FILE_CSP,
    // A secret file must not linger in a shared browser cache or proxy.
    'cache-control': file.secret ? 'no-store' : 'private, no-cache',
  };
}
export const FILE_CSP = "sandbox; default-src 'none'";
