import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';

/**
 * The one registration of @fastify/multipart (a second one throws), shared by the files platform
 * and imports: buildApp calls it; importRoutes calls it too, so it also works on an app assembled
 * without it. The configured upload limit applies everywhere; per-route limits go to
 * `req.file({ limits })` / `req.parts({ limits })`.
 */
export async function ensureMultipart(app: FastifyInstance, config: Pick<Config, 'maxUploadBytes'>): Promise<void> {
  if (app.hasContentTypeParser('multipart/form-data')) return;
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes } });
}
