import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { TAuditPage, ZAuditQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { AuthedCtx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { startOfDay, toIso } from '../calendar/zone.ts';
import { auditLog } from './schema.ts';

// Audit dates are company days: [from 00:00, to + 1 day 00:00) in the company time zone.

/** ALL-7 三员分立: the auditor reads the log; the administrator does not. */
export const canReadAudit = (roles: readonly string[]) => roles.includes('auditor');

export async function listAudit(ctx: AuthedCtx, timeZone: string, query: z.output<typeof ZAuditQuery>): Promise<TAuditPage> {
  if (!canReadAudit(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const where: SQL[] = [];
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.from) where.push(gte(auditLog.at, startOfDay(query.from, timeZone).toISOString()));
  if (query.to) where.push(lt(auditLog.at, startOfDay(query.to, timeZone, 1).toISOString()));
  const condition = and(...where);
  const [total] = await ctx.db.select({ n: count() }).from(auditLog).where(condition);
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    items: rows.map((r) => ({ ...r, at: toIso(r.at) })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
