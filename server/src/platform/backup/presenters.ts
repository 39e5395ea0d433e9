import type { TBackup } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import type { backups } from './schema.ts';

/** A backup record as the API shows it: instants in ISO 8601 UTC. */
export function presentBackup(row: typeof backups.$inferSelect): TBackup {
  return {
    id: row.id,
    kind: row.kind,
    startedAt: toIso(row.startedAt),
    finishedAt: toIso(row.finishedAt),
    path: row.path,
    sizeBytes: row.sizeBytes,
    status: row.status,
    message: row.message,
    restoreCheck: row.restoreCheck,
    restoreCheckMessage: row.restoreCheckMessage,
    prunedAt: row.prunedAt ? toIso(row.prunedAt) : null,
    actorName: row.actorName,
  };
}
