import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DriverName } from '../../db/client.ts';
import { type FileFact, compareFiles, isSafeRelativePath } from './rules.ts';

export const MANIFEST = 'manifest.json';
export const CHECKSUMS = 'SHA256SUMS';
/** Files are stored under this folder of a backup, by their path relative to config.filesDir. */
export const FILES_DIR = 'files';

export interface Manifest {
  format: 'opsdesk-backup/1';
  createdAt: string;
  appVersion: string;
  driver: DriverName;
  database: FileFact & { format: 'pglite-datadir-tar-gz' | 'pg-dump-custom' };
  /** Paths relative to config.filesDir (POSIX separators). */
  files: FileFact[];
  /** "schema.table" → rows, counted in the same snapshot as the dump. */
  rowCounts: Record<string, number>;
}

export class BackupInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`备份校验失败 The backup does not verify:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … (+${problems.length - 20})` : ''}`);
  }
}

export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** manifest.json plus SHA256SUMS (`sha256sum -c` compatible) over the manifest, the dump and every file. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const manifestFile = path.join(dir, MANIFEST);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  const lines = [
    `${(await sha256File(manifestFile)).sha256}  ${MANIFEST}`,
    `${manifest.database.sha256}  ${manifest.database.path}`,
    ...manifest.files.map((f) => `${f.sha256}  ${FILES_DIR}/${f.path}`),
  ];
  fs.writeFileSync(path.join(dir, CHECKSUMS), `${lines.join('\n')}\n`, { mode: 0o600 });
}

/**
 * Reads a backup and checks every checksum before anything is restored from it: the manifest
 * against SHA256SUMS, the dump and each file against the manifest. Throws BackupInvalidError.
 */
export async function verifyBackup(dir: string): Promise<Manifest> {
  const problems: string[] = [];
  const manifestFile = path.join(dir, MANIFEST);
  const sumsFile = path.join(dir, CHECKSUMS);
  if (!fs.existsSync(manifestFile) || !fs.existsSync(sumsFile)) throw new BackupInvalidError([`${dir}: 不是 OpsDesk 备份 not an OpsDesk backup (no ${MANIFEST} / ${CHECKSUMS})`]);
  const sums = new Map(
    fs
      .readFileSync(sumsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(66), line.slice(0, 64)] as const),
  );
  if (sums.get(MANIFEST) !== (await sha256File(manifestFile)).sha256) problems.push(`${MANIFEST}: 校验和不符 checksum mismatch`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    throw new BackupInvalidError([...problems, `${MANIFEST}: 无法读取 unreadable`]);
  }
  if (manifest.format !== 'opsdesk-backup/1' || !manifest.database || !Array.isArray(manifest.files)) throw new BackupInvalidError([...problems, `${MANIFEST}: 格式不对 unknown format`]);
  const unsafe = [manifest.database.path, ...manifest.files.map((f) => f.path)].filter((p) => !isSafeRelativePath(p));
  if (unsafe.length) throw new BackupInvalidError([...problems, ...unsafe.map((p) => `${p}: 路径不安全 unsafe path`)]);

  problems.push(...(await checkFiles(dir, [manifest.database], '')));
  problems.push(...(await checkFiles(path.join(dir, FILES_DIR), manifest.files, `${FILES_DIR}/`)));
  for (const f of manifest.files) if (sums.get(`${FILES_DIR}/${f.path}`) !== f.sha256) problems.push(`${FILES_DIR}/${f.path}: 与 ${CHECKSUMS} 不一致 differs from ${CHECKSUMS}`);
  if (sums.get(manifest.database.path) !== manifest.database.sha256) problems.push(`${manifest.database.path}: 与 ${CHECKSUMS} 不一致 differs from ${CHECKSUMS}`);
  if (problems.length) throw new BackupInvalidError(problems);
  return manifest;
}

/** Hashes each expected file under `root`; returns the differences (labelled with `label` + path). */
export async function checkFiles(root: string, expected: readonly FileFact[], label: string): Promise<string[]> {
  const found = new Map<string, FileFact | null>();
  for (const f of expected) {
    const file = path.join(root, ...f.path.split('/'));
    found.set(f.path, fs.existsSync(file) ? { path: f.path, ...(await sha256File(file)) } : null);
  }
  return compareFiles(expected, found).map((p) => `${label}${p}`);
}
