import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFileMeta } from '@opsdesk/contract';
import { PASSWORD, type Client, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { formData } from '../../../test/multipart.ts';
import { type LocalS3, startLocalS3 } from '../../../test/s3.ts';
import { loadConfig } from '../../config.ts';
import { files } from './schema.ts';

let s3: LocalS3;
let bucket: S3Client;
let t: TestApp;
let alice: Client;

beforeAll(async () => {
  s3 = await startLocalS3();
  const { settings } = s3;
  bucket = new S3Client({
    endpoint: settings.endpoint!,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId!, secretAccessKey: settings.secretAccessKey! },
  });
  t = await startTestApp({ s3: settings });
  await makePerson(t.database, { username: 'alice', name: '王芳' });
  alice = await login(t.app, 'alice', PASSWORD);
});
afterAll(async () => {
  await t.close();
  bucket.destroy();
  await s3.close();
});

const PLAINTEXT = 'HT-SX-20230920 A公司产品销售合同：合同金额人民币 3,800,000 元，付款方式为分三期支付。'.repeat(50);

async function upload(data: string, secret: boolean, filename: string): Promise<TFileMeta> {
  const form = formData([{ name: 'secret', value: String(secret) }, { name: 'file', filename, type: 'text/plain', data }]);
  const res = await alice.post('/api/files', form.payload, form.headers);
  expect(res.statusCode).toBe(201);
  return res.json<TFileMeta>();
}
const storageKeyOf = async (id: string) => (await t.database.db.select().from(files).where(eq(files.id, id)))[0]!.storageKey;
const objectBytes = async (key: string) => buffer((await bucket.send(new GetObjectCommand({ Bucket: 'opsdesk', Key: key }))).Body as NodeJS.ReadableStream);
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];

describe('files in an S3-compatible bucket (OPSDESK_S3_BUCKET set)', () => {
  it('stores an ordinary upload in the bucket under its content address and serves it back', async () => {
    const meta = await upload('员工考勤管理制度 V1\n', false, '考勤制度.txt');
    const key = await storageKeyOf(meta.id);
    expect(key).toMatch(/^cas\//);
    expect((await objectBytes(key)).toString()).toBe('员工考勤管理制度 V1\n');
    const res = await alice.get(`/api/files/${meta.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('员工考勤管理制度 V1\n');
  });

  it('DOC-4 a secret upload reaches the bucket only as ciphertext, and downloads as the plaintext', async () => {
    const meta = await upload(PLAINTEXT, true, 'A公司产品销售合同.txt');
    const key = await storageKeyOf(meta.id);
    expect(key).toMatch(/^secret\/[0-9a-f]{32}$/);
    const stored = await objectBytes(key);
    expect(stored.length).toBe(Buffer.byteLength(PLAINTEXT));
    expect(stored.includes(Buffer.from('A公司产品销售合同'))).toBe(false);
    expect(stored.includes(Buffer.from('3,800,000'))).toBe(false);
    const res = await alice.get(`/api/files/${meta.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(PLAINTEXT);
  });

  it('writes no blob to the local files folder, and leaves no temporary object in the bucket', async () => {
    expect(filesUnder(path.join(t.config.filesDir, 'cas'))).toEqual([]);
    expect(filesUnder(path.join(t.config.filesDir, 'secret'))).toEqual([]);
    const tmp = await bucket.send(new ListObjectsV2Command({ Bucket: 'opsdesk', Prefix: 'tmp/' }));
    expect(tmp.Contents ?? []).toEqual([]);
  });
});

describe('the S3 settings from the environment', () => {
  it('are off without OPSDESK_S3_BUCKET; otherwise read with region us-east-1 and path style by default', () => {
    expect(loadConfig({ OPSDESK_S3_ENDPOINT: 'http://minio:9000' }).s3).toBeUndefined();
    expect(loadConfig({ OPSDESK_S3_BUCKET: 'opsdesk' }).s3).toEqual({
      endpoint: undefined, bucket: 'opsdesk', region: 'us-east-1', accessKeyId: undefined, secretAccessKey: undefined, forcePathStyle: true,
    });
    expect(loadConfig({
      OPSDESK_S3_BUCKET: 'files', OPSDESK_S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com', OPSDESK_S3_REGION: 'oss-cn-hangzhou',
      OPSDESK_S3_ACCESS_KEY_ID: 'AK', OPSDESK_S3_SECRET_ACCESS_KEY: 'SK', OPSDESK_S3_FORCE_PATH_STYLE: 'false',
    }).s3).toEqual({
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'files', region: 'oss-cn-hangzhou', accessKeyId: 'AK', secretAccessKey: 'SK', forcePathStyle: false,
    });
  });
});
