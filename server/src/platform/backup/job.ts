import type { Jobs } from '../jobs/jobs.ts';
import { AppError } from '../http/errors.ts';
import { type BackupDeps, createBackup } from './create.service.ts';
import { cronIsAtLeastWeekly } from './rules.ts';

export const BACKUP_JOB = 'system-backup';

/**
 * DOC-7 "backed up at least weekly; a restore is tested": the scheduled backup (default Sunday
 * 02:00 company time, OPSDESK_BACKUP_CRON) with its restore check and retention. One at a time;
 * no automatic retry (the record shows the failure; the next run comes on schedule).
 */
export function registerBackupJob(jobs: Jobs, deps: BackupDeps, cron: string): void {
  if (!cronIsAtLeastWeekly(cron)) {
    throw new Error(`OPSDESK_BACKUP_CRON「${cron}」不满足每周至少备份一次 (DOC-7)。The backup schedule must run at least weekly, e.g. "0 2 * * 0".`);
  }
  jobs.register(
    BACKUP_JOB,
    async () => {
      try {
        const backup = await createBackup(deps, { kind: 'scheduled', actor: null, ip: null, via: 'schedule' });
        return { backupId: backup.id, restoreCheck: backup.restoreCheck };
      } catch (err) {
        // Someone is backing up by hand right now: that backup serves.
        if (err instanceof AppError && err.code === 'BACKUP_RUNNING') return { skipped: 'BACKUP_RUNNING' };
        throw err;
      }
    },
    { policy: 'stately', retryLimit: 0, expireInSeconds: 6 * 3600 },
  );
  jobs.schedule(BACKUP_JOB, cron);
}
