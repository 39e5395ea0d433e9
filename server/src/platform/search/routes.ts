import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type TSearchResult, ZErrorBody, ZSearchQuery, ZSearchResult } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { AuthedCtx } from '../http/context.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { searchSources } from './registry.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** Every registered source for the caller, searched side by side. */
async function searchAll(ctx: AuthedCtx, q: string, limit: number): Promise<TSearchResult> {
  const groups = await Promise.all(
    searchSources().map(async (source) => {
      const { count, items } = await source.search(ctx, q, limit);
      return { key: source.key, count, items: items.slice(0, limit) };
    }),
  );
  return { q, groups };
}

/** GET /api/search: the top bar's search over the modules that have landed. */
export function searchRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/search',
    { schema: { tags: ['search'], summary: '全局搜索 Search everything I may see', querystring: ZSearchQuery, response: { 200: ZSearchResult, ...errors } } },
    (req) => searchAll(authed(ctxOf(req, deps.db, deps.config.now())), req.query.q, req.query.limit),
  );
}
