import { zoneOffsetMs } from '../calendar/zone.ts';

// Pure rules of the backup platform: no file system, no database, no clock (times are passed in).

export const FOLDER_PREFIX = 'opsdesk-backup-';
const FOLDER = /^opsdesk-backup-(\d{8}-\d{6})(?:-(\d+))?$/;

/** `opsdesk-backup-20261126-100000` in company time; `-2`, `-3` … when that second is taken. */
export function backupFolderName(at: Date, timeZone: string, taken: ReadonlySet<string>): string {
  // "2026-11-26T10:00:00" in company time → 20261126-100000
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone)).toISOString();
  const base = `${FOLDER_PREFIX}${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 19).replaceAll(':', '')}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const isBackupFolderName = (name: string) => FOLDER.test(name);

/**
 * DOC-7 "backed up at least weekly": a cron (5 fields, or 6 with seconds) qualifies when it is
 * not limited to certain days of the month or months; any weekday list then fires every week.
 */
export function cronIsAtLeastWeekly(cron: string): boolean {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return false;
  const [dayOfMonth, month, dayOfWeek] = fields.slice(-3);
  return dayOfMonth === '*' && month === '*' && !!dayOfWeek;
}

export interface BackupEntry {
  name: string;
  createdAt: string;
}

/** DOC-7 retention: the newest `keep` backups stay (at least one, whatever is configured); the rest go. */
export function selectForPruning(entries: readonly BackupEntry[], keep: number): string[] {
  const order = (e: BackupEntry) => Number(FOLDER.exec(e.name)?.[2] ?? 1);
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || order(b) - order(a) || (a.name < b.name ? 1 : -1));
  return newestFirst.slice(Math.max(1, Math.floor(keep) || 1)).map((e) => e.name);
}

export interface FileFact {
  path: string;
  sha256: string;
  size: number;
}

/** Differences between what the manifest promises and what was found; empty means equal. */
export function compareRowCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[table];
    const a = actual[table];
    if (e === undefined) problems.push(`${table}: 清单中没有 not in the manifest (${a} rows)`);
    else if (a === undefined) problems.push(`${table}: 恢复后缺少该表 missing after restore`);
    else if (e !== a) problems.push(`${table}: 行数 rows ${a} ≠ ${e}`);
  }
  return problems;
}

export function compareFiles(expected: readonly FileFact[], actual: ReadonlyMap<string, FileFact | null>): string[] {
  const problems: string[] = [];
  for (const f of expected) {
    const found = actual.get(f.path);
    if (!found) problems.push(`${f.path}: 文件缺失 missing`);
    else if (found.size !== f.size || found.sha256 !== f.sha256) problems.push(`${f.path}: 校验和不符 checksum mismatch`);
  }
  return problems;
}

/** A manifest path must stay inside the folder it is restored to. */
export function isSafeRelativePath(p: string): boolean {
  if (!p || p.startsWith('/') || p.includes('\\') || /^[A-Za-z]:/.test(p) || p.includes('\0')) return false;
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** "12.3 MB": sizes in messages people read. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u += 1;
  }
  return `${u === 0 ? n : n.toFixed(1)} ${units[u]}`;
}
