import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBackup, TFileMeta } from '@opsdesk/contract';
import { type Config, type S3Settings, loadConfig } from '../../config.ts';
import { PASSWORD, type Client, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { baseName, withDatabase } from '../../../test/global-setup.ts';
import { formData } from '../../../test/multipart.ts';
import { type LocalS3, startLocalS3 } from '../../../test/s3.ts';
import { S3BlobStore } from '../files/s3-blob-store.ts';
import { copyBlobsIn } from './files.ts';
import type { Manifest } from './manifest.ts';
import { restoreBackup } from './restore.ts';

// DOC-7 with the files in an S3-compatible bucket: the backup fetches the blobs, restore puts them back.
let tmp: string;
let source: LocalS3;
let target: LocalS3;
let t: TestApp;
let admin: Client;
let alice: Client;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-backup-s3-'));
  [source, target] = await Promise.all([startLocalS3(), startLocalS3()]);
  t = await startTestApp({ s3: source.settings, backupDir: path.join(tmp, 'backups') });
  await makePerson(t.database, { username: 'alice', name: '王芳' });
  [admin, alice] = await Promise.all([loginAdmin(t.app), login(t.app, 'alice', PASSWORD)]);
});
afterAll(async () => {
  await t.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
  await Promise.all([source.close(), target.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const PLAINTEXT = 'HT-SX-20230920 A公司产品销售合同：合同金额人民币 3,800,000 元。'.repeat(40);

async function upload(data: string, secret: boolean): Promise<TFileMeta> {
  const form = formData([{ name: 'secret', value: String(secret) }, { name: 'file', filename: 'a.txt', type: 'text/plain', data }]);
  const res = await alice.post('/api/files', form.payload, form.headers);
  expect(res.statusCode).toBe(201);
  return res.json<TFileMeta>();
}

/** Every object of a bucket (key → bytes). */
async function objects(settings: S3Settings): Promise<Record<string, string>> {
  const client = new S3Client({
    endpoint: settings.endpoint!,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId!, secretAccessKey: settings.secretAccessKey! },
  });
  try {
    const out: Record<string, string> = {};
    const listed = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket }));
    for (const { Key } of listed.Contents ?? []) {
      const body = (await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: Key! }))).Body as NodeJS.ReadableStream;
      out[Key!] = (await buffer(body)).toString('base64');
    }
    return out;
  } finally {
    client.destroy();
  }
}

/** An empty target: a fresh data dir, or a new PostgreSQL database without tables; files in the second bucket. */
async function emptyTarget(): Promise<Config> {
  const dataDir = path.join(tmp, 'restored', 'data');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  let databaseUrl: string | undefined;
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = `${baseName(url)}_s3_${randomBytes(6).toString('hex')}`;
    const adminDb = new pg.Client({ connectionString: url });
    await adminDb.connect();
    await adminDb.query(`CREATE DATABASE ${db} TEMPLATE template0`);
    cleanups.push(async () => {
      await adminDb.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await adminDb.end();
    });
    databaseUrl = withDatabase(url, db);
  }
  return loadConfig({}, { dataDir, databaseUrl, s3: target.settings, logLevel: 'silent', webDist: '/nonexistent' });
}

describe('DOC-7 backups with the files in S3', () => {
  it('the backup holds every blob of the bucket (secret ones as ciphertext); restore puts them into an empty bucket', { timeout: 120_000 }, async () => {
    await upload('员工考勤管理制度 V1\n', false);
    await upload(PLAINTEXT, true);
    const stored = await objects(source.settings);
    const keys = Object.keys(stored).sort();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^cas\//);
    expect(keys[1]).toMatch(/^secret\//);

    const res = await admin.post('/api/system/backups');
    expect(res.statusCode).toBe(201);
    const backup = res.json<TBackup>();
    expect(backup).toMatchObject({ status: 'succeeded', restoreCheck: 'passed' });
    const manifest = JSON.parse(fs.readFileSync(path.join(backup.path, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.map((f) => f.path)).toEqual(keys);
    for (const key of keys) {
      expect(fs.readFileSync(path.join(backup.path, 'files', ...key.split('/'))).toString('base64')).toBe(stored[key]);
    }
    expect(fs.readFileSync(path.join(backup.path, 'files', ...keys[1]!.split('/'))).includes(Buffer.from('3,800,000'))).toBe(false);

    const restored = await restoreBackup(await emptyTarget(), backup.path);
    expect(restored.files).toHaveLength(2);
    expect(await objects(target.settings)).toEqual(stored);
  });

  it('restore stores nothing for a blob whose bytes do not match its checksum, and names it', async () => {
    const dir = path.join(tmp, 'tampered');
    fs.mkdirSync(path.join(dir, 'cas'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cas', 'abc'), 'changed');
    const store = new S3BlobStore(target.settings);
    try {
      const problems = await copyBlobsIn(dir, store, [{ path: 'cas/abc', sha256: '0'.repeat(64), size: 7 }]);
      expect(problems).toEqual(['cas/abc: 校验和不符 checksum mismatch']);
      expect(await store.exists('cas/abc')).toBe(false);
      expect(Object.keys(await objects(target.settings)).filter((k) => k.startsWith('tmp/'))).toEqual([]);
    } finally {
      store.client.destroy();
    }
  });
});
