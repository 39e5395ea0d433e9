import { z } from 'zod';
import { type TLocale, ZAgendaItemInput, ZMaterialInput, ZMeetingInput } from '@opsdesk/contract';
import { parseSheetDate } from '../../platform/import/cells.ts';
import { sheetTexts } from '../../platform/import/messages.ts';
import { NOTICE_LABELS } from './export.service.ts';

/**
 * The 会议通知表 (SPEC §3 template) as a sheet of meetings: the list export writes it and the import
 * reads it back. The template has no column for MTG-1's goal, which a meeting cannot be without,
 * so 会议目标 follows the template's nine columns (the export writes it there too).
 */
export const MEETING_SHEET = [
  { header: NOTICE_LABELS[0], field: 'topic', required: true, aliases: ['主题'] },
  { header: NOTICE_LABELS[1], field: 'time', required: true, aliases: ['会议时间'] },
  { header: NOTICE_LABELS[2], field: 'place', required: true, aliases: ['地点', '会议地点'] },
  { header: NOTICE_LABELS[3], field: 'participants', required: true },
  { header: NOTICE_LABELS[4], field: 'host', required: true },
  { header: NOTICE_LABELS[5], field: 'minuteTaker', required: true },
  { header: NOTICE_LABELS[6], field: 'agenda', required: true },
  { header: NOTICE_LABELS[7], field: 'materials' },
  { header: NOTICE_LABELS[8], field: 'contact', required: true, aliases: ['联系人'] },
  { header: '会议目标', field: 'goal', required: true, aliases: ['会议目的'] },
] as const;

/** `2026-12-03 14:00-15:30` (the export's form); also 2026/12/3, 2026年12月3日, full-width colons, ～ 至 到. */
export function parseMeetingTime(text: string): { date: string; startMinutes: number; endMinutes: number } | null {
  const m = /^(.+?)\s+(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const date = parseSheetDate(m[1]!);
  const [h1, m1, h2, m2] = [m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number];
  if (!date || h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59) return null;
  return { date, startMinutes: h1 * 60 + m1, endMinutes: h2 * 60 + m2 };
}

/** A list of people as offices write it: 张三、李四，王五 (any of 、,，;； or spaces between). */
export const splitNames = (text: string): string[] => [...new Set(text.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean))];

/** A 会议议程 line as the export writes it: `1. 标题（30分钟）：目标`; the number and the goal are optional. */
export function parseAgendaLine(line: string): { title: string; durationMinutes: number; goal: string | null } | null {
  const m = /^(?:\d+\s*[.、．)）]\s*)?(.+?)\s*[（(]\s*(\d+)\s*(?:分钟|min)?\s*[)）]\s*(?:[：:]\s*(.*))?$/.exec(line.trim());
  if (!m) return null;
  return { title: m[1]!.trim(), durationMinutes: Number(m[2]), goal: m[3]?.trim() || null };
}

/** A 需准备材料 line: `标题（负责人）`. */
export function parseMaterialLine(line: string): { title: string; owner: string } | null {
  const m = /^(.+?)\s*[（(]\s*([^()（）]+(?:[（(][^()（）]+[)）])?)\s*[)）]$/.exec(line.trim());
  return m ? { title: m[1]!.trim(), owner: m[2]!.trim() } : null;
}

/** 联系人及联系方式: `王芳/8001`, `王芳 13800000000`, or the name alone. */
export function parseContact(text: string): { name: string; phone: string | null } {
  const m = /^(\S+?)\s*(?:[/／]|\s)\s*(.+)$/.exec(text.trim());
  return m ? { name: m[1]!, phone: m[2]!.trim() } : { name: text.trim(), phone: null };
}

const TEXTS = {
  badTime: { 'zh-CN': '时间格式应为 日期 开始-结束，如 2026-12-03 14:00-15:30', 'en-US': 'must be date start-end, e.g. 2026-12-03 14:00-15:30' },
  endBeforeStart: { 'zh-CN': '结束时间应晚于开始时间', 'en-US': 'the end must be after the start' },
  badAgenda: { 'zh-CN': '每行一项，写成 标题（分钟数）：目标，如 1. 进度汇报（30分钟）', 'en-US': 'one item per line, as title (minutes): goal, e.g. 1. 进度汇报（30分钟）' },
  badMaterial: { 'zh-CN': '每行一项，写成 材料（负责人），如 季度报表（王芳）', 'en-US': 'one item per line, as material (owner), e.g. 季度报表（王芳）' },
  agendaOverLimit: {
    'zh-CN': '议程超过 5 项或 2 小时须说明原因（MTG-4），表中无此列，请在系统中新建此会议',
    'en-US': 'over 5 items or 2 hours needs a reason (MTG-4), which the sheet has no column for; create this meeting in the app',
  },
  ended: { 'zh-CN': '会议时间已过，只能导入尚未开始的会议', 'en-US': 'this time has passed; only meetings still to come can be imported' },
  noPerson: { 'zh-CN': '没有名为“{value}”的在职人员', 'en-US': 'No active person named "{value}"' },
  ambiguousPerson: {
    'zh-CN': '有多位名为“{value}”的人员，请写成 姓名(工号)，如 张三(E001)',
    'en-US': 'Several people are named "{value}"; write name(employee no.), e.g. 张三(E001)',
  },
  noPlace: { 'zh-CN': '没有名为“{value}”的会议室；线上会议请写会议号或 https 链接', 'en-US': 'No room named "{value}"; for an online meeting write its number or an https link' },
  roomTaken: { 'zh-CN': '{room} 此时段已被“{title}”预订', 'en-US': '{room} is booked by "{title}" at this time' },
  longPhone: { 'zh-CN': '联系方式不能超过 64 个字符', 'en-US': 'the contact details must be at most 64 characters' },
  invalid: { 'zh-CN': '此项不符合会议规则：{value}', 'en-US': 'not allowed for a meeting: {value}' },
} satisfies Record<string, Record<TLocale, string>>;

export type MeetingIoText = keyof typeof TEXTS;

const { text: meetingIoText, both } = sheetTexts(TEXTS);
export { meetingIoText };
const issue = (ctx: z.RefinementCtx, key: MeetingIoText) => ctx.addIssue({ code: 'custom', message: key, params: both(key) });

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * One sheet row (field → cell text, blanks absent) → a meeting with people still named, with the
 * form's limits (ZMeetingInput). Each agenda item keeps to ZAgendaItemInput; MTG-4's limits (5
 * items, 2 hours) need a reason the sheet cannot carry, so such a row is refused here.
 */
export const ZMeetingSheetRow = z
  .object({
    topic: ZMeetingInput.shape.topic,
    goal: ZMeetingInput.shape.goal,
    time: z.string().transform((text, ctx) => {
      const time = parseMeetingTime(text);
      if (!time) issue(ctx, 'badTime');
      else if (time.endMinutes <= time.startMinutes) issue(ctx, 'endBeforeStart');
      else return time;
      return z.NEVER;
    }),
    place: z.string().trim().min(1).max(700),
    participants: z.string().transform((text) => splitNames(text)),
    host: z.string().trim().min(1).max(80),
    minuteTaker: z.string().trim().min(1).max(80),
    agenda: z.string().transform((text, ctx) => {
      const items = lines(text).map(parseAgendaLine);
      if (!items.length || items.some((a) => a === null || !ZAgendaItemInput.safeParse({ ...a, presenterId: null, carriedOverFromId: null }).success)) issue(ctx, 'badAgenda');
      else if (items.length > 5 || items.reduce((sum, a) => sum + a!.durationMinutes, 0) > 120) issue(ctx, 'agendaOverLimit');
      else return items as NonNullable<(typeof items)[number]>[];
      return z.NEVER;
    }),
    materials: z
      .string()
      .optional()
      .transform((text, ctx) => {
        const items = lines(text ?? '').map(parseMaterialLine);
        if (items.some((m) => m === null || !ZMaterialInput.shape.title.safeParse(m.title).success)) issue(ctx, 'badMaterial');
        else return items as NonNullable<(typeof items)[number]>[];
        return z.NEVER;
      }),
    contact: z.string().transform((text, ctx) => {
      const contact = parseContact(text);
      if ((contact.phone?.length ?? 0) <= 64) return contact;
      issue(ctx, 'longPhone');
      return z.NEVER;
    }),
  });
export type TMeetingSheetRow = z.output<typeof ZMeetingSheetRow>;
