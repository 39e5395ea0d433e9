import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../config.ts';
import { PGLITE_EXTENSIONS } from '../../db/client.ts';
import { lockDataDir } from '../../db/lock.ts';
import type { Io } from './cli.ts';
import { countRows, hasTables, readPgliteDump, restorePostgresDump } from './dump.ts';
import { S3BlobStore } from '../files/s3-blob-store.ts';
import { copyBlobsIn, copyFilesIn, isEmptyDir } from './files.ts';
import { BackupInvalidError, FILES_DIR, type Manifest, verifyBackup } from './manifest.ts';
import { compareRowCounts } from './rules.ts';

export class RestoreRefused extends Error {}

/**
 * `npm run restore -- <backup folder>`: into an EMPTY target only (PGlite: a data dir without a
 * database; PostgreSQL: a database without tables; and an empty files folder). Every checksum
 * is verified before anything is touched; rows and files are compared again afterwards.
 */
export async function restoreCommand(config: Config, args: string[], io: Io = console): Promise<number> {
  const source = args.find((a) => !a.startsWith('--'));
  if (!source) {
    io.error('用法 Usage: npm run restore -- <backup folder>');
    return 2;
  }
  try {
    const manifest = await restoreBackup(config, path.resolve(source));
    const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
    io.log(`\n  恢复完成 Restored: ${Object.keys(manifest.rowCounts).length} 张表 tables, ${rows} 行 rows, ${manifest.files.length} 个文件 files (${manifest.createdAt})`);
    io.log(
      fs.existsSync(config.keyFile)
        ? `  主密钥 Master key: ${config.keyFile}\n`
        : `  注意：主密钥不在备份中。请把原来的密钥文件放到 ${config.keyFile}，否则秘密文件无法打开。\n` +
            `  Note: the master key is never in a backup. Put the original key file at ${config.keyFile}, or secret files cannot be opened.\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupInvalidError || err instanceof RestoreRefused) {
      io.error(`\n${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

export async function restoreBackup(config: Config, source: string): Promise<Manifest> {
  const manifest = await verifyBackup(source);
  const driver = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.driver !== driver) {
    throw new RestoreRefused(`备份来自 ${manifest.driver}，当前配置的是 ${driver}。The backup is of ${manifest.driver}; this configuration uses ${driver}.`);
  }
  if (!isEmptyDir(config.filesDir)) {
    throw new RestoreRefused(`文件目录不是空的，拒绝覆盖 The files folder is not empty; refusing to overwrite it: ${config.filesDir}`);
  }
  const dump = path.join(source, manifest.database.path);
  if (driver === 'pglite') {
    if (fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) {
      throw new RestoreRefused(`数据目录中已有数据库，拒绝覆盖 The data dir already holds a database; refusing to overwrite it: ${config.dataDir}`);
    }
    const release = lockDataDir(config.dataDir);
    try {
      const pglite = new PGlite({ dataDir: config.dataDir, loadDataDir: await readPgliteDump(dump), extensions: PGLITE_EXTENSIONS });
      try {
        await pglite.waitReady;
        assertSameRows(manifest, await countRows((sql) => pglite.query(sql)));
      } finally {
        await pglite.close();
      }
      await restoreFiles(source, config, manifest);
    } finally {
      release();
    }
    return manifest;
  }
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    if (await hasTables((sql) => client.query(sql))) {
      throw new RestoreRefused(`目标数据库不是空的，拒绝覆盖 The target database has tables; refusing to overwrite it`);
    }
    await restorePostgresDump(config.databaseUrl!, dump);
    assertSameRows(manifest, await countRows((sql) => client.query(sql)));
  } finally {
    await client.end();
  }
  await restoreFiles(source, config, manifest);
  return manifest;
}

function assertSameRows(manifest: Manifest, counts: Record<string, number>) {
  const problems = compareRowCounts(manifest.rowCounts, counts);
  if (problems.length) throw new BackupInvalidError(problems);
}

async function restoreFiles(source: string, config: Config, manifest: Manifest) {
  fs.mkdirSync(config.filesDir, { recursive: true, mode: 0o700 });
  // With S3 the files platform's blobs (its cas/ and secret/ keys) go back into the bucket.
  const isBlob = (p: string) => !!config.s3 && /^(cas|secret)\//.test(p);
  const problems = await copyFilesIn(path.join(source, FILES_DIR), config.filesDir, manifest.files.filter((f) => !isBlob(f.path)));
  const blobs = manifest.files.filter((f) => isBlob(f.path));
  if (config.s3 && blobs.length) {
    const store = new S3BlobStore(config.s3);
    try {
      problems.push(...(await copyBlobsIn(path.join(source, FILES_DIR), store, blobs)));
    } finally {
      store.client.destroy();
    }
  }
  if (problems.length) throw new BackupInvalidError(problems);
}
