import { and, asc, count, desc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { TArchiveGrowth, TArchiveList, TDocumentBackupStatus } from '@opsdesk/contract';
import { dateInZone, toIso } from '../../platform/calendar/zone.ts';
import { backups } from '../../platform/backup/schema.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isArchivist, lastTwelveMonths, quarterRange } from './rules.ts';
import { documents } from './schema.ts';
import { type DocCtx, selectDocuments, summarize } from './store.ts';

/** DOC-6 《文档归档清单》: documents archived (已归档) within the quarter, 作废 versions included (they were archived). */
export function archiveListWhere(quarter: string) {
  const { from, to } = quarterRange(quarter);
  return { from, to, where: and(eq(documents.archiveStatus, 'archived'), gte(documents.archivedOn, from), lte(documents.archivedOn, to))! };
}

export async function archiveList(ctx: DocCtx, quarter: string): Promise<TArchiveList> {
  if (!isArchivist(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const { from, to, where } = archiveListWhere(quarter);
  const rows = await selectDocuments(ctx.db).where(where).orderBy(asc(documents.archivedOn), asc(documents.id));
  return { quarter, from, to, items: await summarize(ctx, rows) };
}

/** 档案增长 for the archivist's chart: counted over every document (secret ones too: counts name nothing). */
export async function archiveGrowth(ctx: DocCtx): Promise<TArchiveGrowth> {
  if (!isArchivist(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const months = lastTwelveMonths(dateInZone(ctx.now, ctx.timeZone));
  const from = `${months[0]}-01`;
  const perMonth = async (column: typeof documents.createdOn | typeof documents.archivedOn, archivedOnly: boolean) => {
    const month = sql<string>`to_char(${column}, 'YYYY-MM')`;
    const rows = await ctx.db
      .select({ month, n: count() })
      .from(documents)
      .where(and(gte(column, from), archivedOnly ? eq(documents.archiveStatus, 'archived') : undefined))
      .groupBy(month);
    return new Map(rows.map((r) => [r.month, Number(r.n)]));
  };
  const created = await perMonth(documents.createdOn, false);
  const archived = await perMonth(documents.archivedOn, true);
  return { months: months.map((month) => ({ month, created: created.get(month) ?? 0, archived: archived.get(month) ?? 0 })) };
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * DOC-7 for the archivist: the platform's weekly backup copies every stored file (document files
 * included) and proves a restore; this says when it last ran and whether that proof passed.
 */
export async function backupStatus(ctx: AuthedCtx): Promise<TDocumentBackupStatus> {
  // Archivist only: the file count includes secret documents (the admin has the backups page itself).
  if (!isArchivist(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const [last] = await ctx.db.select().from(backups).orderBy(desc(backups.startedAt), desc(backups.id)).limit(1);
  const [ok] = await ctx.db.select().from(backups).where(eq(backups.status, 'succeeded')).orderBy(desc(backups.startedAt), desc(backups.id)).limit(1);
  const [filesCount] = await ctx.db.select({ n: count() }).from(documents).where(isNotNull(documents.fileId));
  return {
    lastBackup: last
      ? {
          startedAt: toIso(last.startedAt),
          finishedAt: toIso(last.finishedAt),
          kind: last.kind,
          status: last.status,
          restoreCheck: last.restoreCheck,
          restoreCheckMessage: last.restoreCheckMessage,
        }
      : null,
    lastSucceededAt: ok ? toIso(ok.finishedAt) : null,
    withinWeek: ok ? ctx.now.getTime() - new Date(ok.finishedAt).getTime() <= WEEK_MS : false,
    restoreVerified: ok?.restoreCheck === 'passed',
    documentFiles: Number(filesCount?.n ?? 0),
  };
}
