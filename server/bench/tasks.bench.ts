/**
 * `npm run bench` — the task module's performance figures (issue 5, "Performance"). Not a test,
 * not run in CI: it prints numbers and PASS/FAIL against the targets.
 *
 * For each driver (BENCH_DRIVER=pg|pglite|both, default both):
 * 1. Seeds a fresh database in SQL (seed.ts): 5,000 people in 126 departments (one of 200), and
 *    BENCH_TASKS tasks on PostgreSQL (default 1,000,000) / BENCH_PGLITE_TASKS on PGlite (default
 *    100,000), then VACUUM ANALYZE. PostgreSQL: a database `opsdesk_bench` created and dropped
 *    on the server of BENCH_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432;
 *    the URL's own database is never touched); PGlite: a temporary data dir.
 * 2. Captures the SQL of each request: the app in-process, the driver's query method wrapped
 *    during one request after two warm-ups (capture.ts) — exactly the statements and parameters.
 * 3. Endpoint: a real server in a child process (child.ts serve), logged in (session cookie),
 *    loaded by wrk (else autocannon) at BENCH_CONNECTIONS (8) connections for BENCH_SECONDS (6).
 * 4. Raw: the captured statements replayed through bare `pg` (a pool of 8 clients, one per
 *    iteration) or the PGlite instance (single connection: the 8 workers queue on it), in a second
 *    child (child.ts raw) that stays up beside the server, for the same time, right after that
 *    request's endpoint run: both sides of a request are measured under the same machine state.
 *    Everything warms up first (BENCH_WARMUP_SECONDS, 2); then BENCH_ROUNDS (3) rounds of every
 *    request, and the report takes the median round by ratio and prints every round's ratio.
 * 5. Prints req/s, p50 and p95 for both sides, the ratio, and PASS/FAIL: endpoint req/s ≥ 70 % of
 *    raw; p95 < 20 ms on PostgreSQL, < 50 ms on PGlite. BENCH_EXPLAIN=1 also prints EXPLAIN
 *    ANALYZE of every captured statement; BENCH_KEEP=1 keeps the database / data dir, and BENCH_REUSE=1 measures a kept PostgreSQL database again
 *    without seeding; BENCH_ONLY=mine,search measures only those requests; BENCH_PROFILE=dir
 *    writes a CPU profile of the server child.
 *
 * The five requests: "my open tasks" (the busiest ordinary staff member, page of 50), the head of
 * the 200-person department's 本部门 list filtered by 延期 (page of 50), a 2-character search (数据,
 * by the same head over everything they may see, 全部, page of 50), and the weekly report of that
 * department as its screen loads it: the counts per section and person, and a page of its 延期
 * section (20). The answer sizes are printed with the capture, so the figures can be read against them.
 * Then the floor: a logged-in request that sends no SQL, i.e. what the server itself costs per request.
 * The figures only mean something on an otherwise idle machine; the first line prints the load.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, migrateDatabase, openDatabase } from '../src/db/client.ts';
import { dateInZone } from '../src/platform/calendar/zone.ts';
import { captureStatements } from '../test/capture.ts';
import { type BenchRequest, injectLogin } from './capture.ts';
import type { Captured } from './child.ts';
import { type Figures, LOAD_GENERATOR, runHttp, withCpu } from './measure.ts';
import { BENCH_PASSWORD, type BenchWorld, analyze, benchWorld, seedBench } from './seed.ts';

const env = process.env;
const DRIVERS = env.BENCH_DRIVER === 'pg' ? ['pg'] : env.BENCH_DRIVER === 'pglite' ? ['pglite'] : ['pg', 'pglite'];
const SECONDS = Number(env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 8);
const TARGET_RATIO = 0.7;
const TARGET_P95 = { pg: 20, pglite: 50 } as const;
const TIME_ZONE = 'Asia/Shanghai';
const FLOOR = 'floor';
const here = path.dirname(new URL(import.meta.url).pathname);
const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

function requestsOf(world: BenchWorld): BenchRequest[] {
  const only = env.BENCH_ONLY?.split(',');
  return [
    { key: 'mine', title: '我负责的未完成任务 my open tasks (50)', url: '/api/tasks?scope=mine&status=not_started,in_progress,awaiting_acceptance,overdue&pageSize=50', user: world.staffUsername },
    { key: 'overdue', title: '本部门 延期 department overdue (50)', url: '/api/tasks?scope=department&status=overdue&pageSize=50', user: world.headUsername },
    { key: 'search', title: '搜索“数据” 2-char search (50)', url: `/api/tasks?scope=all&q=${encodeURIComponent('数据')}&pageSize=50`, user: world.headUsername },
    { key: 'weekly', title: '周报 weekly report, 200 people: counts', url: `/api/tasks/weekly-report?departmentId=${world.bigDepartmentId}`, user: world.headUsername },
    { key: 'weeklyItems', title: '周报 延期 section, 200 people (20)', url: `/api/tasks/weekly-report/items?departmentId=${world.bigDepartmentId}&section=overdue&pageSize=20`, user: world.headUsername },
  ].filter((r) => !only || only.includes(r.key));
}

/** A server/raw child: its stdout lines as they come, `send` writes a line to its stdin; `stop()` ends it. */
function child(args: string[], childEnv: Record<string, string>) {
  // BENCH_PROFILE=<dir>: the server child writes a V8 CPU profile there (open it in Chrome DevTools).
  const profile = args[0] === 'serve' && env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(here, 'child.ts'), ...args], {
    env: { ...env, ...childEnv },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: proc.stdout });
  // Lines not yet asked for wait in `unread`; askers not yet answered wait in `waiting`.
  const unread: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    const asker = waiting.shift();
    if (asker) asker(line);
    else unread.push(line);
  });
  const exited = new Promise<number>((resolve) => proc.once('exit', (code) => resolve(code ?? 0)));
  // The next line the child prints (children answer one request at a time).
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const line = unread.shift();
      if (line !== undefined) return resolve(line);
      waiting.push(resolve);
      void exited.then((code) => reject(new Error(`${args[0]} child ended (exit ${code}) before answering`)));
    });
  return {
    next,
    ask: (message: unknown) => {
      const answer = next();
      proc.stdin.write(`${JSON.stringify(message)}\n`);
      return answer;
    },
    exited,
    pid: proc.pid,
    stop: async () => {
      proc.stdin.end();
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

interface Target {
  driver: 'pg' | 'pglite';
  tasks: number;
  /** BENCH_REUSE=1 found a database kept by BENCH_KEEP=1: measure it as it is, without seeding. */
  reuse?: boolean;
  childEnv: Record<string, string>;
  open: () => Promise<Database>;
  drop: () => Promise<void>;
}

async function pgTarget(): Promise<Target> {
  const server = new URL(env.BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const adminUrl = new URL(server);
  adminUrl.pathname = '/postgres';
  const benchUrl = new URL(server);
  benchUrl.pathname = '/opsdesk_bench';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const reuse = env.BENCH_REUSE === '1' && (await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'opsdesk_bench'`)).rowCount === 1;
  if (!reuse) {
    await admin.query('DROP DATABASE IF EXISTS opsdesk_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE opsdesk_bench');
  }
  await admin.end();
  return {
    driver: 'pg',
    tasks: Number(env.BENCH_TASKS ?? 1_000_000),
    reuse,
    childEnv: { BENCH_DATABASE_URL: benchUrl.toString() },
    open: () => openDatabase({ databaseUrl: benchUrl.toString(), dataDir: '' }),
    drop: async () => {
      if (env.BENCH_KEEP === '1') return log(`  kept ${benchUrl.toString()}`);
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      await c.query('DROP DATABASE IF EXISTS opsdesk_bench WITH (FORCE)');
      await c.end();
    },
  };
}

function pgliteTarget(): Target {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-pglite-'));
  return {
    driver: 'pglite',
    tasks: Number(env.BENCH_PGLITE_TASKS ?? 100_000),
    childEnv: { BENCH_DATA_DIR: dataDir },
    open: () => openDatabase({ databaseUrl: undefined, dataDir }),
    drop: async () => {
      if (env.BENCH_KEEP === '1') return log(`  kept ${dataDir}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Seeds, then captures each request's statements in-process; returns them and a description of the answers. */
async function prepare(target: Target): Promise<{ world: BenchWorld; captured: Captured[] }> {
  const database = await target.open();
  try {
    await migrateDatabase(database);
    let world: BenchWorld;
    if (target.reuse) {
      world = await benchWorld(database, target.tasks);
      log(`reusing the kept database (${target.driver})`);
    } else {
      log(`seeding ${target.tasks.toLocaleString('en')} tasks (${target.driver})`);
      world = await seedBench(database, { tasks: target.tasks, today: dateInZone(new Date(), TIME_ZONE), log });
      const t0 = performance.now();
      await analyze(database);
      log(`  VACUUM ANALYZE: ${Math.round(performance.now() - t0)} ms`);
    }

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-capture-'));
    const keyFile = path.join(tmp, 'bench.key');
    fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    const config = loadConfig({}, { logLevel: 'silent', webDist: '/nonexistent', filesDir: path.join(tmp, 'files'), keyFile, timeZone: TIME_ZONE });
    const app = await buildApp({ config, database });
    const captured: Captured[] = [];
    try {
      const cookies = new Map<string, string>();
      for (const request of requestsOf(world)) {
        const cookie = cookies.get(request.user) ?? (await injectLogin(app, request.user, BENCH_PASSWORD));
        cookies.set(request.user, cookie);
        const call = async () => {
          const res = await app.inject({ method: 'GET', url: request.url, headers: { cookie } });
          if (res.statusCode !== 200) throw new Error(`${request.url}: ${res.statusCode} ${res.body}`);
          return res;
        };
        await call();
        await call();
        let answer = '';
        const statements = await captureStatements(database, async () => {
          const res = await call();
          answer = describe(request.key, res.json(), res.rawPayload.length);
        });
        captured.push({ key: request.key, statements });
        log(`  ${request.key}: ${statements.length} statements; answer ${answer}`);
        if (env.BENCH_EXPLAIN === '1') await explain(database, statements);
      }
    } finally {
      await app.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return { world, captured };
  } finally {
    await database.close();
  }
}

function describe(key: string, body: unknown, bytes: number): string {
  const kb = `${Math.round(bytes / 1024)} KB`;
  if (key === 'weekly') {
    const r = body as { totals: Record<'done' | 'inProgress' | 'overdue' | 'atRisk', number>; people: unknown[] };
    return `${r.people.length} people, ${r.totals.done} done, ${r.totals.inProgress} in progress, ${r.totals.overdue} 延期, ${r.totals.atRisk} at risk (${kb})`;
  }
  const page = body as { items: unknown[]; total: number };
  return `${page.items.length} of ${page.total.toLocaleString('en')} (${kb})`;
}

async function explain(database: Database, statements: Captured['statements']) {
  for (const s of statements) {
    const text = `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`;
    const result = database.pool ? await database.pool.query(text, s.values) : await database.pglite!.query(text, s.values);
    log(`\n    ${s.text.slice(0, 400)}\n    ${JSON.stringify(s.values).slice(0, 200)}`);
    for (const row of result.rows as Record<string, string>[]) log(`      ${Object.values(row)[0]}`);
  }
}

interface Measured {
  /** Per request, one pair of figures per round: the endpoint, then its raw SQL right after. */
  rounds: Map<string, { endpoint: Figures; raw: Figures }[]>;
  floor: Figures;
}

/**
 * Both sides of each request back to back, in ROUNDS rounds: the server and the raw replay run as
 * two children side by side (the idle one costs nothing), so a request's endpoint and raw figures
 * are taken a few seconds apart, under the same machine state. This machine's figures move ±25 %
 * from one minute to the next; the report takes the median round.
 */
async function measure(target: Target, world: BenchWorld, captured: Captured[]): Promise<Measured> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-sql-')), 'statements.json');
  fs.writeFileSync(file, JSON.stringify(captured));
  const server = child(['serve'], target.childEnv);
  const raw = child(['raw', file], { ...target.childEnv, BENCH_CONNECTIONS: String(CONNECTIONS) });
  const rounds = new Map<string, { endpoint: Figures; raw: Figures }[]>();
  try {
    const { port } = JSON.parse(await server.next()) as { port: number };
    await raw.next(); // {"ready":true}
    const base = `http://127.0.0.1:${port}`;
    const cookies = new Map<string, string>();
    // The floor (below) is asked as the head, who is logged in even when BENCH_ONLY leaves out the head's requests.
    const floor: BenchRequest = { key: FLOOR, title: '', url: '/api/auth/session', user: world.headUsername };
    for (const user of new Set([...requestsOf(world), floor].map((r) => r.user))) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: BENCH_PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${user}: ${res.status}`);
      cookies.set(
        user,
        res.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      );
    }
    const database = target.driver === 'pg';
    const load = (request: BenchRequest, seconds: number) =>
      withCpu(server.pid, database, () => runHttp({ url: base + request.url, cookie: cookies.get(request.user)!, seconds, connections: CONNECTIONS }));
    const replay = (key: string, seconds: number) => withCpu(raw.pid, database, async () => (JSON.parse(await raw.ask({ key, seconds })) as { figures: Figures }).figures);
    // Every request warms up on both sides before any is measured: the first one measured must not
    // pay for lazily compiled code or cold caches.
    for (const request of requestsOf(world)) {
      await load(request, WARMUP);
      await replay(request.key, WARMUP);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const request of requestsOf(world)) {
        const endpoint = await load(request, SECONDS);
        rounds.set(request.key, [...(rounds.get(request.key) ?? []), { endpoint, raw: await replay(request.key, SECONDS) }]);
      }
    }
    // The floor: a logged-in request that sends no SQL (the session, from the server's cache) —
    // what the server alone costs per request, against which the ratios can be read.
    await load(floor, WARMUP);
    return { rounds, floor: await load(floor, SECONDS) };
  } finally {
    await Promise.all([server.stop(), raw.stop()]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** The round whose value is the median (the lower middle of an even count). */
function medianOf<T>(items: T[], value: (item: T) => number): T {
  return [...items].sort((x, y) => value(x) - value(y))[Math.floor((items.length - 1) / 2)]!;
}

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
const rps = (v: number) => `${v.toFixed(0)}/s`.padStart(7);

function report(target: Target, world: BenchWorld, measured: Measured): boolean {
  const limit = TARGET_P95[target.driver];
  log(`\n== ${target.driver === 'pg' ? 'PostgreSQL' : 'PGlite'} · ${target.tasks.toLocaleString('en')} tasks · ${CONNECTIONS} connections · ${SECONDS} s each side · median of ${ROUNDS} rounds`);
  log(`   ${'request'.padEnd(38)} ${'endpoint req/s   p50       p95'.padEnd(34)} ${'raw SQL req/s   p50       p95'.padEnd(33)} ratio  verdict`);
  let pass = true;
  for (const request of requestsOf(world)) {
    const rounds = measured.rounds.get(request.key)!;
    // The median round by ratio (each round's two sides were measured back to back).
    const { endpoint: e, raw: r } = medianOf(rounds, (x) => x.endpoint.perSecond / x.raw.perSecond);
    const ratio = e.perSecond / r.perSecond;
    const spread = rounds.map((x) => `${((100 * x.endpoint.perSecond) / x.raw.perSecond).toFixed(0)}`).join('/');
    const ok = ratio >= TARGET_RATIO && e.p95 < limit && e.errors === 0 && r.errors === 0 && e.requests > 0;
    pass &&= ok;
    const why = [
      e.requests === 0 ? 'no answer within the run' : '',
      ratio < TARGET_RATIO ? `ratio < ${TARGET_RATIO * 100} %` : '',
      e.p95 >= limit ? `p95 ≥ ${limit} ms` : '',
      e.errors || r.errors ? `errors ${e.errors}/${r.errors}${r.firstError ? ` (${r.firstError})` : ''}` : '',
    ].filter(Boolean);
    log(
      `   ${request.title.padEnd(38)} ${rps(e.perSecond)} ${ms(e.p50)} ${ms(e.p95)}      ${rps(r.perSecond)} ${ms(r.p50)} ${ms(r.p95)}   ${`${(ratio * 100).toFixed(0)} %`.padStart(5)}  ${ok ? 'PASS' : `FAIL (${why.join(', ')})`}  [rounds: ${spread} %]`,
    );
    if (e.cpu && r.cpu) log(`      CPU per request, that round: ${cpuLine(target, e.cpu, 'server')}; raw: ${cpuLine(target, r.cpu, 'client')}`);
  }
  const floor = measured.floor;
  log(`   floor: a logged-in request without SQL (/api/auth/session) ${rps(floor.perSecond)} ${ms(floor.p50)} ${ms(floor.p95)}${floor.cpu ? `, server CPU ${us(floor.cpu.app)} (kernel ${us(floor.cpu.appSystem)}) a request` : ''}${floor.errors ? `  errors ${floor.errors}` : ''}`);
  log(`   targets: endpoint ≥ ${TARGET_RATIO * 100} % of raw SQL req/s; endpoint p95 < ${limit} ms (load generator: ${LOAD_GENERATOR})`);
  return pass;
}

const us = (v: number) => `${v.toFixed(0)} µs`;
const cpuLine = (target: Target, cpu: NonNullable<Figures['cpu']>, app: string) =>
  `${app}${target.driver === 'pg' ? '' : ' with PGlite'} ${us(cpu.app)} (kernel ${us(cpu.appSystem)})${target.driver === 'pg' ? ` + PostgreSQL ${us(cpu.db)}` : ''}`;

const loadNow = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const VERDICT_FAIL = 3;

if (DRIVERS.length > 1) {
  // One process per driver: the app's registries (approval flows, import kinds) are per process.
  let verdict = 'PASS';
  for (const driver of DRIVERS) {
    const run = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], { env: { ...env, BENCH_DRIVER: driver }, stdio: 'inherit' });
    const code = await new Promise<number>((resolve) => run.once('exit', (c) => resolve(c ?? 1)));
    if (code === VERDICT_FAIL) verdict = 'FAIL';
    else if (code !== 0) throw new Error(`bench for ${driver} crashed (exit ${code})`);
  }
  log(`\nOverall: ${verdict}`);
} else {
  log(`OpsDesk task bench — ${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} CPUs · load ${loadNow()}`);
  const target = DRIVERS[0] === 'pg' ? await pgTarget() : pgliteTarget();
  let pass = false;
  try {
    const { world, captured } = await prepare(target);
    pass = report(target, world, await measure(target, world, captured));
  } finally {
    await target.drop();
  }
  log(`\n${pass ? 'PASS' : 'FAIL'} (load at the end ${loadNow()})`);
  process.exitCode = pass ? 0 : VERDICT_FAIL;
}
