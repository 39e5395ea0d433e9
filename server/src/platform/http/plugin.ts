import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';
import { CSRF_HEADER, type TLocale } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { SESSION_COOKIE, type LoadedSession, type SessionStore } from '../auth/sessions.ts';
import type { AuthedCtx, Ctx } from './context.ts';
import { appErrorFromDatabase } from './db-errors.ts';
import { AppError, HTTP_STATUS, ValidationFailure, type ValidationIssue, appErrorBody, validationBody } from './errors.ts';
import { localeFromHeader, message } from './messages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | null;
    locale: TLocale;
  }
  interface FastifyContextConfig {
    /** public: no login; session: logged in, even before the forced password change; default: fully logged in. */
    access?: 'public' | 'session';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Request context for services: who, from where, when (the injected clock), in which language. */
export function ctxOf(req: FastifyRequest, db: Db, now: Date): Ctx {
  const user = req.session?.user;
  return {
    db,
    actor: user ? { id: user.id, name: user.name, username: user.username, roles: user.roles, departmentId: user.departmentId } : null,
    ip: req.ip ?? null,
    now,
    locale: req.locale,
  };
}

export const authed = (ctx: Ctx): AuthedCtx => {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx as AuthedCtx;
};

/**
 * Session lookup, CSRF and access checks for every route, and the one error formatter (ALL-5).
 */
export function installHttpPlatform(app: FastifyInstance, deps: { config: Config; sessions: SessionStore }) {
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'zh-CN');

  // Our own validator keeps zod's raw issues (with input), so messages can name the field and the rule.
  app.setValidatorCompiler(({ schema }) => (data) => {
    const result = safeParse(schema as $ZodType, data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new ValidationFailure(result.error.issues as unknown as ValidationIssue[]) };
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await deps.sessions.lookup(token, deps.config.now()) : null;
    req.locale = req.session?.user.locale ?? localeFromHeader(req.headers['accept-language']);
    // Access is settled before the body is read or validated: without login the answer is 401, not 400.
    const access = req.routeOptions.config.access;
    // Only the API is guarded; the web app's files, client-side routes and the API docs are public.
    if (access === 'public' || req.is404 || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (!req.session) throw new AppError('UNAUTHENTICATED');
    // Double-submit token bound to the session: a cross-site form cannot read or send it.
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.session.csrfToken) throw new AppError('CSRF');
    if (access !== 'session' && req.session.user.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });

  app.setErrorHandler((err, req, reply) => {
    const locale = req.locale ?? localeFromHeader(req.headers['accept-language']);
    if (err instanceof ValidationFailure) return reply.status(400).send(validationBody(err, locale));
    const known = err instanceof AppError ? err : appErrorFromDatabase(err);
    if (known) return reply.status(HTTP_STATUS[known.code]).send(appErrorBody(known, locale));
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Framework-level refusals (malformed JSON, wrong content type, body too large).
      req.log.info({ err }, 'request refused');
      return reply.status(status).send({ code: 'VALIDATION', message: message('VALIDATION', locale, {}) });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: message('INTERNAL', locale, {}) });
  });
}
