import { z } from 'zod';
import { type TLocale, type TTaskStatus, type TTaskWorkflowStatus, ZCreateTaskInput } from '@opsdesk/contract';
import { parseSheetDate } from '../../platform/import/cells.ts';
import { sheetTexts } from '../../platform/import/messages.ts';
import { parseTaskNumber } from '../../platform/numbering/rules.ts';

/**
 * The 任务跟踪表 (SPEC §1 template) as a sheet: export and import share these headers, written
 * exactly as the manual's table has them. Full-width brackets and the short names are accepted too.
 */
export const TASK_SHEET = [
  { header: '任务编号', field: 'number' },
  { header: '任务名称', field: 'name', required: true },
  { header: '负责人', field: 'owner', required: true },
  { header: '开始时间', field: 'startDate', required: true, aliases: ['开始日期'] },
  { header: '截止时间', field: 'dueDate', required: true, aliases: ['截止日期'] },
  { header: '当前进度(%/阶段)', field: 'progress', aliases: ['当前进度（%/阶段）', '当前进度', '进度'] },
  { header: '完成状态(未开始/进行中/已完成/延期)', field: 'status', aliases: ['完成状态（未开始/进行中/已完成/延期）', '完成状态', '状态'] },
  { header: '交付成果', field: 'deliverable', required: true },
  { header: '验收意见', field: 'acceptanceOpinion' },
  { header: '备注', field: 'remarks' },
] as const;

/**
 * TSK-3 needs a quality standard, which the template has no column for. An imported task gets
 * this text, which says where it came from so that the owner or head replaces it; the 备注 column
 * stays the task's remarks (it holds notes such as 需财务部配合数据, not a standard).
 */
export const IMPORTED_QUALITY_STANDARD = '按交付成果验收（任务跟踪表导入，表中无质量标准列，请补充）';

/** TSK-4 status words as the sheet writes them. */
export const STATUS_WORDS: Record<TTaskStatus, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  awaiting_acceptance: '待验收',
  done: '已完成',
  overdue: '延期',
};
const STATUS_BY_WORD = new Map<string, TTaskStatus>([
  ...Object.entries(STATUS_WORDS).map(([status, word]) => [word, status as TTaskStatus] as const),
  ...Object.keys(STATUS_WORDS).map((status) => [status, status as TTaskStatus] as const),
  ['完成', 'done'],
  ['已延期', 'overdue'],
]);

export const parseStatusWord = (text: string): TTaskStatus | null => STATUS_BY_WORD.get(text.trim().toLowerCase()) ?? null;

/**
 * The stored workflow status of an imported row (TSK-4: 延期 is never stored, it is derived again
 * from the due date). 延期 was a task under way, or not yet started when no progress is shown.
 * 待验收 is imported as 进行中: acceptance is an approval round (TSK-9) that the owner starts by
 * submitting the deliverable in the system, so there is no round to wait on yet. A blank status
 * follows the progress.
 */
export function importedStatus(status: TTaskStatus | null, progress: number): TTaskWorkflowStatus {
  if (status === 'done') return 'done';
  if (status === 'not_started') return 'not_started';
  if (status === 'in_progress' || status === 'awaiting_acceptance') return 'in_progress';
  return progress > 0 ? 'in_progress' : 'not_started';
}

/** `70%(已完成数据清洗)` — the template's progress cell; `70%` alone when there is no stage. */
export const progressText = (progress: number, stage: string | null) => (stage ? `${progress}%(${stage})` : `${progress}%`);

/**
 * Reads a progress cell: `70%(已完成数据清洗)`, full-width `７０％（…）`, `70%/数据收集中`, `70% 数据收集中`,
 * `70`, or Excel's 0.7 from a percent-formatted cell. Whole percentages 0–100 only.
 */
export function parseProgress(text: string): { progress: number; stage: string | null } | null {
  const m = /^(\d{1,3}(?:\.\d+)?)\s*(%?)\s*(?:\((.*)\)|[/、,;\s]\s*(.*))?$/s.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  let value = Number(m[1]);
  // A percent-formatted Excel cell arrives as its fraction (0.7).
  if (!m[2] && m[1]!.includes('.') && value > 0 && value < 1) value = Math.round(value * 100);
  if (!Number.isInteger(value) || value > 100) return null;
  const stage = (m[3] ?? m[4] ?? '').trim();
  return { progress: value, stage: stage || null };
}

const TEXTS = {
  badNumber: { 'zh-CN': '任务编号应为 T + 年月 + 序号，如 T20231001', 'en-US': 'must be T + yyyymm + sequence, e.g. T20231001' },
  badDate: { 'zh-CN': '日期格式应为 YYYY-MM-DD', 'en-US': 'must be a date as YYYY-MM-DD' },
  dueBeforeStart: { 'zh-CN': '不能早于开始时间', 'en-US': 'must not be before the start date' },
  badProgress: { 'zh-CN': '应为 0–100 的百分比，可带阶段，如 70%(已完成数据清洗)', 'en-US': 'must be a percentage 0–100, optionally with a stage, e.g. 70%(data cleaned)' },
  badStatus: { 'zh-CN': '只能填写 未开始、进行中、待验收、已完成 或 延期', 'en-US': 'must be 未开始, 进行中, 待验收, 已完成 or 延期' },
  exists: { 'zh-CN': '“{value}”已存在', 'en-US': '"{value}" already exists' },
  noPerson: { 'zh-CN': '没有名为“{value}”的在职人员', 'en-US': 'No active person named "{value}"' },
  ambiguousPerson: {
    'zh-CN': '有多位名为“{value}”的人员，请写成 姓名(工号)，如 张三(E001)',
    'en-US': 'Several people are named "{value}"; write name(employee no.), e.g. 张三(E001)',
  },
} satisfies Record<string, Record<TLocale, string>>;

const { text: taskIoText, both } = sheetTexts(TEXTS);
export { taskIoText };

const sheetDate = z.string().transform((text, ctx) => {
  const date = parseSheetDate(text);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: 'bad date', params: both('badDate') });
  return z.NEVER;
});

/**
 * One sheet row (field → cell text, blanks absent) → a task, with the form's limits (ZCreateTaskInput).
 * A blank 任务编号 is assigned by the numbering service at commit; a blank progress is 0 %
 * (100 % when the status says 已完成).
 */
export const ZTaskSheetRow = z
  .object({
    number: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text) return null;
        const number = text.trim().toUpperCase();
        if (parseTaskNumber(number)) return number;
        ctx.addIssue({ code: 'custom', message: 'bad number', params: both('badNumber') });
        return z.NEVER;
      }),
    name: ZCreateTaskInput.shape.name,
    owner: z.string().trim().min(1).max(80),
    startDate: sheetDate,
    dueDate: sheetDate,
    progress: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text) return null;
        const parsed = parseProgress(text);
        if (parsed && (parsed.stage?.length ?? 0) <= 100) return parsed;
        ctx.addIssue({ code: 'custom', message: 'bad progress', params: both('badProgress') });
        return z.NEVER;
      }),
    status: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text) return null;
        const status = parseStatusWord(text);
        if (status) return status;
        ctx.addIssue({ code: 'custom', message: 'bad status', params: both('badStatus') });
        return z.NEVER;
      }),
    deliverable: ZCreateTaskInput.shape.deliverable,
    // The 验收意见 and 备注 cells are kept as written (the seed's "-" and 待验收 included).
    acceptanceOpinion: z.string().trim().max(2000).optional(),
    remarks: z.string().trim().max(1000).optional(),
  })
  .superRefine((row, ctx) => {
    if (row.dueDate < row.startDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'due before start', params: both('dueBeforeStart') });
  })
  .transform((row) => {
    const progress = row.progress?.progress ?? (row.status === 'done' ? 100 : 0);
    return {
      number: row.number,
      name: row.name,
      owner: row.owner,
      startDate: row.startDate,
      dueDate: row.dueDate,
      progress,
      stage: row.progress?.stage ?? null,
      status: importedStatus(row.status, progress),
      deliverable: row.deliverable,
      acceptanceOpinion: row.acceptanceOpinion || null,
      remarks: row.remarks || null,
    };
  });
export type TTaskSheetRow = z.output<typeof ZTaskSheetRow>;
