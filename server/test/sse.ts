import type { FastifyInstance } from 'fastify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One parsed server-sent-events block: an event (`event:`/`data:`/`id:`), a comment, or `retry:`. */
export type SseItem =
  | { kind: 'event'; event: string; id: string | null; data: unknown }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number };

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The next item of this kind (and event name), waiting at most `ms` — a bounded wait, never a sleep. */
  next(kind: 'event', event?: string, ms?: number): Promise<Extract<SseItem, { kind: 'event' }>>;
  next(kind: 'comment' | 'retry', event?: undefined, ms?: number): Promise<SseItem>;
  /** Resolves when the server ends the stream; rejects after `ms`. */
  ended(ms?: number): Promise<void>;
  close(): void;
}

/** Listens on 127.0.0.1 (a random port) for real streaming; returns the port. */
export async function listenLocal(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

function parseBlock(block: string): SseItem | null {
  let event: string | null = null;
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return { kind: 'comment', text: line.slice(1).trim() };
    const [field, ...rest] = line.split(':');
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'retry') return { kind: 'retry', ms: Number(value) };
    if (field === 'event') event = value;
    if (field === 'id') id = value;
    if (field === 'data') data.push(value);
  }
  if (!event && !data.length) return null;
  return { kind: 'event', event: event ?? 'message', id, data: JSON.parse(data.join('\n')) };
}

/** GET /api/notifications/stream with node's http client, as a browser's EventSource would. */
export function openStream(port: number, cookie: string | null, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/api/notifications/stream', headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}), ...headers } },
      (res) => {
        res.setEncoding('utf8');
        const items: SseItem[] = [];
        let wake: (() => void) | null = null;
        let buffer = '';
        let done = false;
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const item = parseBlock(buffer.slice(0, i));
            buffer = buffer.slice(i + 2);
            if (item) items.push(item);
          }
          wake?.();
        });
        const finish = () => {
          done = true;
          wake?.();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
        const waitFor = async <T>(take: () => T | undefined, ms: number, what: string): Promise<T> => {
          const deadline = Date.now() + ms;
          for (;;) {
            const found = take();
            if (found !== undefined) return found;
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`SSE: no ${what} within ${ms} ms`);
            await new Promise<void>((r) => {
              const timer = setTimeout(r, left);
              wake = () => {
                clearTimeout(timer);
                wake = null;
                r();
              };
            });
          }
        };
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          next: ((kind: SseItem['kind'], event?: string, ms = 900) =>
            waitFor(
              () => {
                const i = items.findIndex((it) => it.kind === kind && (event === undefined || (it.kind === 'event' && it.event === event)));
                return i < 0 ? undefined : items.splice(i, 1)[0];
              },
              ms,
              event ?? kind,
            )) as SseStream['next'],
          ended: (ms = 900) => waitFor(() => (done ? true : undefined), ms, 'end of stream').then(() => undefined),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
}
