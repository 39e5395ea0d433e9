import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startTestApp } from '../../../test/harness.ts';
import { MASTER_KEY_BYTES, MasterKeyError, loadMasterKey } from './master-key.ts';
import { FileVault } from './vault.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-key-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('DOC-4 master key file', () => {
  it('defaults to <dataDir>.key: beside the data dir, not inside it (so a data backup holds no key)', () => {
    const config = loadConfig({ OPSDESK_DATA_DIR: path.join(dir, 'data') });
    expect(config.keyFile).toBe(path.join(dir, 'data.key'));
    expect(config.filesDir).toBe(path.join(dir, 'data', 'files'));
    expect(path.relative(config.dataDir, config.keyFile).startsWith('..')).toBe(true);
    expect(loadConfig({ OPSDESK_DATA_DIR: path.join(dir, 'data'), OPSDESK_KEY_FILE: path.join(dir, 'k', 'm.key') }).keyFile).toBe(
      path.join(dir, 'k', 'm.key'),
    );
  });

  it('is created at first start: 32 random bytes, mode 0600, with a warning in both languages', () => {
    const keyFile = path.join(dir, 'data.key');
    const warn = vi.fn();
    const key = loadMasterKey(keyFile, warn);
    expect(key).toHaveLength(MASTER_KEY_BYTES);
    expect(fs.readFileSync(keyFile).equals(key)).toBe(true);
    expect(modeOf(keyFile)).toBe(0o600);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/请单独妥善保管/);
    expect(warn.mock.calls[0]![0]).toMatch(/apart from the data directory and its backups/);
    expect(warn.mock.calls[0]![0]).toContain(keyFile);
    // The next start reads the same key, silently.
    expect(loadMasterKey(keyFile, warn).equals(key)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('refuses a key file of the wrong size, saying so in both languages', () => {
    const keyFile = path.join(dir, 'short.key');
    fs.writeFileSync(keyFile, Buffer.alloc(16), { mode: 0o600 });
    expect(() => loadMasterKey(keyFile)).toThrow(MasterKeyError);
    expect(() => loadMasterKey(keyFile)).toThrow(/应为 32 字节，实际 16 字节[\s\S]*must be 32 bytes, found 16/);
    fs.writeFileSync(keyFile, Buffer.alloc(0));
    expect(() => loadMasterKey(keyFile)).toThrow(MasterKeyError);
  });

  it('refuses a key file every user can read (POSIX permissions)', () => {
    const keyFile = path.join(dir, 'open.key');
    fs.writeFileSync(keyFile, Buffer.alloc(32));
    fs.chmodSync(keyFile, 0o644);
    expect(() => loadMasterKey(keyFile)).toThrow(/chmod 600/);
    fs.chmodSync(keyFile, 0o640); // group-readable is the operator's choice (e.g. a service group)
    expect(loadMasterKey(keyFile)).toHaveLength(32);
  });

  it('the files platform refuses to start on a bad key, before serving anything', () => {
    const keyFile = path.join(dir, 'bad.key');
    fs.writeFileSync(keyFile, 'not a key', { mode: 0o600 });
    expect(() => FileVault.open({ keyFile, filesDir: path.join(dir, 'files') })).toThrow(MasterKeyError);
  });

  it('the app creates the key at its first start, next to where it was told', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const keyFile = path.join(dir, 'data.key');
    const t = await startTestApp({ keyFile, filesDir: path.join(dir, 'data', 'files') });
    try {
      expect(fs.statSync(keyFile).size).toBe(32);
      expect(modeOf(keyFile)).toBe(0o600);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(keyFile));
      expect(fs.existsSync(path.join(dir, 'data', 'files', 'tmp'))).toBe(true);
    } finally {
      await t.close();
    }
  });
});
