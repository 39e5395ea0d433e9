import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocumentCategory } from '@opsdesk/contract';
import { loginAdmin } from '../../../test/harness.ts';
import { type DocTest, createDoc, startDocTest } from './testing.ts';

let d: DocTest;
beforeAll(async () => {
  d = await startDocTest();
}, 180_000);
afterAll(() => d.t.close());

const list = async () => (await (await d.as('xiaowang')).get('/api/document-categories')).json<TDocumentCategory[]>();

describe('DOC-1 two-level categories', () => {
  it('DOC-1 every install starts with ZD/HT/XM/HY, ZD-HR 制度类-人力资源 and HT-SX 合同类-销售合同, parents before children', async () => {
    const res = await d.t.app.inject({ method: 'GET', url: '/api/document-categories' });
    expect(res.statusCode).toBe(401);
    const cats = await list();
    expect(cats.map((c) => [c.code, c.path, c.level])).toEqual([
      ['ZD', '制度类', 1],
      ['ZD-HR', '制度类/人力资源', 2],
      ['HT', '合同类', 1],
      ['HT-SX', '合同类/销售合同', 2],
      ['XM', '项目类', 1],
      ['HY', '会议类', 1],
    ]);
    expect(cats.find((c) => c.code === 'ZD-HR')).toMatchObject({ archivePath: '文档归档/制度类/人力资源', defaultImportant: false });
    expect(cats.find((c) => c.code === 'HT-SX')).toMatchObject({ defaultImportant: true });
  });

  it('DOC-1 only the administrator and the archivist edit them (403 for others)', async () => {
    const staff = await d.as('xiaowang');
    expect((await staff.post('/api/document-categories', { code: 'HT-CG', name: '采购合同', parentId: 1 })).statusCode).toBe(403);
    const ht = (await list()).find((c) => c.code === 'HT')!;
    expect((await staff.patch(`/api/document-categories/${ht.id}`, { name: '合同' })).statusCode).toBe(403);
    expect((await staff.del(`/api/document-categories/${ht.id}`)).statusCode).toBe(403);
  });

  it('DOC-1 codes are unique; a level-2 code extends its parent; there is no level 3 (400 naming the field)', async () => {
    const admin = await loginAdmin(d.t.app);
    const cats = await list();
    const ht = cats.find((c) => c.code === 'HT')!;
    const zdhr = cats.find((c) => c.code === 'ZD-HR')!;
    const bad = await admin.post('/api/document-categories', { code: 'h', name: '坏编码' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION', field: 'code' });
    expect((await admin.post('/api/document-categories', { code: 'ZD-CG', name: '采购合同', parentId: ht.id })).json()).toMatchObject({ code: 'VALIDATION', field: 'code' });
    expect((await admin.post('/api/document-categories', { code: 'ZD-HR-X1', name: '三级', parentId: zdhr.id })).statusCode).toBe(400);
    expect((await admin.post('/api/document-categories', { code: 'ZDX', name: '三级', parentId: zdhr.id })).json()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'parentId' });
    const dup = await admin.post('/api/document-categories', { code: 'HT', name: '合同二' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', field: 'code' });
  });

  it('DOC-1 the archivist adds 合同类-采购合同 (default 重要), renames it, and new documents take the default', async () => {
    const archivist = await d.as('zhaoliu');
    const ht = (await list()).find((c) => c.code === 'HT')!;
    const created = await archivist.post('/api/document-categories', { code: 'ht-cg', name: '采购合同', parentId: ht.id, defaultImportant: true });
    expect(created.statusCode).toBe(201);
    const cg = created.json<TDocumentCategory>();
    expect(cg).toMatchObject({ code: 'HT-CG', level: 2, path: '合同类/采购合同', archivePath: '文档归档/合同类/采购合同', defaultImportant: true });
    const renamed = await archivist.patch(`/api/document-categories/${cg.id}`, { name: '采购类合同' });
    expect(renamed.json()).toMatchObject({ code: 'HT-CG', path: '合同类/采购类合同' });
    expect((await archivist.patch('/api/document-categories/99999', { name: 'x' })).statusCode).toBe(404);

    const doc = await createDoc(await d.as('xiaowang'), { name: '办公设备采购合同', categoryId: cg.id, paperLocation: '档案柜-04-01' });
    expect(doc).toMatchObject({ important: true, number: 'HT-CG-20261126-办公设备采购合同-V1', category: { code: 'HT-CG', path: '合同类/采购类合同' } });
    const plain = await createDoc(await d.as('xiaowang'), { name: '临时采购单', categoryId: cg.id, important: false });
    expect(plain.important).toBe(false);
  });

  it('DOC-1 a category with documents or children cannot be deleted (409); an empty one can', async () => {
    const admin = await loginAdmin(d.t.app);
    const cats = await list();
    const zdhr = cats.find((c) => c.code === 'ZD-HR')!;
    const res = await admin.del(`/api/document-categories/${zdhr.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CATEGORY_NOT_EMPTY', message: '该分类下还有子分类或文档，不能删除' });
    const hy = cats.find((c) => c.code === 'HY')!;
    const empty = await admin.post('/api/document-categories', { code: 'HY-ZH', name: '专题会议', parentId: hy.id });
    expect((await admin.del(`/api/document-categories/${empty.json().id}`)).json()).toEqual({ ok: true });
    expect((await list()).some((c) => c.code === 'HY-ZH')).toBe(false);
  });
});
