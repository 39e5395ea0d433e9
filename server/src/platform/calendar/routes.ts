import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCalendarDateParams,
  ZCalendarDay,
  ZCalendarImport,
  ZCalendarImportResult,
  ZCalendarMonth,
  ZCalendarMonthQuery,
  ZCalendarOverrideInput,
  ZCalendarYears,
  ZErrorBody,
} from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { authed, ctxOf } from '../http/plugin.ts';
import { ensureCalendar } from './ensure.ts';
import { importSchedule } from './import.service.ts';
import { clearOverride, setOverride } from './overrides.service.ts';
import { getMonth, listYears } from './view.service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

/**
 * ALL-6 working-day calendar. Seeds/extends the calendar first (fast when nothing is missing),
 * then registers the routes: everyone signed in reads, the admin changes.
 */
export async function calendarRoutes(app: FastifyInstance, deps: { config: Config; db: Db }) {
  await ensureCalendar(deps.db, { now: deps.config.now(), timeZone: deps.config.timeZone });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof ctxOf>[0]) => authed(ctxOf(req, deps.db, deps.config.now()));
  const tz = deps.config.timeZone;
  const tags = ['calendar'];

  r.get(
    '/api/calendar/month',
    { schema: { tags, summary: '工作日历月视图 Month view', querystring: ZCalendarMonthQuery, response: { 200: ZCalendarMonth, ...errors } } },
    (req) => getMonth(ctx(req), req.query.month, tz),
  );
  r.get('/api/calendar/years', { schema: { tags, summary: '已有年份 Years', response: { 200: ZCalendarYears, ...errors } } }, (req) => listYears(ctx(req), tz));
  r.put(
    '/api/calendar/overrides/:date',
    { schema: { tags, summary: '设置公司调整 Set company override', params: ZCalendarDateParams, body: ZCalendarOverrideInput, response: { 200: ZCalendarDay, ...errors } } },
    (req) => setOverride(ctx(req), req.params.date, req.body, tz),
  );
  r.delete(
    '/api/calendar/overrides/:date',
    { schema: { tags, summary: '取消公司调整 Clear company override', params: ZCalendarDateParams, response: { 200: ZCalendarDay, ...errors } } },
    (req) => clearOverride(ctx(req), req.params.date, tz),
  );
  r.post(
    '/api/calendar/import',
    { schema: { tags, summary: '导入法定节假日安排 Import official schedule', body: ZCalendarImport, response: { 200: ZCalendarImportResult, ...errors } } },
    (req) => importSchedule(ctx(req), req.body, tz),
  );
}
