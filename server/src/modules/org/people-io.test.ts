import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TErrorBody, TImportJob, TPersonWithPassword } from '@opsdesk/contract';
import { type Client, PASSWORD, type TestApp, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';
import { PEOPLE_HEADERS, csvOf, importSheet } from '../../../test/imports.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { UNUSABLE_PASSWORD_HASH } from '../../platform/auth/passwords.ts';
import { departments, people } from './schema.ts';

let t: TestApp;
let admin: Client;
let staff: Client;
const dept = { admin: 0, adminTeam: 0, finance: 0, financeTeam: 0 };

beforeAll(async () => {
  t = await startTestApp();
  await loginAdmin(t.app);
  admin = await login(t.app, 'admin', PASSWORD);
  const stamp = t.clock.now().toISOString();
  const insert = async (name: string, code: string | null, parentId: number | null) =>
    (await t.database.db.insert(departments).values({ name, code, parentId, createdAt: stamp, updatedAt: stamp }).returning())[0]!.id;
  dept.admin = await insert('行政部', 'XZ', null);
  dept.adminTeam = await insert('综合组', 'XZ-ZH', dept.admin);
  dept.finance = await insert('财务部', 'CW', null);
  dept.financeTeam = await insert('综合组', null, dept.finance);
  const set = (username: string, values: Partial<typeof people.$inferInsert>) => t.database.db.update(people).set(values).where(eq(people.username, username));
  await makePerson(t.database, { username: 'io.zhang', name: '张三', departmentId: dept.admin, roles: ['department_head', 'employee'] });
  await set('io.zhang', { employeeNo: 'A001', title: '主任', phone: '+86 13800000001', email: 'zhang@example.cn' });
  await makePerson(t.database, { username: 'io.li', name: '=HYPERLINK("http://evil")', departmentId: dept.adminTeam, active: false });
  await set('io.li', { employeeNo: 'A002', title: '-1+1' });
  await makePerson(t.database, { username: 'io.wang', name: '王五', departmentId: dept.finance, roles: ['employee'] });
  await makePerson(t.database, { username: 'io.staff', name: '普通员工' });
  staff = await login(t.app, 'io.staff', PASSWORD);
});
afterAll(() => t.close());

const exportRows = async (query: string) => {
  const res = await admin.get(`/api/people/export?format=csv&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const text = res.rawPayload.subarray(3).toString('utf8');
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
};

describe('ALL-1 people export: permissions and bad requests', () => {
  it('401 without a session, 403 for non-admins, 400 naming the field', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/people/export' })).statusCode).toBe(401);
    const forbidden = await staff.get('/api/people/export?format=xlsx');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<TErrorBody>().code).toBe('FORBIDDEN');
    const format = await admin.get('/api/people/export?format=pdf');
    expect(format.statusCode).toBe(400);
    expect(format.json<TErrorBody>().field).toBe('format');
    expect((await admin.get('/api/people/export?departmentId=abc')).json<TErrorBody>().field).toBe('departmentId');
  });
});

describe('ALL-1 people export as the 人员名册 template (SPEC: export to .xlsx and .csv)', () => {
  it('.xlsx: Chinese headers, roles and status in words, RFC 5987 file name, formula guard', async () => {
    const res = await admin.get(`/api/people/export?format=xlsx&departmentId=${dept.admin}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="____-20261126.xlsx"; filename*=UTF-8''${encodeURIComponent('人员名册-20261126.xlsx')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('人员名册');
    const rows = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      PEOPLE_HEADERS,
      ['A001', '张三', 'io.zhang', '行政部', '主任', "'+86 13800000001", 'zhang@example.cn', '部门负责人、员工', '启用'],
      ['A002', '\'=HYPERLINK("http://evil")', 'io.li', '综合组', "'-1+1", undefined, undefined, '员工', '停用'],
    ]);
  });

  it('.csv: UTF-8 BOM, the same columns, RFC 4180 quoting, formula guard', async () => {
    const res = await admin.get(`/api/people/export?format=csv&departmentId=${dept.admin}`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('人员名册-20261126.csv')}`);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.rawPayload.subarray(3).toString('utf8')).toBe(
      `${PEOPLE_HEADERS.join(',')}\r\n` +
        "A001,张三,io.zhang,行政部,主任,'+86 13800000001,zhang@example.cn,部门负责人、员工,启用\r\n" +
        'A002,"\'=HYPERLINK(""http://evil"")",io.li,综合组,\'-1+1,,,员工,停用\r\n',
    );
  });

  it('honours the list’s filters: department subtree, status, role, search', async () => {
    const names = (rows: string[][]) => rows.slice(1).map((r) => r[2]);
    expect(names(await exportRows(`departmentId=${dept.admin}`))).toEqual(['io.zhang', 'io.li']);
    expect(names(await exportRows(`departmentId=${dept.finance}`))).toEqual(['io.wang']);
    expect(names(await exportRows('active=false'))).toEqual(['io.li']);
    expect(names(await exportRows('role=department_head'))).toEqual(['io.zhang']);
    expect(names(await exportRows('q=王五'))).toEqual(['io.wang']);
    expect((await exportRows('q=nobody-matches')).length).toBe(1); // the header row only
  });

  it('leaves an audit row for the bulk copy of personal data (ALL-4)', async () => {
    await exportRows('active=true');
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'person'), eq(auditLog.action, 'export')));
    expect(rows.at(-1)?.changes).toMatchObject({ format: { after: 'csv' }, filters: { after: { active: 'true', scope: 'all' } } });
  });
});

describe('ALL-1 people import (kind people)', () => {
  const row = (values: Record<string, string>) => PEOPLE_HEADERS.map((h) => values[h] ?? '');

  it('previews people errors by row and column: roles, status, departments, existing accounts', async () => {
    const data = csvOf([
      PEOPLE_HEADERS,
      row({ 姓名: '甲', 用户名: 'io.new1', 角色: '员工、老板' }),
      row({ 姓名: '乙', 用户名: 'IO.ZHANG', 工号: 'A002' }),
      row({ 姓名: '丙', 用户名: 'io.new3', 部门: '综合组' }),
      row({ 姓名: '丁', 用户名: 'io.new4', 部门: '人事部' }),
      row({ 姓名: '戊', 用户名: '王 五', 状态: '离职' }),
    ]);
    const job = await importSheet(t.app, admin, '人员名册.csv', data);
    expect(job.status).toBe('ready');
    expect(job.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '角色', expect.stringMatching(/^角色：没有“老板”这个角色，可填：系统管理员、/)],
      [3, '用户名', '用户名：“IO.ZHANG”已存在'],
      [3, '工号', '工号：“A002”已存在'],
      [4, '部门', '部门：有多个名为“综合组”的部门，请改填部门编码'],
      [5, '部门', '部门：没有名称或编码为“人事部”的部门'],
      [6, '用户名', '用户名：格式不正确'],
      [6, '状态', '状态：只能填写“启用”或“停用”'],
    ]);
  });

  it('imports people with departments by name or code, roles and status in words, and no usable password', async () => {
    const data = csvOf([
      PEOPLE_HEADERS,
      row({ 工号: 'B001', 姓名: '赵六', 用户名: 'io.zhao', 部门: '财务部', 职务: '会计', 手机号: "'+86 13900000000", 邮箱: 'zhao@example.cn', 角色: '系统管理员、员工', 状态: '启用' }),
      row({ 工号: 'B002', 姓名: '钱七', 用户名: 'io.qian', 部门: 'xz-zh', 状态: '停用' }),
    ]);
    const job = await importSheet(t.app, admin, '新人.csv', data);
    expect(job.errorCount).toBe(0);
    const res = await admin.post(`/api/imports/${job.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    const [zhao] = await t.database.db.select().from(people).where(eq(people.username, 'io.zhao'));
    expect(zhao).toMatchObject({
      employeeNo: 'B001',
      name: '赵六',
      departmentId: dept.finance,
      title: '会计',
      phone: '+86 13900000000',
      email: 'zhao@example.cn',
      roles: ['admin', 'employee'],
      active: true,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      mustChangePassword: true,
    });
    const [qian] = await t.database.db.select().from(people).where(eq(people.username, 'io.qian'));
    expect(qian).toMatchObject({ departmentId: dept.adminTeam, roles: ['employee'], active: false, employeeNo: 'B002', phone: null });

    // No password matches the marker: sign-in fails cleanly until the admin issues one.
    for (const password of ['', UNUSABLE_PASSWORD_HASH, PASSWORD]) {
      const denied = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'io.zhao', password: password || 'x' }, remoteAddress: '10.77.0.1' });
      expect(denied.statusCode).toBe(401);
      expect(denied.json<TErrorBody>().code).toBe('BAD_CREDENTIALS');
    }
    const issued = await admin.post(`/api/people/${zhao!.id}/reset-password`);
    expect(issued.statusCode).toBe(200);
    const signedIn = await login(t.app, 'io.zhao', issued.json<TPersonWithPassword>().initialPassword, '10.77.0.2');
    expect((await signedIn.get('/api/auth/session')).json().user.mustChangePassword).toBe(true);
  });

  it('round trip: an exported sheet imports back unchanged (guards undone, words understood)', async () => {
    const exported = await admin.get(`/api/people/export?format=xlsx&departmentId=${dept.admin}`);
    // Re-import the same people under new usernames and numbers, as an admin copying a sheet would.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      r.getCell(1).value = `R${n}`;
      r.getCell(3).value = `rt.${n}`;
      r.getCell(4).value = r.getCell(4).value === '综合组' ? 'XZ-ZH' : r.getCell(4).value;
    });
    const job = await importSheet(t.app, admin, '回传.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(job.errors).toEqual([]);
    expect((await admin.post(`/api/imports/${job.id}/commit`)).statusCode).toBe(200);
    const [li] = await t.database.db.select().from(people).where(eq(people.username, 'rt.3'));
    expect(li).toMatchObject({ name: '=HYPERLINK("http://evil")', title: '-1+1', active: false, departmentId: dept.adminTeam });
    const [zhang] = await t.database.db.select().from(people).where(eq(people.username, 'rt.2'));
    expect(zhang).toMatchObject({ phone: '+86 13800000001', roles: ['department_head', 'employee'], departmentId: dept.admin });
  });

  it('the job is reported as TImportJob with the kind and format', async () => {
    const job = await importSheet(t.app, admin, 'x.csv', csvOf([PEOPLE_HEADERS, row({ 姓名: '孙八', 用户名: 'io.sun' })]));
    expect(job).toMatchObject<Partial<TImportJob>>({ kind: 'people', format: 'csv', status: 'ready', errorCount: 0 });
  });
});
