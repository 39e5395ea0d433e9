import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { injectLogin } from './capture.ts';
import { Session } from 'node:inspector/promises';
const session = new Session(); session.connect();
await session.post('Profiler.enable');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
const keyFile = path.join(tmp, 'k'); fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
const url = process.env.BENCH_DATABASE_URL;
const config = loadConfig({}, { databaseUrl: url, dataDir: process.env.BENCH_DATA_DIR ?? '', logLevel: 'silent', webDist: '/x', filesDir: path.join(tmp, 'f'), keyFile });
const database = await openDatabase(config);
const app = await buildApp({ config, database });
const head = await injectLogin(app, 'b0000', 'Bench-pass-1');
const staff = await injectLogin(app, 'b0285', 'Bench-pass-1');
const reqs = [
  ['mine', '/api/tasks?scope=mine&status=not_started,in_progress,awaiting_acceptance,overdue&pageSize=50', staff],
  ['overdue', '/api/tasks?scope=department&status=overdue&pageSize=50', head],
  ['search', `/api/tasks?scope=all&q=${encodeURIComponent('数据')}&pageSize=50`, head],
  ['weekly', `/api/tasks/weekly-report?departmentId=6`, head],
] as const;
const N = Number(process.env.N ?? 30);
for (const [key, url, cookie] of reqs) {
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
  if (process.env.PROF === key) await session.post('Profiler.start');
  const c0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < N; i++) { const r = await app.inject({ method: 'GET', url, headers: { cookie } }); if (r.statusCode !== 200) throw new Error(r.body); }
  const c = process.cpuUsage(c0); const wall = performance.now() - t0;
  if (process.env.PROF === key) { const { profile } = await session.post('Profiler.stop'); fs.writeFileSync(`/tmp/prof-${key}.cpuprofile`, JSON.stringify(profile)); }
  console.log(key.padEnd(8), 'wall/req', (wall / N).toFixed(1), 'ms  node cpu/req', ((c.user + c.system) / 1000 / N).toFixed(1), 'ms');
}
await app.close(); await database.close();
