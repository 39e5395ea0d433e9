import { createHmac } from 'node:crypto';
import type { TBotKind } from '@opsdesk/contract';

/** DingTalk 加签: Base64(HMAC-SHA256(key = secret, message = timestamp(ms) + "\n" + secret)). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** Feishu 签名校验: Base64(HMAC-SHA256(key = timestamp(s) + "\n" + secret, message = empty)). */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

/**
 * The HTTP request for one bot message at `now`: DingTalk signs in the query string (URL-encoded),
 * Feishu in the body (timestamp in seconds, as a string), WeCom not at all (the key is the URL).
 */
export function botRequest(
  kind: TBotKind,
  webhookUrl: string,
  secret: string | null,
  message: Record<string, unknown>,
  now: Date,
): { url: string; body: Record<string, unknown> } {
  if (kind === 'dingtalk' && secret) {
    const ts = now.getTime();
    const url = new URL(webhookUrl);
    url.searchParams.set('timestamp', String(ts));
    url.searchParams.set('sign', dingtalkSign(secret, ts));
    return { url: url.toString(), body: message };
  }
  if (kind === 'feishu' && secret) {
    const ts = Math.floor(now.getTime() / 1000);
    return { url: webhookUrl, body: { timestamp: String(ts), sign: feishuSign(secret, ts), ...message } };
  }
  return { url: webhookUrl, body: message };
}
