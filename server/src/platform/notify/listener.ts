import type pg from 'pg';
import type { Database } from '../../db/client.ts';

type Logger = { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };

export interface ListenerOptions {
  /** A constant identifier (ours): it is written into LISTEN as is. */
  channel: string;
  onPayload: (payload: string) => void;
  /** Called after a lost connection was re-established: signals sent meanwhile were missed. */
  onReconnect?: () => void;
  log: Logger;
  /** Reconnect backoff: first delay, doubling up to `maxMs`. */
  retry?: { initialMs: number; maxMs: number };
}

export interface Listener {
  stop(): Promise<void>;
}

/**
 * One LISTEN per server process on the notifications channel. PGlite: its own `listen`. PostgreSQL:
 * a client taken from the pool for good (LISTEN belongs to a session, so a pooled query cannot
 * do it); if that connection drops (server restart, admin kill) it is replaced with backoff.
 */
export async function startListener(database: Database, options: ListenerOptions): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`listener: bad channel name ${options.channel}`);
  if (database.pglite) {
    const unlisten = await database.pglite.listen(options.channel, options.onPayload);
    return {
      stop: async () => {
        if (!database.pglite?.closed) await unlisten().catch(() => undefined);
      },
    };
  }
  if (!database.pool) throw new Error('listener: no database pool');
  const listener = new PgListener(database.pool, options);
  await listener.connect();
  return listener;
}

class PgListener implements Listener {
  #client: pg.PoolClient | null = null;
  #stopped = false;
  #timer: NodeJS.Timeout | null = null;
  #delay: number;
  readonly #retry: { initialMs: number; maxMs: number };

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ListenerOptions,
  ) {
    this.#retry = options.retry ?? { initialMs: 1000, maxMs: 30_000 };
    this.#delay = this.#retry.initialMs;
  }

  async connect(): Promise<void> {
    const client = await this.pool.connect();
    const lost = (err: Error) => this.#lost(client, err);
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', (msg) => {
      if (msg.channel === this.options.channel && msg.payload !== undefined) this.options.onPayload(msg.payload);
    });
    try {
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    if (this.#stopped) {
      client.release(true);
      return;
    }
    this.#client = client;
  }

  #lost(client: pg.PoolClient, err: Error) {
    if (this.#client !== client) return;
    this.#client = null;
    client.release(err);
    if (this.#stopped) return;
    this.options.log.warn({ err }, 'notifications: LISTEN connection lost; reconnecting');
    this.#schedule();
  }

  #schedule() {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#stopped) return;
      this.connect().then(
        () => {
          if (this.#stopped) return;
          this.#delay = this.#retry.initialMs;
          this.options.log.info({}, 'notifications: LISTEN connection restored');
          this.options.onReconnect?.();
        },
        (err: unknown) => {
          this.options.log.warn({ err }, 'notifications: reconnect failed');
          this.#delay = Math.min(this.#delay * 2, this.#retry.maxMs);
          if (!this.#stopped) this.#schedule();
        },
      );
    }, this.#delay);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    if (!client) return;
    // Destroyed rather than returned: a pooled client must not keep listening for someone else.
    client.release(true);
  }
}
