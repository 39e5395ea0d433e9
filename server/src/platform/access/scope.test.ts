import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPeoplePage } from '@opsdesk/contract';
import { type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { DEMO_PASSWORD, seedDemoOrg } from '../../demo/org.ts';
import { departments, people } from '../../modules/org/schema.ts';
import type { Actor } from '../http/context.ts';
import { invalidateOrgTree } from './org-tree.ts';
import { resolveScope, scopeWhere, subtreeOf } from './scope.ts';

let t: TestApp;
let dept: Record<'YF' | 'SC' | 'XZ' | 'RL' | 'CW' | 'CP' | 'KF' | 'XM', number>;
/** 前端组 under 研发部, and 前端一组 under 前端组: sub-departments two levels deep. */
let frontEnd: number;
let frontEndOne: number;

beforeAll(async () => {
  t = await startTestApp();
  const seeded = await seedDemoOrg(t.database.db, t.clock.now());
  dept = seeded.departments;
  const stamp = t.clock.now().toISOString();
  const add = async (name: string, parentId: number) =>
    (await t.database.db.insert(departments).values({ name, parentId, createdAt: stamp, updatedAt: stamp }).returning())[0]!.id;
  frontEnd = await add('前端组', dept.YF);
  frontEndOne = await add('前端一组', frontEnd);
  await makePerson(t.database, { username: 'fe.dev', name: '前端开发', departmentId: frontEnd });
  await makePerson(t.database, { username: 'fe.intern', name: '前端实习', departmentId: frontEndOne });
});
afterAll(() => t.close());

async function actor(username: string): Promise<Actor> {
  const [p] = await t.database.db.select().from(people).where(eq(people.username, username));
  if (!p) throw new Error(`no ${username}`);
  return { id: p.id, name: p.name, username: p.username, roles: p.roles, departmentId: p.departmentId };
}
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** Who each demo user oversees, by username (ALL-7), derived from the demo seed by hand. */
const EXPECTED: Record<string, string[]> = {
  // 研发部 (吴明, 张三) + 前端组 + 前端一组 + 产品部 (何涛) + 项目部 (nobody).
  wuming: ['fe.dev', 'fe.intern', 'hetao', 'wuming', 'zhangsan'],
  // 研发部 + sub-departments + 项目部: the division leader sits in 研发部 too.
  zhangsan: ['fe.dev', 'fe.intern', 'wuming', 'zhangsan'],
  // 市场部 only.
  lisi: ['lisi', 'qianqi', 'xiaowang', 'zhenghua'],
  // Ordinary staff: their own record.
  xiaowang: ['xiaowang'],
};

async function scopedUsernames(username: string) {
  const scope = await resolveScope(t.database.db, await actor(username));
  const rows = await t.database.db
    .select({ username: people.username })
    .from(people)
    .where(scopeWhere(scope, { department: people.departmentId, people: [people.id] }));
  return rows.map((r) => r.username).sort();
}

describe('ALL-7 subtreeOf', () => {
  it('ALL-7 returns a department with every department below it, at any depth', async () => {
    expect(sorted(await subtreeOf(t.database.db, dept.YF))).toEqual(sorted([dept.YF, frontEnd, frontEndOne]));
    expect(sorted(await subtreeOf(t.database.db, frontEnd))).toEqual(sorted([frontEnd, frontEndOne]));
    expect(await subtreeOf(t.database.db, dept.CP)).toEqual([dept.CP]);
    expect(await subtreeOf(t.database.db, 999999)).toEqual([]);
  });
});

describe('ALL-7 resolveScope', () => {
  it('ALL-7 gives the general manager everything', async () => {
    const gm = await actor('zhouzong');
    expect(await resolveScope(t.database.db, gm)).toEqual({ personId: gm.id, all: true, departmentIds: [] });
  });

  it('ALL-7 gives a division leader the departments they lead, with their sub-departments', async () => {
    const scope = await resolveScope(t.database.db, await actor('wuming'));
    expect(scope.all).toBe(false);
    expect(sorted(scope.departmentIds)).toEqual(sorted([dept.YF, dept.CP, dept.XM, frontEnd, frontEndOne]));
    const other = await resolveScope(t.database.db, await actor('zhenghua'));
    expect(sorted(other.departmentIds)).toEqual(sorted([dept.SC, dept.KF, dept.XZ, dept.RL, dept.CW]));
  });

  it('ALL-7 gives a department head their departments with sub-departments', async () => {
    const zhangsan = await resolveScope(t.database.db, await actor('zhangsan'));
    expect(sorted(zhangsan.departmentIds)).toEqual(sorted([dept.YF, dept.XM, frontEnd, frontEndOne]));
    expect((await resolveScope(t.database.db, await actor('lisi'))).departmentIds).toEqual([dept.SC]);
  });

  it('ALL-7 gives a head of a sub-department only that branch, not the parent', async () => {
    const dev = await actor('fe.dev');
    const admin = await loginAdmin(t.app);
    expect((await admin.patch(`/api/departments/${frontEnd}`, { headId: dev.id })).statusCode).toBe(200);
    try {
      // The department tree is cached (org-tree.ts): a change through 组织架构 counts at once.
      expect(sorted((await resolveScope(t.database.db, dev)).departmentIds)).toEqual(sorted([frontEnd, frontEndOne]));
    } finally {
      await t.database.db.update(departments).set({ headId: null }).where(eq(departments.id, frontEnd));
      invalidateOrgTree();
    }
    expect((await resolveScope(t.database.db, dev)).departmentIds).toEqual([]);
  });

  it('ALL-7 gives ordinary staff no departments, whatever their roles say', async () => {
    const xiaowang = await actor('xiaowang');
    expect(await resolveScope(t.database.db, xiaowang)).toEqual({ personId: xiaowang.id, all: false, departmentIds: [] });
    // The role alone grants nothing: the scope follows the departments a person actually leads.
    const titled = await resolveScope(t.database.db, { ...xiaowang, roles: ['department_head', 'division_leader'] });
    expect(titled.departmentIds).toEqual([]);
  });
});

describe('ALL-7 scopeWhere on a real query', () => {
  it('ALL-7 puts no restriction on the general manager', async () => {
    const scope = await resolveScope(t.database.db, await actor('zhouzong'));
    expect(scopeWhere(scope, { department: people.departmentId, people: [people.id] })).toBeUndefined();
    const all = await t.database.db.select({ id: people.id }).from(people);
    expect(await scopedUsernames('zhouzong')).toHaveLength(all.length);
  });

  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`ALL-7 returns exactly the people ${username} oversees`, async () => {
      expect(await scopedUsernames(username)).toEqual(expected);
    });
  }

  it('ALL-7 adds records granted through extra conditions, and matches nothing with no way in', async () => {
    const scope = await resolveScope(t.database.db, await actor('xiaowang'));
    const granted = await t.database.db
      .select({ username: people.username })
      .from(people)
      .where(scopeWhere(scope, { people: [people.id], also: [inArray(people.username, ['linfang'])] }));
    expect(granted.map((r) => r.username).sort()).toEqual(['linfang', 'xiaowang']);
    // A record type with only a department column: staff see none of it, not all of it.
    const none = await t.database.db.select({ id: people.id }).from(people).where(scopeWhere(scope, { department: people.departmentId }));
    expect(none).toEqual([]);
  });
});

describe('ALL-7 GET /api/people?scope=mine', () => {
  const mine = async (username: string) => {
    const client = await login(t.app, username, DEMO_PASSWORD);
    const res = await client.get('/api/people?scope=mine&pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<TPeoplePage>();
    expect(page.total).toBe(page.items.length);
    return page.items.map((p) => p.username).sort();
  };

  it('ALL-7 lists everyone for the general manager', async () => {
    const all = await t.database.db.select({ username: people.username }).from(people);
    expect(await mine('zhouzong')).toEqual(all.map((r) => r.username).sort());
  });

  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`ALL-7 lists exactly the people ${username} oversees`, async () => {
      expect(await mine(username)).toEqual(expected);
    });
  }
});
