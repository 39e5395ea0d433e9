import type { Actor } from '../http/context.ts';

/** Who is asking: a signed-in person, or the command line on the server machine (local token). */
export interface BackupCaller {
  actor: Actor | null;
  local: boolean;
}

/** ALL-7/DOC-7: backups are the system administrator's; the local command line acts as one. */
export const canManageBackups = (caller: BackupCaller) => caller.local || !!caller.actor?.roles.includes('admin');

/** Only the command line may pick a folder on the server: a web admin writing anywhere is too much. */
export const canChooseBackupFolder = (caller: BackupCaller) => caller.local;
