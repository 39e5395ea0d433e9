import { describe, expect, it } from 'vitest';
import { backupFolderName, compareFiles, cronIsAtLeastWeekly, compareRowCounts, humanSize, isBackupFolderName, isLoopback, isSafeRelativePath, selectForPruning } from './rules.ts';

describe('backup folder names (company time)', () => {
  it('names the folder after the company wall clock, with a suffix when the second is taken', () => {
    const at = new Date('2026-11-29T18:00:05Z'); // Monday 02:00:05 in Asia/Shanghai
    expect(backupFolderName(at, 'Asia/Shanghai', new Set())).toBe('opsdesk-backup-20261130-020005');
    expect(backupFolderName(at, 'Asia/Shanghai', new Set(['opsdesk-backup-20261130-020005']))).toBe('opsdesk-backup-20261130-020005-2');
    expect(isBackupFolderName('opsdesk-backup-20261130-020005-2')).toBe(true);
    expect(isBackupFolderName('my-photos')).toBe(false);
  });
});

describe('DOC-7 at least weekly', () => {
  it('accepts weekly and more frequent schedules, refuses monthly and malformed ones', () => {
    for (const cron of ['0 2 * * 0', '0 2 * * *', '30 1 * * 1,4', '0 0 2 * * 6']) expect(cronIsAtLeastWeekly(cron)).toBe(true);
    for (const cron of ['0 2 1 * *', '0 2 * 1 *', '0 2 1-7 * 0', 'weekly', '']) expect(cronIsAtLeastWeekly(cron)).toBe(false);
  });
});

describe('DOC-7 retention', () => {
  const e = (name: string, createdAt: string) => ({ name, createdAt });
  it('keeps the newest N and names the rest, oldest included', () => {
    const entries = [e('c', '2026-11-15T18:00:00Z'), e('a', '2026-11-01T18:00:00Z'), e('d', '2026-11-22T18:00:00Z'), e('b', '2026-11-08T18:00:00Z')];
    expect(selectForPruning(entries, 2).sort()).toEqual(['a', 'b']);
    expect(selectForPruning(entries, 8)).toEqual([]);
  });
  it('always keeps at least the newest one, whatever is configured', () => {
    expect(selectForPruning([e('x', '2026-11-01T00:00:00Z'), e('y', '2026-11-02T00:00:00Z')], 0)).toEqual(['x']);
  });
  it('orders backups of the same second by their suffix', () => {
    const t = '2026-11-01T00:00:00Z';
    expect(selectForPruning([e('opsdesk-backup-20261101-080000-10', t), e('opsdesk-backup-20261101-080000', t), e('opsdesk-backup-20261101-080000-2', t)], 1).sort()).toEqual([
      'opsdesk-backup-20261101-080000',
      'opsdesk-backup-20261101-080000-2',
    ]);
  });
});

describe('restore check comparisons', () => {
  it('row counts: equal → nothing; a different, missing or extra table is named', () => {
    expect(compareRowCounts({ 'public.people': 3 }, { 'public.people': 3 })).toEqual([]);
    expect(compareRowCounts({ 'public.people': 3, 'public.x': 1 }, { 'public.people': 2, 'public.y': 0 })).toEqual([
      'public.people: 行数 rows 2 ≠ 3',
      'public.x: 恢复后缺少该表 missing after restore',
      'public.y: 清单中没有 not in the manifest (0 rows)',
    ]);
  });
  it('files: a missing file and a changed one are named', () => {
    const f = { path: 'cas/ab/x', sha256: 'a'.repeat(64), size: 3 };
    expect(compareFiles([f], new Map([[f.path, f]]))).toEqual([]);
    expect(compareFiles([f], new Map([[f.path, { ...f, sha256: 'b'.repeat(64) }]]))).toEqual(['cas/ab/x: 校验和不符 checksum mismatch']);
    expect(compareFiles([f], new Map([[f.path, null]]))).toEqual(['cas/ab/x: 文件缺失 missing']);
  });
});

describe('safety checks', () => {
  it('manifest paths must stay inside the restore folder', () => {
    expect(isSafeRelativePath('cas/ab/cd')).toBe(true);
    for (const p of ['', '/etc/passwd', '../x', 'a/../../x', 'a//b', 'C:/x', 'a\\b', './a']) expect(isSafeRelativePath(p)).toBe(false);
  });
  it('loopback addresses only (IPv4, IPv6, IPv4-mapped)', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.5', '::ffff:10.0.0.5', '', undefined]) expect(isLoopback(a)).toBe(false);
  });
  it('sizes read as people read them', () => {
    expect(humanSize(512)).toBe('512 B');
    expect(humanSize(5 * 1024 * 1024 + 300_000)).toBe('5.3 MB');
  });
});
