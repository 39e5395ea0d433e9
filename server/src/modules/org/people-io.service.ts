import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { TLocale, TPeopleExportQuery, TRole, ZPeopleExportQuery } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { rowsOf } from '../../platform/access/scope.ts';
import { UNUSABLE_PASSWORD_HASH } from '../../platform/auth/passwords.ts';
import type { ExportOptions } from '../../platform/export/export.ts';
import { dayOf } from '../../platform/export/format.ts';
import { keysetRows } from '../../platform/export/keyset.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ImportKind, RowProblem, StagedRow } from '../../platform/import/kinds.ts';
import { peopleWhere } from './people.service.ts';
import {
  type DepartmentIndex,
  PEOPLE_SHEET,
  type TPeopleSheetRow,
  ZPeopleSheetRow,
  activeText,
  indexDepartments,
  peopleText,
  resolveDepartment,
  rolesText,
} from './people-io.rules.ts';
import { canManageOrg } from './policy.ts';
import { departments, people } from './schema.ts';

const TITLE = '人员名册';

interface ExportRow {
  id: number;
  employeeNo: string | null;
  name: string;
  username: string;
  departmentName: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  roles: TRole[];
  active: boolean;
}

const EXPORT_VALUES: Record<(typeof PEOPLE_SHEET)[number]['field'], (r: ExportRow) => string | null> = {
  employeeNo: (r) => r.employeeNo,
  name: (r) => r.name,
  username: (r) => r.username,
  department: (r) => r.departmentName,
  title: (r) => r.title,
  phone: (r) => r.phone,
  email: (r) => r.email,
  roles: (r) => rolesText(r.roles),
  active: (r) => activeText(r.active),
};

/**
 * `GET /api/people/export`: the people list with the list's own filters, as 人员名册-YYYYMMDD,
 * read in keyset pages by id. Admin only: the sheet carries everyone's phone and e-mail.
 */
export async function exportPeople(ctx: AuthedCtx, query: z.output<typeof ZPeopleExportQuery>, timeZone: string): Promise<ExportOptions<ExportRow>> {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  const condition = await peopleWhere(ctx, query);
  const filters: Omit<TPeopleExportQuery, 'format'> = { q: query.q, departmentId: query.departmentId, role: query.role, active: query.active, scope: query.scope };
  // ALL-4: a bulk copy of personal data leaves a trace.
  await mutate(ctx, (_tx, audit) => audit({ entity: 'person', entityId: null, action: 'export', note: { format: query.format, filters } }));
  const rows = keysetRows<ExportRow, number>(
    (after, limit) =>
      ctx.db
        .select({
          id: people.id,
          employeeNo: people.employeeNo,
          name: people.name,
          username: people.username,
          departmentName: departments.name,
          title: people.title,
          phone: people.phone,
          email: people.email,
          roles: people.roles,
          active: people.active,
        })
        .from(people)
        .leftJoin(departments, eq(departments.id, people.departmentId))
        .where(and(condition, after === null ? undefined : gt(people.id, after)))
        .orderBy(asc(people.id))
        .limit(limit),
    (r) => r.id,
  );
  return {
    format: query.format,
    filename: `${TITLE}-${dayOf(ctx.now, timeZone).replace(/-/g, '')}`,
    sheetName: TITLE,
    columns: PEOPLE_SHEET.map((c) => ({ header: c.header, value: EXPORT_VALUES[c.field], width: c.field === 'email' ? 28 : 16 })),
    rows,
    timeZone,
  };
}

type NewPerson = Omit<TPeopleSheetRow, 'department'> & { departmentId: number | null };

/** Which usernames and employee numbers of a batch are taken: two queries, one jsonb parameter each. */
async function existing(db: Db | Tx, rows: StagedRow<TPeopleSheetRow>[]) {
  const usernames = JSON.stringify([...new Set(rows.map((r) => r.value.username.toLowerCase()))]);
  const numbers = JSON.stringify([...new Set(rows.map((r) => r.value.employeeNo).filter((n): n is string => !!n))]);
  const [takenNames, takenNumbers] = await Promise.all([
    db.execute(sql`SELECT lower(${people.username}) AS key FROM ${people} WHERE lower(${people.username}) IN (SELECT jsonb_array_elements_text(${usernames}::jsonb))`),
    db.execute(sql`SELECT ${people.employeeNo} AS key FROM ${people} WHERE ${people.employeeNo} IN (SELECT jsonb_array_elements_text(${numbers}::jsonb))`),
  ]);
  const keys = (result: unknown) => new Set(rowsOf<{ key: string }>(result).map((r) => r.key));
  return { usernames: keys(takenNames), numbers: keys(takenNumbers) };
}

/**
 * Import kind `people` (ALL-1): the sheet above, checked batch by batch against the database.
 * Accounts are created without a usable password; the admin issues each one with reset-password.
 */
export const peopleImport: ImportKind<TPeopleSheetRow, NewPerson, DepartmentIndex> = {
  kind: 'people',
  entity: 'person',
  title: TITLE,
  columns: PEOPLE_SHEET.map((c) => ({ ...c, aliases: 'aliases' in c ? [...c.aliases] : [] })),
  canImport: canManageOrg,
  row: ZPeopleSheetRow,
  unique: [{ field: 'username', ignoreCase: true }, { field: 'employeeNo' }],
  prepare: async (db) => indexDepartments(await db.select({ id: departments.id, name: departments.name, code: departments.code }).from(departments)),
  resolve: async (db, rows, index, locale: TLocale) => {
    const taken = await existing(db, rows);
    const problems: RowProblem[] = [];
    const ready: NewPerson[] = [];
    for (const { rowNo, value } of rows) {
      const { department, ...person } = value;
      let departmentId: number | null = null;
      if (taken.usernames.has(person.username.toLowerCase())) problems.push({ rowNo, field: 'username', message: peopleText('exists', locale, { value: person.username }) });
      if (person.employeeNo && taken.numbers.has(person.employeeNo))
        problems.push({ rowNo, field: 'employeeNo', message: peopleText('exists', locale, { value: person.employeeNo }) });
      if (department) {
        const found = resolveDepartment(department, index);
        if ('id' in found) departmentId = found.id;
        else problems.push({ rowNo, field: 'department', message: peopleText(found.error, locale, { value: department }) });
      }
      ready.push({ ...person, departmentId });
    }
    return { problems, ready };
  },
  // One jsonb parameter per batch (see stageRows); no password: UNUSABLE_PASSWORD_HASH until reset.
  insert: async (tx, ready, now) => {
    const json = JSON.stringify(ready);
    const stamp = now.toISOString();
    const result = await tx
      .execute(
        sql`INSERT INTO ${people} (username, name, employee_no, phone, email, department_id, title, roles, active,
                                   password_hash, must_change_password, created_at, updated_at)
            SELECT x.username, x.name, x."employeeNo", x.phone, x.email, x."departmentId", x.title, x.roles, x.active,
                   ${UNUSABLE_PASSWORD_HASH}, true, ${stamp}::timestamptz, ${stamp}::timestamptz
            FROM jsonb_to_recordset(${json}::jsonb)
              AS x(username text, name text, "employeeNo" text, phone text, email text, "departmentId" int, title text, roles text[], active boolean)
            RETURNING id`,
      )
      .catch((err: unknown) => {
        // Someone created the same username while the import was being written.
        if (isUniqueViolation(err)) throw new AppError('CONFLICT');
        throw err;
      });
    return rowsOf<{ id: number }>(result).map((r) => Number(r.id));
  },
};
