import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFileMeta } from '@opsdesk/contract';
import { PASSWORD, type Client, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { type FormPart, formData } from '../../../test/multipart.ts';

let t: TestApp;
let alice: Client;
beforeAll(async () => {
  t = await startTestApp();
  await makePerson(t.database, { username: 'alice', name: '王芳' });
  alice = await login(t.app, 'alice', PASSWORD);
});
afterAll(() => t.close());

const upload = async (part: Omit<Extract<FormPart, { filename: string }>, 'name'>) => {
  const form = formData([{ name: 'file', ...part }]);
  const res = await alice.post('/api/files', form.payload, form.headers);
  expect(res.statusCode).toBe(201);
  return res.json<TFileMeta>();
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const SANDBOX = "sandbox; default-src 'none'";

describe('inline preview is for PDF and raster images only', () => {
  it('an uploaded .html stays an attachment with nosniff and a sandbox CSP, even when asked inline', async () => {
    const meta = await upload({ filename: '通知.html', type: 'text/html', data: '<!doctype html><script>alert(document.cookie)</script>' });
    expect(meta).toMatchObject({ mimeType: 'text/html', previewable: false });
    for (const url of [`/api/files/${meta.id}?inline=1`, `/api/files/${meta.id}?inline=true`, `/api/files/${meta.id}`]) {
      const res = await alice.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe(SANDBOX);
    }
  });

  it('an uploaded .svg stays an attachment too (SVG can carry script)', async () => {
    const meta = await upload({ filename: '组织架构.svg', type: 'image/svg+xml', data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' });
    expect(meta).toMatchObject({ mimeType: 'image/svg+xml', previewable: false });
    const res = await alice.get(`/api/files/${meta.id}?inline=1`);
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(SANDBOX);
  });

  it('HTML claiming to be a PNG is not believed: stored as octet-stream, never inline', async () => {
    const meta = await upload({ filename: 'photo.png', type: 'image/png', data: '<html><script>alert(1)</script></html>' });
    expect(meta).toMatchObject({ mimeType: 'application/octet-stream', previewable: false });
    const res = await alice.get(`/api/files/${meta.id}?inline=1`);
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['content-type']).toBe('application/octet-stream');
  });

  it('a PDF previews inline (type sniffed from its bytes, whatever the upload said)', async () => {
    const meta = await upload({ filename: '员工考勤制度-V1.pdf', type: 'application/octet-stream', data: PDF });
    expect(meta).toMatchObject({ mimeType: 'application/pdf', previewable: true });
    const inline = await alice.get(`/api/files/${meta.id}?inline=1`);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['content-disposition']).toBe(`inline; filename="${'_'.repeat(6)}-V1.pdf"; filename*=UTF-8''${encodeURIComponent('员工考勤制度-V1.pdf')}`);
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.rawPayload.equals(PDF)).toBe(true);
    // Without ?inline=1 (or with inline=0) it downloads.
    expect((await alice.get(`/api/files/${meta.id}`)).headers['content-disposition']).toMatch(/^attachment; /);
    expect((await alice.get(`/api/files/${meta.id}?inline=0`)).headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('a PNG previews inline', async () => {
    const meta = await upload({ filename: '现场照片.png', type: 'image/png', data: PNG });
    expect(meta).toMatchObject({ mimeType: 'image/png', previewable: true });
    const res = await alice.get(`/api/files/${meta.id}?inline=1`);
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.equals(PNG)).toBe(true);
  });

  it('400 naming the field for a bad inline value', async () => {
    const meta = await upload({ filename: 'a.txt', type: 'text/plain', data: 'a' });
    const res = await alice.get(`/api/files/${meta.id}?inline=maybe`);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('inline');
  });
});
