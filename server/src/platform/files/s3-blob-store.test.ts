import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../../test/s3.ts';
import { BlobNotFoundError } from './blob-store.ts';
import { S3BlobStore } from './s3-blob-store.ts';

let s3: LocalS3;
let store: S3BlobStore;

beforeAll(async () => {
  s3 = await startLocalS3();
  store = new S3BlobStore(s3.settings);
});
afterAll(async () => {
  store.client.destroy();
  await s3.close();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The bytes in small chunks, so the upload really streams (several multipart parts). */
const streamOf = (b: Buffer) => Readable.from((function* () {
  for (let i = 0; i < b.length; i += 64 * 1024) yield b.subarray(i, i + 64 * 1024);
})());
const keysUnder = async (prefix: string) =>
  ((await store.client.send(new ListObjectsV2Command({ Bucket: s3.settings.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);

describe('S3BlobStore (the BlobStore contract against a real S3 server)', () => {
  it('streams a multi-MB blob in and reads it back byte for byte; no temporary object is left', async () => {
    const data = randomBytes(12 * 1024 * 1024 + 17);
    const key = `cas/${sha(data)}`;
    let askedAfterEnd = false;
    const source = streamOf(data);
    const put = await store.put(source, () => {
      askedAfterEnd = source.readableEnded;
      return key;
    });
    expect(put).toEqual({ key, created: true });
    expect(askedAfterEnd).toBe(true);
    const back = await buffer(await store.get(key));
    expect(back.equals(data)).toBe(true);
    expect(await keysUnder('tmp/')).toEqual([]);
  });

  it('keeps the blob already under a key: identical content is stored once (created false)', async () => {
    const data = Buffer.from('员工考勤管理制度 V1');
    const key = `cas/${sha(data)}`;
    expect(await store.put(streamOf(data), () => key)).toEqual({ key, created: true });
    expect(await store.put(streamOf(data), () => key)).toEqual({ key, created: false });
    expect(await keysUnder(key)).toEqual([key]);
    expect(await keysUnder('tmp/')).toEqual([]);
  });

  it('answers exists, and forgets a deleted blob', async () => {
    const key = 'secret/0123abcd';
    await store.put(streamOf(Buffer.from('x')), () => key);
    expect(await store.exists(key)).toBe(true);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    await store.delete(key); // deleting a missing blob is not an error
  });

  it('rejects a missing key with BlobNotFoundError', async () => {
    await expect(store.get('cas/missing')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('stores an empty blob', async () => {
    const key = 'cas/empty';
    await store.put(Readable.from([]), () => key);
    expect((await buffer(await store.get(key))).length).toBe(0);
  });

  it('rejects keys that are not ours, and leaves no temporary object behind', async () => {
    await expect(store.put(streamOf(Buffer.from('y')), () => '../etc/passwd')).rejects.toThrow(/invalid blob key/);
    for (const bad of ['', 'Cas/AB', 'cas//x', '/cas', 'cas/x.txt']) {
      await expect(store.get(bad)).rejects.toThrow(/invalid blob key/);
      await expect(store.exists(bad)).rejects.toThrow(/invalid blob key/);
      await expect(store.delete(bad)).rejects.toThrow(/invalid blob key/);
    }
    expect(await keysUnder('tmp/')).toEqual([]);
  });

  it('drops the temporary object when the key is refused after the bytes arrived (upload over the limit)', async () => {
    await expect(store.put(streamOf(Buffer.from('z')), () => {
      throw new Error('too large');
    })).rejects.toThrow('too large');
    expect(await keysUnder('tmp/')).toEqual([]);
  });
});
