import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_TOKEN_HEADER, type TBackup, type TErrorBody } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { DataDirLockedError, lockDataDir } from '../../db/lock.ts';
import { AppError } from '../http/errors.ts';
import { message } from '../http/messages.ts';
import { createBackup } from './create.service.ts';
import { readLocalToken } from './local-token.ts';
import { humanSize } from './rules.ts';

export interface Io {
  log: (line: string) => void;
  error: (line: string) => void;
}

/**
 * `npm run backup [-- --out <dir>]`. PostgreSQL: pg_dump from here. PGlite: only the process
 * holding the data-dir lock may read the database, so with a server running the backup is made
 * by the server (POST /api/system/backups with the local token); otherwise we take the lock.
 * Exit code 0 only when the backup was made and its restore check passed.
 */
export async function backupCommand(config: Config, args: string[], version: string, io: Io = console): Promise<number> {
  const at = args.indexOf('--out');
  if (at >= 0 && !args[at + 1]) {
    io.error('用法 Usage: npm run backup [-- --out <folder>]');
    return 2;
  }
  const out = at >= 0 ? path.resolve(args[at + 1]!) : undefined;
  const deps = { config, version };
  let backup: TBackup;
  try {
    if (config.databaseUrl) {
      backup = await backupHere(deps, out);
    } else {
      if (!fs.existsSync(path.join(config.dataDir, 'PG_VERSION'))) {
        io.error(`没有可备份的数据库 No database to back up in ${config.dataDir}`);
        return 1;
      }
      let release: () => void;
      try {
        release = lockDataDir(config.dataDir);
      } catch (err) {
        if (!(err instanceof DataDirLockedError)) throw err;
        io.log('  服务器正在运行，由服务器执行备份 The server is running: it makes the backup');
        backup = await backupViaServer(config, out);
        return report(backup, io);
      }
      try {
        backup = await backupHere(deps, out);
      } finally {
        release();
      }
    }
  } catch (err) {
    io.error(err instanceof AppError ? `${message(err.code, 'zh-CN', err.params)}\n${message(err.code, 'en-US', err.params)}` : (err as Error).message);
    return 1;
  }
  return report(backup, io);
}

async function backupHere(deps: { config: Config; version: string }, out: string | undefined): Promise<TBackup> {
  // Opened as it is, without migrating: a backup before an upgrade must capture the old state.
  const database = await openDatabase(deps.config);
  try {
    return await createBackup({ ...deps, database }, { kind: 'manual', out, actor: null, ip: null, via: 'cli' });
  } finally {
    await database.close();
  }
}

function report(backup: TBackup, io: Io): number {
  io.log(`\n  备份完成 Backup written: ${backup.path}  (${humanSize(backup.sizeBytes)})`);
  io.log(`  ${backup.restoreCheck === 'passed' ? '✓' : '✗'} ${backup.restoreCheckMessage ?? ''}\n`);
  return backup.restoreCheck === 'passed' ? 0 : 1;
}

/** POST to the running server on loopback; plain node:http, no client timeout (big backups take a while). */
export function backupViaServer(config: Config, out: string | undefined): Promise<TBackup> {
  const info = readLocalToken(config.dataDir);
  if (!info) {
    return Promise.reject(
      new Error(
        '服务器正在运行，但没有找到本地令牌。请在网页“系统 → 备份”中备份，或先停止服务器。\n' +
          'The server is running but left no local token: back up from the web page, or stop the server first.',
      ),
    );
  }
  const body = JSON.stringify(out ? { out } : {});
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: info.port,
        method: 'POST',
        path: '/api/system/backups',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [LOCAL_TOKEN_HEADER]: info.token },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          try {
            const json = JSON.parse(text) as TBackup | TErrorBody;
            if (res.statusCode === 201) resolve(json as TBackup);
            else reject(new Error(`服务器拒绝 The server refused (${res.statusCode}): ${(json as TErrorBody).message}`));
          } catch {
            reject(new Error(`服务器应答无法解析 Unreadable answer from the server (${res.statusCode})`));
          }
        });
      },
    );
    req.on('error', (err) => reject(new Error(`无法连接服务器 Cannot reach the server on 127.0.0.1:${info.port}: ${err.message}`)));
    req.end(body);
  });
}
