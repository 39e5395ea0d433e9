import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_TOKEN_FILE } from './create.service.ts';

/** What the running server leaves for the command line: its token, port and pid. */
export interface LocalTokenInfo {
  token: string;
  port: number;
  pid: number;
}

export const newLocalToken = () => randomBytes(32).toString('base64url');

/** Written at start (mode 0600, readable only by the account running OpsDesk); returns the remover. */
export function writeLocalToken(dataDir: string, info: LocalTokenInfo): () => void {
  const file = path.join(dataDir, LOCAL_TOKEN_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify(info), { mode: 0o600, flag: 'wx' });
  return () => {
    // Only ours: a newer server may have replaced it.
    if (readLocalToken(dataDir)?.token === info.token) fs.rmSync(file, { force: true });
  };
}

export function readLocalToken(dataDir: string): LocalTokenInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCAL_TOKEN_FILE), 'utf8')) as LocalTokenInfo;
    return typeof info.token === 'string' && Number.isInteger(info.port) ? info : null;
  } catch {
    return null;
  }
}

/** Constant-time comparison (of digests, so lengths never leak). */
export function tokenMatches(expected: string, given: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
