import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry, TFileMeta } from '@opsdesk/contract';
import { PASSWORD, type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { formData } from '../../../test/multipart.ts';
import { unwrapKey } from './crypto.ts';
import { registerFileAccess } from './policy.ts';
import { files } from './schema.ts';

let t: TestApp;
let alice: Client; // uploads
let carol: Client; // granted the content of test documents
let dave: Client; // may know they exist (meta only)
let auditor: Client;
const contentGrants = new Set<number>();
const metaGrants = new Set<number>();

beforeAll(async () => {
  t = await startTestApp();
  for (const [username, name] of [['alice', '王芳'], ['carol', '赵敏'], ['dave', '周杰']] as const) await makePerson(t.database, { username, name });
  await makePerson(t.database, { username: 'auditor', name: '孙丽', roles: ['auditor'] });
  [alice, carol, dave, auditor] = await Promise.all([login(t.app, 'alice', PASSWORD), login(t.app, 'carol', PASSWORD), login(t.app, 'dave', PASSWORD), login(t.app, 'auditor', PASSWORD)]);
  contentGrants.add(carol.userId);
  metaGrants.add(dave.userId);
  // Stands in for a module such as documents (DOC-5): existence for some, content for fewer.
  registerFileAccess('test_doc', (ctx, _type, _id, purpose) =>
    purpose === 'meta' ? contentGrants.has(ctx.actor.id) || metaGrants.has(ctx.actor.id) : contentGrants.has(ctx.actor.id));
});
afterAll(() => t.close());

const PLAINTEXT = 'HT-SX-20230920 A公司产品销售合同：合同金额人民币 3,800,000 元，付款方式为分三期支付。'.repeat(20);

async function uploadSecret(data: string | Buffer = PLAINTEXT, filename = 'A公司产品销售合同.txt', type = 'text/plain') {
  const form = formData([{ name: 'secret', value: 'true' }, { name: 'file', filename, type, data }]);
  const res = await alice.post('/api/files', form.payload, form.headers);
  expect(res.statusCode).toBe(201);
  return res.json<TFileMeta>();
}
const rowOf = async (id: string) => (await t.database.db.select().from(files).where(eq(files.id, id)))[0]!;
const blobPath = (storageKey: string) => path.join(t.config.filesDir, ...storageKey.split('/'));
const auditOf = async (id: string) => (await auditor.get(`/api/audit?entity=file&entityId=${id}`)).json().items as TAuditEntry[];

describe('DOC-4 secret files are encrypted at rest', () => {
  it('stores ciphertext under secret/<random>: the plaintext is not on disk, and it decrypts back', async () => {
    const meta = await uploadSecret();
    expect(meta).toMatchObject({ secret: true, sha256: null, size: Buffer.byteLength(PLAINTEXT), mimeType: 'text/plain' });
    const row = await rowOf(meta.id);
    expect(row.storageKey).toMatch(/^secret\/[0-9a-f]{32}$/);
    const onDisk = fs.readFileSync(blobPath(row.storageKey));
    expect(onDisk.length).toBe(Buffer.byteLength(PLAINTEXT));
    expect(onDisk.includes(Buffer.from(PLAINTEXT))).toBe(false);
    expect(onDisk.includes(Buffer.from('A公司产品销售合同'))).toBe(false);
    expect(onDisk.includes(Buffer.from('3,800,000'))).toBe(false);

    const res = await alice.get(`/api/files/${meta.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(PLAINTEXT);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  });

  it('keeps only the wrapped per-file key, IV and tag in the row, never the plain key', async () => {
    const meta = await uploadSecret();
    const row = await rowOf(meta.id);
    expect(Buffer.from(row.iv!, 'base64')).toHaveLength(12);
    expect(Buffer.from(row.authTag!, 'base64')).toHaveLength(16);
    expect(Buffer.from(row.wrappedKey!, 'base64')).toHaveLength(12 + 32 + 16);
    const key = unwrapKey(fs.readFileSync(t.config.keyFile), row.wrappedKey!, row.id);
    expect(key).toHaveLength(32);
    const stored = JSON.stringify(row);
    for (const form of [key.toString('base64'), key.toString('hex')]) expect(stored).not.toContain(form);
  });

  it('never deduplicates: identical secret uploads get their own key and blob', async () => {
    const [a, b] = [await uploadSecret(), await uploadSecret()];
    const [ra, rb] = [await rowOf(a.id), await rowOf(b.id)];
    expect(ra.storageKey).not.toBe(rb.storageKey);
    expect(ra.wrappedKey).not.toBe(rb.wrappedKey);
    expect(fs.readFileSync(blobPath(ra.storageKey)).equals(fs.readFileSync(blobPath(rb.storageKey)))).toBe(false);
  });

  it('a tampered ciphertext fails its GCM tag: nothing is sent, the failure is audited', async () => {
    const meta = await uploadSecret();
    const file = blobPath((await rowOf(meta.id)).storageKey);
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const res = await alice.get(`/api/files/${meta.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'FILE_DAMAGED', message: '文件已损坏或被篡改，无法读取，请联系管理员' });
    expect(res.body).not.toContain('销售合同');
    expect((await auditOf(meta.id))[0]).toMatchObject({ action: 'integrity_failed', actorId: alice.userId });
  });

  it('a wrapped key moved onto another file does not open it (bound to the file id)', async () => {
    const [a, b] = [await uploadSecret(), await uploadSecret('另一份秘密文件')];
    await t.database.db.update(files).set({ wrappedKey: (await rowOf(a.id)).wrappedKey }).where(eq(files.id, b.id));
    const res = await alice.get(`/api/files/${b.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('FILE_DAMAGED');
  });
});

describe('ALL-4 audit of secret files', () => {
  it('audits the upload, every download, and an inline view as such', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% 秘密\n%%EOF\n');
    const meta = await uploadSecret(pdf, '董事会决议.pdf', 'application/pdf');
    expect((await alice.get(`/api/files/${meta.id}`)).statusCode).toBe(200);
    expect((await alice.get(`/api/files/${meta.id}`)).statusCode).toBe(200);
    const view = await alice.get(`/api/files/${meta.id}?inline=1`);
    expect(view.headers['content-disposition']).toMatch(/^inline; /);
    expect(view.rawPayload.equals(pdf)).toBe(true);
    // Metadata is not content: reading it is not an access to secret material.
    expect((await alice.get(`/api/files/${meta.id}/meta`)).statusCode).toBe(200);

    const items = await auditOf(meta.id);
    expect(items.map((i) => i.action)).toEqual(['view', 'download', 'download', 'upload']);
    expect(items.every((i) => i.actorId === alice.userId && i.ip === '127.0.0.1')).toBe(true);
    expect(items[0]!.changes).toMatchObject({ fileName: { after: '董事会决议.pdf' } });
    expect(items[3]!.changes).toMatchObject({ secret: { after: true }, fileName: { after: '董事会决议.pdf' } });
    expect(items[3]!.changes).not.toHaveProperty('sha256');
  });

  it('does not audit a refused read (it answers 404, as for a file that does not exist)', async () => {
    const meta = await uploadSecret();
    expect((await carol.get(`/api/files/${meta.id}`)).statusCode).toBe(404);
    expect((await auditOf(meta.id)).map((i) => i.action)).toEqual(['upload']);
  });
});

describe('ALL-7 who reads a secret file', () => {
  it('the system administrator gets 404 without a grant, unattached or attached', async () => {
    const admin = await loginAdmin(t.app);
    const loose = await uploadSecret();
    expect((await admin.get(`/api/files/${loose.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/files/${loose.id}/meta`)).statusCode).toBe(404);

    const attached = await uploadSecret();
    await t.database.db.update(files).set({ ownerType: 'test_doc', ownerId: '1' }).where(eq(files.id, attached.id));
    const res = await admin.get(`/api/files/${attached.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await admin.get(`/api/files/${attached.id}/meta`)).statusCode).toBe(404);
  });

  it('once attached, the owner module decides: content for the granted, metadata only for those who may know', async () => {
    const meta = await uploadSecret();
    await t.database.db.update(files).set({ ownerType: 'test_doc', ownerId: '7' }).where(eq(files.id, meta.id));
    const granted = await carol.get(`/api/files/${meta.id}`);
    expect(granted.statusCode).toBe(200);
    expect(granted.body).toBe(PLAINTEXT);
    expect((await auditOf(meta.id))[0]).toMatchObject({ action: 'download', actorId: carol.userId, actorName: '赵敏' });

    expect((await dave.get(`/api/files/${meta.id}/meta`)).json()).toMatchObject({ id: meta.id, ownerType: 'test_doc', ownerId: '7', secret: true });
    expect((await dave.get(`/api/files/${meta.id}`)).statusCode).toBe(404);
    // The uploader holds no grant of the module: the file is no longer hers alone to read.
    expect((await alice.get(`/api/files/${meta.id}`)).statusCode).toBe(404);
  });

  it('an owner type no module registered reads as nothing', async () => {
    const meta = await uploadSecret();
    await t.database.db.update(files).set({ ownerType: 'nobody_registered', ownerId: '1' }).where(eq(files.id, meta.id));
    expect((await alice.get(`/api/files/${meta.id}/meta`)).statusCode).toBe(404);
  });
});
