import { ZCalendarImport, type TCalendarImportDay } from '@opsdesk/contract';

export interface ParsedSchedule {
  year: number;
  days: TCalendarImportDay[];
  holidays: number;
  makeupDays: number;
  /** 春节: 2027-02-06 – 2027-02-12, makeup 2027-02-14 … in date order. */
  groups: { name: string; off: string[]; work: string[] }[];
}

export type ParseProblem =
  | { kind: 'json' }
  | { kind: 'shape' }
  | { kind: 'item'; index: number; field: string }
  | { kind: 'years'; years: number[] };

/**
 * A year's official schedule as a JSON file: either the bare list `[{date, name, isOffDay}]` or
 * holiday-cn's `{year, papers, days: [...]}`. Checked here first so mistakes show before upload.
 */
export function parseScheduleFile(text: string): { ok: ParsedSchedule } | { problem: ParseProblem } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { problem: { kind: 'json' } };
  }
  const input = Array.isArray(raw) ? { days: raw } : raw;
  if (typeof input !== 'object' || input === null || !('days' in input)) return { problem: { kind: 'shape' } };
  const { days: rawDays, year: rawYear } = input as { days: unknown; year?: unknown };
  const parsed = ZCalendarImport.safeParse({ days: rawDays, year: typeof rawYear === 'number' ? rawYear : undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [first, index, field] = issue?.path ?? [];
    if (first === 'days' && typeof index === 'number') return { problem: { kind: 'item', index, field: String(field ?? '') } };
    return { problem: { kind: 'shape' } };
  }
  const days = [...parsed.data.days].sort((a, b) => a.date.localeCompare(b.date));
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))];
  if (years.length !== 1 || (parsed.data.year !== undefined && parsed.data.year !== years[0])) {
    return { problem: { kind: 'years', years: parsed.data.year === undefined ? years : [...new Set([parsed.data.year, ...years])] } };
  }
  const groups = new Map<string, { name: string; off: string[]; work: string[] }>();
  for (const day of days) {
    const group = groups.get(day.name) ?? { name: day.name, off: [], work: [] };
    (day.isOffDay ? group.off : group.work).push(day.date);
    groups.set(day.name, group);
  }
  return {
    ok: {
      year: years[0] ?? 0,
      days,
      holidays: days.filter((d) => d.isOffDay).length,
      makeupDays: days.filter((d) => !d.isOffDay).length,
      groups: [...groups.values()],
    },
  };
}

/** 2027-02-06 – 02-12 for a run of consecutive dates, listed one by one otherwise. */
export function dateRanges(dates: readonly string[]): string[] {
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const dayAfter = (d: string) => {
    const next = new Date(`${d}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  };
  const flush = () => {
    if (start && prev) out.push(start === prev ? start : `${start} – ${prev.slice(5)}`);
  };
  for (const date of dates) {
    if (prev && dayAfter(prev) === date) {
      prev = date;
      continue;
    }
    flush();
    start = date;
    prev = date;
  }
  flush();
  return out;
}
