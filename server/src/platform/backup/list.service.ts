import { count, desc, eq } from 'drizzle-orm';
import type { TBackupPage, ZBackupQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Ctx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { BackupConfig } from './create.service.ts';
import { type BackupCaller, canManageBackups } from './policy.ts';
import { presentBackup } from './presenters.ts';
import { backups } from './schema.ts';

/** DOC-7: past backups, newest first, with the last good one and the schedule at a glance. */
export async function listBackups(
  ctx: Ctx,
  caller: BackupCaller,
  config: BackupConfig & { backupCron: string },
  query: z.output<typeof ZBackupQuery>,
): Promise<TBackupPage> {
  if (!canManageBackups(caller)) throw new AppError('FORBIDDEN');
  const [total] = await ctx.db.select({ n: count() }).from(backups);
  const rows = await ctx.db
    .select()
    .from(backups)
    .orderBy(desc(backups.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [last] = await ctx.db.select().from(backups).where(eq(backups.status, 'succeeded')).orderBy(desc(backups.id)).limit(1);
  return {
    items: rows.map(presentBackup),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    lastSucceeded: last ? presentBackup(last) : null,
    schedule: { cron: config.backupCron, timeZone: config.timeZone, keep: config.backupKeep, dir: config.backupDir },
  };
}
