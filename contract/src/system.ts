import { z } from 'zod';
import { ZPageQuery, zPage } from './common.ts';

export const BACKUP_KINDS = ['scheduled', 'manual'] as const;
export const BACKUP_STATUSES = ['succeeded', 'failed'] as const;
export const RESTORE_CHECK_RESULTS = ['passed', 'failed'] as const;

/** DOC-7: one backup run: where it went, how big, and whether restoring it was proven. */
export const ZBackup = z.object({
  id: z.number().int(),
  kind: z.enum(BACKUP_KINDS),
  startedAt: z.string(),
  finishedAt: z.string(),
  path: z.string(),
  sizeBytes: z.number().int(),
  status: z.enum(BACKUP_STATUSES),
  /** Why a backup failed. */
  message: z.string().nullable(),
  /** null when the backup itself failed. */
  restoreCheck: z.enum(RESTORE_CHECK_RESULTS).nullable(),
  restoreCheckMessage: z.string().nullable(),
  /** Set when retention deleted the folder. */
  prunedAt: z.string().nullable(),
  /** Who asked for it; null for the schedule and the command line. */
  actorName: z.string().nullable(),
});
export type TBackup = z.infer<typeof ZBackup>;

export const ZBackupQuery = ZPageQuery;
export type TBackupQuery = z.input<typeof ZBackupQuery>;

export const ZBackupSchedule = z.object({ cron: z.string(), timeZone: z.string(), keep: z.number().int(), dir: z.string() });

export const ZBackupPage = zPage(ZBackup).extend({
  schedule: ZBackupSchedule,
  /** The newest backup that succeeded, for "last backup / restore check" at a glance. */
  lastSucceeded: ZBackup.nullable(),
});
export type TBackupPage = z.infer<typeof ZBackupPage>;

/** `out`: a parent folder on the server for the new backup folder; only the local command line may choose it. */
export const ZBackupCreate = z
  .object({
    out: z
      .string()
      .trim()
      .min(1)
      .max(1024)
      .regex(/^(\/|[A-Za-z]:[\\/])/)
      .optional(),
  })
  // No body at all (Fastify passes null) means "into config.backupDir".
  .nullish();
export type TBackupCreate = z.input<typeof ZBackupCreate>;

/** Header the command line uses with the token the server wrote to `<dataDir>/.local-admin-token`. */
export const LOCAL_TOKEN_HEADER = 'x-opsdesk-local-token';
