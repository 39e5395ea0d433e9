import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDepartment, TErrorBody } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { departments } from './schema.ts';

const ADMIN_IP = '10.20.0.1';

let t: TestApp;
let admin: Client;
let staff: Client;
let headId: number;
let headName: string;
let leaderId: number;
let leaderName: string;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  await loginAdmin(t.app);
  admin = await login(t.app, 'admin', PASSWORD, ADMIN_IP);
  await makePerson(t.database, { username: 'dept.staff' });
  staff = await login(t.app, 'dept.staff', PASSWORD);
  const head = await makePerson(t.database, { username: 'dept.head', name: '部门负责人甲' });
  const leader = await makePerson(t.database, { username: 'dept.leader', name: '分管领导乙' });
  [headId, headName, leaderId, leaderName] = [head.id, head.name, leader.id, leader.name];
});
afterAll(() => t.close());

/** Creates a department as admin and returns it; fails the test on any other answer. */
async function createDept(body: Record<string, unknown> = {}): Promise<TDepartment> {
  seq += 1;
  const res = await admin.post('/api/departments', { name: `部门${seq}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TDepartment>();
}

const auditRows = (id?: number) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(id === undefined ? eq(auditLog.entity, 'department') : and(eq(auditLog.entity, 'department'), eq(auditLog.entityId, String(id))))
    .orderBy(auditLog.id);

const dbRow = async (id: number) => (await t.database.db.select().from(departments).where(eq(departments.id, id)))[0];

describe('ALL-1 department endpoints: sign-in and permissions', () => {
  it('answers 401 to every department endpoint without a session', async () => {
    const calls = [
      { method: 'GET' as const, url: '/api/departments' },
      { method: 'POST' as const, url: '/api/departments', payload: { name: '匿名部门' } },
      { method: 'PATCH' as const, url: '/api/departments/1', payload: { name: '匿名部门' } },
      { method: 'DELETE' as const, url: '/api/departments/1' },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json<TErrorBody>().code).toBe('UNAUTHENTICATED');
    }
    expect(await t.database.db.select().from(departments).where(eq(departments.name, '匿名部门'))).toHaveLength(0);
  });

  it('lets any signed-in person read the tree but answers 403 to a non-admin on every mutation', async () => {
    const dept = await createDept();
    expect((await staff.get('/api/departments')).statusCode).toBe(200);
    const created = await staff.post('/api/departments', { name: '员工建的部门' });
    const patched = await staff.patch(`/api/departments/${dept.id}`, { name: '员工改名' });
    const deleted = await staff.del(`/api/departments/${dept.id}`);
    for (const res of [created, patched, deleted]) {
      expect(res.statusCode).toBe(403);
      expect(res.json<TErrorBody>()).toMatchObject({ code: 'FORBIDDEN', message: '您没有执行此操作的权限' });
    }
    expect((await dbRow(dept.id))?.name).toBe(dept.name);
    expect(await t.database.db.select().from(departments).where(eq(departments.name, '员工建的部门'))).toHaveLength(0);
  });

  it('refuses a mutation without the CSRF token even from an admin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { name: '跨站部门' },
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<TErrorBody>().code).toBe('CSRF');
  });
});

describe('ALL-1 department endpoints: happy paths', () => {
  it('creates a department with head and division leader and answers the presented shape', async () => {
    const parent = await createDept({ code: 'P-ROOT' });
    const res = await admin.post('/api/departments', {
      name: '  质量部  ',
      code: 'QA',
      parentId: parent.id,
      headId,
      divisionLeaderId: leaderId,
      sortOrder: 30,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(Number),
      name: '质量部',
      code: 'QA',
      parentId: parent.id,
      headId,
      headName,
      divisionLeaderId: leaderId,
      divisionLeaderName: leaderName,
      sortOrder: 30,
      memberCount: 0,
    });
  });

  it('lists departments in sort order with names of head and leader and the count of active members', async () => {
    const late = await createDept({ sortOrder: 9000, headId });
    const early = await createDept({ sortOrder: 1 });
    await makePerson(t.database, { departmentId: late.id });
    await makePerson(t.database, { departmentId: late.id });
    await makePerson(t.database, { departmentId: late.id, active: false });
    const res = await admin.get('/api/departments');
    expect(res.statusCode).toBe(200);
    const list = res.json<TDepartment[]>();
    const ids = list.map((d) => d.id);
    expect(ids.indexOf(early.id)).toBeLessThan(ids.indexOf(late.id));
    expect(list.map((d) => d.sortOrder)).toEqual([...list.map((d) => d.sortOrder)].sort((a, b) => a - b));
    expect(list.find((d) => d.id === late.id)).toMatchObject({ headName, divisionLeaderName: null, memberCount: 2 });
  });

  it('updates a department and changes only the fields named in the PATCH', async () => {
    const dept = await createDept({ code: 'KEEP', headId, divisionLeaderId: leaderId, sortOrder: 42 });
    const res = await admin.patch(`/api/departments/${dept.id}`, { name: '改名后的部门' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...dept, name: '改名后的部门' });

    const cleared = await admin.patch(`/api/departments/${dept.id}`, { headId: null, code: '' });
    expect(cleared.json<TDepartment>()).toMatchObject({ headId: null, headName: null, code: null, divisionLeaderName: leaderName, sortOrder: 42 });
  });

  it('moves a department under another one', async () => {
    const a = await createDept();
    const b = await createDept();
    const res = await admin.patch(`/api/departments/${b.id}`, { parentId: a.id });
    expect(res.statusCode).toBe(200);
    expect(res.json<TDepartment>().parentId).toBe(a.id);
    const top = await admin.patch(`/api/departments/${b.id}`, { parentId: null });
    expect(top.json<TDepartment>().parentId).toBeNull();
  });

  it('deletes an empty department', async () => {
    const dept = await createDept();
    const res = await admin.del(`/api/departments/${dept.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await dbRow(dept.id)).toBeUndefined();
    const list = (await admin.get('/api/departments')).json<TDepartment[]>();
    expect(list.some((d) => d.id === dept.id)).toBe(false);
  });
});

describe('ALL-5 department endpoints: bad input', () => {
  it('names the empty name field in Chinese, then in English once the user switches language', async () => {
    await makePerson(t.database, { username: 'dept.admin2', roles: ['admin'] });
    const other = await login(t.app, 'dept.admin2', PASSWORD);
    const zh = await other.post('/api/departments', { name: '   ' });
    expect(zh.statusCode).toBe(400);
    const zhBody = zh.json<TErrorBody>();
    expect(zhBody.code).toBe('VALIDATION');
    expect(zhBody.fields?.[0]?.field).toBe('name');
    expect(zhBody.fields?.[0]?.message).toContain('名称');
    expect(zhBody.message).toContain('名称');

    expect((await other.put('/api/auth/locale', { locale: 'en-US' })).statusCode).toBe(200);
    const en = await other.post('/api/departments', { name: '   ' });
    expect(en.statusCode).toBe(400);
    const enBody = en.json<TErrorBody>();
    expect(enBody.fields?.[0]?.field).toBe('name');
    expect(enBody.fields?.[0]?.message).toMatch(/^Name: /);
    expect(enBody.message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects a missing name, an over-long name, a negative order and a non-numeric id, naming each field', async () => {
    const missing = await admin.post('/api/departments', { code: 'NONAME' });
    expect(missing.json<TErrorBody>().fields?.[0]).toEqual({ field: 'name', message: '名称：必填' });
    const long = await admin.post('/api/departments', { name: '长'.repeat(65) });
    expect(long.json<TErrorBody>().fields?.[0]).toEqual({ field: 'name', message: '名称：不能超过 64 个字符' });
    const order = await admin.post('/api/departments', { name: '排序错误', sortOrder: -1 });
    expect(order.statusCode).toBe(400);
    expect(order.json<TErrorBody>().fields?.[0]?.field).toBe('sortOrder');
    const badId = await admin.patch('/api/departments/abc', { name: '任意' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json<TErrorBody>().fields?.[0]?.field).toBe('id');
    for (const res of [missing, long, order]) expect(res.statusCode).toBe(400);
  });

  it('answers 404 to an unknown department on PATCH and DELETE', async () => {
    for (const res of [await admin.patch('/api/departments/999999', { name: '不存在' }), await admin.del('/api/departments/999999')]) {
      expect(res.statusCode).toBe(404);
      expect(res.json<TErrorBody>().code).toBe('NOT_FOUND');
    }
  });

  it('answers 409 DUPLICATE naming the code, or the name among siblings', async () => {
    const first = await createDept({ code: 'DUP-1' });
    const dupCode = await admin.post('/api/departments', { name: '另一个部门', code: 'DUP-1' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json<TErrorBody>()).toMatchObject({ code: 'DUPLICATE', field: 'code', message: '编码“DUP-1”已存在' });

    const parent = await createDept();
    await createDept({ name: '同名组', parentId: parent.id });
    const dupName = await admin.post('/api/departments', { name: '同名组', parentId: parent.id });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json<TErrorBody>()).toMatchObject({ code: 'DUPLICATE', field: 'name' });
    // The same name under another parent is fine.
    await createDept({ name: '同名组' });

    const second = await createDept();
    const patchDup = await admin.patch(`/api/departments/${second.id}`, { code: first.code });
    expect(patchDup.statusCode).toBe(409);
    expect(patchDup.json<TErrorBody>().field).toBe('code');
  });

  it('answers 400 DEPARTMENT_CYCLE when a department would sit under itself or its own child', async () => {
    const root = await createDept();
    const child = await createDept({ parentId: root.id });
    const grandchild = await createDept({ parentId: child.id });
    for (const parentId of [child.id, grandchild.id, root.id]) {
      const res = await admin.patch(`/api/departments/${root.id}`, { parentId });
      expect(res.statusCode).toBe(400);
      expect(res.json<TErrorBody>()).toMatchObject({ code: 'DEPARTMENT_CYCLE', field: 'parentId' });
    }
    expect((await dbRow(root.id))?.parentId).toBeNull();
  });

  it('answers 409 DEPARTMENT_NOT_EMPTY for a department with people or sub-departments', async () => {
    const withPerson = await createDept();
    await makePerson(t.database, { departmentId: withPerson.id, active: false });
    const withChild = await createDept();
    await createDept({ parentId: withChild.id });
    for (const dept of [withPerson, withChild]) {
      const res = await admin.del(`/api/departments/${dept.id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json<TErrorBody>()).toMatchObject({ code: 'DEPARTMENT_NOT_EMPTY', params: { count: 1 } });
      expect(await dbRow(dept.id)).toBeDefined();
    }
  });

  it('answers 400 INVALID_REFERENCE for an unknown or disabled head, leader or parent', async () => {
    const disabled = await makePerson(t.database, { active: false });
    const cases = [
      [{ headId: 999999 }, 'headId'],
      [{ headId: disabled.id }, 'headId'],
      [{ divisionLeaderId: 999999 }, 'divisionLeaderId'],
      [{ parentId: 999999 }, 'parentId'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await admin.post('/api/departments', { name: `引用错误-${field}`, ...body });
      expect(res.statusCode).toBe(400);
      expect(res.json<TErrorBody>()).toMatchObject({ code: 'INVALID_REFERENCE', field });
    }
    const zh = await admin.post('/api/departments', { name: '引用错误', headId: 999999 });
    expect(zh.json<TErrorBody>().message).toBe('部门负责人不存在或已停用');
    const dept = await createDept();
    const patched = await admin.patch(`/api/departments/${dept.id}`, { headId: 999999 });
    expect(patched.statusCode).toBe(400);
    expect(patched.json<TErrorBody>().field).toBe('headId');
  });

  it('answers 400, not 500, to ids beyond the integer range', async () => {
    const body = await admin.post('/api/departments', { name: '超大编号', divisionLeaderId: 99_999_999_999 });
    expect(body.statusCode).toBe(400);
    expect(body.json<TErrorBody>()).toMatchObject({ code: 'VALIDATION', field: 'divisionLeaderId' });
    const path = await admin.del('/api/departments/99999999999');
    expect(path.statusCode).toBe(400);
    expect(path.json<TErrorBody>().fields?.[0]?.field).toBe('id');
  });

  it('lets only one of two opposite moves made at the same moment through (no cycle, no 500)', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await createDept();
      const b = await createDept();
      const answers = await Promise.all([
        admin.patch(`/api/departments/${a.id}`, { parentId: b.id }),
        admin.patch(`/api/departments/${b.id}`, { parentId: a.id }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 400]);
      expect(answers.find((r) => r.statusCode === 400)?.json<TErrorBody>().code).toBe('DEPARTMENT_CYCLE');
      const parents = [(await dbRow(a.id))?.parentId, (await dbRow(b.id))?.parentId];
      expect(parents.filter((p) => p === null)).toHaveLength(1);
    }
  });
});

describe('ALL-4/ALL-5 department audit trail', () => {
  it('records who created, changed and deleted a department, the fields before/after and the IP', async () => {
    const dept = await createDept({ code: 'AUD', headId });
    await admin.patch(`/api/departments/${dept.id}`, { name: '审计改名', sortOrder: 7 });
    await admin.del(`/api/departments/${dept.id}`);
    const rows = await auditRows(dept.id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    for (const row of rows) {
      expect(row).toMatchObject({ actorId: admin.userId, actorName: '系统管理员', entity: 'department', ip: ADMIN_IP });
      expect(row.at).toBeTruthy();
    }
    const [created, updated, deleted] = rows;
    expect(created?.changes).toMatchObject({
      name: { before: null, after: dept.name },
      code: { before: null, after: 'AUD' },
      headId: { before: null, after: headId },
    });
    expect(updated?.changes).toEqual({ name: { before: dept.name, after: '审计改名' }, sortOrder: { before: 0, after: 7 } });
    expect(deleted?.changes).toMatchObject({ name: { before: '审计改名', after: null }, code: { before: 'AUD', after: null } });
  });

  it('writes no audit row and saves nothing when a mutation fails', async () => {
    const parent = await createDept({ code: 'HALF-P' });
    const child = await createDept({ parentId: parent.id, code: 'HALF-C' });
    const before = (await auditRows()).length;

    const failures = [
      await admin.post('/api/departments', { name: '半途部门', code: 'HALF-P' }),
      await admin.post('/api/departments', { name: '半途部门', headId: 999999 }),
      await admin.patch(`/api/departments/${parent.id}`, { name: '不应保存', parentId: child.id }),
      await admin.patch(`/api/departments/${parent.id}`, { name: '不应保存', headId: 999999 }),
      await admin.patch(`/api/departments/${child.id}`, { name: '不应保存', code: 'HALF-P' }),
      await admin.del(`/api/departments/${parent.id}`),
      await staff.patch(`/api/departments/${parent.id}`, { name: '不应保存' }),
    ];
    expect(failures.map((r) => r.statusCode)).toEqual([409, 400, 400, 400, 409, 409, 403]);

    expect(await auditRows()).toHaveLength(before);
    expect(await dbRow(parent.id)).toMatchObject({ name: parent.name, code: 'HALF-P', parentId: null, headId: null });
    expect(await dbRow(child.id)).toMatchObject({ name: child.name, code: 'HALF-C', parentId: parent.id });
    expect(await t.database.db.select().from(departments).where(eq(departments.name, '半途部门'))).toHaveLength(0);
  });
});
