import type { QueryOptions, Results } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';

/**
 * The embedded PostgreSQL on a thread of its own, so that the server's JavaScript (HTTP, Fastify,
 * zod, the answers) and the database's work (WebAssembly) run on two CPUs instead of taking turns
 * on one; a long statement (an export, an import) then no longer stalls every other request
 * (issue 5's bench: my open tasks answered at 53 % of PGlite's own rate in-process). It speaks the
 * part of PGlite's interface the app, Drizzle and pg-boss use; `EmbeddedPg` names that part.
 */
export interface EmbeddedPg {
  readonly dataDir?: string;
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  transaction<T>(callback: (tx: EmbeddedTx) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  /** Nothing else runs while `callback` does (the backup reads the data dir meanwhile). */
  runExclusive<T>(callback: () => Promise<T>): Promise<T>;
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob>;
  isInTransaction(): Promise<boolean> | boolean;
  close(): Promise<void>;
}

export interface EmbeddedTx {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
}

type Answer = { id: number; result?: unknown; error?: Record<string, unknown> } | { notify: string; payload: string } | { ready: boolean; error?: Record<string, unknown> };

/** The error as the app reads it (db-errors.ts: code, constraint…), rebuilt from the worker's data. */
function rebuilt(data: Record<string, unknown>): Error {
  const err = new Error(String(data.message));
  Object.assign(err, data);
  return err;
}

/**
 * Only text parsers cross the thread (functions cannot): Drizzle's and ours keep dates, timestamps
 * and intervals as the text PostgreSQL sends. A parser that does anything else is refused, not
 * silently ignored.
 */
function parserOids(options: QueryOptions | undefined): number[] | undefined {
  const parsers = options?.parsers;
  if (!parsers) return undefined;
  return Object.entries(parsers).map(([oid, parse]) => {
    if (parse('2026-01-01', Number(oid)) !== '2026-01-01') throw new Error(`pglite-remote: only text parsers can be used (type ${oid})`);
    return Number(oid);
  });
}

export class RemotePGlite implements EmbeddedPg {
  readonly dataDir: string | undefined;
  readonly waitReady: Promise<void>;
  #worker: Worker;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  #listeners = new Map<string, Set<(payload: string) => void>>();
  #nextId = 1;
  #closed = false;

  /** Starts the worker on a data dir, or on a dump's bytes (the tests' template); see `waitReady`. */
  static async open(options: { dataDir?: string; loadDataDir?: Blob; textOids: number[] }): Promise<RemotePGlite> {
    const loadDataDir = options.loadDataDir ? new Uint8Array(await options.loadDataDir.arrayBuffer()) : undefined;
    const remote = new RemotePGlite({ dataDir: options.dataDir, loadDataDir, textOids: options.textOids });
    await remote.waitReady;
    return remote;
  }

  private constructor(workerData: { dataDir?: string; loadDataDir?: Uint8Array; textOids: number[] }) {
    this.dataDir = workerData.dataDir;
    const transfer = workerData.loadDataDir ? [workerData.loadDataDir.buffer as ArrayBuffer] : [];
    this.#worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData, transferList: transfer });
    this.waitReady = new Promise<void>((resolve, reject) => {
      this.#worker.on('message', (answer: Answer) => {
        if ('ready' in answer) return answer.ready ? resolve() : reject(rebuilt(answer.error ?? {}));
        if ('notify' in answer) return this.#listeners.get(answer.notify)?.forEach((callback) => callback(answer.payload));
        const pending = this.#pending.get(answer.id);
        this.#pending.delete(answer.id);
        if (answer.error) pending?.reject(rebuilt(answer.error));
        else pending?.resolve(answer.result);
      });
      // A worker that fails or stops answers nothing more: every waiting call gets the error.
      const fail = (err: Error) => {
        reject(err);
        for (const pending of this.#pending.values()) pending.reject(err);
        this.#pending.clear();
      };
      this.#worker.on('error', fail);
      this.#worker.on('exit', (code) => {
        const err = new Error(`the database thread stopped (exit code ${code})`);
        // Not by close(): every later query fails, so say why where the operator looks.
        if (!this.#closed) console.error(`OpsDesk: ${err.message}; restart the server`);
        this.#closed = true;
        fail(err);
      });
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  #call<T>(op: string, message: Record<string, unknown> = {}): Promise<T> {
    if (this.#closed && op !== 'close') return Promise.reject(new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, op, ...message });
    });
  }

  query<T>(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#statement('query', sql, params, options);
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.#statement('exec', sql, [], options);
  }

  /** A statement on its own, or in the open transaction `tx` (the worker's id for it). */
  #statement<R>(op: 'query' | 'exec', sql: string, params: unknown[], options: QueryOptions | undefined, tx?: number): Promise<R> {
    return this.#call(op, { sql, params, tx, rowMode: options?.rowMode, parserOids: parserOids(options) });
  }

  /** Committed when `callback` resolves, rolled back when it throws (PGlite's own rule). */
  async transaction<T>(callback: (tx: EmbeddedTx) => Promise<T>): Promise<T> {
    const id = await this.#call<number>('begin');
    const tx: EmbeddedTx = {
      query: (sql, params = [], options) => this.#statement('query', sql, params, options, id),
      exec: (sql, options) => this.#statement('exec', sql, [], options, id),
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (err) {
      await this.#call('end', { tx: id, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.#call('end', { tx: id, commit: true });
    return result;
  }

  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    let callbacks = this.#listeners.get(channel);
    if (!callbacks) {
      this.#listeners.set(channel, (callbacks = new Set()));
      await this.#call('listen', { channel });
    }
    callbacks.add(callback);
    return async () => {
      callbacks.delete(callback);
      if (callbacks.size || this.#listeners.get(channel) !== callbacks) return;
      this.#listeners.delete(channel);
      await this.#call('unlisten', { channel });
    };
  }

  async runExclusive<T>(callback: () => Promise<T>): Promise<T> {
    const hold = await this.#call<number>('hold');
    try {
      return await callback();
    } finally {
      await this.#call('release', { hold });
    }
  }

  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'auto'): Promise<Blob> {
    const bytes = await this.#call<Uint8Array>('dumpDataDir', { compression });
    return new Blob([bytes]);
  }

  isInTransaction(): Promise<boolean> {
    return this.#call('isInTransaction');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#call('close').catch(() => undefined);
    this.#closed = true;
    for (const pending of this.#pending.values()) pending.reject(new Error('PGlite is closed'));
    this.#pending.clear();
    await this.#worker.terminate();
  }
}
