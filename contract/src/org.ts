import { z } from 'zod';
import { type TLocale, ZId, ZPageQuery, zPage, zOptionalText as optionalText } from './common.ts';

/** ALL-1/ALL-7: a person may hold several roles. */
export const ROLES = [
  'admin',
  'auditor',
  'general_manager',
  'division_leader',
  'department_head',
  'archivist',
  'resource_coordinator',
  'customer_service',
  'employee',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Role names as the office writes them: the web's labels and the spreadsheets' words. */
export const ROLE_LABELS: Record<TRole, Record<TLocale, string>> = {
  admin: { 'zh-CN': '系统管理员', 'en-US': 'System administrator' },
  auditor: { 'zh-CN': '安全审计员', 'en-US': 'Security auditor' },
  general_manager: { 'zh-CN': '总经理', 'en-US': 'General manager' },
  division_leader: { 'zh-CN': '分管领导', 'en-US': 'Division leader' },
  department_head: { 'zh-CN': '部门负责人', 'en-US': 'Department head' },
  archivist: { 'zh-CN': '档案管理员', 'en-US': 'Archivist' },
  resource_coordinator: { 'zh-CN': '资源协调员', 'en-US': 'Resource coordinator' },
  customer_service: { 'zh-CN': '客服', 'en-US': 'Customer service' },
  employee: { 'zh-CN': '员工', 'en-US': 'Employee' },
};
export const roleLabels = (locale: TLocale) => Object.fromEntries(ROLES.map((r) => [r, ROLE_LABELS[r][locale]])) as Record<TRole, string>;

const name = z.string().trim().min(1).max(64);
// Ids are PostgreSQL integers: anything larger is bad input, not a server error.
const personRef = z.number().int().positive().max(2_147_483_647).nullish().transform((v) => v ?? null);

export const ZDepartment = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string().nullable(),
  parentId: z.number().int().nullable(),
  headId: z.number().int().nullable(),
  headName: z.string().nullable(),
  divisionLeaderId: z.number().int().nullable(),
  divisionLeaderName: z.string().nullable(),
  sortOrder: z.number().int(),
  memberCount: z.number().int(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

const departmentFields = z.object({
  name,
  code: optionalText(32),
  parentId: personRef,
  headId: personRef,
  divisionLeaderId: personRef,
  sortOrder: z.number().int().min(0).max(9999),
});
export const ZDepartmentInput = departmentFields.extend({ sortOrder: departmentFields.shape.sortOrder.default(0) });
export type TDepartmentInput = z.input<typeof ZDepartmentInput>;
// Zod applies a `.default()` even inside `.partial()`: a PATCH must change only what it names,
// so update schemas are built from the fields without defaults.
export const ZDepartmentUpdate = departmentFields.partial();
export type TDepartmentUpdate = z.input<typeof ZDepartmentUpdate>;

export const ZPerson = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  employeeNo: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  roles: z.array(ZRole),
  active: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});
export type TPerson = z.infer<typeof ZPerson>;

// Mainland mobile numbers or landlines with extension, kept loose: offices write them many ways.
const phone = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9+\-() ]*$/)
  .nullish()
  .transform((v) => (v ? v : null));
const email = z
  .union([z.email().max(120), z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));

const personFields = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(32)
    .regex(/^[a-zA-Z0-9._-]+$/),
  name,
  employeeNo: optionalText(32),
  phone,
  email,
  departmentId: personRef,
  title: optionalText(64),
  roles: z.array(ZRole),
  active: z.boolean(),
  /** Left empty, the server generates one and returns it once. */
  initialPassword: z.string().min(8).max(200).optional(),
});
export const ZPersonInput = personFields.extend({
  roles: personFields.shape.roles.default(['employee']),
  active: personFields.shape.active.default(true),
});
export type TPersonInput = z.input<typeof ZPersonInput>;
export const ZPersonUpdate = personFields.omit({ initialPassword: true, username: true }).partial();
export type TPersonUpdate = z.input<typeof ZPersonUpdate>;

/** Returned once when an account is created or its password reset. */
export const ZPersonWithPassword = z.object({ person: ZPerson, initialPassword: z.string() });
export type TPersonWithPassword = z.infer<typeof ZPersonWithPassword>;

export const PEOPLE_SCOPES = ['all', 'department', 'mine'] as const;
export const ZPeopleQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional(),
  departmentId: ZId.optional(),
  role: ZRole.optional(),
  active: z.enum(['true', 'false']).optional(),
  scope: z.enum(PEOPLE_SCOPES).default('all'),
});
export type TPeopleQuery = z.input<typeof ZPeopleQuery>;
export const ZPeoplePage = zPage(ZPerson);
export type TPeoplePage = z.infer<typeof ZPeoplePage>;
