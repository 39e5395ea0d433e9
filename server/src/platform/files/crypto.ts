import { type CipherGCM, type DecipherGCM, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * DOC-4 encryption at rest: each secret file has its own random AES-256-GCM key, and that key is
 * stored only wrapped (AES-256-GCM) by the master key. The file id is the additional authenticated
 * data of both, so a ciphertext or a wrapped key moved onto another row does not decrypt.
 */
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12; // the GCM standard nonce size (NIST SP 800-38D)

export interface FileKey {
  key: Buffer;
  iv: Buffer;
}

export const newFileKey = (): FileKey => ({ key: randomBytes(32), iv: randomBytes(IV_BYTES) });

/** A streaming encryptor; read `getAuthTag()` once it has ended. */
export function encryptor(fileKey: FileKey, fileId: string): CipherGCM {
  return createCipheriv(ALGORITHM, fileKey.key, fileKey.iv).setAAD(Buffer.from(fileId));
}

/** A streaming decryptor; it errors at the end of the stream if any byte was altered. */
export function decryptor(key: Buffer, iv: Buffer, authTag: Buffer, fileId: string): DecipherGCM {
  return createDecipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(fileId)).setAuthTag(authTag);
}

/** The per-file key under the master key: base64 of iv ‖ ciphertext ‖ tag. */
export function wrapKey(masterKey: Buffer, key: Buffer, fileId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, masterKey, iv).setAAD(Buffer.from(fileId));
  const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64');
}

export function unwrapKey(masterKey: Buffer, wrapped: string, fileId: string): Buffer {
  const raw = Buffer.from(wrapped, 'base64');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(raw.length - 16);
  const decipher = createDecipheriv(ALGORITHM, masterKey, iv).setAAD(Buffer.from(fileId)).setAuthTag(tag);
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - 16)), decipher.final()]);
}
