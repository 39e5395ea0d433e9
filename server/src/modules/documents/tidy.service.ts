import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { TTidyCheck, TTidyItem } from '@opsdesk/contract';
import type { Db } from '../../db/client.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { notify } from '../../platform/notify/notify.ts';
import { people } from '../org/schema.ts';
import { isArchivist, monthEndingToday, monthRange, tidyProblems } from './rules.ts';
import { documentCategories, documentTidyChecks, documents } from './schema.ts';

export const TIDY_JOB = 'document-tidy-check';

/** DOC-6: every document created in the month (void versions too: they were new that month), checked. */
async function checkMonth(db: Db, month: string): Promise<{ checkedCount: number; items: TTidyItem[] }> {
  const { from, to } = monthRange(month);
  const rows = await db
    .select({
      id: documents.id,
      number: documents.number,
      name: documents.name,
      version: documents.version,
      createdOn: documents.createdOn,
      creatorName: people.name,
      categoryCode: documentCategories.code,
      fileId: documents.fileId,
      paperLocation: documents.paperLocation,
      serverPath: documents.serverPath,
    })
    .from(documents)
    .innerJoin(people, eq(people.id, documents.creatorId))
    .innerJoin(documentCategories, eq(documentCategories.id, documents.categoryId))
    .where(and(gte(documents.createdOn, from), lte(documents.createdOn, to)))
    .orderBy(asc(documents.createdOn), asc(documents.id));
  const items: TTidyItem[] = [];
  for (const r of rows) {
    const found = tidyProblems({ ...r, hasFile: r.fileId !== null });
    if (found.problems.length)
      items.push({
        document: { id: r.id, number: r.number, name: r.name, version: r.version, createdOn: r.createdOn, creatorName: r.creatorName },
        problems: found.problems,
        expectedNumber: found.expectedNumber,
      });
  }
  return { checkedCount: rows.length, items };
}

/** DOC-6: the archivist's view of a month: problems as they stand now, and when the month-end job last ran. */
export async function tidyCheck(ctx: AuthedCtx, month: string): Promise<TTidyCheck> {
  if (!isArchivist(ctx.actor.roles)) throw new AppError('FORBIDDEN');
  const now = await checkMonth(ctx.db, month);
  const [last] = await ctx.db.select().from(documentTidyChecks).where(eq(documentTidyChecks.month, month));
  return { month, ...now, lastRunAt: last ? new Date(last.ranAt).toISOString() : null, lastRunProblems: last?.problemCount ?? null };
}

/**
 * DOC-6 month-end job: on the month's last day (company zone) the check runs, its findings are
 * kept for the month and every archivist is told how many documents need tidying. Other days it
 * does nothing (the cron fires on days 28–31). `month` forces a run (tests, a late re-check).
 */
export async function runTidyCheck(db: Db, now: Date, timeZone: string, month?: string): Promise<{ month: string; problems: number } | null> {
  const target = month ?? monthEndingToday(now, timeZone);
  if (!target) return null;
  const found = await checkMonth(db, target);
  const stamp = now.toISOString();
  await db.transaction(async (tx) => {
    const row = { month: target, ranAt: stamp, checkedCount: found.checkedCount, problemCount: found.items.length, items: found.items };
    await tx.insert(documentTidyChecks).values(row).onConflictDoUpdate({ target: documentTidyChecks.month, set: row });
    const archivists = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.active, true), sql`'archivist' = any(${people.roles})`));
    for (const a of archivists)
      await notify(tx, now, {
        recipientId: a.id,
        event: 'document.tidy_check',
        title: `${target} 文档整理检查：${found.items.length} 份文档待整理`,
        body: `本月新增 ${found.checkedCount} 份文档，其中 ${found.items.length} 份缺少编号、文件或存放位置，或编号不符合命名规则。`,
        link: `/documents/tidy?month=${target}`,
        entity: 'document_tidy_check',
        entityId: target,
        dedupeKey: `document-tidy:${target}:${dateInZone(now, timeZone)}:${a.id}`,
      });
  });
  return { month: target, problems: found.items.length };
}

/** pg-boss: 17:30 company time on days 28–31; the handler acts only on the month's last day. */
export function registerTidyJob(jobs: Jobs, deps: { db: Db; timeZone: string }) {
  jobs.register(TIDY_JOB, async (_data, job) => runTidyCheck(deps.db, job.now, deps.timeZone));
  jobs.schedule(TIDY_JOB, '30 17 28-31 * *');
}
