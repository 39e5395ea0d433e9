import { and, asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { TNotificationStreamEvent } from '@opsdesk/contract';
import type { Database, Db } from '../../db/client.ts';
import { SESSION_COOKIE, type SessionStore } from '../auth/sessions.ts';
import { countUnread } from './centre.service.ts';
import { type Listener, type ListenerOptions, startListener } from './listener.ts';
import { NOTIFY_CHANNEL } from './notify.ts';
import { presentNotification } from './presenters.ts';
import { notifications } from './schema.ts';

/** The browser's EventSource waits this long before reconnecting after a dropped stream. */
export const STREAM_RETRY_MS = 5000;
/** Below the usual 30–60 s idle timeouts of proxies (nginx proxy_read_timeout 60 s). */
export const HEARTBEAT_MS = 25_000;
/** A reconnecting browser gets at most this many missed notifications (then it refetches the list). */
const BACKLOG = 50;

interface Connection {
  recipientId: number;
  token: string;
  res: ServerResponse;
  /** Ids already sent: the backlog and a live event may cross while the stream opens. */
  sent: Set<number>;
}

type Signal = { id: number; recipientId: number } | { recipientId: number; unreadCount: number };

/**
 * ALL-2 live notification centre: this process's SSE connections by recipient, fed by one LISTEN on
 * `opsdesk_notifications`. Whichever process created a notification, PostgreSQL tells every
 * process, and the one holding the recipient's stream loads the row and pushes it.
 */
export class NotificationHub {
  readonly #byRecipient = new Map<number, Set<Connection>>();
  #listener: Listener | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #beating = false;
  // Signals are handled one after another, so a recipient sees notifications in commit order.
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      database: Database;
      sessions: SessionStore;
      now: () => Date;
      log: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
      retry?: ListenerOptions['retry'];
    },
  ) {}

  get #db(): Db {
    return this.deps.database.db;
  }

  async start(): Promise<void> {
    this.#listener = await startListener(this.deps.database, {
      channel: NOTIFY_CHANNEL,
      onPayload: (payload) => this.receive(payload),
      onReconnect: () => this.#enqueue(() => this.#readyAll()),
      log: this.deps.log,
      retry: this.deps.retry,
    });
    this.#heartbeat = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Connections held now (all recipients). */
  get size(): number {
    let n = 0;
    for (const set of this.#byRecipient.values()) n += set.size;
    return n;
  }

  /** GET /api/notifications/stream: the plugin has checked the session; from here the response is ours. */
  async open(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = req.session!;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write(`retry: ${STREAM_RETRY_MS}\n\n`);
    const conn: Connection = { recipientId: session.user.id, token: req.cookies[SESSION_COOKIE] ?? '', res, sent: new Set() };
    let set = this.#byRecipient.get(conn.recipientId);
    if (!set) this.#byRecipient.set(conn.recipientId, (set = new Set()));
    set.add(conn);
    req.raw.on('close', () => this.#remove(conn));
    const lastId = Number(req.headers['last-event-id']);
    await this.#enqueue(async () => {
      if (Number.isInteger(lastId) && lastId > 0) await this.#backlog(conn, lastId);
      this.#write(conn, 'ready', { unreadCount: await countUnread(this.#db, conn.recipientId) });
    });
  }

  /** A signal from the channel: `{id, recipientId}` (new notification) or `{recipientId, unreadCount}`. */
  receive(payload: string): void {
    let signal: Signal;
    try {
      signal = JSON.parse(payload) as Signal;
    } catch {
      return;
    }
    if (!this.#byRecipient.has(signal.recipientId)) return;
    void this.#enqueue(async () => {
      const conns = this.#byRecipient.get(signal.recipientId);
      if (!conns?.size) return;
      if (!('id' in signal)) {
        for (const conn of conns) this.#write(conn, 'unread', { unreadCount: signal.unreadCount });
        return;
      }
      const [row] = await this.#db.select().from(notifications).where(and(eq(notifications.id, signal.id), eq(notifications.recipientId, signal.recipientId)));
      if (row) for (const conn of conns) this.#sendNotification(conn, row);
    });
  }

  /** Every 25 s: a comment line keeps the stream open; a stream whose session ended is closed. */
  async heartbeat(): Promise<void> {
    if (this.#beating) return; // a slow round (many streams, a slow database) is not overlapped
    this.#beating = true;
    try {
      const now = this.deps.now();
      for (const set of [...this.#byRecipient.values()]) {
        for (const conn of [...set]) {
          // A database hiccup (undefined) keeps the stream; only a session known to be gone ends it.
          const session = await this.deps.sessions.lookup(conn.token, now).catch(() => undefined);
          if (session === null || (session && session.user.id !== conn.recipientId)) {
            conn.res.end();
            this.#remove(conn);
          } else if (!conn.res.writableEnded) conn.res.write(': heartbeat\n\n');
        }
      }
    } finally {
      this.#beating = false;
    }
  }

  /** Ends every stream (app closing: a server cannot close while they stay open). */
  closeStreams(): void {
    for (const set of this.#byRecipient.values()) for (const conn of set) conn.res.end();
    this.#byRecipient.clear();
  }

  async stop(): Promise<void> {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    this.closeStreams();
    await this.#chain;
    await this.#listener?.stop();
    this.#listener = null;
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.#chain.then(work).catch((err: unknown) => this.deps.log.error({ err }, 'notifications: stream push failed'));
    this.#chain = next;
    return next;
  }

  async #backlog(conn: Connection, lastId: number) {
    const rows = await this.#db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, conn.recipientId), gt(notifications.id, lastId)))
      .orderBy(asc(notifications.id))
      .limit(BACKLOG);
    for (const row of rows) this.#sendNotification(conn, row);
  }

  /** After the LISTEN connection came back: each open stream is told to refetch (`ready`). */
  async #readyAll() {
    const ids = [...this.#byRecipient.keys()];
    if (!ids.length) return;
    const rows = await this.#db
      .select({ recipientId: notifications.recipientId, n: count() })
      .from(notifications)
      .where(and(inArray(notifications.recipientId, ids), isNull(notifications.readAt)))
      .groupBy(notifications.recipientId);
    const unread = new Map(rows.map((r) => [r.recipientId, r.n]));
    for (const [id, set] of this.#byRecipient) for (const conn of set) this.#write(conn, 'ready', { unreadCount: unread.get(id) ?? 0 });
  }

  #sendNotification(conn: Connection, row: typeof notifications.$inferSelect) {
    if (conn.sent.has(row.id)) return;
    conn.sent.add(row.id);
    if (conn.sent.size > 500) conn.sent.delete(conn.sent.values().next().value!);
    this.#write(conn, 'notification', presentNotification(row), row.id);
  }

  #write(conn: Connection, event: TNotificationStreamEvent, data: unknown, id?: number) {
    if (conn.res.writableEnded || conn.res.destroyed) return;
    conn.res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #remove(conn: Connection) {
    const set = this.#byRecipient.get(conn.recipientId);
    if (!set) return;
    set.delete(conn);
    if (!set.size) this.#byRecipient.delete(conn.recipientId);
  }
}
