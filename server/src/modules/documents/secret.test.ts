import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry, TDocumentCategory, TDocumentDetail, TDocumentPage, TDocumentStats } from '@opsdesk/contract';
import { type Client, loginAdmin } from '../../../test/harness.ts';
import { notifications } from '../../platform/notify/schema.ts';
import { files } from '../../platform/files/schema.ts';
import { documents } from './schema.ts';
import { type DocTest, createDoc, idsOf, startDocTest, upload } from './testing.ts';

let d: DocTest;
let secretId: number;
let salesId: number;
let secretFileId: string;
beforeAll(async () => {
  d = await startDocTest();
  secretId = d.docs.secretContract!;
  salesId = d.docs.salesContract!;
  const [row] = await d.t.database.db.select({ fileId: documents.fileId }).from(documents).where(eq(documents.id, secretId));
  secretFileId = row!.fileId!;
}, 180_000);
afterAll(() => d.t.close());

const SECRET_WORDS = ['B公司框架采购合同', '采购合同', 'B公司', 'HT-SX-20261116-B公司框架采购合同-V1'];
const SALES_WORDS = ['A公司产品销售合同', '销售合同', 'HT-SX-20230920'];
const CONTENT = '框架采购协议：年度采购额人民币五百万元，单价保密条款见附件。';

/** Everything a person could use to learn a secret document exists: each must answer as if it did not. */
async function expectInvisible(client: Client, id: number, fileId: string | null, words: string[]) {
  const byId = await client.get(`/api/documents/${id}`);
  expect(byId.statusCode).toBe(404);
  expect(byId.json()).toEqual({ code: 'NOT_FOUND', message: '未找到该记录，它可能已被删除', params: {} });
  for (const suffix of ['view', 'download', 'text']) expect((await client.get(`/api/documents/${id}/${suffix}`)).statusCode).toBe(404);
  expect((await client.post(`/api/documents/${id}/loans`, { purpose: '查阅', from: '2026-11-27', to: '2026-11-27' })).statusCode).toBe(404);
  expect((await client.post(`/api/documents/${id}/versions`, {})).statusCode).toBe(404);
  expect((await client.patch(`/api/documents/${id}`, { note: 'x' })).statusCode).toBe(404);
  expect((await client.post(`/api/documents/${id}/grants`, { kind: 'role', role: 'employee' })).statusCode).toBe(404);
  if (fileId) {
    expect((await client.get(`/api/files/${fileId}`)).statusCode).toBe(404);
    expect((await client.get(`/api/files/${fileId}/meta`)).statusCode).toBe(404);
  }
  const all = (await client.get('/api/documents?pageSize=200')).json<TDocumentPage>();
  expect(idsOf(all.items)).not.toContain(id);
  for (const q of words) {
    const found = (await client.get(`/api/documents?q=${encodeURIComponent(q)}`)).json<TDocumentPage>();
    expect(idsOf(found.items)).not.toContain(id);
  }
  const csv = (await client.get('/api/documents/export?format=csv')).body;
  expect(csv).toContain('文档编号');
  for (const word of words) expect(csv).not.toContain(word);
  return { total: all.total, stats: (await client.get('/api/documents/stats')).json<TDocumentStats>() };
}

describe('DOC-4 a secret document does not exist for those without a grant', () => {
  // A colleague, their head (李四 heads 市场部), the division leader, the general manager, the auditor.
  it.each(['wangwu', 'lisi', 'zhenghua', 'zhouzong', 'sunli'])('DOC-4 without a grant (%s): 404 by id, absent from list, count, search and export', async (username) => {
    const client = await d.as(username);
    const { total, stats } = await expectInvisible(client, secretId, secretFileId, SECRET_WORDS);
    await expectInvisible(client, salesId, null, SALES_WORDS);
    expect(stats).toMatchObject({ secret: 0, total });
  });

  it('ALL-7 the system administrator likewise: no implicit access to secret documents', async () => {
    const admin = await loginAdmin(d.t.app);
    const { stats } = await expectInvisible(admin, secretId, secretFileId, SECRET_WORDS);
    await expectInvisible(admin, salesId, null, SALES_WORDS);
    expect(stats.secret).toBe(0);
    expect((await admin.get('/api/documents?includeVoid=true')).statusCode).toBe(403);
    expect((await admin.get('/api/documents/backup-status')).statusCode).toBe(403);
  });

  it('DOC-4 a grant makes it known (list, count, search, export, metadata) and borrowable — not readable', async () => {
    const granted = await d.as('xiaowang');
    const detail = (await granted.get(`/api/documents/${secretId}`)).json<TDocumentDetail>();
    expect(detail).toMatchObject({ secrecy: 'secret', important: true, grants: null, loanLimitWorkingDays: 3 });
    expect(detail.permissions).toMatchObject({ canView: false, canDownload: false, viewMode: null, canBorrow: true, canGrant: false, canEdit: false });
    expect((await granted.get(`/api/documents/${secretId}/view`)).statusCode).toBe(403);
    expect((await granted.get(`/api/documents/${secretId}/download`)).statusCode).toBe(403);
    expect((await granted.get(`/api/files/${secretFileId}`)).statusCode).toBe(404);
    expect((await granted.get(`/api/files/${secretFileId}/meta`)).statusCode).toBe(200);
    expect(idsOf((await granted.get('/api/documents?q=采购合同')).json<TDocumentPage>().items)).toEqual([secretId]);
    expect((await granted.get('/api/documents/stats')).json<TDocumentStats>().secret).toBe(1);
    expect((await granted.get('/api/documents/export?format=csv')).body).toContain('B公司框架采购合同');
    // The other secret document is granted to 张三 only.
    expect((await granted.get(`/api/documents/${salesId}`)).statusCode).toBe(404);
  });

  it('DOC-4 the owner and the archivist read it; every view and download is audited with a watermark for views', async () => {
    const owner = await d.as('qianqi');
    const detail = (await owner.get(`/api/documents/${secretId}`)).json<TDocumentDetail>();
    expect(detail.permissions).toMatchObject({ canView: true, viewMode: 'inline', canDownload: true, canGrant: true, watermark: '钱七 2026-11-26 10:00' });
    expect(detail.grants!.map((g) => [g.kind, g.person?.name])).toEqual([['person', '小王']]);
    const view = await owner.get(`/api/documents/${secretId}/view`);
    expect(view.statusCode).toBe(200);
    expect(view.headers).toMatchObject({ 'content-type': 'application/pdf', 'cache-control': 'no-store' });
    expect(String(view.headers['content-disposition'])).toMatch(/^inline;/);
    expect(view.rawPayload.toString('latin1')).toContain('Framework purchase agreement');
    expect((await (await d.as('zhaoliu')).get(`/api/documents/${secretId}/download`)).statusCode).toBe(200);
    const audit = (await (await d.as('sunli')).get(`/api/audit?entity=document&entityId=${secretId}`)).json().items as TAuditEntry[];
    expect(audit.map((a) => [a.action, a.actorName])).toEqual(expect.arrayContaining([['view', '钱七'], ['download', '赵六']]));
  });

  it('DOC-4 the bytes on disk are not the plaintext, and a secret file\'s text is neither stored nor searchable', async () => {
    const owner = await d.as('qianqi');
    const cats = (await owner.get('/api/document-categories')).json<TDocumentCategory[]>();
    const file = await upload(owner, CONTENT, '框架采购协议.txt', 'text/plain', true);
    const doc = await createDoc(owner, { name: '框架采购协议', categoryId: cats.find((c) => c.code === 'HT-SX')!.id, secrecy: 'secret', fileId: file.id });
    expect(doc).toMatchObject({ secrecy: 'secret', important: true, owner: { name: '钱七' }, permissions: { viewMode: 'text' } });
    for (const fileId of [file.id, secretFileId]) {
      const [row] = await d.t.database.db.select().from(files).where(eq(files.id, fileId));
      expect(row!.storageKey).toMatch(/^secret\//);
      const disk = fs.readFileSync(path.join(d.t.config.filesDir, ...row!.storageKey.split('/')));
      expect(disk.includes(Buffer.from('年度采购额'))).toBe(false);
      expect(disk.includes(Buffer.from('%PDF'))).toBe(false);
      expect(disk.includes(Buffer.from('Framework'))).toBe(false);
    }
    const [stored] = await d.t.database.db.select({ text: documents.contentText, tokens: documents.searchTokens }).from(documents).where(eq(documents.id, doc.id));
    expect(stored).toEqual({ text: null, tokens: expect.not.arrayContaining(['采购额']) });
    expect(stored!.tokens).not.toContain('五百');
    expect((await owner.get(`/api/documents?q=${encodeURIComponent('五百万')}`)).json().total).toBe(0);
    // Read view-only as text: extracted from the decrypted file on the fly, audited.
    const text = await owner.get(`/api/documents/${doc.id}/text`);
    expect(text.json()).toMatchObject({ text: CONTENT, watermark: expect.stringMatching(/^钱七 /) });
    const audit = (await (await d.as('sunli')).get(`/api/audit?entity=document&entityId=${doc.id}`)).json().items as TAuditEntry[];
    expect(audit.map((a) => a.action)).toContain('text');
    await expectInvisible(await d.as('xiaowang'), doc.id, file.id, ['框架采购协议', 'HT-SX-20261126-框架采购协议-V1']);
  });

  it('DOC-4 grants by person, role or department: owner or archivist only, secret documents only; revoking hides it again', async () => {
    const owner = await d.as('qianqi');
    const lisi = await d.as('lisi');
    expect((await (await d.as('xiaowang')).post(`/api/documents/${secretId}/grants`, { kind: 'role', role: 'department_head' })).statusCode).toBe(403);
    expect((await owner.post(`/api/documents/${secretId}/grants`, { kind: 'person' })).json()).toMatchObject({ code: 'VALIDATION', field: 'personId' });
    expect((await owner.post(`/api/documents/${secretId}/grants`, { kind: 'person', personId: 99999 })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'personId' });
    expect((await owner.post(`/api/documents/${secretId}/grants`, { kind: 'person', personId: d.people.xiaowang })).json()).toMatchObject({ code: 'DUPLICATE', field: 'personId' });
    expect((await owner.post(`/api/documents/${d.docs.projectReport}/grants`, { kind: 'role', role: 'employee' })).statusCode).toBe(403);
    const internal = await (await d.as('zhaoliu')).post(`/api/documents/${d.docs.projectReport}/grants`, { kind: 'role', role: 'employee' });
    expect(internal.json()).toMatchObject({ code: 'VALIDATION', field: 'secrecy' });

    const byRole = await owner.post(`/api/documents/${secretId}/grants`, { kind: 'role', role: 'department_head' });
    expect(byRole.statusCode).toBe(201);
    expect(byRole.json()).toMatchObject({ kind: 'role', role: 'department_head', grantedBy: { name: '钱七' } });
    expect((await lisi.get(`/api/documents/${secretId}`)).statusCode).toBe(200);
    expect((await owner.del(`/api/documents/${secretId}/grants/${byRole.json().id}`)).json()).toEqual({ ok: true });
    expect((await lisi.get(`/api/documents/${secretId}`)).statusCode).toBe(404);

    const sc = (await (await d.as('lisi')).get('/api/departments')).json().find((x: { code: string }) => x.code === 'SC');
    const byDept = await owner.post(`/api/documents/${secretId}/grants`, { kind: 'department', departmentId: sc.id });
    expect(byDept.json()).toMatchObject({ kind: 'department', department: { name: '市场部' } });
    expect((await lisi.get(`/api/documents/${secretId}`)).statusCode).toBe(200);
    expect((await (await d.as('zhangsan')).get(`/api/documents/${secretId}`)).statusCode).toBe(404);
    await owner.del(`/api/documents/${secretId}/grants/${byDept.json().id}`);
    expect((await owner.del(`/api/documents/${secretId}/grants/999999`)).statusCode).toBe(404);
  });

  it('DOC-4 notifications name a secret document only to those who may know it', async () => {
    const rows = await d.t.database.db.select().from(notifications);
    const allowed = new Set([d.people.qianqi, d.people.xiaowang, d.people.zhaoliu]);
    const leaking = rows.filter((n) => `${n.title}${n.body}`.includes('B公司') && !allowed.has(n.recipientId));
    expect(leaking).toEqual([]);
  });
});
