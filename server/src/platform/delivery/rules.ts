import type { TBotKind, TNotificationEvent, TPreferenceChannel } from '@opsdesk/contract';

/**
 * ALL-2 defaults, used while a person has not chosen: e-mail for what needs them personally
 * (approvals, reminders, escalations, meeting notices — MTG-3), the department bot for what the
 * group should see chased (reminders, escalations, meeting notices).
 */
const DEFAULT_ON: Record<TPreferenceChannel, readonly TNotificationEvent[]> = {
  email: ['approval', 'reminder', 'escalation', 'meeting'],
  bot: ['reminder', 'escalation', 'meeting'],
};

export function preferenceEnabled(stored: boolean | null | undefined, event: TNotificationEvent, channel: TPreferenceChannel): boolean {
  return stored ?? DEFAULT_ON[channel].includes(event);
}

/** Retries: 1, 2, 4, 8, 16 min after failed attempts 1…5; the 6th failure is final (dead). */
export const RETRY = { maxAttempts: 6, baseMs: 60_000, capMs: 60 * 60_000 } as const;

/** ALL-2: when a delivery that has now failed `attempts` times is tried again; null = give up. */
export function retryAt(attempts: number, now: Date, policy: { maxAttempts: number; baseMs: number; capMs: number } = RETRY): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.capMs);
  return new Date(now.getTime() + delay);
}

export interface RateLimit {
  windowMs: number;
  max: number;
}

/** ALL-2: the platforms' published limits per bot (DingTalk 20/min, Feishu 5/s and 100/min, WeCom 20/min). */
export const RATE_LIMITS: Record<TBotKind, readonly RateLimit[]> = {
  dingtalk: [{ windowMs: 60_000, max: 20 }],
  wecom: [{ windowMs: 60_000, max: 20 }],
  feishu: [
    { windowMs: 1_000, max: 5 },
    { windowMs: 60_000, max: 100 },
  ],
};

export const longestWindow = (limits: readonly RateLimit[]) => Math.max(...limits.map((l) => l.windowMs));

/**
 * Sliding windows: how many requests may start at `now`, given when the recent ones started
 * (ms, any order), and — when none may — the first instant at which one may.
 */
export function rateRoom(limits: readonly RateLimit[], recentStarts: readonly number[], now: Date): { free: number; nextAt: Date | null } {
  const t = now.getTime();
  let free = Number.POSITIVE_INFINITY;
  let nextAt = t;
  for (const { windowMs, max } of limits) {
    const inWindow = recentStarts.filter((s) => s > t - windowMs && s <= t).sort((a, b) => a - b);
    free = Math.min(free, Math.max(0, max - inWindow.length));
    if (inWindow.length >= max) {
      // The window has room again once the oldest (count − max + 1) starts have left it.
      nextAt = Math.max(nextAt, inWindow[inWindow.length - max]! + windowMs);
    }
  }
  return free > 0 ? { free, nextAt: null } : { free: 0, nextAt: new Date(nextAt) };
}

/** DingTalk @mentions a mainland mobile as 11 digits: spaces, dashes and a +86 prefix go. */
export function mentionMobile(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  const local = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  return local.length >= 5 ? local : null;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts `text` to at most `maxBytes` of UTF-8, at a character boundary, ending with an ellipsis. */
export function truncateUtf8(text: string, maxBytes: number, ellipsis = '…'): string {
  if (bytes(text) <= maxBytes) return text;
  const room = maxBytes - bytes(ellipsis);
  if (room <= 0) return '';
  const buf = Buffer.from(text, 'utf8');
  let end = room;
  // Back off continuation bytes (10xxxxxx) so a character is never split.
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8') + ellipsis;
}

/** Shows where a webhook points without its token: query values and long path segments masked. */
export function maskWebhook(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '••••';
  }
  const mask = (v: string) => (v.length > 8 ? `••••${v.slice(-4)}` : '••••');
  const path = u.pathname
    .split('/')
    .map((seg) => (seg.length >= 16 ? mask(seg) : seg))
    .join('/');
  const query = [...u.searchParams].map(([k, v]) => `${k}=${mask(v)}`).join('&');
  return `${u.origin}${path}${query ? `?${query}` : ''}`;
}

/** Tokens that must never appear in a logged error or answer: the URL's query values and path, the secret. */
export function secretsOf(webhookUrl: string, secret: string | null): string[] {
  const out = new Set<string>([webhookUrl]);
  if (secret) out.add(secret);
  try {
    const u = new URL(webhookUrl);
    for (const [, v] of u.searchParams) if (v.length >= 6) out.add(v);
    for (const seg of u.pathname.split('/')) if (seg.length >= 16) out.add(seg);
  } catch {
    // Not a URL: the whole string is already in the list.
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** A short, secret-free excerpt for the attempt log. */
export function scrub(text: string | null | undefined, secrets: readonly string[], max = 500): string | null {
  if (text === null || text === undefined) return null;
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/**
 * Whether a bot accepted the message. They answer HTTP 200 with a JSON error code when they refuse
 * (bad signature, rate limited, keyword missing): DingTalk and WeCom `errcode`, Feishu `code`
 * (older hooks `StatusCode`). Anything but 0 is a failure.
 */
export function botAnswer(kind: TBotKind, httpStatus: number, body: unknown): { ok: true } | { ok: false; error: string } {
  if (httpStatus < 200 || httpStatus >= 300) return { ok: false, error: `HTTP ${httpStatus}` };
  if (!body || typeof body !== 'object') return { ok: false, error: 'the bot did not answer JSON' };
  const b = body as Record<string, unknown>;
  const code = kind === 'feishu' ? (b.code ?? b.StatusCode) : b.errcode;
  if (code === 0 || code === '0') return { ok: true };
  const msg = kind === 'feishu' ? (b.msg ?? b.StatusMessage) : b.errmsg;
  return { ok: false, error: code === undefined ? 'the bot answered without a result code' : `${kind} error ${String(code)}: ${String(msg ?? '')}` };
}
