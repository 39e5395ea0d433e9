import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Config } from '../../config.ts';
import type { Database, Tx } from '../../db/client.ts';
import { bossConnection, txBossDb } from './adapter.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}

/** What a handler receives besides its data: the injected clock's time, never the wall clock. */
export interface JobContext {
  now: Date;
  /** pg-boss's job id; null when called directly with runNow(). */
  jobId: string | null;
}
export type JobData = Record<string, unknown>;
export type JobHandler<T extends JobData = JobData> = (data: T, ctx: JobContext) => Promise<unknown>;

export interface QueueOptions {
  /** pg-boss queue policy: 'stately' keeps at most one queued and one running job per singleton key. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A running job older than this is failed by pg-boss (default 15 min, at most 24 h). */
  expireInSeconds?: number;
}

export interface SendOptions {
  /** Deduplicates according to the queue's policy (short / singleton / stately). */
  singletonKey?: string;
  startAfter?: Date;
  /** Send inside this transaction: the job exists only if it commits (and no PGlite deadlock). */
  tx?: Tx;
}

export interface StartOptions {
  /** Run workers and cron schedules (the server). Off: pg-boss is up for send/drain, no timers (tests, CLI). */
  background?: boolean;
  pollingIntervalSeconds?: number;
}

type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
const NAME = /^[a-z][a-z0-9-]{1,62}$/;

/**
 * Background jobs on pg-boss 10, on either driver. Modules register handlers and cron schedules
 * while the app is built; buildApp starts pg-boss (without timers unless `background`), the
 * server turns background on, and app close stops it gracefully.
 */
export class Jobs {
  readonly #handlers = new Map<string, { handler: JobHandler; options: QueueOptions }>();
  readonly #schedules = new Map<string, { cron: string; tz: string }>();
  readonly #workers = new Map<string, string>();
  #boss: PgBoss | null = null;
  #open = false;
  /** Handlers running and pg-boss statements out (on PGlite): stop() waits for them. */
  #busy = 0;

  constructor(private readonly deps: { database: Database; config: Pick<Config, 'now' | 'timeZone'>; log: Logger }) {}

  register<T extends JobData>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): void {
    if (!NAME.test(name)) throw new Error(`jobs: bad queue name ${name} (lowercase letters, digits, '-')`);
    if (this.#boss) throw new Error(`jobs: register ${name} before start()`);
    if (this.#handlers.has(name)) throw new Error(`jobs: ${name} is registered twice`);
    this.#handlers.set(name, { handler: handler as JobHandler, options });
  }

  /** Runs `name` on a cron schedule in the company time zone (only while background is on). */
  schedule(name: string, cron: string, tz: string = this.deps.config.timeZone): void {
    if (!this.#handlers.has(name)) throw new Error(`jobs: schedule of unregistered ${name}`);
    if (this.#boss) throw new Error(`jobs: schedule ${name} before start()`);
    this.#schedules.set(name, { cron, tz });
  }

  get started(): boolean {
    return this.#boss !== null;
  }

  async start({ background = false, pollingIntervalSeconds = 2 }: StartOptions = {}): Promise<void> {
    if (this.#boss) return;
    this.#open = true;
    const connection = bossConnection(this.deps.database, () => this.#open);
    const { db } = connection;
    if (db) connection.db = { executeSql: (text, values) => this.#track(db.executeSql(text, values)) };
    const boss = new PgBoss({
      ...connection,
      schedule: background,
      supervise: background,
      migrate: true,
    });
    boss.on('error', (err) => this.deps.log.error({ err }, 'jobs: pg-boss error'));
    await boss.start();
    this.#boss = boss;
    for (const [name, { options }] of this.#handlers) {
      const queue: PgBoss.Queue = { name, policy: options.policy ?? 'standard', retryLimit: options.retryLimit ?? 2 };
      if (options.retryDelaySeconds !== undefined) queue.retryDelay = options.retryDelaySeconds;
      if (options.expireInSeconds !== undefined) queue.expireInSeconds = options.expireInSeconds;
      await boss.createQueue(name, queue);
      await boss.updateQueue(name, queue);
    }
    if (!background) return;
    for (const name of this.#handlers.keys()) {
      const id = await boss.work<JobData>(name, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => (job ? this.#run(name, job.data, job.id) : undefined));
      this.#workers.set(name, id);
    }
    // Schedules live in the database: drop the ones no longer declared in code.
    for (const s of await boss.getSchedules()) if (!this.#schedules.has(s.name)) await boss.unschedule(s.name);
    for (const [name, { cron, tz }] of this.#schedules) {
      try {
        await boss.schedule(name, cron, {}, { tz });
      } catch (err) {
        throw new Error(`jobs: cannot schedule ${name} with cron "${cron}" in ${tz}: ${(err as Error).message}`);
      }
    }
  }

  /** Graceful: running handlers get up to `timeoutMs` to finish; then pg-boss fails them for a retry. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const boss = this.#boss;
    if (!boss) return;
    this.#boss = null;
    this.#workers.clear();
    await boss.stop({ graceful: true, timeout: timeoutMs });
    // pg-boss resolves stop() while a worker's fetch is still out (its check for running jobs misses
    // it); the job fetched then runs, and is completed, after stop. The database must outlive that.
    for (let waited = 0; this.#busy > 0 && waited < timeoutMs; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    this.#open = false;
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#busy += 1;
    return work.finally(() => {
      this.#busy -= 1;
    });
  }

  async send(name: string, data: JobData = {}, options: SendOptions = {}): Promise<string | null> {
    const boss = this.#need(name);
    const send: PgBoss.SendOptions = {};
    if (options.singletonKey !== undefined) send.singletonKey = options.singletonKey;
    if (options.startAfter) send.startAfter = options.startAfter;
    if (options.tx) send.db = txBossDb(options.tx);
    const id = await boss.send(name, data, send);
    // A job sent in a transaction is not visible until commit; the worker's next poll finds it.
    const worker = this.#workers.get(name);
    if (worker && !options.tx) boss.notifyWorker(worker);
    return id;
  }

  /** Calls the handler now, in this process, with the injected clock: for tests and the CLI. */
  async runNow(name: string, data: JobData = {}): Promise<unknown> {
    const entry = this.#handlers.get(name);
    if (!entry) throw new Error(`jobs: no handler for ${name}`);
    return entry.handler(data, { now: this.deps.config.now(), jobId: null });
  }

  /**
   * Runs the queued jobs of `names` (default: all) through pg-boss (fetch → handler → complete or
   * fail) in this call, without workers or timers: tests get the real queue deterministically.
   */
  async drain(names: string[] = [...this.#handlers.keys()], max = 100): Promise<{ completed: number; failed: { name: string; id: string; error: string }[] }> {
    const result = { completed: 0, failed: [] as { name: string; id: string; error: string }[] };
    for (const name of names) {
      const boss = this.#need(name);
      for (let i = 0; i < max; i++) {
        const [job] = await boss.fetch<JobData>(name);
        if (!job) break;
        try {
          const output = await this.#run(name, job.data, job.id);
          await boss.complete(name, job.id, output && typeof output === 'object' ? output : {});
          result.completed += 1;
        } catch (err) {
          await boss.fail(name, job.id, { message: String((err as Error).message ?? err) });
          result.failed.push({ name, id: job.id, error: String((err as Error).message ?? err) });
        }
      }
    }
    return result;
  }

  /** A job's state and output, for tests and diagnostics. */
  async job(name: string, id: string): Promise<{ state: string; output: unknown } | null> {
    const job = await this.#need(name).getJobById(name, id, { includeArchive: true });
    return job ? { state: job.state, output: job.output } : null;
  }

  async schedules(): Promise<{ name: string; cron: string; timezone: string }[]> {
    const boss = this.#boss;
    if (!boss) throw new Error('jobs: not started');
    // The rows carry a `timezone` column that pg-boss's types leave out.
    const rows = (await boss.getSchedules()) as (PgBoss.Schedule & { timezone: string })[];
    return rows.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone }));
  }

  async #run(name: string, data: JobData, jobId: string): Promise<unknown> {
    const entry = this.#handlers.get(name);
    if (!entry) throw new Error(`jobs: no handler for ${name}`);
    try {
      return await this.#track(entry.handler(data ?? {}, { now: this.deps.config.now(), jobId }));
    } catch (err) {
      this.deps.log.error({ err, job: name, jobId }, 'jobs: handler failed');
      throw err;
    }
  }

  #need(name: string): PgBoss {
    if (!this.#handlers.has(name)) throw new Error(`jobs: no handler for ${name}`);
    if (!this.#boss) throw new Error('jobs: not started');
    return this.#boss;
  }
}

/** Creates (or migrates) pg-boss's own schema `pgboss`; the test template gets it once. */
export async function installJobsSchema(database: Database): Promise<void> {
  let open = true;
  const boss = new PgBoss({ ...bossConnection(database, () => open), schedule: false, supervise: false, migrate: true });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false });
  open = false;
}
