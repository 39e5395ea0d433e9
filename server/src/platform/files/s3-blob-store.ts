import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../../config.ts';
import { BlobNotFoundError, type BlobStore } from './blob-store.ts';

// Same rule as FsBlobStore: keys are ours, anything else is a bug.
const KEY = /^[a-z0-9]+(\/[a-z0-9]+)*$/;

function checked(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid blob key: ${key}`);
  return key;
}

function isMissing(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404;
}

/**
 * Blobs in an S3-compatible bucket (AWS, MinIO, OSS, COS) for multi-instance deployments. Like the
 * filesystem store, a write lands under `tmp/` first and is copied to its final key only once the
 * key is known, so readers never see a partial blob.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      // Unset → the SDK's usual chain (environment, instance role).
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
    });
  }

  async put(source: Readable, keyOf: () => string): Promise<{ key: string; created: boolean }> {
    const staged = `tmp/${randomUUID()}`;
    try {
      // Multipart in parts of 5 MiB: memory stays bounded whatever the file size.
      await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: staged, Body: source } }).done();
      const key = checked(keyOf());
      if (await this.exists(key)) return { key, created: false };
      // Two identical uploads racing here copy identical bytes, so either winner is right.
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${staged}` }));
      return { key, created: true };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: staged })).catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checked(key) }));
      if (!(res.Body instanceof Readable)) throw new Error(`blob ${key}: the response body is not a stream`);
      return res.Body;
    } catch (err) {
      if (isMissing(err)) throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checked(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checked(key) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }
}
