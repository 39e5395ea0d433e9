import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody, ZWorkbench, ZWorkbenchQuery } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { approvalsSection } from './approvals.section.ts';
import { registerWorkbenchSection } from './registry.ts';
import { getWorkbench } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** ALL-3: GET /api/workbench, the home page after login. */
export function workbenchRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  registerWorkbenchSection(approvalsSection);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/workbench',
    { schema: { tags: ['workbench'], summary: '我的工作台 My workbench', querystring: ZWorkbenchQuery, response: { 200: ZWorkbench, ...errors } } },
    (req) => getWorkbench(authed(ctxOf(req, deps.db, deps.config.now())), req.query.limit),
  );
}
