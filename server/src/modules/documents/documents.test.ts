import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry, TDocumentCategory, TDocumentDetail, TDocumentHistoryEntry, TDocumentPage } from '@opsdesk/contract';
import { demoPdf } from '../../demo/documents.ts';
import { type DocTest, clockTo, createDoc, idsOf, startDocTest, upload } from './testing.ts';

let d: DocTest;
let cat: Record<string, TDocumentCategory>;
beforeAll(async () => {
  d = await startDocTest();
  const cats = (await (await d.as('xiaowang')).get('/api/document-categories')).json<TDocumentCategory[]>();
  cat = Object.fromEntries(cats.map((c) => [c.code, c]));
}, 180_000);
afterAll(() => d.t.close());

const list = async (username: string, query = '') => (await (await d.as(username)).get(`/api/documents${query}`)).json<TDocumentPage>();

/** A minimal Word document: what mammoth reads. */
async function docx(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('标准');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('DOC-2/3 registering a document', () => {
  it('401 without a session; 400 naming the field for bad input; nothing saved', async () => {
    expect((await d.t.app.inject({ method: 'POST', url: '/api/documents', payload: { name: 'x', categoryId: cat['ZD']!.id } })).statusCode).toBe(401);
    const staff = await d.as('xiaowang');
    const before = (await list('xiaowang')).total;
    const noName = await staff.post('/api/documents', { categoryId: cat['ZD']!.id });
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toMatchObject({ code: 'VALIDATION', field: 'name', message: '名称：必填' });
    expect((await staff.post('/api/documents', { name: '制度', categoryId: 99999 })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'categoryId' });
    expect((await staff.post('/api/documents', { name: '制度-V2', categoryId: cat['ZD']!.id })).json()).toMatchObject({ code: 'VALIDATION', field: 'name' });
    expect((await staff.post('/api/documents', { name: '制度', categoryId: cat['ZD']!.id, paperLocation: '3号柜' })).json()).toMatchObject({ field: 'paperLocation' });
    const plain = await upload(staff, demoPdf('plain'), 'plain.pdf', 'application/pdf');
    const wrongStore = await staff.post('/api/documents', { name: '保密制度', categoryId: cat['ZD']!.id, secrecy: 'secret', fileId: plain.id });
    expect(wrongStore.json()).toMatchObject({ code: 'DOCUMENT_FILE_SECRECY', field: 'fileId' });
    const other = await upload(await d.as('lisi'), demoPdf('not yours'), 'x.pdf', 'application/pdf');
    expect((await staff.post('/api/documents', { name: '制度', categoryId: cat['ZD']!.id, fileId: other.id })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'fileId' });
    expect((await list('xiaowang')).total).toBe(before);
  });

  it('DOC-2 generates the number from category, creation date (company zone), name and V1; DOC-3 shows the archive path', async () => {
    const staff = await d.as('xiaowang');
    const file = await upload(staff, demoPdf('Travel expense reimbursement rules'), '差旅报销制度.pdf', 'application/pdf');
    const doc = await createDoc(staff, { name: '差旅报销制度', categoryId: cat['ZD-HR']!.id, fileId: file.id });
    expect(doc).toMatchObject({
      number: 'ZD-HR-20261126-差旅报销制度-V1',
      version: 1,
      secrecy: 'internal',
      important: false,
      creator: { name: '小王' },
      owner: { name: '小王' },
      createdOn: '2026-11-26',
      archivePath: '文档归档/制度类/人力资源',
      paperLocation: null,
      archiveStatus: 'pending',
      void: false,
      file: { fileName: '差旅报销制度.pdf', mimeType: 'application/pdf', previewable: true },
      versions: [{ version: 1, void: false }],
    });
    expect(doc.permissions).toMatchObject({ canView: true, viewMode: 'inline', canDownload: true, canEdit: true, canNewVersion: true, canArchive: false, canGrant: false, watermark: null });
    const again = await staff.post('/api/documents', { name: '差旅报销制度', categoryId: cat['ZD-HR']!.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE', field: 'number' });
  });

  it('DOC-2 the date is the company day: 01:30 in Shanghai is the next day already', async () => {
    clockTo(d, '2026-11-27', '01:30');
    const doc = await createDoc(await d.as('xiaowang'), { name: '夜班交接制度', categoryId: cat['ZD']!.id });
    expect(doc).toMatchObject({ number: 'ZD-20261127-夜班交接制度-V1', createdOn: '2026-11-27', archivePath: null });
  });

  it('DOC-3 safe preview: a PDF inline in the sandbox, downloads as an attachment; a text file has no inline view but its text', async () => {
    const staff = await d.as('xiaowang');
    const doc = (await list('xiaowang', '?q=差旅报销')).items[0]!;
    const view = await staff.get(`/api/documents/${doc.id}/view`);
    expect(view.statusCode).toBe(200);
    expect(view.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-security-policy': "sandbox; default-src 'none'", 'x-content-type-options': 'nosniff' });
    expect(String(view.headers['content-disposition'])).toMatch(/^inline;/);
    const download = await staff.get(`/api/documents/${doc.id}/download`);
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const report = (await list('xiaowang', '?q=立项报告')).items[0]!;
    expect(report.permissions.viewMode).toBe('text');
    expect((await staff.get(`/api/documents/${report.id}/view`)).statusCode).toBe(404);
    const text = await staff.get(`/api/documents/${report.id}/text`);
    expect(text.json()).toMatchObject({ truncated: false, watermark: null });
    expect(text.json().text).toContain('项目预算');
  });

  it('DOC-3 the owner sets the cabinet; only the archivist files it as 已归档; others 403, unknown 404', async () => {
    const doc = (await list('xiaowang', '?q=差旅报销')).items[0]!;
    expect((await (await d.as('qianqi')).patch(`/api/documents/${doc.id}`, { paperLocation: '档案柜-01-03' })).statusCode).toBe(403);
    const owner = await d.as('xiaowang');
    expect((await owner.patch(`/api/documents/${doc.id}`, { archiveStatus: 'archived' })).statusCode).toBe(403);
    expect((await owner.patch(`/api/documents/${doc.id}`, { paperLocation: '柜子' })).json()).toMatchObject({ code: 'VALIDATION', field: 'paperLocation' });
    expect((await owner.patch(`/api/documents/${doc.id}`, { paperLocation: '档案柜-01-03', note: '原件已交档案室' })).json()).toMatchObject({ paperLocation: '档案柜-01-03', note: '原件已交档案室' });
    const filed = await (await d.as('zhaoliu')).patch(`/api/documents/${doc.id}`, { archiveStatus: 'archived' });
    expect(filed.json()).toMatchObject({ archiveStatus: 'archived', archivedOn: '2026-11-27' });
    expect((await owner.patch('/api/documents/99999', { note: 'x' })).statusCode).toBe(404);
    expect((await owner.patch(`/api/documents/${doc.id}`, { fileId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(409);
  });
});

describe('DOC-8 versions', () => {
  it('a new version supersedes the old: the old is 作废, kept apart, never current; only the archivist retrieves it', async () => {
    const owner = await d.as('xiaowang');
    const v1 = (await list('xiaowang', '?q=差旅报销')).items[0]!;
    expect((await (await d.as('lisi')).post(`/api/documents/${v1.id}/versions`, {})).statusCode).toBe(403);
    const file = await upload(owner, demoPdf('Travel expense rules, second edition'), '差旅报销制度-V2.pdf', 'application/pdf');
    const res = await owner.post(`/api/documents/${v1.id}/versions`, { fileId: file.id, note: '提高住宿标准' });
    expect(res.statusCode).toBe(201);
    const v2 = res.json<TDocumentDetail>();
    expect(v2).toMatchObject({ number: 'ZD-HR-20261127-差旅报销制度-V2', version: 2, seriesId: v1.id, void: false, owner: { name: '小王' }, archiveStatus: 'pending' });
    expect(v2.versions.map((v) => [v.version, v.void])).toEqual([
      [2, false],
      [1, true],
    ]);
    const old = (await owner.get(`/api/documents/${v1.id}`)).json<TDocumentDetail>();
    expect(old).toMatchObject({ void: true, supersededBy: { id: v2.id, version: 2 } });
    expect(old.permissions).toMatchObject({ canView: false, canDownload: false, canEdit: false, canNewVersion: false, canBorrow: false });
    expect((await owner.post(`/api/documents/${v1.id}/versions`, {})).json()).toMatchObject({ code: 'DOCUMENT_VOID' });
    expect((await owner.patch(`/api/documents/${v1.id}`, { note: 'x' })).json()).toMatchObject({ code: 'DOCUMENT_VOID' });
    expect((await owner.get(`/api/documents/${v1.id}/download`)).statusCode).toBe(403);

    // Listed apart: not in anyone's list; the archivist asks for them.
    expect(idsOf((await list('xiaowang', '?q=差旅报销')).items)).toEqual([v2.id]);
    expect((await owner.get('/api/documents?includeVoid=true')).statusCode).toBe(403);
    const archivist = await d.as('zhaoliu');
    expect(idsOf((await list('zhaoliu', '?q=差旅报销&includeVoid=true')).items).sort()).toEqual([v1.id, v2.id].sort());
    expect(idsOf((await list('zhaoliu', '?voidOnly=true')).items)).toContain(v1.id);
    expect((await archivist.get(`/api/documents/${v1.id}/download`)).statusCode).toBe(200);
    const stats = (await archivist.get('/api/documents/stats')).json();
    expect(stats.voided).toBeGreaterThanOrEqual(2);
    expect((await owner.get('/api/documents/stats')).json().voided).toBeNull();
  });

  it('DOC-8 the demo series: 员工考勤制度 V2 current, V1 void', async () => {
    const found = await list('xiaowang', '?q=员工考勤制度');
    expect(found.items.map((i) => [i.name, i.version])).toEqual([['员工考勤制度', 2]]);
    const detail = (await (await d.as('xiaowang')).get(`/api/documents/${d.docs.attendanceV2}`)).json<TDocumentDetail>();
    expect(detail.versions.map((v) => [v.id, v.void])).toEqual([
      [d.docs.attendanceV2, false],
      [d.docs.attendanceV1, true],
    ]);
  });
});

describe('search over number, name and extracted text (2-character words)', () => {
  it('finds by a 2-character word of the name, by number, and by the text of PDF, Word and Excel files', async () => {
    const staff = await d.as('xiaowang');
    const word = await upload(staff, await docx('会议室预订须知：提前一天在系统中预约'), '会议室须知.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const sheet = await upload(staff, await xlsx([['城市', '住宿标准'], ['北京', '600']]), '住宿标准.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const a = await createDoc(staff, { name: '行政须知', categoryId: cat['ZD']!.id, fileId: word.id });
    const b = await createDoc(staff, { name: '出差标准表', categoryId: cat['ZD']!.id, fileId: sheet.id });
    expect(idsOf((await list('xiaowang', '?q=预约')).items)).toEqual([a.id]);
    expect(idsOf((await list('xiaowang', `?q=${encodeURIComponent('住宿标准')}`)).items)).toEqual([b.id]);
    // PDF text: V1's words are found only among void versions (archivist), V2's among current ones.
    expect((await list('xiaowang', '?q=reimbursement')).total).toBe(0);
    expect((await list('zhaoliu', '?q=reimbursement&includeVoid=true')).items.map((i) => [i.version, i.void])).toEqual([[1, true]]);
    expect((await list('xiaowang', '?q=edition')).items.map((i) => i.number)).toEqual(['ZD-HR-20261127-差旅报销制度-V2']);
    expect(idsOf((await list('xiaowang', '?q=ZD-HR-20231001')).items)).toEqual([d.docs.attendanceSeed]);
    expect(idsOf((await list('xiaowang', '?q=项目预算')).items)).toEqual([d.docs.projectReport]);
    expect((await list('xiaowang', '?q=须知')).total).toBe(1);
    const bad = await staff.get('/api/documents?secrecy=topsecret');
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'secrecy' });
    expect((await d.t.app.inject({ method: 'GET', url: '/api/documents' })).statusCode).toBe(401);
  });

  it('filters by category (a level-1 one includes its level-2 ones), creator and dates; counts by category', async () => {
    const zd = await list('xiaowang', `?categoryId=${cat['ZD']!.id}&pageSize=100`);
    expect(zd.items.every((i) => i.category.code.startsWith('ZD'))).toBe(true);
    expect(zd.items.some((i) => i.category.code === 'ZD-HR')).toBe(true);
    const mine = await list('xiaowang', `?creatorId=${d.people.xiaowang}&from=2026-11-27&to=2026-11-27`);
    expect(mine.items.every((i) => i.creator.name === '小王' && i.createdOn === '2026-11-27')).toBe(true);
    const stats = (await (await d.as('xiaowang')).get('/api/documents/stats')).json();
    expect(stats.byCategory.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(stats.total);
  });

  it('ALL-4 a document change leaves an audit row; the document shows its change history (404 for those who may not know it)', async () => {
    const auditor = await d.as('sunli');
    const rows = (await auditor.get('/api/audit?entity=document')).json().items as TAuditEntry[];
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['create', 'update', 'new_version', 'void']));
    const v1 = (await list('zhaoliu', '?q=差旅报销&includeVoid=true')).items.find((i) => i.version === 1)!;
    const history = await (await d.as('xiaowang')).get(`/api/documents/${v1.id}/history`);
    expect(history.statusCode).toBe(200);
    const entries = history.json<TDocumentHistoryEntry[]>();
    expect(entries.map((e) => [e.action, e.actor?.name])).toEqual([
      ['void', '小王'],
      ['update', '赵六'],
      ['update', '小王'],
      ['create', '小王'],
    ]);
    expect(entries[1]!.changes).toEqual(expect.arrayContaining([{ field: 'archiveStatus', before: 'pending', after: 'archived' }]));
    expect((await (await d.as('lisi')).get(`/api/documents/${d.docs.secretContract}/history`)).statusCode).toBe(404);
    expect((await d.t.app.inject({ method: 'GET', url: `/api/documents/${v1.id}/history` })).statusCode).toBe(401);
  });
});
