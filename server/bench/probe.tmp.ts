import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
const keyFile = path.join(tmp, 'k'); fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
const config = loadConfig({}, { databaseUrl: 'postgres://postgres@127.0.0.1:5432/opsdesk_bench', dataDir: '', logLevel: 'warn', webDist: '/nonexistent', filesDir: path.join(tmp, 'f'), keyFile });
const database = await openDatabase(config);
const app = await buildApp({ config, database });
const user = process.env.U ?? 'b4677';
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: 'Bench-pass-1' } });
const cookie = String(login.headers['set-cookie']).split(';')[0]!;
const url = process.env.URL ?? '/api/tasks?scope=mine&status=not_started,in_progress,awaiting_acceptance,overdue&pageSize=50';
const N = Number(process.env.N ?? 3000);
for (let i = 0; i < 500; i++) await app.inject({ method: 'GET', url, headers: { cookie } });
const s = new Session(); s.connect();
if (process.env.HEAP) await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const c0 = process.cpuUsage(); const t0 = performance.now();
for (let i = 0; i < N; i++) { const r = await app.inject({ method: 'GET', url, headers: { cookie } }); if (r.statusCode !== 200) throw new Error(r.body); }
const c = process.cpuUsage(c0); const t = performance.now() - t0;
console.log(`cpu/req ${((c.user + c.system) / N).toFixed(0)} µs (user ${(c.user / N).toFixed(0)}), wall/req ${(t * 1000 / N).toFixed(0)} µs`);
if (process.env.HEAP) {
  const { profile } = await s.post('HeapProfiler.stopSampling');
  const agg = new Map<string, number>(); let total = 0;
  const walk = (n: any, stack: string[]) => { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; const self = n.selfSize; total += self; if (self) { const key = [k, ...stack.slice(0, 2)].join(' <- '); agg.set(key, (agg.get(key) ?? 0) + self); } for (const ch of n.children) walk(ch, [k, ...stack]); };
  walk(profile.head, []);
  console.log(`sampled alloc per req ~${(total / N / 1024).toFixed(1)} KB`);
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / N).toFixed(0).padStart(7)} B  ${k}`);
}
await app.close(); await database.close(); process.exit(0);
