import { z } from 'zod';
import { ROLES, type TLocale, type TRole, ZPersonInput, roleLabels } from '@opsdesk/contract';
import { sheetTexts } from '../../platform/import/messages.ts';

/** The people list as a sheet (人员名册): export and import share these headers. */
export const PEOPLE_SHEET = [
  { header: '工号', field: 'employeeNo' },
  { header: '姓名', field: 'name', required: true },
  { header: '用户名', field: 'username', required: true, aliases: ['账号', '登录名'] },
  { header: '部门', field: 'department', aliases: ['所属部门'] },
  { header: '职务', field: 'title' },
  { header: '手机号', field: 'phone', aliases: ['手机', '联系电话'] },
  { header: '邮箱', field: 'email', aliases: ['电子邮箱'] },
  { header: '角色', field: 'roles' },
  { header: '状态', field: 'active' },
] as const;

/** Role names as the office writes them. */
export const ROLE_NAMES = roleLabels('zh-CN');
const ROLE_BY_NAME = new Map<string, TRole>([
  ...ROLES.map((r) => [ROLE_NAMES[r], r] as const),
  ...ROLES.map((r) => [r, r] as const), // the codes too, for sheets made by scripts
]);

export const rolesText = (roles: readonly TRole[]) => roles.map((r) => ROLE_NAMES[r]).join('、');

/** "系统管理员、员工" or "总经理,员工": Chinese and ASCII separators alike. */
export function parseRoles(text: string): { roles: TRole[] } | { unknown: string[] } {
  const names = text
    .split(/[、,，;；/\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !ROLE_BY_NAME.has(n) && !ROLE_BY_NAME.has(n.toLowerCase()));
  if (unknown.length) return { unknown };
  return { roles: [...new Set(names.map((n) => (ROLE_BY_NAME.get(n) ?? ROLE_BY_NAME.get(n.toLowerCase()))!))] };
}

export const ACTIVE_WORDS = { true: '启用', false: '停用' } as const;
export const activeText = (active: boolean) => (active ? ACTIVE_WORDS.true : ACTIVE_WORDS.false);
const ACTIVE_BY_WORD = new Map<string, boolean>([
  ['启用', true],
  ['正常', true],
  ['是', true],
  ['true', true],
  ['停用', false],
  ['禁用', false],
  ['否', false],
  ['false', false],
]);
export const parseActive = (text: string): boolean | null => ACTIVE_BY_WORD.get(text.trim().toLowerCase()) ?? null;

const TEXTS = {
  unknownRoles: { 'zh-CN': '没有“{value}”这个角色，可填：{allowed}', 'en-US': 'No role "{value}"; use: {allowed}' },
  badActive: { 'zh-CN': '只能填写“启用”或“停用”', 'en-US': 'must be 启用 (active) or 停用 (disabled)' },
  exists: { 'zh-CN': '“{value}”已存在', 'en-US': '"{value}" already exists' },
  noDepartment: { 'zh-CN': '没有名称或编码为“{value}”的部门', 'en-US': 'No department named or coded "{value}"' },
  ambiguousDepartment: {
    'zh-CN': '有多个名为“{value}”的部门，请改填部门编码',
    'en-US': 'Several departments are named "{value}"; use the department code',
  },
} satisfies Record<string, Record<TLocale, string>>;

const { text: peopleText, both: bothTexts } = sheetTexts(TEXTS);
export { peopleText };

/**
 * One sheet row (field → cell text) → a person, with the same rules as the form (ZPersonInput).
 * Blank 角色 means 员工; blank 状态 means 启用.
 */
export const ZPeopleSheetRow = z.object({
  employeeNo: ZPersonInput.shape.employeeNo,
  name: ZPersonInput.shape.name,
  username: ZPersonInput.shape.username,
  department: z.string().trim().max(64).optional(),
  title: ZPersonInput.shape.title,
  phone: ZPersonInput.shape.phone,
  email: ZPersonInput.shape.email,
  roles: z
    .string()
    .optional()
    .transform((text, ctx): TRole[] => {
      if (!text) return ['employee'];
      const parsed = parseRoles(text);
      if ('roles' in parsed) return parsed.roles;
      const params = { value: parsed.unknown.join('、'), allowed: Object.values(ROLE_NAMES).join('、') };
      ctx.addIssue({ code: 'custom', message: 'unknown role', params: bothTexts('unknownRoles', params) });
      return z.NEVER;
    }),
  active: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return true;
      const active = parseActive(text);
      if (active !== null) return active;
      ctx.addIssue({ code: 'custom', message: 'bad status', params: bothTexts('badActive') });
      return z.NEVER;
    }),
});
export type TPeopleSheetRow = z.output<typeof ZPeopleSheetRow>;

export interface DepartmentIndex {
  byCode: Map<string, number>;
  byName: Map<string, number[]>;
}

export function indexDepartments(rows: { id: number; name: string; code: string | null }[]): DepartmentIndex {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  for (const d of rows) {
    if (d.code) byCode.set(d.code.toLowerCase(), d.id);
    byName.set(d.name, [...(byName.get(d.name) ?? []), d.id]);
  }
  return { byCode, byName };
}

/** 部门 by code first (unique), then by name (unique only among siblings: ambiguity is an error). */
export function resolveDepartment(text: string, index: DepartmentIndex): { id: number } | { error: 'noDepartment' | 'ambiguousDepartment' } {
  const byCode = index.byCode.get(text.toLowerCase());
  if (byCode !== undefined) return { id: byCode };
  const named = index.byName.get(text) ?? [];
  if (named.length === 1) return { id: named[0]! };
  return { error: named.length ? 'ambiguousDepartment' : 'noDepartment' };
}
