import type { TBotKind, TLocale } from '@opsdesk/contract';
import { truncateUtf8 } from './rules.ts';

/** An e-mail attachment, e.g. a meeting's .ics invitation (MTG-3). `content` is text unless base64. */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType?: string;
  encoding?: 'base64' | 'utf8';
}

export interface EmailPayload {
  kind: 'email';
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  test?: boolean;
}

/** A bot message as the platform wants it, before signing (the signature depends on send time). */
export interface BotPayload {
  kind: TBotKind;
  title: string;
  message: Record<string, unknown>;
  test?: boolean;
}

export type DeliveryPayload = EmailPayload | BotPayload;

export interface MessageInput {
  title: string;
  body: string;
  /** Absolute link to the item, when the public URL is known. */
  url: string | null;
  recipientName: string | null;
  locale: TLocale;
  mobile?: string | null;
  wecomUserId?: string | null;
  feishuOpenId?: string | null;
}

/** Bodies beyond this are cut: a group chat is no place for long text; the link opens the rest. */
const BODY_MAX_BYTES = 2000;
/** WeCom refuses markdown over 4096 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

const openLabel = (locale: TLocale) => (locale === 'en-US' ? 'Open in OpsDesk' : '查看详情');
const bodyOf = (m: MessageInput) => truncateUtf8(m.body.trim(), BODY_MAX_BYTES);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function emailPayload(m: MessageInput, to: string, attachments: MailAttachment[] = []): EmailPayload {
  const body = m.body.trim();
  const text = [body, m.url ? `${openLabel(m.locale)}: ${m.url}` : ''].filter(Boolean).join('\n\n');
  const html = [
    `<p><strong>${escapeHtml(m.title)}</strong></p>`,
    body ? `<p>${escapeHtml(body).replace(/\n/g, '<br>')}</p>` : '',
    m.url ? `<p><a href="${escapeHtml(m.url)}">${openLabel(m.locale)}</a></p>` : '',
  ].join('');
  return { kind: 'email', to, subject: m.title, text: text || m.title, html, ...(attachments.length ? { attachments } : {}) };
}

/** DingTalk markdown; the @ only works when the phone number also appears in the text. */
function dingtalk(m: MessageInput): Record<string, unknown> {
  const mention = m.mobile ? `@${m.mobile}` : m.recipientName ? `**${m.recipientName}**` : '';
  const text = [`#### ${m.title}`, bodyOf(m), m.url ? `[${openLabel(m.locale)}](${m.url})` : '', mention].filter(Boolean).join('\n\n');
  return { msgtype: 'markdown', markdown: { title: m.title, text }, at: { atMobiles: m.mobile ? [m.mobile] : [], isAtAll: false } };
}

/** WeCom markdown with `<@userid>`; cut to 4096 bytes inside the body, so the mention and link survive. */
function wecom(m: MessageInput): Record<string, unknown> {
  const mention = m.wecomUserId ? `<@${m.wecomUserId}> ` : m.recipientName ? `**${m.recipientName}** ` : '';
  const head = `${mention}**${m.title}**\n`;
  const tail = m.url ? `\n[${openLabel(m.locale)}](${m.url})` : '';
  const room = WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(head + tail, 'utf8');
  const content = room > 16 ? head + truncateUtf8(bodyOf(m), room) + tail : truncateUtf8(head + bodyOf(m) + tail, WECOM_MARKDOWN_MAX_BYTES);
  return { msgtype: 'markdown', markdown: { content } };
}

/** Feishu rich text (post); @ by open id when the person has one. */
function feishu(m: MessageInput): Record<string, unknown> {
  const first: Record<string, string>[] = [];
  if (m.feishuOpenId) first.push({ tag: 'at', user_id: m.feishuOpenId });
  else if (m.recipientName) first.push({ tag: 'text', text: `${m.recipientName}：` });
  const body = bodyOf(m);
  if (body) first.push({ tag: 'text', text: m.feishuOpenId ? ` ${body}` : body });
  const content: Record<string, string>[][] = first.length ? [first] : [];
  if (m.url) content.push([{ tag: 'a', text: openLabel(m.locale), href: m.url }]);
  const lang = m.locale === 'en-US' ? 'en_us' : 'zh_cn';
  return { msg_type: 'post', content: { post: { [lang]: { title: m.title, content } } } };
}

export function botPayload(kind: TBotKind, m: MessageInput): BotPayload {
  const message = kind === 'dingtalk' ? dingtalk(m) : kind === 'wecom' ? wecom(m) : feishu(m);
  return { kind, title: m.title, message };
}

/** Joins the public URL and an in-app path; no public URL → no link (a bare path means nothing in a chat). */
export function absoluteLink(publicUrl: string | undefined, link: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  if (!publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}
