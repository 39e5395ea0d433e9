// An in-process server whose clock the journey moves (deadlines, 延期, reminders), the way the
// HTTP tests move their TestClock: the real app (HTTP, the built web) on a fresh PGlite data dir
// with the demo organisation, and `config.now` reading a time the journey sets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { migrateDatabase, openDatabase } from '../../server/src/db/client.ts';
import { seedDemoOrg } from '../../server/src/demo/org.ts';
import { ensureFirstAdmin } from '../../server/src/platform/auth/bootstrap.ts';
import { repoRoot } from './paths.ts';

export interface ClockServer {
  baseUrl: string;
  /** The server's current time (it only moves when set). */
  now: () => Date;
  setNow: (at: Date) => void;
  /** Runs a registered background job now, on the server's clock (e.g. `deadline-reminders` after a move). */
  runJob: (name: string) => Promise<unknown>;
  stop: () => Promise<void>;
}

export async function startClockServer(adminPassword: string, start: Date): Promise<ClockServer> {
  let current = new Date(start);
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-e2e-clock-'));
  // Serve a copy of the built web: a rebuild in another shell must not swap the lazy chunks under the open pages.
  const webDist = path.join(tmpRoot, 'web');
  fs.cpSync(path.join(repoRoot, 'web/dist'), webDist, { recursive: true });
  const config = loadConfig(
    { ...process.env, DATABASE_URL: '', OPSDESK_DATA_DIR: path.join(tmpRoot, 'data'), OPSDESK_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    { port: 0, host: '127.0.0.1', webDist, now: () => new Date(current) },
  );
  const database = await openDatabase(config);
  await migrateDatabase(database);
  await ensureFirstAdmin(database.db, config);
  await seedDemoOrg(database.db, config.now());
  const app = await buildApp({ config, database, background: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const stop = async () => {
    await app.close();
    await database.close();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    now: () => new Date(current),
    setNow: (at) => {
      current = new Date(at);
    },
    runJob: (name) => app.jobs.runNow(name),
    stop,
  };
}
