/**
 * Cells every module's sheet has: dates as offices type them, and people named by name — the
 * 任务跟踪表's 负责人, the 会议通知表's 主持人 and 参会人员.
 */

/** A date as offices type it — 2023-10-08, 2023/10/8, 2023.10.8, 2023年10月8日 — as YYYY-MM-DD, or null. */
export function parseSheetDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const probe = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(probe.getTime()) && probe.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A person as written: `张三`, or `张三(E001)` with the employee number when the name is not unique. */
export function parsePersonCell(text: string): { name: string; employeeNo: string | null } {
  const m = /^(.+?)\s*[(（]\s*([^()（）]+?)\s*[)）]$/.exec(text.trim());
  return m ? { name: m[1]!, employeeNo: m[2]! } : { name: text.trim(), employeeNo: null };
}

/** How an export names a person: with the employee number only where the name is shared. */
export const personCellText = (name: string, employeeNo: string | null, nameIsShared: boolean) => (nameIsShared && employeeNo ? `${name}(${employeeNo})` : name);

export interface PersonCandidate {
  id: number;
  employeeNo: string | null;
}

/** Active people by name: a cell is looked up by name, then by employee number among namesakes. */
export function indexPeopleByName(rows: { id: number; name: string; employeeNo: string | null }[]): Map<string, PersonCandidate[]> {
  const byName = new Map<string, PersonCandidate[]>();
  for (const p of rows) byName.set(p.name, [...(byName.get(p.name) ?? []), { id: p.id, employeeNo: p.employeeNo }]);
  return byName;
}

/** A name must name exactly one active person; namesakes need the employee number. */
export function resolvePerson(text: string, index: Map<string, PersonCandidate[]>): { id: number } | { error: 'noPerson' | 'ambiguousPerson' } {
  const { name, employeeNo } = parsePersonCell(text);
  const named = index.get(name) ?? index.get(text.trim()) ?? [];
  const matching = employeeNo === null ? named : named.filter((p) => p.employeeNo?.toLowerCase() === employeeNo.toLowerCase());
  if (matching.length === 1) return { id: matching[0]!.id };
  if (matching.length > 1) return { error: 'ambiguousPerson' };
  return { error: 'noPerson' };
}
