import { eq, sql } from 'drizzle-orm';
import type { TLocale } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { rowsOf } from '../../platform/access/scope.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { dateInZone } from '../../platform/calendar/zone.ts';
import type { Actor } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ImportKind, RowProblem, StagedRow } from '../../platform/import/kinds.ts';
import { importRows } from '../../platform/import/schema.ts';
import { parseTaskNumber } from '../../platform/numbering/rules.ts';
import { nextTaskNumber, registerImportedTaskNumber } from '../../platform/numbering/sequence.ts';
import { people } from '../org/schema.ts';
import { declareDueForNew } from './deadlines.ts';
import { type PersonCandidate, indexPeopleByName, resolvePerson } from '../../platform/import/cells.ts';
import { IMPORTED_QUALITY_STANDARD, TASK_SHEET, type TTaskSheetRow, ZTaskSheetRow, taskIoText } from './io.rules.ts';
import { TASK_SHEET_TITLE } from './io.service.ts';
import { taskProgress, tasks } from './schema.ts';
import { taskTimeZone } from './settings.ts';
import { tokensOf } from './store.ts';

type Ready = Omit<TTaskSheetRow, 'owner'> & { ownerId: number; departmentId: number | null };

interface Owners {
  byName: Map<string, PersonCandidate[]>;
  departmentOf: Map<number, number | null>;
}

/**
 * Who may import the 任务跟踪表: those who assign work across people — department heads, division
 * leaders and the general manager (ALL-7). Not the system administrator (三员分立: accounts, not work).
 */
export const canImportTasks = (actor: Actor) => actor.roles.some((r) => r === 'general_manager' || r === 'division_leader' || r === 'department_head');

/** Task numbers of a batch that are already taken: one query, one jsonb parameter. */
async function takenNumbers(db: Db | Tx, numbers: string[]): Promise<Set<string>> {
  if (!numbers.length) return new Set();
  const result = await db.execute(
    sql`SELECT ${tasks.number} AS n FROM ${tasks} WHERE ${tasks.number} IN (SELECT jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`,
  );
  return new Set(rowsOf<{ n: string }>(result).map((r) => r.n));
}

/**
 * Numbers for rows that had none (TSK-1: from the numbering service). A number that a row of a
 * staged import still to be written carries (a later batch of this very file) is skipped, so the
 * two never collide; skipping leaves a gap in the sequence, which numbers allow.
 */
async function assignNumbers(tx: Tx, count: number, now: Date): Promise<string[]> {
  const out: string[] = [];
  while (out.length < count) {
    const fresh: string[] = [];
    for (let i = out.length; i < count; i++) fresh.push(await nextTaskNumber(tx, now, taskTimeZone()));
    const staged = rowsOf<{ n: string }>(
      await tx.execute(
        sql`SELECT DISTINCT ${importRows.data} ->> 'number' AS n FROM ${importRows}
            WHERE ${importRows.data} ->> 'number' IN (SELECT jsonb_array_elements_text(${JSON.stringify(fresh)}::jsonb))`,
      ),
    );
    const reserved = new Set(staged.map((r) => r.n));
    out.push(...fresh.filter((n) => !reserved.has(n)));
  }
  return out;
}

/** TSK-1 import: each month's counter moves past the highest number kept from the sheet. */
async function keepNumbers(tx: Tx, numbers: string[]): Promise<void> {
  const highest = new Map<string, { seq: number; number: string }>();
  for (const number of numbers) {
    const parsed = parseTaskNumber(number);
    if (parsed && parsed.seq > (highest.get(parsed.yyyymm)?.seq ?? 0)) highest.set(parsed.yyyymm, { seq: parsed.seq, number });
  }
  for (const { number } of highest.values()) await registerImportedTaskNumber(tx, number);
}

/**
 * Import kind `tasks`: the 任务跟踪表 (SPEC: imported numbers and dates kept as given, 延期 derived
 * again — io.rules.ts importedStatus). The owner is found by name (TSK-2), the department is the
 * owner's, the importer is the creator, and a stage or progress starts the TSK-5 timeline. Open
 * tasks get their due-date reminders (ALL-2) like tasks made in the form; owners are not sent an
 * "assigned" notice for each row: the sheet came from their own office.
 */
export const taskImport: ImportKind<TTaskSheetRow, Ready, Owners> = {
  kind: 'tasks',
  entity: 'task',
  title: TASK_SHEET_TITLE,
  columns: TASK_SHEET.map((c) => ({ ...c, aliases: 'aliases' in c ? [...c.aliases] : [] })),
  canImport: canImportTasks,
  row: ZTaskSheetRow,
  unique: [{ field: 'number', ignoreCase: true }],
  prepare: async (db) => {
    const rows = await db
      .select({ id: people.id, name: people.name, employeeNo: people.employeeNo, departmentId: people.departmentId })
      .from(people)
      .where(eq(people.active, true));
    return { byName: indexPeopleByName(rows), departmentOf: new Map(rows.map((p) => [p.id, p.departmentId])) };
  },
  resolve: async (db, rows: StagedRow<TTaskSheetRow>[], owners, locale: TLocale) => {
    const taken = await takenNumbers(
      db,
      rows.map((r) => r.value.number).filter((n): n is string => !!n),
    );
    const problems: RowProblem[] = [];
    const ready: Ready[] = [];
    for (const { rowNo, value } of rows) {
      const { owner, ...task } = value;
      if (task.number && taken.has(task.number)) problems.push({ rowNo, field: 'number', message: taskIoText('exists', locale, { value: task.number }) });
      const found = resolvePerson(owner, owners.byName);
      if ('error' in found) problems.push({ rowNo, field: 'owner', message: taskIoText(found.error, locale, { value: owner }) });
      else ready.push({ ...task, ownerId: found.id, departmentId: owners.departmentOf.get(found.id) ?? null });
    }
    return { problems, ready };
  },
  insert: async (tx, ready, now, actor) => {
    await keepNumbers(
      tx,
      ready.map((r) => r.number).filter((n): n is string => !!n),
    );
    const assigned = await assignNumbers(tx, ready.filter((r) => !r.number).length, now);
    const stamp = now.toISOString();
    const records = ready.map((r) => {
      const number = r.number ?? assigned.shift()!;
      return { ...r, number, searchTokens: tokensOf({ number, name: r.name, description: null }) };
    });
    // One jsonb parameter per batch (see the people import); the timeline entry in the same statement.
    const result = await tx
      .execute(
        sql`WITH x AS (
              SELECT * FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(
                number text, name text, "ownerId" int, "departmentId" int, "startDate" date, "dueDate" date, progress int,
                stage text, status text, deliverable text, "acceptanceOpinion" text, remarks text, "searchTokens" text[])
            ), created AS (
              INSERT INTO ${tasks} (number, name, deliverable, quality_standard, owner_id, department_id, creator_id, start_date, due_date,
                                    progress, stage, status, remarks, acceptance_opinion, search_tokens, created_at, updated_at)
              SELECT x.number, x.name, x.deliverable, ${IMPORTED_QUALITY_STANDARD}, x."ownerId", x."departmentId", ${actor.id}, x."startDate",
                     x."dueDate", x.progress, x.stage, x.status, x.remarks, x."acceptanceOpinion", x."searchTokens", ${stamp}::timestamptz, ${stamp}::timestamptz
              FROM x
              RETURNING id, number, name, owner_id, due_date, status, progress, stage
            ), timeline AS (
              INSERT INTO ${taskProgress} (task_id, date, at, progress, stage, note, author_id)
              SELECT id, ${dateInZone(now, taskTimeZone())}::date, ${stamp}::timestamptz, progress, coalesce(stage, ''), ${`${TASK_SHEET_TITLE}导入`}, ${actor.id}
              FROM created WHERE progress > 0 OR stage IS NOT NULL
            )
            SELECT id, number, name, owner_id AS "ownerId", to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status FROM created`,
      )
      .catch((err: unknown) => {
        // Someone created the same number while the import was being written.
        if (isUniqueViolation(err)) throw new AppError('CONFLICT');
        throw err;
      });
    const created = rowsOf<{ id: number; number: string; name: string; ownerId: number; dueDate: string; status: string }>(result);
    const open = created.filter((t) => t.status !== 'done').map((t) => ({ ...t, id: Number(t.id), ownerId: Number(t.ownerId) }));
    if (open.length) await declareDueForNew(tx, await loadCalendar(tx), now, open);
    return created.map((t) => Number(t.id));
  },
};
