import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CSRF_HEADER, LOCAL_TOKEN_HEADER, ZBackup, ZBackupCreate, ZBackupPage, ZBackupQuery, ZErrorBody } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { ctxOf } from '../http/plugin.ts';
import { createBackup } from './create.service.ts';
import { listBackups } from './list.service.ts';
import { tokenMatches } from './local-token.ts';
import { type BackupCaller, canChooseBackupFolder, canManageBackups } from './policy.ts';
import { isLoopback } from './rules.ts';

export interface BackupRouteDeps {
  config: Config;
  database: Database;
  version: string;
  /** The token main.ts wrote to <dataDir>/.local-admin-token; absent → only signed-in admins. */
  localAdminToken?: string | undefined;
}

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

export function backupRoutes(app: FastifyInstance, deps: BackupRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // access 'public': these routes also accept the local token, so they check the caller themselves.
  r.get(
    '/api/system/backups',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: '备份记录 Backups (administrator)', querystring: ZBackupQuery, response: { 200: ZBackupPage, ...errors } },
    },
    async (req) => {
      const { ctx, caller } = identify(req, deps);
      return listBackups(ctx, caller, deps.config, req.query);
    },
  );
  r.post(
    '/api/system/backups',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: '立即备份 Back up now (administrator)', body: ZBackupCreate, response: { 201: ZBackup, ...errors, 409: ZErrorBody, 500: ZErrorBody } },
    },
    async (req, reply) => {
      const { ctx, caller } = identify(req, deps);
      if (!canManageBackups(caller)) throw new AppError('FORBIDDEN');
      const out = req.body?.out;
      if (out !== undefined && !canChooseBackupFolder(caller)) throw new AppError('FORBIDDEN', 'out');
      const backup = await createBackup(deps, { kind: 'manual', out, actor: ctx.actor, ip: ctx.ip, via: caller.local ? 'cli' : 'web' });
      return reply.status(201).send(backup);
    },
  );
}

/**
 * The local command line (token header, from this machine only, never through a proxy) or a
 * signed-in session with what plugin.ts demands of every guarded route (CSRF on POST, no
 * pending password change).
 */
function identify(req: FastifyRequest, deps: BackupRouteDeps): { ctx: Ctx; caller: BackupCaller } {
  const ctx = ctxOf(req, deps.database.db, deps.config.now());
  const token = req.headers[LOCAL_TOKEN_HEADER];
  if (token !== undefined) {
    if (!deps.localAdminToken || typeof token !== 'string' || !tokenMatches(deps.localAdminToken, token)) throw new AppError('UNAUTHENTICATED');
    if (!isLoopback(req.socket.remoteAddress) || req.headers['x-forwarded-for'] !== undefined) throw new AppError('FORBIDDEN');
    return { ctx: { ...ctx, actor: null }, caller: { actor: null, local: true } };
  }
  const session = req.session;
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (req.method !== 'GET' && req.headers[CSRF_HEADER] !== session.csrfToken) throw new AppError('CSRF');
  if (session.user.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  return { ctx, caller: { actor: ctx.actor, local: false } };
}
