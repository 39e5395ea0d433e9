import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZFileDownloadQuery, ZFileIdParams, ZFileMeta } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../http/errors.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { getFileMeta, openFile } from './read.service.ts';
import { downloadHeaders } from './rules.ts';
import { fileRequired, uploadFile } from './upload.service.ts';
import { FileVault } from './vault.ts';

// The bytes, streamed as they are read (never a JSON body).
const fileContent = z.any().describe('文件内容 File content');
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody };

/**
 * Uploads, downloads and file metadata. Opening the vault loads (or first creates) the master
 * key, so a bad key file stops the server here, at start.
 */
export function fileRoutes(app: FastifyInstance, deps: { config: Config; db: Db; vault?: FileVault }) {
  const vault = deps.vault ?? FileVault.open(deps.config);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tags = ['files'];

  r.post(
    '/api/files',
    {
      schema: {
        tags,
        summary: '上传文件 Upload a file (multipart: file, secret)',
        consumes: ['multipart/form-data'],
        response: { 201: ZFileMeta, ...errors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw fileRequired();
      const limit = deps.config.maxUploadBytes;
      const parts = req.parts({ limits: { fileSize: limit, files: 3, fields: 5, fieldSize: 1024, parts: 10 } });
      return reply.status(201).send(await uploadFile(ctx(req), vault, parts, limit));
    },
  );

  r.get(
    '/api/files/:id',
    {
      exposeHeadRoute: false, // a HEAD would count as a read of a secret file
      schema: { tags, summary: '下载或预览文件 Download or preview', params: ZFileIdParams, querystring: ZFileDownloadQuery, response: { 200: fileContent, ...errors } },
    },
    async (req, reply) => {
      try {
        const { file, disposition, stream } = await openFile(ctx(req), vault, req.params.id, req.query.inline === true);
        return reply.headers(downloadHeaders(file, disposition)).send(stream);
      } catch (err) {
        if (err instanceof AppError && err.code === 'FILE_DAMAGED') req.log.error({ err, fileId: req.params.id }, 'stored file unreadable');
        throw err;
      }
    },
  );

  r.get('/api/files/:id/meta', { schema: { tags, summary: '文件信息 File metadata', params: ZFileIdParams, response: { 200: ZFileMeta, ...errors } } }, (req) =>
    getFileMeta(ctx(req), req.params.id),
  );
}
