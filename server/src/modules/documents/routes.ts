import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDocumentCategory,
  ZDocumentCategoryInput,
  ZDocumentCategoryUpdate,
  ZDocumentCreate,
  ZDocumentDetail,
  ZDocumentExportQuery,
  ZDocumentGrant,
  ZDocumentGrantInput,
  ZDocumentHistory,
  ZDocumentListQuery,
  ZDocumentNewVersion,
  ZDocumentPage,
  ZDocumentStats,
  ZDocumentText,
  ZDocumentUpdate,
  ZErrorBody,
  ZId,
  ZOk,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { exportList } from '../../platform/export/export.ts';
import { registerFileAccess } from '../../platform/files/policy.ts';
import { downloadHeaders } from '../../platform/files/rules.ts';
import { FileVault } from '../../platform/files/vault.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import { registerImportKind } from '../../platform/import/kinds.ts';
import { registerWorkbenchSection } from '../../platform/workbench/registry.ts';
import { registerSearchSource } from '../../platform/search/registry.ts';
import { documentsSearch } from './search.source.ts';
import { registerBorrowFlow } from './borrow-flow.ts';
import { createCategory, deleteCategory, listCategories, updateCategory } from './categories.service.ts';
import { type OpenedContent, documentText, openContent } from './content.service.ts';
import { createDocument, newVersion, updateDocument } from './documents.service.ts';
import { FILE_OWNER_TYPE } from './file-input.ts';
import { addGrant, removeGrant } from './grants.service.ts';
import { documentHistory } from './history.service.ts';
import { documentsImport, exportRegister } from './io.service.ts';
import { loanRoutes } from './loans.routes.ts';
import { loansSection } from './loans.section.ts';
import { documentStats, getDocument, listDocuments } from './queries.service.ts';
import { type DocCtx, findVisible, summarize } from './store.ts';
import { registerTidyJob } from './tidy.service.ts';

const ZIdParams = z.object({ id: ZId });
const ZGrantParams = z.object({ id: ZId, grantId: ZId });
const content = z.any().describe('文件内容 File content');
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export interface DocumentDeps {
  config: Config;
  db: Db;
  ctx: (req: Parameters<typeof ctxOf>[0]) => DocCtx;
  vault: FileVault;
}

/**
 * DOC-4: files attached to a document open as its rules say — `meta` for anyone who may know the
 * document exists, `content` (GET /api/files/:id, a download) only with canDownload; the
 * view-only way to read a secret document is GET /api/documents/:id/view.
 */
function registerDocumentFiles(timeZone: string) {
  registerFileAccess(FILE_OWNER_TYPE, async (ctx, _type, ownerId, purpose) => {
    const dctx: DocCtx = { ...ctx, timeZone };
    const row = await findVisible(dctx, Number(ownerId)).catch(() => null);
    if (!row) return false;
    if (purpose === 'meta') return true;
    const [summary] = await summarize(dctx, [row]);
    return summary!.permissions.canDownload;
  });
}

const sendContent = (reply: FastifyReply, opened: OpenedContent) => reply.headers(downloadHeaders(opened.file, opened.disposition)).send(opened.stream);

/** 文档归档 (DOC-1 … DOC-8): categories, documents, versions, grants, content; loans and checks in loans.routes.ts. */
export function documentRoutes(app: FastifyInstance, deps: { config: Config; db: Db; vault?: FileVault }) {
  const { config, db } = deps;
  const vault = deps.vault ?? FileVault.open(config);
  const ctx = (req: Parameters<typeof ctxOf>[0]): DocCtx => ({ ...authed(ctxOf(req, db, config.now())), timeZone: config.timeZone });
  registerDocumentFiles(config.timeZone);
  registerBorrowFlow();
  registerWorkbenchSection(loansSection);
  registerSearchSource(documentsSearch(config.timeZone));
  registerImportKind(app, documentsImport(config.timeZone));
  registerTidyJob(app.jobs, { db, timeZone: config.timeZone });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get('/api/document-categories', { schema: { tags, summary: '文档分类 Categories', response: { 200: z.array(ZDocumentCategory), ...errors } } }, (req) => listCategories(ctx(req)));
  r.post(
    '/api/document-categories',
    { schema: { tags, summary: '新建分类 Create category', body: ZDocumentCategoryInput, response: { 201: ZDocumentCategory, ...errors } } },
    async (req, reply) => reply.status(201).send(await createCategory(ctx(req), req.body)),
  );
  r.patch(
    '/api/document-categories/:id',
    { schema: { tags, summary: '修改分类 Update category', params: ZIdParams, body: ZDocumentCategoryUpdate, response: { 200: ZDocumentCategory, ...errors } } },
    (req) => updateCategory(ctx(req), req.params.id, req.body),
  );
  r.delete('/api/document-categories/:id', { schema: { tags, summary: '删除分类 Delete category', params: ZIdParams, response: { 200: ZOk, ...errors } } }, async (req) => {
    await deleteCategory(ctx(req), req.params.id);
    return { ok: true as const };
  });

  r.get('/api/documents', { schema: { tags, summary: '文档列表与搜索 Documents', querystring: ZDocumentListQuery, response: { 200: ZDocumentPage, ...errors } } }, (req) =>
    listDocuments(ctx(req), req.query),
  );
  r.get('/api/documents/stats', { schema: { tags, summary: '文档统计 Counts', response: { 200: ZDocumentStats, ...errors } } }, (req) => documentStats(ctx(req)));
  r.get(
    '/api/documents/export',
    { schema: { tags, summary: '导出文档归档登记表 Export the register (.xlsx / .csv)', querystring: ZDocumentExportQuery } },
    async (req, reply) => exportList(reply, await exportRegister(ctx(req), req.query)),
  );
  r.post('/api/documents', { schema: { tags, summary: '登记文档 Register a document', body: ZDocumentCreate, response: { 201: ZDocumentDetail, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createDocument(ctx(req), vault, req.body)),
  );
  r.get('/api/documents/:id', { schema: { tags, summary: '文档详情 Document', params: ZIdParams, response: { 200: ZDocumentDetail, ...errors } } }, (req) =>
    getDocument(ctx(req), req.params.id),
  );
  r.patch(
    '/api/documents/:id',
    { schema: { tags, summary: '修改文档 Update document', params: ZIdParams, body: ZDocumentUpdate, response: { 200: ZDocumentDetail, ...errors } } },
    (req) => updateDocument(ctx(req), vault, req.params.id, req.body),
  );
  r.post(
    '/api/documents/:id/versions',
    { schema: { tags, summary: '新版本（旧版作废） New version', params: ZIdParams, body: ZDocumentNewVersion, response: { 201: ZDocumentDetail, ...errors } } },
    async (req, reply) => reply.status(201).send(await newVersion(ctx(req), vault, req.params.id, req.body)),
  );
  r.get(
    '/api/documents/:id/view',
    { exposeHeadRoute: false, schema: { tags, summary: '在线查阅（PDF/图片） View inline', params: ZIdParams, response: { 200: content, ...errors } } },
    async (req, reply) => sendContent(reply, await openContent(ctx(req), vault, req.params.id, 'view')),
  );
  r.get(
    '/api/documents/:id/download',
    { exposeHeadRoute: false, schema: { tags, summary: '下载 Download', params: ZIdParams, response: { 200: content, ...errors } } },
    async (req, reply) => sendContent(reply, await openContent(ctx(req), vault, req.params.id, 'download')),
  );
  r.get('/api/documents/:id/history', { schema: { tags, summary: '变更记录 Change history', params: ZIdParams, response: { 200: ZDocumentHistory, ...errors } } }, (req) =>
    documentHistory(ctx(req), req.params.id),
  );
  r.get('/api/documents/:id/text', { schema: { tags, summary: '文档文本（只读） Text, view-only', params: ZIdParams, response: { 200: ZDocumentText, ...errors } } }, (req) =>
    documentText(ctx(req), vault, req.params.id),
  );
  r.post(
    '/api/documents/:id/grants',
    { schema: { tags, summary: '授权知悉秘密文档 Grant visibility', params: ZIdParams, body: ZDocumentGrantInput, response: { 201: ZDocumentGrant, ...errors } } },
    async (req, reply) => reply.status(201).send(await addGrant(ctx(req), req.params.id, req.body)),
  );
  r.delete('/api/documents/:id/grants/:grantId', { schema: { tags, summary: '撤销授权 Revoke grant', params: ZGrantParams, response: { 200: ZOk, ...errors } } }, async (req) => {
    await removeGrant(ctx(req), req.params.id, req.params.grantId);
    return { ok: true as const };
  });

  loanRoutes(app, { config, db, ctx, vault });
}
