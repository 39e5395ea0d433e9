import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAuditPage, ZAuditQuery, ZErrorBody } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { listAudit } from './service.ts';

export function auditRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log (auditor only)',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (req) => listAudit(authed(ctxOf(req, deps.db, deps.config.now())), deps.config.timeZone, req.query),
  );
}
