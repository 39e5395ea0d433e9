import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZTaskExportQuery } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { exportList } from '../../platform/export/export.ts';
import { authed, ctxOf } from '../../platform/http/plugin.ts';
import { registerImportKind } from '../../platform/import/kinds.ts';
import { taskImport } from './io.kind.ts';
import { exportTasks } from './io.service.ts';

/** 任务跟踪表 as a spreadsheet: export with the list's filters, and import kind `tasks`. */
export function taskIoRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  registerImportKind(app, taskImport);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  r.get(
    '/api/tasks/export',
    { schema: { tags: ['tasks'], summary: '导出任务跟踪表 Export tasks (.xlsx / .csv)', querystring: ZTaskExportQuery } },
    async (req, reply) => exportList(reply, await exportTasks(ctx(req), req.query, deps.config.timeZone)),
  );
}
