import { eq, sql } from 'drizzle-orm';
import type { TRole } from '@opsdesk/contract';
import type { Db } from '../db/client.ts';
import { departments, people } from '../modules/org/schema.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { invalidateOrgTree } from '../platform/access/org-tree.ts';

/** The seed manual's departments (ALL-1), in menu order. */
export const DEMO_DEPARTMENTS = [
  { code: 'YF', name: '研发部' },
  { code: 'SC', name: '市场部' },
  { code: 'XZ', name: '行政部' },
  { code: 'RL', name: '人力资源部' },
  { code: 'CW', name: '财务部' },
  { code: 'CP', name: '产品部' },
  { code: 'KF', name: '客服部' },
  { code: 'XM', name: '项目部' },
] as const;
type DeptCode = (typeof DEMO_DEPARTMENTS)[number]['code'];

interface DemoPerson {
  username: string;
  name: string;
  employeeNo: string;
  dept: DeptCode;
  title: string;
  roles: TRole[];
  heads?: DeptCode[];
  leads?: DeptCode[];
}

/** The people of the seed manual (小王, 李四, 王五, 赵六, 钱七, 张三) plus the leaders the manual names by role. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'zhouzong', name: '周建国', employeeNo: 'E0001', dept: 'XZ', title: '总经理', roles: ['general_manager'] },
  { username: 'wuming', name: '吴明', employeeNo: 'E0002', dept: 'YF', title: '副总经理', roles: ['division_leader'], leads: ['YF', 'CP', 'XM'] },
  { username: 'zhenghua', name: '郑华', employeeNo: 'E0003', dept: 'SC', title: '副总经理', roles: ['division_leader'], leads: ['SC', 'KF', 'XZ', 'RL', 'CW'] },
  { username: 'zhangsan', name: '张三', employeeNo: 'E0101', dept: 'YF', title: '研发部经理', roles: ['department_head', 'employee'], heads: ['YF', 'XM'] },
  { username: 'lisi', name: '李四', employeeNo: 'E0201', dept: 'SC', title: '市场部经理', roles: ['department_head', 'employee'], heads: ['SC'] },
  { username: 'xiaowang', name: '小王', employeeNo: 'E0202', dept: 'SC', title: '市场专员', roles: ['employee'] },
  { username: 'qianqi', name: '钱七', employeeNo: 'E0203', dept: 'SC', title: '销售经理', roles: ['employee', 'customer_service'] },
  { username: 'wangwu', name: '王五', employeeNo: 'E0301', dept: 'XZ', title: '行政主管', roles: ['department_head', 'resource_coordinator', 'employee'], heads: ['XZ'] },
  { username: 'zhaoliu', name: '赵六', employeeNo: 'E0302', dept: 'XZ', title: '档案管理员', roles: ['archivist', 'employee'] },
  { username: 'sunli', name: '孙丽', employeeNo: 'E0303', dept: 'XZ', title: '安全审计员', roles: ['auditor'] },
  { username: 'chenjing', name: '陈静', employeeNo: 'E0401', dept: 'RL', title: '人力资源经理', roles: ['department_head', 'resource_coordinator', 'employee'], heads: ['RL'] },
  { username: 'linfang', name: '林芳', employeeNo: 'E0501', dept: 'CW', title: '财务经理', roles: ['department_head', 'resource_coordinator', 'employee'], heads: ['CW'] },
  { username: 'hetao', name: '何涛', employeeNo: 'E0601', dept: 'CP', title: '产品经理', roles: ['department_head', 'employee'], heads: ['CP'] },
  { username: 'gaoyan', name: '高燕', employeeNo: 'E0701', dept: 'KF', title: '客服主管', roles: ['department_head', 'customer_service', 'employee'], heads: ['KF'] },
];

/** Everyone in the demo signs in with this; printed by `npm run demo`. */
export const DEMO_PASSWORD = 'Demo2026';

/**
 * Loads the demo organisation; running it twice changes nothing. Shared by `npm run demo`, the
 * HTTP tests and the browser journeys.
 */
export async function seedDemoOrg(db: Db, now: Date, password = DEMO_PASSWORD) {
  const stamp = now.toISOString();
  const passwordHash = await hashPassword(password);
  const seeded = await db.transaction(async (tx) => {
    const deptIds = {} as Record<DeptCode, number>;
    for (const [i, d] of DEMO_DEPARTMENTS.entries()) {
      const [row] = await tx
        .insert(departments)
        .values({ ...d, sortOrder: (i + 1) * 10, createdAt: stamp, updatedAt: stamp })
        .onConflictDoUpdate({ target: departments.code, set: { name: d.name } })
        .returning({ id: departments.id });
      deptIds[d.code] = row!.id;
    }
    const personIds: Record<string, number> = {};
    for (const p of DEMO_PEOPLE) {
      const existing = await tx.select({ id: people.id }).from(people).where(sql`lower(${people.username}) = ${p.username}`);
      const values = { name: p.name, employeeNo: p.employeeNo, departmentId: deptIds[p.dept], title: p.title, roles: p.roles };
      const [row] = existing[0]
        ? await tx.update(people).set(values).where(eq(people.id, existing[0].id)).returning({ id: people.id })
        : await tx
            .insert(people)
            .values({ ...values, username: p.username, passwordHash, mustChangePassword: false, phone: `1380000${p.employeeNo.slice(1)}`, email: `${p.username}@example.com`, createdAt: stamp, updatedAt: stamp })
            .returning({ id: people.id });
      personIds[p.username] = row!.id;
      for (const code of p.heads ?? []) await tx.update(departments).set({ headId: row!.id }).where(eq(departments.id, deptIds[code]));
      for (const code of p.leads ?? []) await tx.update(departments).set({ divisionLeaderId: row!.id }).where(eq(departments.id, deptIds[code]));
    }
    return { departments: deptIds, people: personIds };
  });
  invalidateOrgTree();
  return seeded;
}
