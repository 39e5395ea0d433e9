import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TErrorBody, TPeoplePage, TPerson, TPersonWithPassword } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { departments, people } from './schema.ts';

const ADMIN_IP = '10.30.0.1';

let t: TestApp;
let admin: Client;
let staff: Client;
let staffId: number;
const dept = { root: 0, child: 0, other: 0 };
let ipSeq = 0;

const tryLogin = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.31.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}` });

beforeAll(async () => {
  t = await startTestApp();
  await loginAdmin(t.app);
  admin = await login(t.app, 'admin', PASSWORD, ADMIN_IP);
  const stamp = t.clock.now().toISOString();
  const insert = async (name: string, parentId: number | null) =>
    (await t.database.db.insert(departments).values({ name, parentId, createdAt: stamp, updatedAt: stamp }).returning())[0]!.id;
  dept.root = await insert('人员测试根部门', null);
  dept.child = await insert('人员测试子部门', dept.root);
  dept.other = await insert('人员测试其他部门', null);
  staffId = (await makePerson(t.database, { username: 'p.staff', name: '普通员工', departmentId: dept.root })).id;
  staff = await login(t.app, 'p.staff', PASSWORD);
});
afterAll(() => t.close());

const list = async (client: Client, query: string) => {
  const res = await client.get(`/api/people?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body).not.toMatch(/passwordHash|argon2/);
  return res.json<TPeoplePage>();
};
const usernames = (page: TPeoplePage) => page.items.map((p) => p.username).sort();
const personAudit = (id: number) =>
  t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'person'), eq(auditLog.entityId, String(id)))).orderBy(auditLog.id);
const dbPerson = async (id: number) => (await t.database.db.select().from(people).where(eq(people.id, id)))[0]!;

describe('ALL-1 people endpoints: sign-in and permissions', () => {
  it('answers 401 to every people endpoint without a session', async () => {
    const calls = [
      { method: 'GET' as const, url: '/api/people' },
      { method: 'GET' as const, url: `/api/people/${staffId}` },
      { method: 'POST' as const, url: '/api/people', payload: { username: 'anon', name: '匿名' } },
      { method: 'PATCH' as const, url: `/api/people/${staffId}`, payload: { name: '匿名' } },
      { method: 'POST' as const, url: `/api/people/${staffId}/reset-password` },
      { method: 'POST' as const, url: `/api/people/${staffId}/unlock` },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json<TErrorBody>().code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets staff read the directory but answers 403 to every mutation', async () => {
    expect((await staff.get('/api/people')).statusCode).toBe(200);
    expect((await staff.get(`/api/people/${staffId}`)).statusCode).toBe(200);
    const target = await makePerson(t.database, { name: '被改的人' });
    const denied = [
      await staff.post('/api/people', { username: 'by.staff', name: '员工建的人' }),
      await staff.patch(`/api/people/${target.id}`, { name: '员工改的名' }),
      await staff.patch(`/api/people/${staffId}`, { roles: ['admin'] }),
      await staff.post(`/api/people/${target.id}/reset-password`),
      await staff.post(`/api/people/${target.id}/unlock`),
    ];
    for (const res of denied) expect(res.json<TErrorBody>()).toMatchObject({ code: 'FORBIDDEN' });
    expect(denied.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    expect((await dbPerson(target.id)).name).toBe('被改的人');
    expect((await dbPerson(staffId)).roles).toEqual(['employee']);
  });
});

describe('ALL-1 GET /api/people filters and paging', () => {
  beforeAll(async () => {
    await makePerson(t.database, { username: 'f.root', name: '过滤根甲', departmentId: dept.root, roles: ['department_head'] });
    await makePerson(t.database, { username: 'f.child', name: '过滤子乙', departmentId: dept.child });
    await makePerson(t.database, { username: 'f.other', name: '过滤其他丙', departmentId: dept.other, roles: ['auditor'] });
    await makePerson(t.database, { username: 'f.off', name: '过滤停用丁', departmentId: dept.child, active: false });
    await t.database.db.update(people).set({ employeeNo: 'F-9001', phone: '13900009001' }).where(eq(people.username, 'f.other'));
  });

  it('finds people by part of name, username, employee number or phone, treating % literally', async () => {
    expect(usernames(await list(admin, `q=${encodeURIComponent('过滤子')}`))).toEqual(['f.child']);
    expect(usernames(await list(admin, 'q=F.ROO'))).toEqual(['f.root']);
    expect(usernames(await list(admin, 'q=F-9001'))).toEqual(['f.other']);
    expect(usernames(await list(admin, 'q=0009001'))).toEqual(['f.other']);
    expect((await list(admin, `q=${encodeURIComponent('%')}`)).total).toBe(0);
  });

  it('filters by department including sub-departments, by role and by active', async () => {
    expect(usernames(await list(admin, `departmentId=${dept.root}`))).toEqual(['f.child', 'f.off', 'f.root', 'p.staff']);
    expect(usernames(await list(admin, `departmentId=${dept.child}`))).toEqual(['f.child', 'f.off']);
    expect(usernames(await list(admin, 'role=auditor'))).toEqual(['f.other']);
    expect(usernames(await list(admin, `departmentId=${dept.root}&active=false`))).toEqual(['f.off']);
    expect(usernames(await list(admin, `departmentId=${dept.root}&active=true&role=department_head`))).toEqual(['f.root']);
  });

  it('scopes to my department (with sub-departments) or to mine', async () => {
    expect(usernames(await list(staff, 'scope=department'))).toEqual(['f.child', 'f.off', 'f.root', 'p.staff']);
    expect(usernames(await list(staff, 'scope=mine'))).toEqual(['p.staff']);
    const everyone = await list(staff, 'scope=all');
    expect(everyone.total).toBe((await t.database.db.select().from(people)).length);
    // The admin belongs to no department: the department scope is empty, not everything.
    expect((await list(admin, 'scope=department')).total).toBe(0);
  });

  it('pages with a stable order and a total', async () => {
    const all = await list(admin, `departmentId=${dept.root}`);
    const page1 = (await admin.get(`/api/people?departmentId=${dept.root}&pageSize=3&page=1`)).json<TPeoplePage>();
    const page2 = (await admin.get(`/api/people?departmentId=${dept.root}&pageSize=3&page=2`)).json<TPeoplePage>();
    expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect([...page1.items, ...page2.items].map((p) => p.id)).toEqual(all.items.map((p) => p.id));
  });

  it('answers 400 naming the field for bad query values', async () => {
    const cases = [
      ['pageSize=0', 'pageSize'],
      ['pageSize=500', 'pageSize'],
      ['page=0', 'page'],
      ['role=king', 'role'],
      ['active=yes', 'active'],
      ['scope=world', 'scope'],
      ['departmentId=abc', 'departmentId'],
    ] as const;
    for (const [query, field] of cases) {
      const res = await admin.get(`/api/people?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<TErrorBody>().fields?.[0]?.field).toBe(field);
    }
  });
});

describe('ALL-1 GET /api/people/:id', () => {
  it('answers the presented person without secrets, 404 for an unknown id and 400 for a bad one', async () => {
    const res = await staff.get(`/api/people/${staffId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: staffId, username: 'p.staff', name: '普通员工', employeeNo: null, phone: null, email: null, departmentId: dept.root,
      departmentName: '人员测试根部门', title: null, roles: ['employee'], active: true, locked: false, createdAt: expect.any(String),
    });
    expect(res.body).not.toMatch(/passwordHash|argon2|mustChangePassword/);
    expect((await admin.get('/api/people/999999')).statusCode).toBe(404);
    expect((await admin.get('/api/people/999999')).json<TErrorBody>().code).toBe('NOT_FOUND');
    expect((await admin.get('/api/people/abc')).statusCode).toBe(400);
    // Beyond PostgreSQL's integer range: a bad id, not a server error.
    expect((await admin.get('/api/people/99999999999')).statusCode).toBe(400);
    expect((await admin.get('/api/people?departmentId=99999999999')).json<TErrorBody>().field).toBe('departmentId');
    const ref = await admin.post('/api/people', { username: 'big.dept', name: '超大部门号', departmentId: 99_999_999_999 });
    expect(ref.json<TErrorBody>()).toMatchObject({ code: 'VALIDATION', field: 'departmentId' });
  });
});

describe('ALL-1/ALL-8 POST /api/people', () => {
  it('creates the account with a one-time password that must be changed at first login', async () => {
    const res = await admin.post('/api/people', {
      username: 'new.hire', name: '新同事', employeeNo: 'N-001', email: 'new.hire@example.com', phone: '138 0000 1111',
      departmentId: dept.child, title: '工程师', roles: ['employee', 'employee'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/passwordHash|argon2/);
    const { person, initialPassword } = res.json<TPersonWithPassword>();
    expect(person).toMatchObject({ username: 'new.hire', departmentName: '人员测试子部门', roles: ['employee'], active: true, locked: false });
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);

    const newcomer = await login(t.app, 'new.hire', initialPassword, '10.32.0.1');
    const blocked = await newcomer.get('/api/people');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<TErrorBody>().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await newcomer.post('/api/auth/password', { currentPassword: initialPassword, newPassword: 'Fresh-pass-9' });
    expect(changed.statusCode).toBe(200);
    expect((await newcomer.get('/api/people')).statusCode).toBe(200);

    const [row] = await personAudit(person.id);
    expect(row).toMatchObject({ action: 'create', actorId: admin.userId, ip: ADMIN_IP });
    expect(row?.changes).toMatchObject({ username: { before: null, after: 'new.hire' }, passwordHash: { before: null, after: '***' } });
    expect(JSON.stringify(row?.changes)).not.toMatch(/argon2|Fresh-pass|initialPassword/);
  });

  it('uses the initial password the admin typed', async () => {
    const res = await admin.post('/api/people', { username: 'typed.pw', name: '指定密码', initialPassword: 'Chosen-pass-1' });
    expect(res.json<TPersonWithPassword>().initialPassword).toBe('Chosen-pass-1');
    expect((await tryLogin('typed.pw', 'Chosen-pass-1')).statusCode).toBe(200);
  });

  it('answers 409 naming the username for a duplicate, whatever its case', async () => {
    const res = await admin.post('/api/people', { username: 'P.STAFF', name: '重名' });
    expect(res.statusCode).toBe(409);
    expect(res.json<TErrorBody>()).toMatchObject({ code: 'DUPLICATE', field: 'username', message: '用户名“P.STAFF”已存在' });
    const dupNo = await admin.post('/api/people', { username: 'dup.no', name: '重号', employeeNo: 'N-001' });
    expect(dupNo.json<TErrorBody>()).toMatchObject({ code: 'DUPLICATE', field: 'employeeNo' });
    expect(await t.database.db.select().from(people).where(eq(people.username, 'dup.no'))).toHaveLength(0);
  });

  it('answers 400 naming the field for bad input and for an unknown department', async () => {
    const cases = [
      [{ username: 'a b', name: '空格' }, 'username'],
      [{ username: 'x', name: '太短' }, 'username'],
      [{ username: 'no.name' }, 'name'],
      [{ username: 'bad.mail', name: '邮箱', email: 'not-mail' }, 'email'],
      [{ username: 'bad.role', name: '角色', roles: ['king'] }, 'roles.0'],
      [{ username: 'short.pw', name: '短密码', initialPassword: 'short' }, 'initialPassword'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await admin.post('/api/people', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<TErrorBody>().fields?.[0]?.field).toBe(field);
    }
    const ref = await admin.post('/api/people', { username: 'bad.dept', name: '部门', departmentId: 999999 });
    expect(ref.statusCode).toBe(400);
    expect(ref.json<TErrorBody>()).toMatchObject({ code: 'INVALID_REFERENCE', field: 'departmentId', message: '所属部门不存在或已停用' });
  });
});

describe('ALL-1 PATCH /api/people/:id', () => {
  it('changes only the fields named, and answers 400/404 for bad input or an unknown person', async () => {
    const p = await makePerson(t.database, { roles: ['department_head', 'employee'], departmentId: dept.other });
    const res = await admin.patch(`/api/people/${p.id}`, { title: '主管', phone: '13800001234' });
    expect(res.statusCode).toBe(200);
    expect(res.json<TPerson>()).toMatchObject({ title: '主管', phone: '13800001234', roles: ['department_head', 'employee'], active: true, departmentId: dept.other });
    const [row] = (await personAudit(p.id)).slice(-1);
    expect(row).toMatchObject({ action: 'update', ip: ADMIN_IP });
    expect(row?.changes).toEqual({ title: { before: null, after: '主管' }, phone: { before: null, after: '13800001234' } });

    const bad = await admin.patch(`/api/people/${p.id}`, { name: '' });
    expect(bad.json<TErrorBody>().fields?.[0]).toEqual({ field: 'name', message: '名称：不能为空' });
    expect((await admin.patch(`/api/people/${p.id}`, { departmentId: 999999 })).json<TErrorBody>().code).toBe('INVALID_REFERENCE');
    expect((await admin.patch('/api/people/999999', { name: '无人' })).statusCode).toBe(404);
    expect((await dbPerson(p.id)).departmentId).toBe(dept.other);
  });

  it('disabling ends the person’s sessions at once and blocks their login; enabling lets them back', async () => {
    const p = await makePerson(t.database, { username: 'to.disable' });
    const client = await login(t.app, 'to.disable', PASSWORD, '10.33.0.1');
    expect((await client.get('/api/people')).statusCode).toBe(200);
    const res = await admin.patch(`/api/people/${p.id}`, { active: false });
    expect(res.json<TPerson>()).toMatchObject({ active: false, roles: ['employee'] });
    expect((await client.get('/api/people')).statusCode).toBe(401);
    const refused = await tryLogin('to.disable', PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json<TErrorBody>().code).toBe('ACCOUNT_DISABLED');

    // A later edit of another field must not re-enable the account.
    expect((await admin.patch(`/api/people/${p.id}`, { title: '已离职' })).json<TPerson>().active).toBe(false);
    expect((await admin.patch(`/api/people/${p.id}`, { active: true })).json<TPerson>().active).toBe(true);
    expect((await tryLogin('to.disable', PASSWORD)).statusCode).toBe(200);
    const actions = (await personAudit(p.id)).map((r) => r.action);
    expect(actions).toEqual(['disable', 'update', 'enable']);
  });

  it('a role change takes effect on the next request of an open session', async () => {
    const p = await makePerson(t.database, { username: 'promoted' });
    const client = await login(t.app, 'promoted', PASSWORD, '10.33.0.2');
    expect((await client.post('/api/departments', { name: '晋升前' })).statusCode).toBe(403);
    await admin.patch(`/api/people/${p.id}`, { roles: ['admin'] });
    expect((await client.post('/api/departments', { name: '晋升后' })).statusCode).toBe(201);
    await admin.patch(`/api/people/${p.id}`, { roles: ['employee'] });
    expect((await client.post('/api/departments', { name: '降级后' })).statusCode).toBe(403);
  });

  it('ALL-7 keeps the last active admin: neither disabled nor stripped of the role (409 LAST_ADMIN)', async () => {
    const adminId = admin.userId;
    const auditBefore = (await personAudit(adminId)).length;
    const off = await admin.patch(`/api/people/${adminId}`, { active: false });
    expect(off.statusCode).toBe(409);
    expect(off.json<TErrorBody>()).toMatchObject({ code: 'LAST_ADMIN', field: 'active', message: '至少要保留一名启用的系统管理员' });
    const demoted = await admin.patch(`/api/people/${adminId}`, { roles: ['employee'], name: '不应保存' });
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json<TErrorBody>().field).toBe('roles');
    // Editing the last admin's other fields is fine and keeps the role.
    expect((await admin.patch(`/api/people/${adminId}`, { title: '信息部' })).json<TPerson>().roles).toEqual(['admin']);
    expect(await dbPerson(adminId)).toMatchObject({ active: true, roles: ['admin'], name: '系统管理员' });
    expect((await personAudit(adminId)).length).toBe(auditBefore + 1);

    // With a second active admin, one of them may step down.
    const second = await makePerson(t.database, { roles: ['admin'] });
    expect((await admin.patch(`/api/people/${second.id}`, { roles: ['employee'] })).statusCode).toBe(200);
    expect((await admin.patch(`/api/people/${adminId}`, { active: false })).statusCode).toBe(409);
  });
});

describe('ALL-8 POST /api/people/:id/reset-password', () => {
  it('issues a new one-time password, ends the sessions and forces a change', async () => {
    const p = await makePerson(t.database, { username: 'forgetful' });
    const client = await login(t.app, 'forgetful', PASSWORD, '10.34.0.1');
    const res = await admin.post(`/api/people/${p.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/passwordHash|argon2/);
    const { person, initialPassword } = res.json<TPersonWithPassword>();
    expect(person.id).toBe(p.id);
    expect(initialPassword).not.toBe(PASSWORD);

    expect((await client.get('/api/people')).statusCode).toBe(401);
    expect((await tryLogin('forgetful', PASSWORD)).json<TErrorBody>().code).toBe('BAD_CREDENTIALS');
    const fresh = await login(t.app, 'forgetful', initialPassword, '10.34.0.2');
    expect((await fresh.get('/api/people')).json<TErrorBody>().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await fresh.post('/api/auth/password', { currentPassword: initialPassword, newPassword: 'Remember-2' })).statusCode).toBe(200);
    expect((await fresh.get('/api/people')).statusCode).toBe(200);

    const row = (await personAudit(p.id)).find((r) => r.action === 'password_reset');
    expect(row).toMatchObject({ actorId: admin.userId, ip: ADMIN_IP });
    expect(row?.changes).toEqual({ passwordHash: { before: '***', after: '***' }, mustChangePassword: { before: false, after: true } });
  });

  it('answers 404 for an unknown person and 400 for a bad id', async () => {
    expect((await admin.post('/api/people/999999/reset-password')).json<TErrorBody>().code).toBe('NOT_FOUND');
    expect((await admin.post('/api/people/0/reset-password')).statusCode).toBe(400);
  });
});

describe('ALL-8 POST /api/people/:id/unlock', () => {
  const lockOut = async (username: string) => {
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await tryLogin(username, 'wrong-password-1')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 423]);
  };

  it('shows a locked account in the list and lets the admin lift the lock', async () => {
    const p = await makePerson(t.database, { username: 'locked.out', name: '被锁定者' });
    await lockOut('LOCKED.OUT');
    expect((await tryLogin('locked.out', PASSWORD)).json<TErrorBody>().code).toBe('ACCOUNT_LOCKED');
    expect((await list(admin, 'q=locked.out')).items[0]?.locked).toBe(true);
    expect((await admin.get(`/api/people/${p.id}`)).json<TPerson>().locked).toBe(true);

    const res = await admin.post(`/api/people/${p.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json<TPerson>()).toMatchObject({ id: p.id, locked: false });
    expect((await tryLogin('locked.out', PASSWORD)).statusCode).toBe(200);
    expect((await personAudit(p.id)).filter((r) => r.action === 'unlock')).toHaveLength(1);
  });

  it('shows the lock gone once its 15 minutes are over', async () => {
    await makePerson(t.database, { username: 'waits.out' });
    await lockOut('waits.out');
    expect((await list(admin, 'q=waits.out')).items[0]?.locked).toBe(true);
    t.clock.advanceMinutes(14);
    expect((await list(admin, 'q=waits.out')).items[0]?.locked).toBe(true);
    t.clock.advanceMinutes(2);
    expect((await list(admin, 'q=waits.out')).items[0]?.locked).toBe(false);
    expect((await tryLogin('waits.out', PASSWORD)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown person', async () => {
    expect((await admin.post('/api/people/999999/unlock')).statusCode).toBe(404);
  });
});

describe('ALL-7 last admin under concurrency', () => {
  it('keeps one active admin when two admins disable each other at the same moment', async () => {
    let survivor = admin;
    for (let round = 0; round < 3; round++) {
      const other = await makePerson(t.database, { roles: ['admin'] });
      const challenger = await login(t.app, other.username, PASSWORD, `10.35.0.${round}`);
      const answers = await Promise.all([
        survivor.patch(`/api/people/${challenger.userId}`, { active: false }),
        challenger.patch(`/api/people/${survivor.userId}`, { active: false }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const active = await t.database.db.select({ id: people.id, roles: people.roles }).from(people).where(eq(people.active, true));
      const admins = active.filter((p) => p.roles.includes('admin'));
      expect(admins).toHaveLength(1);
      survivor = admins[0]?.id === survivor.userId ? survivor : challenger;
    }
  });
});

describe('ALL-4 no secrets in the audit trail', () => {
  it('never stores a password hash or a plain password in any audit row', async () => {
    const rows = await t.database.db.select().from(auditLog);
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows.map((r) => r.changes));
    expect(text).not.toMatch(/\$argon2|Chosen-pass-1|Remember-2|Fresh-pass-9/);
  });
});
