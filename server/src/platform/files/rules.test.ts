import { describe, expect, it } from 'vitest';
import { casKey, cleanFileName, contentDisposition, dispositionFor, downloadHeaders, normaliseMime, resolveMime, sniffMime } from './rules.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('type sniffing for the previewable formats', () => {
  it('recognises PDF, PNG, JPEG, GIF and WebP by their magic bytes', () => {
    expect(sniffMime(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMime(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
    expect(sniffMime(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMime(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffMime(bytes('GIF87a'))).toBe('image/gif');
    expect(sniffMime(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
  });
  it('recognises nothing else, short input included', () => {
    expect(sniffMime(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffMime(bytes('<!doctype html>'))).toBeNull();
    expect(sniffMime(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeNull();
    expect(sniffMime(bytes('%PD'))).toBeNull();
    expect(sniffMime(Buffer.alloc(0))).toBeNull();
  });
});

describe('the stored type', () => {
  it('normalises a declared type: lower case, no parameters, common aliases', () => {
    expect(normaliseMime('Text/HTML; charset=UTF-8')).toBe('text/html');
    expect(normaliseMime('image/jpg')).toBe('image/jpeg');
    expect(normaliseMime('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(normaliseMime('not a type')).toBeNull();
    expect(normaliseMime('')).toBeNull();
    expect(normaliseMime(undefined)).toBeNull();
  });
  it('believes the bytes for previewable formats, the uploader for the rest', () => {
    expect(resolveMime(bytes('%PDF-1.4'), 'application/octet-stream')).toBe('application/pdf');
    expect(resolveMime(bytes('hello'), 'text/plain; charset=utf-8')).toBe('text/plain');
    expect(resolveMime(bytes('<svg/>'), 'image/svg+xml')).toBe('image/svg+xml');
    expect(resolveMime(bytes('x'), 'garbage')).toBe('application/octet-stream');
  });
  it('does not believe a previewable type the bytes do not bear out (HTML named image/png)', () => {
    expect(resolveMime(bytes('<script>alert(1)</script>'), 'image/png')).toBe('application/octet-stream');
    expect(resolveMime(bytes('<html>'), 'application/pdf')).toBe('application/octet-stream');
  });
});

describe('file names', () => {
  it('keeps Chinese names, drops directories and control characters', () => {
    expect(cleanFileName('员工考勤制度-V1.pdf')).toBe('员工考勤制度-V1.pdf');
    expect(cleanFileName('C:\\Users\\张三\\合同.docx')).toBe('合同.docx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
  });
  it('never leaves an empty or dot name, and caps the length at 200 characters', () => {
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName(undefined)).toBe('file');
    expect(cleanFileName('dir/..')).toBe('file');
    expect([...cleanFileName('文'.repeat(300))]).toHaveLength(200);
  });
});

describe('disposition', () => {
  it('is inline only for PDF and raster images, and only when asked for', () => {
    for (const t of ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      expect(dispositionFor(t, true)).toBe('inline');
      expect(dispositionFor(t, false)).toBe('attachment');
    }
    for (const t of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/plain', 'application/octet-stream']) {
      expect(dispositionFor(t, true)).toBe('attachment');
    }
  });
  it('names the file with RFC 5987 filename* and an ASCII fallback', () => {
    expect(contentDisposition('attachment', '会议纪要（终稿）.pdf')).toBe(
      `attachment; filename="________.pdf"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81%EF%BC%88%E7%BB%88%E7%A8%BF%EF%BC%89.pdf`,
    );
  });
  it('escapes quotes, backslashes and the RFC 5987 specials', () => {
    expect(contentDisposition('inline', `a"b\\c'd(1)*.png`)).toBe(`inline; filename="a_b_c'd(1)*.png"; filename*=UTF-8''a%22b%5Cc%27d%281%29%2A.png`);
  });
  it('serves every file with nosniff and a sandboxing CSP; secret files are never cached', () => {
    const h = downloadHeaders({ mimeType: 'text/html', fileName: 'x.html', size: 5, secret: true }, 'attachment');
    expect(h).toMatchObject({
      'content-type': 'text/html',
      'content-length': '5',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    });
  });
});

describe('storage keys and sizes', () => {
  it('fans content-addressed keys out by the first two byte pairs', () => {
    const sha = 'abcdef'.padEnd(64, '0');
    expect(casKey(sha)).toBe(`cas/ab/cd/${sha}`);
  });
});
