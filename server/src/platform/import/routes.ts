import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody, ZExportQuery, ZImportErrorsPage, ZImportErrorsQuery, ZImportJob, ZImportJobParams, ZImportKindParams } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { dayOf } from '../export/format.ts';
import { exportList } from '../export/export.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { AppError } from '../http/errors.ts';
import { ensureMultipart } from '../http/multipart.ts';
import { commitImport } from './commit.service.ts';
import { getImport, listImportErrors } from './jobs.service.ts';
import { importKinds } from './kinds.ts';
import { ImportRunner, attachRunner } from './runner.ts';
import { kindFor, startImport } from './upload.service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody };

/**
 * Spreadsheet import for every list: upload → background read with progress → preview with
 * per-row errors → commit. Modules register their kind with `registerImportKind`.
 */
export async function importRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  await ensureMultipart(app, deps.config);
  const kinds = importKinds(app);
  const runner = new ImportRunner({ db: deps.db, config: deps.config, kinds, log: app.log });
  attachRunner(app, runner);
  // The database closes after the app: let running reads finish first.
  app.addHook('onClose', () => runner.idle());

  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tags = ['imports'];
  const limits = { files: 1, fileSize: deps.config.maxUploadBytes };

  r.post(
    '/api/imports/:kind',
    {
      schema: {
        tags,
        summary: '上传导入文件 Upload a sheet to import (multipart: file, .xlsx or .csv)',
        consumes: ['multipart/form-data'],
        params: ZImportKindParams,
        response: { 202: ZImportJob, ...errors },
      },
    },
    async (req, reply) => {
      const upload = async () => (req.isMultipart() ? req.file({ limits, throwFileSizeLimit: false }) : undefined);
      return reply.status(202).send(await startImport(ctx(req), { config: deps.config, kinds, runner }, req.params.kind, upload));
    },
  );
  r.get(
    '/api/imports/:id',
    { schema: { tags, summary: '导入进度与预览 Import job: progress, preview, first errors', params: ZImportJobParams, response: { 200: ZImportJob, ...errors } } },
    (req) => getImport(ctx(req), kinds, req.params.id),
  );
  r.get(
    '/api/imports/:id/errors',
    {
      schema: {
        tags,
        summary: '导入错误明细 Import row errors',
        params: ZImportJobParams,
        querystring: ZImportErrorsQuery,
        response: { 200: ZImportErrorsPage, ...errors },
      },
    },
    (req) => listImportErrors(ctx(req), kinds, req.params.id, req.query),
  );
  r.post(
    '/api/imports/:id/commit',
    { schema: { tags, summary: '确认导入 Commit the import (all or nothing)', params: ZImportJobParams, response: { 200: ZImportJob, ...errors } } },
    (req) => commitImport(ctx(req), kinds, req.params.id),
  );
  r.get(
    '/api/imports/:kind/template',
    { schema: { tags, summary: '下载导入模板 Import template', params: ZImportKindParams, querystring: ZExportQuery } },
    (req, reply) => {
      const c = ctx(req);
      const kind = kindFor({ kinds }, req.params.kind);
      if (!kind.canImport(c.actor)) throw new AppError('FORBIDDEN');
      const columns = kind.columns.map((col) => ({ header: col.header, value: () => null }));
      const filename = `${kind.title}导入模板-${dayOf(c.now, deps.config.timeZone).replace(/-/g, '')}`;
      return exportList(reply, { format: req.query.format, filename, columns, rows: (async function* () {})(), timeZone: deps.config.timeZone });
    },
  );
}
