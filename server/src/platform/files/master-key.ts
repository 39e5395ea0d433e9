import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MASTER_KEY_BYTES = 32;

/** A key file the server must not start with; the message tells the operator what to do. */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/**
 * DOC-4: the master key wrapping every secret file's key. It lives beside the data dir, not inside
 * it, so a copy of the data (or a backup of it) alone cannot decrypt secret files.
 * Missing → created (32 random bytes, mode 0600) with a warning; wrong size or readable by
 * everyone → refused, since either means the key is not the one we made or is exposed.
 */
export function loadMasterKey(keyFile: string, warn: (message: string) => void = console.warn): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return createMasterKey(keyFile, warn);
  }
  if (!stat.isFile()) throw new MasterKeyError(`密钥文件不是普通文件 The key file is not a regular file: ${keyFile}`);
  if (stat.size !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(
      `密钥文件长度应为 ${MASTER_KEY_BYTES} 字节，实际 ${stat.size} 字节：可能已损坏或不是 OpsDesk 的密钥，拒绝启动。请恢复原密钥文件。\n` +
        `The key file must be ${MASTER_KEY_BYTES} bytes, found ${stat.size}: it is damaged or not an OpsDesk key. Refusing to start; restore the original key file.\n` +
        `  ${keyFile}`,
    );
  }
  // POSIX permissions only; Windows reports 0o666 for every file.
  if (process.platform !== 'win32' && (stat.mode & 0o007) !== 0) {
    throw new MasterKeyError(
      `密钥文件对所有用户可读写，拒绝启动。请执行 chmod 600 后重试。\n` +
        `The key file is accessible to every user on this machine. Refusing to start; run chmod 600 on it and retry.\n` +
        `  ${keyFile}`,
    );
  }
  return fs.readFileSync(keyFile);
}

function createMasterKey(keyFile: string, warn: (message: string) => void): Buffer {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = randomBytes(MASTER_KEY_BYTES);
  // 'wx': never overwrite a key another process has just made; the mode is set at creation.
  let fd: number;
  try {
    fd = fs.openSync(keyFile, 'wx', 0o600);
  } catch (err) {
    // Another process made it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey(keyFile, warn);
    throw err;
  }
  try {
    fs.writeSync(fd, key);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(keyFile, 0o600); // the umask may have narrowed, never widened, but be explicit
  warn(
    `\n  已生成文件加密主密钥 Master key for secret files created:\n    ${keyFile}\n` +
      `  请单独妥善保管此文件，不要与数据目录或其备份放在一起；丢失后秘密文件将无法解密。\n` +
      `  Keep this file safe and apart from the data directory and its backups; without it secret files cannot be decrypted.\n`,
  );
  return key;
}
