import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What one side of a comparison measured over its run. */
export interface Figures {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
  /** The first failure, to say why errors is not 0. */
  firstError?: string;
  /**
   * CPU time per answered request, µs: the measured process (`appSystem` of it in the kernel: the
   * sockets), and PostgreSQL's processes (0 for PGlite, which runs inside it).
   */
  cpu?: { app: number; appSystem: number; db: number };
}

/** Nearest-rank percentile of latencies in ms. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function figuresOf(latencies: number[], seconds: number, errors: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { requests: sorted.length, seconds, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), errors };
}

// CPU time from /proc (Linux): unlike req/s, it does not move with how the two CPUs are shared
// out between the server, PostgreSQL and the load generator from one second to the next.
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** User and system CPU of a process so far, µs (0 once it is gone). */
function cpuOf(pid: number): { user: number; system: number } {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: (Number(fields[11]) * 1e6) / TICKS_PER_SECOND, system: (Number(fields[12]) * 1e6) / TICKS_PER_SECOND };
  } catch {
    return { user: 0, system: 0 };
  }
}
const totalOf = (cpu: { user: number; system: number }) => cpu.user + cpu.system;

/** Every PostgreSQL process of the machine by pid, with its CPU so far. */
function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>();
  if (!fs.existsSync('/proc')) return out;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') out.set(Number(entry), totalOf(cpuOf(Number(entry))));
    } catch {
      // Ended while listed.
    }
  }
  return out;
}

/**
 * `run`'s figures with the CPU it cost per answered request: the process `pid` (the server, or the
 * raw replay) and, when `database` is on, every PostgreSQL process (a backend that started within
 * the run counts from zero). None where /proc is missing.
 */
export async function withCpu(pid: number | undefined, database: boolean, run: () => Promise<Figures>): Promise<Figures> {
  if (pid === undefined || !fs.existsSync(`/proc/${pid}/stat`)) return run();
  const app = cpuOf(pid);
  const db = database ? postgresCpu() : new Map<number, number>();
  const figures = await run();
  if (!figures.requests) return figures;
  let dbSpent = 0;
  if (database) for (const [p, now] of postgresCpu()) dbSpent += now - (db.get(p) ?? 0);
  const after = cpuOf(pid);
  const per = (v: number) => v / figures.requests;
  return { ...figures, cpu: { app: per(totalOf(after) - totalOf(app)), appSystem: per(after.system - app.system), db: per(dbSpent) } };
}

/** Which load generator drives the endpoint: wrk (C, Debian's package) when installed, else autocannon. */
export const LOAD_GENERATOR: 'wrk' | 'autocannon' =
  process.env.BENCH_LOAD === 'autocannon' || spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';

export function runHttp(opts: { url: string; cookie: string; seconds: number; connections: number }): Promise<Figures> {
  return LOAD_GENERATOR === 'wrk' ? runWrk(opts) : runAutocannon(opts);
}

/** wrk's summary as JSON, from its `done` hook (latencies in microseconds). */
const WRK_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration":%d,"p50":%d,"p95":%d,"status":%d,"other":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), e.status, e.connect + e.read + e.write + e.timeout))
end
`;

/**
 * wrk at `connections` keep-alive connections on one thread: a load generator in C takes a few
 * per cent of a CPU where autocannon takes a third, and on a 2-CPU machine that CPU would otherwise
 * be taken from the server and the database being measured. Any non-2xx answer counts as an error.
 */
async function runWrk(opts: { url: string; cookie: string; seconds: number; connections: number }): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-bench-wrk-'));
  const script = path.join(dir, 'report.lua');
  fs.writeFileSync(script, WRK_SCRIPT);
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '-s', script, '-H', `cookie: ${opts.cookie}`, opts.url];
      const proc = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      proc.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      proc.once('error', reject);
      proc.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no summary: ${out}`);
    const r = JSON.parse(line) as { requests: number; duration: number; p50: number; p95: number; status: number; other: number };
    const seconds = r.duration / 1e6;
    const ok = r.requests - r.status;
    return { requests: ok, seconds, perSecond: ok / seconds, p50: r.p50 / 1000, p95: r.p95 / 1000, errors: r.status + r.other };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The endpoint side with autocannon at `connections` concurrent keep-alive connections for `seconds`.
 * Latencies are taken from each response (autocannon reports p97.5 but not p95), so both sides are
 * summarised by the same percentile code; any non-2xx answer counts as an error.
 */
async function runAutocannon(opts: { url: string; cookie: string; seconds: number; connections: number }): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: opts.url, connections: opts.connections, duration: opts.seconds, headers: { cookie: opts.cookie } }, (err, res) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else errors += 1;
    });
  });
  errors += result.errors + result.timeouts;
  return figuresOf(latencies, (performance.now() - started) / 1000, errors);
}

/**
 * The raw side: `connections` workers, each running `iteration` back to back until the time is
 * up; one iteration = the statements of one request, in order.
 */
export async function runLoop(iteration: () => Promise<void>, seconds: number, connections: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await iteration();
          latencies.push(performance.now() - t0);
        } catch (err) {
          errors += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return { ...figuresOf(latencies, (performance.now() - started) / 1000, errors), ...(firstError ? { firstError } : {}) };
}
