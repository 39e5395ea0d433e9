/** TSK-1: `T` + yyyymm + a sequence of at least two digits (T20231001; widens to T202310100 past 99). */
export function formatTaskNumber(yyyymm: string, seq: number): string {
  return `T${yyyymm}${String(seq).padStart(2, '0')}`;
}

export function parseTaskNumber(number: string): { yyyymm: string; seq: number } | null {
  const m = /^T(\d{4}(?:0[1-9]|1[0-2]))(\d{2,})$/.exec(number.trim());
  return m ? { yyyymm: m[1]!, seq: Number(m[2]) } : null;
}

export const taskSequenceKey = (yyyymm: string) => `task:${yyyymm}`;

/** DOC-2: `分类编码-日期-文档名称-版本号`, e.g. ZD-HR-20231001-员工考勤制度-V1. */
export function formatDocumentCode(input: { categoryCode: string; date: string; title: string; version: number }): string {
  return `${input.categoryCode}-${input.date.replaceAll('-', '')}-${input.title.trim()}-V${input.version}`;
}

const DOCUMENT_CODE = /^([A-Z]{2,}(?:-[A-Z0-9]{2,})?)-(\d{4})(\d{2})(\d{2})-(.+)-V(\d+)$/;

/** DOC-6: does a document name follow the rule? Returns its parts, or null when it breaks it. */
export function parseDocumentCode(code: string): { categoryCode: string; date: string; title: string; version: number } | null {
  const m = DOCUMENT_CODE.exec(code.trim());
  if (!m) return null;
  const [, categoryCode, y, mo, d, title, version] = m as unknown as [string, string, string, string, string, string, string];
  const date = `${y}-${mo}-${d}`;
  const probe = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) return null;
  return { categoryCode, date, title, version: Number(version) };
}
