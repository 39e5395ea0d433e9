import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZChangePasswordRequest, ZErrorBody, ZLocaleRequest, ZLoginRequest, ZOk, ZSession, type TSession } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../http/errors.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { SESSION_COOKIE, SESSION_TTL_MS, type LoadedSession, type SessionStore } from './sessions.ts';
import { changePassword, login, logout, setLocale } from './service.ts';

const presentSession = (s: LoadedSession): TSession => ({ user: s.user, csrfToken: s.csrfToken });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 423: ZErrorBody, 429: ZErrorBody };

export function authRoutes(app: FastifyInstance, deps: { config: Config; db: Db; sessions: SessionStore }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config, db, sessions } = deps;
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: SESSION_TTL_MS / 1000,
    });
  const reload = async (token: string | undefined) => {
    const s = token ? await sessions.lookup(token, config.now()) : null;
    if (!s) throw new AppError('UNAUTHENTICATED');
    return presentSession(s);
  };

  r.post(
    '/api/auth/login',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: '登录 Sign in', body: ZLoginRequest, response: { 200: ZSession, ...errors } } },
    async (req, reply) => {
      const { token, session } = await login(ctxOf(req, db, config.now()), sessions, req.body, req.headers['user-agent'] ?? null);
      setCookie(reply, token);
      return presentSession(session);
    },
  );

  r.get(
    '/api/auth/session',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: '当前会话 Current session', response: { 200: ZSession, 401: ZErrorBody } } },
    async (req) => presentSession(req.session!),
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: '退出 Sign out', response: { 200: ZOk, ...errors } } },
    async (req, reply) => {
      await logout(ctxOf(req, db, config.now()), sessions, req.session!.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: '修改密码 Change password', body: ZChangePasswordRequest, response: { 200: ZSession, ...errors } },
    },
    async (req) => {
      await changePassword(authed(ctxOf(req, db, config.now())), sessions, req.session!.id, req.body);
      return reload(req.cookies[SESSION_COOKIE]);
    },
  );

  r.put(
    '/api/auth/locale',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: '界面语言 Language', body: ZLocaleRequest, response: { 200: ZSession, ...errors } } },
    async (req) => {
      await setLocale(authed(ctxOf(req, db, config.now())), sessions, req.body.locale);
      return reload(req.cookies[SESSION_COOKIE]);
    },
  );
}
