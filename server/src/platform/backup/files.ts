import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform, pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { BlobNotFoundError, type BlobStore } from '../files/blob-store.ts';
import type { FileFact } from './rules.ts';

/**
 * Copies every regular file under `from` to `to` (same relative paths), hashing on the way.
 * The files platform's folders (cas/, secret/) are opaque here. Paths in `exclude` (the master
 * key, wherever it was put) and symbolic links are never copied.
 */
export async function copyFilesOut(from: string, to: string, exclude: ReadonlySet<string>): Promise<FileFact[]> {
  const facts: FileFact[] = [];
  if (!fs.existsSync(from)) return facts;
  const walk = async (rel: string[]) => {
    const entries = fs.readdirSync(path.join(from, ...rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const parts = [...rel, entry.name];
      const src = path.join(from, ...parts);
      if (exclude.has(path.resolve(src))) continue;
      if (entry.isDirectory()) await walk(parts);
      else if (entry.isFile()) facts.push({ path: parts.join('/'), ...(await copyHashed(src, path.join(to, ...parts))) });
    }
  };
  await walk([]);
  return facts;
}

/** Copies the listed files back under `to`, checking each checksum; returns the mismatches. */
export async function copyFilesIn(from: string, to: string, files: readonly FileFact[]): Promise<string[]> {
  const problems: string[] = [];
  for (const f of files) {
    const parts = f.path.split('/');
    const got = await copyHashed(path.join(from, ...parts), path.join(to, ...parts));
    if (got.sha256 !== f.sha256 || got.size !== f.size) problems.push(`${f.path}: 校验和不符 checksum mismatch`);
  }
  return problems;
}

/**
 * With an S3 store the blobs are not under filesDir: each key is fetched through the store into
 * `to/<key>`, the layout the filesystem store has, so manifest and checksums apply unchanged.
 * A key whose blob is gone is skipped, as a missing file is on the filesystem.
 */
export async function copyBlobsOut(store: BlobStore, keys: readonly string[], to: string): Promise<FileFact[]> {
  const facts: FileFact[] = [];
  for (const key of [...new Set(keys)].sort()) {
    let source: Readable;
    try {
      source = await store.get(key);
    } catch (err) {
      if (err instanceof BlobNotFoundError) continue;
      throw err;
    }
    facts.push({ path: key, ...(await writeHashed(source, path.join(to, ...key.split('/')))) });
  }
  return facts;
}

/** Puts the listed blobs back through the store; a checksum mismatch stores nothing and is returned. */
export async function copyBlobsIn(from: string, store: BlobStore, files: readonly FileFact[]): Promise<string[]> {
  const problems: string[] = [];
  for (const f of files) {
    const tap = hashingTap();
    const source = pipeline(fs.createReadStream(path.join(from, ...f.path.split('/'))), tap.stream, noop);
    try {
      await store.put(source, () => {
        const got = tap.result();
        if (got.sha256 !== f.sha256 || got.size !== f.size) throw new ChecksumMismatch();
        return f.path;
      });
    } catch (err) {
      if (!(err instanceof ChecksumMismatch)) throw err;
      problems.push(`${f.path}: 校验和不符 checksum mismatch`);
    }
  }
  return problems;
}

class ChecksumMismatch extends Error {}
// Errors travel down the chain to the last stream, whose consumer reports them.
const noop = () => undefined;

function hashingTap() {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) };
}

function copyHashed(src: string, dest: string): Promise<{ sha256: string; size: number }> {
  return writeHashed(fs.createReadStream(src), dest);
}

async function writeHashed(source: Readable, dest: string): Promise<{ sha256: string; size: number }> {
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const tap = hashingTap();
  await pipelineAsync(source, tap.stream, fs.createWriteStream(dest, { mode: 0o600, flags: 'wx' }));
  return tap.result();
}

/** True when `dir` is missing or holds nothing. */
export function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** Bytes of every file under `dir`. */
export function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(p);
    else if (entry.isFile()) total += fs.statSync(p).size;
  }
  return total;
}
