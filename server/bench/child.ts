import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { PGLITE_EXTENSIONS, openDatabase } from '../src/db/client.ts';
import { sqlLiteral } from '../src/db/prepared.ts';
import type { Statement } from '../test/capture.ts';
import { runLoop } from './measure.ts';

/**
 * The bench's other process, so that the load generator never shares an event loop with what it
 * measures. `serve`: the real server (buildApp + listen on a free loopback port; no background
 * job workers, so cron noise stays out of the figures), prints `{"port":…}`. `raw <file>`: replays
 * each request's captured statements through the bare driver — a pg.Pool of N clients (one client
 * per iteration; a statement the app prepares under a name is prepared under it here too) or the
 * PGlite instance (one connection: PGlite serialises the N workers). It prints `{"ready":true}`,
 * then answers each line `{"key":…,"seconds":…}` on stdin with one line `{"key":…,"figures":…}`,
 * so the parent can measure each request's raw side right after its endpoint, and ends with stdin.
 *
 * Environment: BENCH_DATABASE_URL (PostgreSQL) or BENCH_DATA_DIR (PGlite); BENCH_CONNECTIONS.
 */

export interface Captured {
  key: string;
  statements: Statement[];
}

const mode = process.argv[2];
const url = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR ?? '';
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);

async function serve() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-'));
  const keyFile = path.join(tmp, 'bench.key');
  fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  const config = loadConfig({}, { databaseUrl: url, dataDir, logLevel: 'warn', webDist: '/nonexistent', filesDir: path.join(tmp, 'files'), keyFile });
  const database = await openDatabase(config);
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => database.close())
      .then(() => fs.rmSync(tmp, { recursive: true, force: true }))
      .finally(() => process.exit(0));
  });
}

async function raw(file: string) {
  const requests = JSON.parse(fs.readFileSync(file, 'utf8')) as Captured[];
  let run: (statements: Statement[]) => Promise<void>;
  let close: () => Promise<void>;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: connections });
    run = async (statements) => {
      const client = await pool.connect();
      try {
        for (const s of statements) await client.query({ ...(s.name ? { name: s.name } : {}), text: s.text, values: s.values, ...(s.rowMode ? { rowMode: s.rowMode } : {}) });
      } finally {
        client.release();
      }
    };
    close = () => pool.end();
  } else {
    const pglite = new PGlite({ dataDir, extensions: PGLITE_EXTENSIONS });
    await pglite.waitReady;
    // A named statement as the app runs it there: PREPAREd once, then EXECUTE with its values written in.
    const prepared = new Set<string>();
    run = async (statements) => {
      for (const s of statements) {
        if (!s.name) {
          await pglite.query(s.text, s.values, s.rowMode ? { rowMode: s.rowMode } : {});
          continue;
        }
        if (!prepared.has(s.name)) await pglite.exec(`PREPARE ${s.name} AS ${s.text}`);
        prepared.add(s.name);
        await pglite.query(`EXECUTE ${s.name}(${s.values.map(sqlLiteral).join(', ')})`, [], { rowMode: 'array' });
      }
    };
    close = () => pglite.close();
  }
  const byKey = new Map(requests.map((r) => [r.key, r.statements]));
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const { key, seconds } = JSON.parse(line) as { key: string; seconds: number };
    const statements = byKey.get(key)!;
    const figures = await runLoop(() => run(statements), seconds, connections);
    process.stdout.write(`${JSON.stringify({ key, figures })}\n`);
  }
  await close();
}

if (mode === 'serve') await serve();
else if (mode === 'raw') await raw(process.argv[3]!);
else throw new Error(`usage: child.ts serve | raw <statements.json>`);
