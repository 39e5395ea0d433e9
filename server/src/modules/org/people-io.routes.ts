import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZPeopleExportQuery } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { exportList } from '../../platform/export/export.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import { registerImportKind } from '../../platform/import/kinds.ts';
import { exportPeople, peopleImport } from './people-io.service.ts';

/** 人员名册 as a spreadsheet: export with the list's filters, and import kind `people`. */
export function peopleIoRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  registerImportKind(app, peopleImport);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  r.get(
    '/api/people/export',
    { schema: { tags: ['organisation'], summary: '导出人员名册 Export people (.xlsx / .csv)', querystring: ZPeopleExportQuery } },
    async (req, reply) => exportList(reply, await exportPeople(ctx(req), req.query, deps.config.timeZone)),
  );
}
