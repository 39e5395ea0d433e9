import { inArray, sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type { TBackup } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { rowsOf } from '../access/scope.ts';
import { type Actor, type Ctx, mutate } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { type CheckResult, restoreCheck } from './check.ts';
import { dumpDatabase } from './dump.ts';
import { S3BlobStore } from '../files/s3-blob-store.ts';
import { copyBlobsOut, copyFilesOut, folderSize } from './files.ts';
import { FILES_DIR, type Manifest, writeManifest } from './manifest.ts';
import { presentBackup } from './presenters.ts';
import { backupFolderName, isBackupFolderName, selectForPruning } from './rules.ts';
import { backups } from './schema.ts';

export type BackupConfig = Pick<Config, 'now' | 'timeZone' | 'dataDir' | 'filesDir' | 'keyFile' | 'backupDir' | 'backupKeep'> & Partial<Pick<Config, 's3'>>;
export interface BackupDeps {
  config: BackupConfig;
  database: Database;
  version: string;
}
export interface BackupRequest {
  kind: 'scheduled' | 'manual';
  /** Parent folder for the new backup folder; default config.backupDir. */
  out?: string | undefined;
  actor: Actor | null;
  ip: string | null;
  via: 'web' | 'cli' | 'schedule';
}

export const LOCAL_TOKEN_FILE = '.local-admin-token';
const PARTIAL = '.partial';

// One backup at a time in this process: a second one would only compete for the same disk.
let running = false;

/**
 * DOC-7: a consistent backup of the database and the files into a new folder, then a restore
 * check of it, recorded in `backups` (with its audit row); retention runs after a backup into
 * config.backupDir. A failed backup is recorded too, then reported as BACKUP_FAILED.
 */
export async function createBackup(deps: BackupDeps, req: BackupRequest): Promise<TBackup> {
  if (running) throw new AppError('BACKUP_RUNNING');
  running = true;
  try {
    const startedAt = deps.config.now();
    const parent = path.resolve(req.out ?? deps.config.backupDir);
    let written: { folder: string; manifest: Manifest; size: number };
    try {
      written = await writeBackup(deps, parent, startedAt);
    } catch (err) {
      const reason = (err as Error).message.slice(0, 2000);
      await record(deps, req, { startedAt, path: parent, sizeBytes: 0, status: 'failed', message: reason }, null);
      throw new AppError('BACKUP_FAILED', undefined, { reason });
    }
    const check = await restoreCheck(deps.database, written.folder);
    const row = await record(deps, req, { startedAt, path: written.folder, sizeBytes: written.size, status: 'succeeded', message: null }, check);
    if (parent === path.resolve(deps.config.backupDir)) await pruneBackups(deps);
    return row;
  } finally {
    running = false;
  }
}

/** Paths that must never end up in a backup, wherever they were configured to live. */
export function neverBackedUp(config: BackupConfig, extra: string[] = []): Set<string> {
  const paths = [config.keyFile, path.join(config.dataDir, LOCAL_TOKEN_FILE), path.join(config.dataDir, 'opsdesk.lock'), ...extra];
  const out = new Set<string>();
  for (const p of paths) {
    out.add(path.resolve(p));
    if (fs.existsSync(p)) out.add(fs.realpathSync(p));
  }
  return out;
}

async function writeBackup(deps: BackupDeps, parent: string, startedAt: Date) {
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const taken = new Set(fs.readdirSync(parent).map((n) => (n.endsWith(PARTIAL) ? n.slice(0, -PARTIAL.length) : n)));
  const name = backupFolderName(startedAt, deps.config.timeZone, taken);
  // Written under a .partial name and renamed at the end: a folder without it is complete.
  const partial = path.join(parent, `${name}${PARTIAL}`);
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    const s3 = deps.config.s3;
    // With S3, stale local blob folders (from before the switch) would clash with the bucket's.
    const local = s3 ? ['cas', 'secret'].map((d) => path.join(deps.config.filesDir, d)) : [];
    const exclude = neverBackedUp(deps.config, [parent, ...local]);
    // Database first, then files: a file added meanwhile is only an extra; the files platform
    // never deletes a stored file that a committed row still points to.
    const { fact, rowCounts } = await dumpDatabase(deps.database, partial, exclude);
    const files = await copyFilesOut(deps.config.filesDir, path.join(partial, FILES_DIR), exclude);
    if (s3) files.push(...(await copyBlobsFromS3(new S3BlobStore(s3), deps.database, path.join(partial, FILES_DIR))));
    const manifest: Manifest = {
      format: 'opsdesk-backup/1',
      createdAt: startedAt.toISOString(),
      appVersion: deps.version,
      driver: deps.database.driver,
      database: fact,
      files,
      rowCounts,
    };
    await writeManifest(partial, manifest);
    const folder = path.join(parent, name);
    fs.renameSync(partial, folder);
    return { folder, manifest, size: folderSize(folder) };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** Every blob a `files` row points to, fetched from the bucket. */
async function copyBlobsFromS3(store: S3BlobStore, database: Database, to: string) {
  try {
    const [table] = rowsOf<{ t: string | null }>(await database.db.execute(sql`select to_regclass('public.files')::text as t`));
    if (!table?.t) return [];
    const keys = rowsOf<{ k: string }>(await database.db.execute(sql`select distinct storage_key as k from files`)).map((r) => r.k);
    return await copyBlobsOut(store, keys, to);
  } finally {
    store.client.destroy();
  }
}

interface Outcome {
  startedAt: Date;
  path: string;
  sizeBytes: number;
  status: 'succeeded' | 'failed';
  message: string | null;
}

async function record(deps: BackupDeps, req: BackupRequest, outcome: Outcome, check: CheckResult | null): Promise<TBackup> {
  const values = {
    kind: req.kind,
    startedAt: outcome.startedAt.toISOString(),
    finishedAt: deps.config.now().toISOString(),
    path: outcome.path,
    sizeBytes: outcome.sizeBytes,
    status: outcome.status,
    message: outcome.message,
    restoreCheck: check ? (check.passed ? ('passed' as const) : ('failed' as const)) : null,
    restoreCheckMessage: check?.message ?? null,
    actorId: req.actor?.id ?? null,
    actorName: req.actor?.name ?? null,
  };
  // The command line may back up a database the current code has not migrated yet: no table, no record.
  if (!(await hasBackupsTable(deps.database))) return presentBackup({ id: 0, prunedAt: null, ...values });
  const ctx: Ctx = { db: deps.database.db, actor: req.actor, ip: req.ip, now: deps.config.now(), locale: 'zh-CN' };
  return mutate(ctx, async (tx, audit) => {
    const [row] = await tx.insert(backups).values(values).returning();
    await audit({
      entity: 'backup',
      entityId: row!.id,
      action: 'create',
      note: { kind: req.kind, via: req.via, status: values.status, path: values.path, restoreCheck: values.restoreCheck },
    });
    return presentBackup(row!);
  });
}

async function hasBackupsTable(database: Database): Promise<boolean> {
  const [row] = rowsOf<{ t: string | null }>(await database.db.execute(sql`select to_regclass('public.backups')::text as t`));
  return !!row?.t;
}

/**
 * DOC-7 retention: keeps the newest config.backupKeep backups in config.backupDir and deletes
 * the older ones (only folders this platform made); their records get `pruned_at`.
 */
export async function pruneBackups(deps: BackupDeps): Promise<string[]> {
  const dir = path.resolve(deps.config.backupDir);
  if (!fs.existsSync(dir)) return [];
  const now = deps.config.now();
  const entries: { name: string; createdAt: string }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const folder = path.join(dir, name);
    if (isBackupFolderName(name)) {
      try {
        const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
        entries.push({ name, createdAt: manifest.createdAt });
      } catch {
        // Not a complete backup of ours: leave it alone.
      }
    } else if (name.endsWith(PARTIAL) && isBackupFolderName(name.slice(0, -PARTIAL.length))) {
      // A backup that died half-way; a day old at least, so not one in progress elsewhere.
      if (now.getTime() - fs.statSync(folder).mtimeMs > 86_400_000) fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  const doomed = selectForPruning(entries, deps.config.backupKeep);
  for (const name of doomed) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  if (doomed.length && (await hasBackupsTable(deps.database))) {
    await deps.database.db
      .update(backups)
      .set({ prunedAt: now.toISOString() })
      .where(inArray(backups.path, doomed.map((n) => path.join(dir, n))));
  }
  return doomed;
}
