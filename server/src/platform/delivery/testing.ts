// Test support for the delivery tests: local sinks on 127.0.0.1 (the network is closed) and the
// fixtures every delivery test needs. Not imported by the server.
import { eq } from 'drizzle-orm';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../db/client.ts';
import { departments, people } from '../../modules/org/schema.ts';
import { type NotifyInput, notify } from '../notify/notify.ts';
import { deliveryChannels, notificationProfiles } from './schema.ts';
import { invalidateOrgTree } from '../access/org-tree.ts';

export interface SinkRequest {
  method: string;
  /** Path and query exactly as received (the DingTalk signature is in here, URL-encoded). */
  url: string;
  body: Record<string, unknown>;
  raw: string;
}
export type SinkReply = (req: SinkRequest) => { status?: number; body: unknown };

/** A bot platform stand-in: records every request and answers as `reply` says (default: success). */
export async function startHttpSink() {
  const requests: SinkRequest[] = [];
  let reply: SinkReply = () => ({ body: { errcode: 0, errmsg: 'ok', code: 0, msg: 'success' } });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Recorded as raw only.
      }
      const entry = { method: req.method ?? '', url: req.url ?? '', body, raw };
      requests.push(entry);
      const answer = reply(entry);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    reply: (next: SinkReply) => {
      reply = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type HttpSink = Awaited<ReturnType<typeof startHttpSink>>;

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

/** An SMTP server on 127.0.0.1 that accepts user/pass without TLS and keeps each message. */
export async function startSmtpSink() {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth: (auth, _session, cb) => (auth.username === 'opsdesk' && auth.password === 'mail-pass' ? cb(null, { user: auth.username }) : cb(new Error('bad auth'))),
    // A mailbox that does not exist: the server refuses it (550), as a real one would.
    onRcptTo: (address, _session, cb) => (address.address.startsWith('bounce@') ? cb(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 })) : cb()),
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { messages, port, url: `smtp://opsdesk:mail-pass@127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / Q) of a header, decoded. */
export function decodeHeader(raw: string, name: string): string {
  const unfolded = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)) ?? '';
  const value = line.slice(name.length + 1).trim();
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** The decoded body of the MIME part whose headers match `pattern` (base64 or quoted-printable or plain). */
export function mimePart(raw: string, pattern: RegExp): { headers: string; body: string } | null {
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const [headers, ...rest] = part.split(/\r?\n\r?\n/);
    if (!headers || !pattern.test(headers)) continue;
    const encoded = rest.join('\n\n').replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const cte = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    const body =
      cte === 'base64'
        ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
        : cte === 'quoted-printable'
          ? Buffer.from(encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
          : encoded;
    return { headers, body };
  }
  return null;
}

let seq = 0;
/** A department (optionally under a parent) with, optionally, one bot. */
export async function makeDepartment(database: Database, values: { name?: string; parentId?: number | null } = {}) {
  seq += 1;
  const stamp = new Date().toISOString();
  const [row] = await database.db
    .insert(departments)
    .values({ name: values.name ?? `测试部${seq}`, parentId: values.parentId ?? null, createdAt: stamp, updatedAt: stamp })
    .returning();
  invalidateOrgTree();
  return row!;
}

export async function makeBot(
  database: Database,
  values: { departmentId: number; kind: 'dingtalk' | 'wecom' | 'feishu'; webhookUrl: string; secret?: string | null; enabled?: boolean },
) {
  const stamp = new Date().toISOString();
  const [row] = await database.db
    .insert(deliveryChannels)
    .values({ name: `${values.kind} bot`, secret: null, enabled: true, ...values, createdAt: stamp, updatedAt: stamp })
    .returning();
  return row!;
}

/** Contact details and chat ids for a person made by the harness. */
export async function setContact(database: Database, personId: number, c: { phone?: string | null; email?: string | null; wecomUserId?: string; feishuOpenId?: string }) {
  if (c.phone !== undefined || c.email !== undefined) await database.db.update(people).set({ phone: c.phone, email: c.email }).where(eq(people.id, personId));
  if (c.wecomUserId || c.feishuOpenId) {
    await database.db
      .insert(notificationProfiles)
      .values({ personId, wecomUserId: c.wecomUserId ?? null, feishuOpenId: c.feishuOpenId ?? null, updatedAt: new Date().toISOString() });
  }
}

/** Creates an in-app notification the way every module does (its hooks queue the deliveries). */
export function notifyNow(database: Database, now: Date, input: NotifyInput) {
  return database.db.transaction((tx) => notify(tx, now, input));
}
