import type { TDepartment, TPerson } from '@opsdesk/contract';
import type { departments, people } from './schema.ts';
import { toIso } from '../../platform/calendar/zone.ts';

type PersonRow = typeof people.$inferSelect & { departmentName: string | null };

/** What leaves the server about a person: never the password hash. */
export function presentPerson(row: PersonRow, locked: boolean): TPerson {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    employeeNo: row.employeeNo,
    phone: row.phone,
    email: row.email,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    title: row.title,
    roles: row.roles,
    active: row.active,
    locked,
    createdAt: toIso(row.createdAt),
  };
}

type DepartmentRow = typeof departments.$inferSelect & { headName: string | null; divisionLeaderName: string | null; memberCount: number };

export function presentDepartment(row: DepartmentRow): TDepartment {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    parentId: row.parentId,
    headId: row.headId,
    headName: row.headName,
    divisionLeaderId: row.divisionLeaderId,
    divisionLeaderName: row.divisionLeaderName,
    sortOrder: row.sortOrder,
    memberCount: Number(row.memberCount),
  };
}
