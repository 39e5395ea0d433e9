import { describe, expect, it } from 'vitest';
import { eventCategory } from '@opsdesk/contract';
import { RATE_LIMITS, RETRY, botAnswer, maskWebhook, mentionMobile, preferenceEnabled, rateRoom, retryAt, scrub, secretsOf, truncateUtf8 } from './rules.ts';

const T0 = new Date('2026-11-26T02:00:00.000Z');
const at = (ms: number) => T0.getTime() + ms;

describe('ALL-2 preference defaults', () => {
  it('e-mail on for approvals, reminders, escalations and meetings; bots for reminders, escalations and meetings', () => {
    expect(preferenceEnabled(null, 'approval', 'email')).toBe(true);
    expect(preferenceEnabled(null, 'reminder', 'email')).toBe(true);
    expect(preferenceEnabled(null, 'task', 'email')).toBe(false);
    expect(preferenceEnabled(null, 'approval', 'bot')).toBe(false);
    expect(preferenceEnabled(null, 'escalation', 'bot')).toBe(true);
  });
  it('DingTalk mentions a mobile as plain digits, without +86', () => {
    expect(mentionMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(mentionMobile('138 0013 8000')).toBe('13800138000');
    expect(mentionMobile('')).toBeNull();
    expect(mentionMobile(null)).toBeNull();
  });
  it('a stored choice wins over the default, either way', () => {
    expect(preferenceEnabled(false, 'approval', 'email')).toBe(false);
    expect(preferenceEnabled(true, 'task', 'bot')).toBe(true);
  });
  it('maps notification events to their category', () => {
    expect(eventCategory('approval.waiting')).toBe('approval');
    expect(eventCategory('deadline.reminder')).toBe('reminder');
    expect(eventCategory('deadline.escalation')).toBe('escalation');
    expect(eventCategory('task.overdue.escalated')).toBe('escalation');
    expect(eventCategory('meeting.notice')).toBe('meeting');
    expect(eventCategory('something.else')).toBe('system');
  });
});

describe('ALL-2 retry with exponential backoff', () => {
  it('waits 1, 2, 4, 8, 16 minutes, then gives up after the 6th failure', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => (retryAt(n, T0)!.getTime() - T0.getTime()) / 60_000);
    expect(delays).toEqual([1, 2, 4, 8, 16]);
    expect(retryAt(RETRY.maxAttempts, T0)).toBeNull();
  });
  it('caps the delay', () => {
    expect(retryAt(9, T0, { maxAttempts: 20, baseMs: 60_000, capMs: 3_600_000 })!.getTime() - T0.getTime()).toBe(3_600_000);
  });
});

describe('ALL-2 bot rate limits (sliding windows)', () => {
  it('DingTalk: 20 per minute; the 21st waits until the oldest leaves the window', () => {
    const starts = Array.from({ length: 20 }, (_, i) => at(i * 1000));
    expect(rateRoom(RATE_LIMITS.dingtalk, starts.slice(0, 5), new Date(at(5000)))).toEqual({ free: 15, nextAt: null });
    expect(rateRoom(RATE_LIMITS.dingtalk, starts, new Date(at(30_000)))).toEqual({ free: 0, nextAt: new Date(at(60_000)) });
    expect(rateRoom(RATE_LIMITS.dingtalk, starts, new Date(at(60_000)))).toEqual({ free: 1, nextAt: null });
  });
  it('Feishu: 5 per second and 100 per minute, whichever is tighter', () => {
    expect(rateRoom(RATE_LIMITS.feishu, [at(0), at(100), at(200), at(300), at(400)], new Date(at(500)))).toEqual({ free: 0, nextAt: new Date(at(1000)) });
    const minute = Array.from({ length: 100 }, (_, i) => at(i * 500));
    expect(rateRoom(RATE_LIMITS.feishu, minute, new Date(at(50_000)))).toEqual({ free: 0, nextAt: new Date(at(60_000)) });
  });
  it('WeCom: 20 per minute', () => {
    expect(rateRoom(RATE_LIMITS.wecom, Array(20).fill(at(0)), new Date(at(1))).free).toBe(0);
  });
});

describe('ALL-2 WeCom markdown limit: UTF-8 truncation', () => {
  it('cuts at a character boundary and ends with an ellipsis, within the byte budget', () => {
    const text = '会议通知'.repeat(2000);
    const cut = truncateUtf8(text, 4096);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(Buffer.byteLength(cut, 'utf8')).toBeGreaterThan(4090);
  });
  it('never splits a 4-byte character (emoji)', () => {
    const cut = truncateUtf8('a😀😀😀', 8);
    expect(cut).toBe('a😀…');
    expect(truncateUtf8('short', 4096)).toBe('short');
  });
});

describe('ALL-2 secrets stay out of what is shown and logged', () => {
  it('masks the webhook token (query or path) but keeps the host', () => {
    expect(maskWebhook('https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789')).toBe('https://oapi.dingtalk.com/robot/send?access_token=••••6789');
    expect(maskWebhook('https://open.feishu.cn/open-apis/bot/v2/hook/0f8e7d6c-5b4a-3210-abcd-ef0123456789')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/••••6789',
    );
  });
  it('scrubs the URL, its token and the secret from error text', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    const secrets = secretsOf(url, 'SECret-123456');
    expect(scrub(`failed ${url} key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa SECret-123456`, secrets)).toBe('failed *** key=*** ***');
  });
});

describe('ALL-2 a bot JSON error code is a failure', () => {
  it('DingTalk/WeCom errcode, Feishu code (or StatusCode)', () => {
    expect(botAnswer('dingtalk', 200, { errcode: 0, errmsg: 'ok' })).toEqual({ ok: true });
    expect(botAnswer('dingtalk', 200, { errcode: 310000, errmsg: 'sign not match' })).toEqual({ ok: false, error: 'dingtalk error 310000: sign not match' });
    expect(botAnswer('wecom', 200, { errcode: 45009, errmsg: 'api freq out of limit' }).ok).toBe(false);
    expect(botAnswer('feishu', 200, { code: 19021, msg: 'sign match fail' }).ok).toBe(false);
    expect(botAnswer('feishu', 200, { StatusCode: 0, StatusMessage: 'success' })).toEqual({ ok: true });
    expect(botAnswer('feishu', 502, { code: 0 })).toEqual({ ok: false, error: 'HTTP 502' });
    expect(botAnswer('wecom', 200, null).ok).toBe(false);
  });
});
