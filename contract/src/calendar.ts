import { z } from 'zod';

/**
 * ALL-6 working-day calendar: official schedule (法定节假日 + 调休) per year, Monday–Friday as a
 * provisional (暂定) fallback for years without one, and company overrides.
 */
export const CALENDAR_SOURCES = ['official', 'fallback'] as const;
export const ZCalendarSource = z.enum(CALENDAR_SOURCES);
export type TCalendarSource = z.infer<typeof ZCalendarSource>;

/** workday 工作日 · weekend 周末 · holiday 法定节假日 · makeup 调休上班 · company-holiday 公司休息日 · company-workday 公司上班日 */
export const CALENDAR_DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup', 'company-holiday', 'company-workday'] as const;
export const ZCalendarDayKind = z.enum(CALENDAR_DAY_KINDS);
export type TCalendarDayKind = z.infer<typeof ZCalendarDayKind>;

const date = z.iso.date();

export const ZCalendarDay = z.object({
  date,
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6),
  /** False for the leading/trailing days of the 6-week grid that belong to the neighbouring months. */
  inMonth: z.boolean(),
  working: z.boolean(),
  kind: ZCalendarDayKind,
  /** Company name if overridden, else the holiday / make-up name (春节, 国庆节 …). */
  name: z.string().nullable(),
  /** The year has no official schedule: Monday–Friday assumed (暂定). */
  provisional: z.boolean(),
  officialWorking: z.boolean(),
  officialName: z.string().nullable(),
  override: z.object({ working: z.boolean(), name: z.string().nullable() }).nullable(),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendarMonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export type TCalendarMonthQuery = z.infer<typeof ZCalendarMonthQuery>;

/** One request per month view: 42 days (6 weeks) from the Monday on or before the 1st. */
export const ZCalendarMonth = z.object({
  month: z.string(),
  days: z.array(ZCalendarDay),
  /** Working days within the month itself. */
  workingDays: z.number().int(),
  /** Some day of the month comes from a fallback year. */
  provisional: z.boolean(),
});
export type TCalendarMonth = z.infer<typeof ZCalendarMonth>;

export const ZCalendarYear = z.object({
  year: z.number().int(),
  source: ZCalendarSource,
  /** When the official schedule was imported (or bundled at first start); null for fallback years. */
  importedAt: z.string().nullable(),
  importedByName: z.string().nullable(),
});
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

export const ZCalendarYears = z.object({
  years: z.array(ZCalendarYear),
  /** ALL-6: from 1 November, when next year (or this year) has no official schedule yet. */
  warning: z.object({ year: z.number().int(), message: z.string() }).nullable(),
});
export type TCalendarYears = z.infer<typeof ZCalendarYears>;

export const ZCalendarDateParams = z.object({ date });

export const ZCalendarOverrideInput = z.object({
  /** true = extra workday (公司上班日), false = extra holiday (公司休息日). */
  working: z.boolean(),
  name: z
    .string()
    .trim()
    .max(50)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type TCalendarOverrideInput = z.input<typeof ZCalendarOverrideInput>;

/** One listed day of an official schedule (the holiday-cn JSON format): holiday or make-up workday. */
export const ZCalendarImportDay = z.object({ date, name: z.string().trim().min(1).max(50), isOffDay: z.boolean() });
export type TCalendarImportDay = z.infer<typeof ZCalendarImportDay>;

/** A year's official schedule; days not listed follow Monday–Friday. Unknown keys (papers …) are ignored. */
export const ZCalendarImport = z.object({
  year: z.number().int().min(2000).max(2100).optional(),
  days: z.array(ZCalendarImportDay).min(1).max(366),
});
export type TCalendarImport = z.input<typeof ZCalendarImport>;

export const ZCalendarImportResult = z.object({
  year: z.number().int(),
  source: z.literal('official'),
  holidays: z.number().int(),
  makeupDays: z.number().int(),
  /** Provisional deadlines computed again on the new schedule. */
  recomputedDeadlines: z.number().int(),
});
export type TCalendarImportResult = z.infer<typeof ZCalendarImportResult>;
