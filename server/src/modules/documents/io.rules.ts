import { z } from 'zod';
import { ARCHIVE_STATUS_LABELS, DOCUMENT_REGISTER_HEADERS, PAPER_LOCATION_PATTERN, SECRECY_LABELS, type TArchiveStatus, type TLocale, type TSecrecy } from '@opsdesk/contract';
import { isValidDate } from '../../platform/calendar/dates.ts';
import { sheetTexts } from '../../platform/import/messages.ts';
import { type LoanRecord, parseLoanRecords } from './rules.ts';

const [NUMBER, NAME, CATEGORY, VERSION, SECRECY, CREATOR, CREATED_ON, LOCATION, LOANS, STATUS] = DOCUMENT_REGISTER_HEADERS;
// The template's headers with fullwidth brackets, and the short forms people type.
const variants = (header: string, short: string) => [short, header.replace('(', '（').replace(')', '）')];

/** 文档归档登记表 (SPEC template): export, import and print share these columns. */
export const DOCUMENT_SHEET = [
  { header: NUMBER, field: 'number', aliases: ['编号'] },
  { header: NAME, field: 'name', required: true, aliases: ['名称'] },
  { header: CATEGORY, field: 'category', required: true, aliases: variants(CATEGORY, '分类') },
  { header: VERSION, field: 'version', aliases: ['版本'] },
  { header: SECRECY, field: 'secrecy', aliases: variants(SECRECY, '密级') },
  { header: CREATOR, field: 'creator', required: true },
  { header: CREATED_ON, field: 'createdOn', required: true },
  { header: LOCATION, field: 'location', aliases: variants(LOCATION, '存储位置') },
  { header: LOANS, field: 'loans', aliases: variants(LOANS, '借阅记录') },
  { header: STATUS, field: 'archiveStatus', aliases: variants(STATUS, '归档状态') },
] as const;

/** DOC-3: "//服务器/" before the archive path, as the register writes an electronic location. */
export const SERVER_PREFIX = '//服务器/';

const TEXTS = {
  badVersion: { 'zh-CN': '版本号应写作 V1、V2 …', 'en-US': 'write the version as V1, V2 …' },
  badSecrecy: { 'zh-CN': '只能填写“内部”或“秘密”', 'en-US': 'must be 内部 (internal) or 秘密 (secret)' },
  badStatus: { 'zh-CN': '只能填写“已归档”或“待归档”', 'en-US': 'must be 已归档 (archived) or 待归档 (pending)' },
  badDate: { 'zh-CN': '日期格式应为 YYYY-MM-DD', 'en-US': 'must be a date as YYYY-MM-DD' },
  badLoans: {
    'zh-CN': '应写作“借阅人(借出日期/归还日期)”，多条用“；”分隔，例如 张三(2023-09-25/2023-09-28)',
    'en-US': 'write "borrower(lent/returned)", several separated by "；", e.g. 张三(2023-09-25/2023-09-28)',
  },
  openLoan: {
    'zh-CN': '“{value}”尚未归还：未归还的借阅请在系统中登记，导入只接受已归还的记录',
    'en-US': '"{value}" is not returned: register open loans in the system; an import takes returned ones only',
  },
  badLocation: { 'zh-CN': '档案柜编号应写作 档案柜-03-05', 'en-US': 'write a cabinet location as 档案柜-03-05' },
  exists: { 'zh-CN': '“{value}”已存在', 'en-US': '"{value}" already exists' },
  noCategory: { 'zh-CN': '没有“{value}”这个分类（可填 一级/二级 名称或分类编码）', 'en-US': 'No category "{value}" (use level-1/level-2 names or a code)' },
  ambiguousCategory: { 'zh-CN': '“{value}”对应多个分类，请填写分类编码', 'en-US': '"{value}" matches several categories; use the code' },
  noPerson: { 'zh-CN': '没有名为“{value}”的人员', 'en-US': 'No person named "{value}"' },
  ambiguousPerson: { 'zh-CN': '有多位名为“{value}”的人员，请先在系统中区分', 'en-US': 'Several people are named "{value}"' },
} satisfies Record<string, Record<TLocale, string>>;

export type IoText = keyof typeof TEXTS;
const { text: ioText, both } = sheetTexts(TEXTS);
export { ioText };

const byLabel = <T extends string>(labels: Record<T, Record<TLocale, string>>) =>
  new Map(Object.entries<Record<TLocale, string>>(labels).flatMap(([k, l]) => [[l['zh-CN'], k as T] as const, [l['en-US'].toLowerCase(), k as T] as const, [k, k as T] as const]));
const SECRECY_BY_WORD = byLabel<TSecrecy>(SECRECY_LABELS);
const STATUS_BY_WORD = byLabel<TArchiveStatus>(ARCHIVE_STATUS_LABELS);

export interface Locations {
  serverPath: string | null;
  paperLocation: string | null;
}

/** 存储位置: a server path and/or a cabinet location (档案柜-03-05), several joined with "；". */
export function parseLocations(text: string | undefined): Locations | null {
  const out: Locations = { serverPath: null, paperLocation: null };
  for (const part of (text ?? '').split(/[；;\n]/).map((p) => p.trim()).filter((p) => p && p !== '-')) {
    if (part.startsWith('档案柜')) {
      if (!PAPER_LOCATION_PATTERN.test(part) || out.paperLocation) return null;
      out.paperLocation = part;
    } else {
      if (out.serverPath) return null;
      out.serverPath = part;
    }
  }
  return out;
}

export const formatLocations = (input: { serverPath: string | null; paperLocation: string | null }) =>
  [input.serverPath, input.paperLocation].filter(Boolean).join('；') || '-';

const enumCell = <T>(words: Map<string, T>, text: IoText, fallback: T) =>
  z
    .string()
    .optional()
    .transform((value, ctx): T => {
      if (!value?.trim()) return fallback;
      const found = words.get(value.trim()) ?? words.get(value.trim().toLowerCase());
      if (found !== undefined) return found;
      ctx.addIssue({ code: 'custom', message: text, params: both(text) });
      return z.NEVER;
    });

/** One row of 文档归档登记表 (field → cell text). Numbers and dates are kept as given (SPEC import rule). */
export const ZDocumentSheetRow = z.object({
  number: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => (v && v !== '-' ? v : null)),
  name: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(100),
  version: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return 1;
      const m = /^[Vv]?(\d{1,3})$/.exec(v.trim());
      if (m && Number(m[1]) >= 1) return Number(m[1]);
      ctx.addIssue({ code: 'custom', message: 'badVersion', params: both('badVersion') });
      return z.NEVER;
    }),
  secrecy: enumCell(SECRECY_BY_WORD, 'badSecrecy', 'internal' as TSecrecy),
  creator: z.string().trim().min(1).max(64),
  createdOn: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const day = v.replace(/[/.]/g, '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-').replace(/-(\d)$/, '-0$1');
      if (isValidDate(day)) return day;
      ctx.addIssue({ code: 'custom', message: 'badDate', params: both('badDate') });
      return z.NEVER;
    }),
  location: z
    .string()
    .optional()
    .transform((v, ctx): Locations => {
      const parsed = parseLocations(v);
      if (parsed) return parsed;
      ctx.addIssue({ code: 'custom', message: 'badLocation', params: both('badLocation') });
      return z.NEVER;
    }),
  loans: z
    .string()
    .optional()
    .transform((v, ctx): LoanRecord[] => {
      const parsed = parseLoanRecords(v);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: 'badLoans', params: both('badLoans') });
        return z.NEVER;
      }
      const open = parsed.find((r) => r.returnedOn === null);
      if (open) {
        ctx.addIssue({ code: 'custom', message: 'openLoan', params: both('openLoan', { value: open.borrower }) });
        return z.NEVER;
      }
      return parsed;
    }),
  archiveStatus: enumCell(STATUS_BY_WORD, 'badStatus', 'pending' as TArchiveStatus),
});
export type TDocumentSheetRow = z.output<typeof ZDocumentSheetRow>;

export interface CategoryRef {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  defaultImportant: boolean;
}

/**
 * 分类(一级/二级) as people write it: `制度类/人力资源`, a code (`ZD-HR`), or a shortened level-2
 * name that names one category (`合同类/销售` for 销售合同, as in the SPEC's example).
 */
export function resolveCategory(text: string, categories: CategoryRef[]): { category: CategoryRef } | { error: 'noCategory' | 'ambiguousCategory' } {
  const byCode = (code: string) => categories.find((c) => c.code.toLowerCase() === code.toLowerCase());
  const coded = byCode(text.trim());
  if (coded) return { category: coded };
  const [l1, l2] = text.split(/[/／]/).map((s) => s.trim());
  const root = categories.find((c) => c.parentId === null && (c.name === l1 || c.code.toLowerCase() === l1?.toLowerCase()));
  if (!root) return { error: 'noCategory' };
  if (!l2) return { category: root };
  const children = categories.filter((c) => c.parentId === root.id);
  const exact = children.find((c) => c.name === l2 || c.code.toLowerCase() === l2.toLowerCase() || c.code.toLowerCase() === `${root.code}-${l2}`.toLowerCase());
  if (exact) return { category: exact };
  const near = children.filter((c) => c.name.startsWith(l2) || l2.startsWith(c.name));
  if (near.length === 1) return { category: near[0]! };
  return { error: near.length ? 'ambiguousCategory' : 'noCategory' };
}
