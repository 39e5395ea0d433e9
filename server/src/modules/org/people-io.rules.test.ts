import { describe, expect, it } from 'vitest';
import { ZPeopleSheetRow, activeText, indexDepartments, parseActive, parseRoles, resolveDepartment, rolesText } from './people-io.rules.ts';

describe('ALL-1 people sheet words', () => {
  it('roles as Chinese words, separated by 、 or commas', () => {
    expect(rolesText(['admin', 'employee'])).toBe('系统管理员、员工');
    expect(parseRoles('系统管理员、员工')).toEqual({ roles: ['admin', 'employee'] });
    expect(parseRoles('总经理,员工，部门负责人')).toEqual({ roles: ['general_manager', 'employee', 'department_head'] });
    expect(parseRoles('员工、员工')).toEqual({ roles: ['employee'] });
    expect(parseRoles('employee')).toEqual({ roles: ['employee'] });
    expect(parseRoles('员工、老板')).toEqual({ unknown: ['老板'] });
  });

  it('状态 启用/停用', () => {
    expect(activeText(true)).toBe('启用');
    expect(activeText(false)).toBe('停用');
    expect(parseActive('停用')).toBe(false);
    expect(parseActive(' 启用 ')).toBe(true);
    expect(parseActive('离职')).toBeNull();
  });

  it('部门 by code first, then by name; a name used twice must be given as a code', () => {
    const index = indexDepartments([
      { id: 1, name: '行政部', code: 'XZ' },
      { id: 2, name: '综合组', code: null },
      { id: 3, name: '综合组', code: 'ZH2' },
    ]);
    expect(resolveDepartment('行政部', index)).toEqual({ id: 1 });
    expect(resolveDepartment('xz', index)).toEqual({ id: 1 });
    expect(resolveDepartment('ZH2', index)).toEqual({ id: 3 });
    expect(resolveDepartment('综合组', index)).toEqual({ error: 'ambiguousDepartment' });
    expect(resolveDepartment('财务部', index)).toEqual({ error: 'noDepartment' });
  });

  it('a row parses with the form’s rules; blanks mean 员工 and 启用', () => {
    const ok = ZPeopleSheetRow.parse({ name: '张三', username: 'zhang.san', phone: '13800000000' });
    expect(ok).toEqual({
      employeeNo: null,
      name: '张三',
      username: 'zhang.san',
      title: null,
      phone: '13800000000',
      email: null,
      roles: ['employee'],
      active: true,
    });
    const bad = ZPeopleSheetRow.safeParse({ name: '张三', username: '张三', roles: '老板', active: '离职', email: 'x' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['active', 'email', 'roles', 'username']);
  });
});
