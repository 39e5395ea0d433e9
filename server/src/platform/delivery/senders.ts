import nodemailer from 'nodemailer';
import type { TBotKind } from '@opsdesk/contract';
import type { Config } from '../../config.ts';
import type { BotPayload, EmailPayload } from './payloads.ts';
import { botAnswer, scrub, secretsOf } from './rules.ts';
import { botRequest } from './sign.ts';

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  /** The start of the answer, secrets removed. */
  response: string | null;
  error: string | null;
}

export interface BotTarget {
  kind: TBotKind;
  webhookUrl: string;
  secret: string | null;
}

/** How deliveries leave the server; tests pass their own or point these at 127.0.0.1. */
export interface Senders {
  /** null when no SMTP server is configured. */
  email: ((payload: EmailPayload) => Promise<SendResult>) | null;
  bot: (target: BotTarget, payload: BotPayload, now: Date) => Promise<SendResult>;
}

const TIMEOUT_MS = 15_000;

/** The From address: OPSDESK_MAIL_FROM, else the SMTP user when it is an address. */
export function mailFrom(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): string {
  if (config.mailFrom) return config.mailFrom;
  let user = '';
  try {
    user = decodeURIComponent(new URL(config.smtpUrl ?? '').username);
  } catch {
    // Unparsable URL: nodemailer reports it on the first send.
  }
  return user.includes('@') ? `OpsDesk 运营台 <${user}>` : 'OpsDesk 运营台 <opsdesk@localhost>';
}

export function createEmailSender(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Senders['email'] {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 2 * TIMEOUT_MS,
  });
  const from = mailFrom(config);
  const secrets = secretsOf(config.smtpUrl, null);
  return async (p) => {
    try {
      const info = await transport.sendMail({
        from,
        to: p.to,
        subject: p.subject,
        text: p.text,
        html: p.html,
        attachments: (p.attachments ?? []).map((a) => ({
          filename: a.filename,
          content: a.content,
          encoding: a.encoding ?? 'utf8',
          ...(a.contentType ? { contentType: a.contentType } : {}),
        })),
      });
      const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1]);
      return { ok: true, statusCode: Number.isFinite(code) ? code : null, response: scrub(info.response, secrets), error: null };
    } catch (err) {
      const e = err as { responseCode?: number; message?: string; response?: string };
      return { ok: false, statusCode: e.responseCode ?? null, response: scrub(e.response, secrets), error: scrub(e.message ?? String(err), secrets) };
    }
  };
}

/** POSTs the signed message to the bot and reads its JSON verdict (errcode/code ≠ 0 is a failure). */
export async function sendToBot(target: BotTarget, payload: BotPayload, now: Date): Promise<SendResult> {
  const secrets = secretsOf(target.webhookUrl, target.secret);
  const req = botRequest(target.kind, target.webhookUrl, target.secret, payload.message, now);
  let status: number;
  let text: string;
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const detail = e.cause?.code ?? e.cause?.message ?? e.message;
    return { ok: false, statusCode: null, response: null, error: scrub(`${e.name === 'TimeoutError' ? 'timeout' : 'request failed'}: ${detail}`, secrets) };
  }
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Judged below as "not JSON".
  }
  const verdict = botAnswer(target.kind, status, json);
  return { ok: verdict.ok, statusCode: status, response: scrub(text, secrets), error: verdict.ok ? null : scrub(verdict.error, secrets) };
}

export function createSenders(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Senders {
  return { email: createEmailSender(config), bot: sendToBot };
}
