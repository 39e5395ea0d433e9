import type { TLocale } from '@opsdesk/contract';
import { wallClock } from '../calendar/zone.ts';
import type { ReminderStage } from './reminder-rules.ts';

/** "2026-12-01 18:00" in company time (UX: YYYY-MM-DD, 24-hour clock). */
export function companyTime(at: Date, timeZone: string): string {
  const { date, ms } = wallClock(at, timeZone);
  const minutes = Math.floor(ms / 60_000);
  return `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const TITLES: Record<ReminderStage, Record<TLocale, string>> = {
  before: { 'zh-CN': '即将到期：{subject}', 'en-US': 'Due soon: {subject}' },
  dueDay: { 'zh-CN': '今日到期：{subject}', 'en-US': 'Due today: {subject}' },
  due: { 'zh-CN': '已到期：{subject}', 'en-US': 'Now due: {subject}' },
  after: { 'zh-CN': '已逾期：{subject}', 'en-US': 'Overdue: {subject}' },
};

export interface ReminderMessageInput {
  stage: ReminderStage;
  subject: string;
  dueAt: Date;
  /** 暂定: computed on a year without an official schedule. */
  provisional: boolean;
  /** Set when the recipient is not the owner (an escalation to a head): whose item it is. */
  ownerName: string | null;
  locale: TLocale;
  timeZone: string;
}

/** ALL-2: a reminder's notification text, in the recipient's language. */
export function reminderMessage(input: ReminderMessageInput): { title: string; body: string } {
  const zh = input.locale === 'zh-CN';
  const title = TITLES[input.stage][input.locale].replace('{subject}', input.subject);
  const due = companyTime(input.dueAt, input.timeZone) + (input.provisional ? (zh ? '（暂定）' : ' (provisional)') : '');
  const parts = [zh ? `截止时间：${due}` : `Due: ${due}`];
  if (input.ownerName) parts.push(zh ? `负责人：${input.ownerName}` : `Owner: ${input.ownerName}`);
  return { title, body: parts.join(zh ? '；' : '; ') };
}
