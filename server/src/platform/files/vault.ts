import { createHash, randomBytes } from 'node:crypto';
import { type Readable, Transform, type TransformCallback, Writable, pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import type { Config } from '../../config.ts';
import type { BlobStore } from './blob-store.ts';
import { FsBlobStore } from './blob-store.ts';
import { decryptor, encryptor, newFileKey, unwrapKey, wrapKey } from './crypto.ts';
import { loadMasterKey } from './master-key.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import { SNIFF_BYTES, casKey } from './rules.ts';
import type { FileRow } from './schema.ts';

/** What storing an upload produced: the facts for its `files` row. */
export interface StoredBlob {
  storageKey: string;
  sha256: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
  /** False when identical content was already stored (ordinary files only). */
  created: boolean;
  secret: boolean;
  keys: { wrappedKey: string; iv: string; authTag: string } | null;
}

type KeyedRow = Pick<FileRow, 'id' | 'storageKey' | 'secret' | 'wrappedKey' | 'iv' | 'authTag'>;

/** Hashes, counts and keeps the head of the plaintext as it streams past; never holds the whole. */
class Inspector extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;
  head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.head.length < SNIFF_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    done(null, chunk);
  }

  digest = () => this.hash.digest('hex');
}

/**
 * File bytes in and out: ordinary files content-addressed (identical content stored once),
 * secret files (DOC-4) encrypted under their own key. Everything streams.
 */
export class FileVault {
  constructor(
    readonly blobs: BlobStore,
    private readonly masterKey: Buffer,
  ) {}

  /**
   * The S3 bucket when `config.s3` is set, else the filesystem store under `config.filesDir`;
   * the master key from `config.keyFile`. Secret files are encrypted before either sees them.
   */
  static open(config: Pick<Config, 'filesDir' | 'keyFile'> & Partial<Pick<Config, 's3'>>): FileVault {
    const blobs = config.s3 ? new S3BlobStore(config.s3) : new FsBlobStore(config.filesDir);
    return new FileVault(blobs, loadMasterKey(config.keyFile));
  }

  /**
   * `accept` runs once every byte is in and before any is committed; throwing there (e.g. the
   * upload was cut at the size limit) leaves nothing behind.
   */
  async store(source: Readable, opts: { fileId: string; secret: boolean; accept: () => void }): Promise<StoredBlob> {
    const inspector = new Inspector();
    if (!opts.secret) {
      const piped = pipeline(source, inspector, noop);
      let sha256 = '';
      const { key, created } = await this.blobs.put(piped, () => {
        opts.accept();
        return casKey((sha256 = inspector.digest()));
      });
      return { storageKey: key, sha256, size: inspector.size, head: inspector.head, created, secret: false, keys: null };
    }
    const fileKey = newFileKey();
    const cipher = encryptor(fileKey, opts.fileId);
    // Never deduplicated: equal plaintexts under different keys must not reveal each other.
    const id = randomBytes(16).toString('hex');
    const { key } = await this.blobs.put(pipeline(source, inspector, cipher, noop), () => {
      opts.accept();
      return `secret/${id}`;
    });
    return {
      storageKey: key,
      sha256: inspector.digest(),
      size: inspector.size,
      head: inspector.head,
      created: true,
      secret: true,
      keys: {
        wrappedKey: wrapKey(this.masterKey, fileKey.key, opts.fileId),
        iv: fileKey.iv.toString('base64'),
        authTag: cipher.getAuthTag().toString('base64'),
      },
    };
  }

  /** Drops a blob no row will point to. Shared content-addressed blobs stay (another row may use them). */
  async discard(blob: Pick<StoredBlob, 'storageKey' | 'secret'>): Promise<void> {
    if (blob.secret) await this.blobs.delete(blob.storageKey);
  }

  /** The plaintext. For a secret file an altered byte makes the stream error at its end. */
  async open(row: KeyedRow): Promise<Readable> {
    const raw = await this.blobs.get(row.storageKey);
    if (!row.secret) return raw;
    return pipeline(raw, this.decryptorFor(row), noop);
  }

  /**
   * GCM authenticates only at the end, so a streamed download would already have sent forged
   * bytes before failing. Secret files are therefore checked in a first pass, sending nothing.
   */
  async verify(row: KeyedRow): Promise<boolean> {
    try {
      const sink = new Writable({ write: (_chunk, _enc, done) => done() });
      await pipelineAsync(await this.blobs.get(row.storageKey), this.decryptorFor(row), sink);
      return true;
    } catch {
      return false;
    }
  }

  private decryptorFor(row: KeyedRow) {
    if (!row.wrappedKey || !row.iv || !row.authTag) throw new Error(`secret file ${row.id} has no key material`);
    const key = unwrapKey(this.masterKey, row.wrappedKey, row.id);
    return decryptor(key, Buffer.from(row.iv, 'base64'), Buffer.from(row.authTag, 'base64'), row.id);
  }
}

// Errors travel down the chain to the last stream, whose consumer reports them.
const noop = () => undefined;
