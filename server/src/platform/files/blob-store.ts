import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where file bytes live. The filesystem store below serves one server (or several sharing a
 * mounted volume); an S3-compatible store for multi-instance deployments implements the same four
 * verbs (put = upload to a temporary key, then copy to the final one).
 */
export interface BlobStore {
  /**
   * Streams `source` into a new blob. `keyOf` is asked once the source has ended, so a key may
   * depend on the bytes (content addressing). A blob already under that key is kept — same key,
   * same bytes — and `created` is false.
   */
  put(source: Readable, keyOf: () => string): Promise<{ key: string; created: boolean }>;
  /** The blob's bytes; rejects with BlobNotFoundError before any byte if it is missing. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
}

// Keys are ours (hex digests, random ids), never user input; anything else is a bug.
const KEY = /^[a-z0-9]+(\/[a-z0-9]+)*$/;

/** Blobs as files under `root`; each write goes to `root/tmp` first and is renamed into place. */
export class FsBlobStore implements BlobStore {
  private readonly tmp: string;

  constructor(private readonly root: string) {
    this.tmp = path.join(root, 'tmp');
    fs.mkdirSync(this.tmp, { recursive: true, mode: 0o700 });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid blob key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(source: Readable, keyOf: () => string): Promise<{ key: string; created: boolean }> {
    const staged = path.join(this.tmp, randomUUID());
    try {
      await pipeline(source, fs.createWriteStream(staged, { flags: 'wx', mode: 0o600 }));
      const key = keyOf();
      const target = this.pathOf(key);
      if (await this.exists(key)) {
        await fsp.rm(staged, { force: true });
        return { key, created: false };
      }
      // Durable before visible: a crash after the rename must not leave a short file.
      const handle = await fsp.open(staged, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Atomic on one filesystem: readers see no blob or the whole blob. Two identical uploads
      // racing here both rename identical bytes, so either winner is right.
      await fsp.rename(staged, target);
      return { key, created: true };
    } catch (err) {
      await fsp.rm(staged, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await fsp.open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fsp.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }
}
