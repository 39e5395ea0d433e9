import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry } from '@opsdesk/contract';
import { rowsOf } from '../access/scope.ts';
import { PASSWORD, type TestApp, type Client, login, loginAdmin, makePerson, startTestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
let auditor: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await makePerson(t.database, { username: 'auditor', name: '孙丽', roles: ['auditor'] });
  auditor = await login(t.app, 'auditor', PASSWORD);
});
afterAll(() => t.close());

describe('ALL-4 audit trail', () => {
  it('records a mutation with actor, entity, changed fields before/after, time and IP', async () => {
    const created = await admin.post('/api/departments', { name: '质量部', code: 'ZL' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    await admin.patch(`/api/departments/${id}`, { name: '质量管理部' });
    const res = await auditor.get(`/api/audit?entity=department&entityId=${id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as TAuditEntry[];
    expect(items.map((i) => i.action)).toEqual(['update', 'create']);
    expect(items[0]).toMatchObject({
      actorName: '系统管理员',
      entity: 'department',
      entityId: String(id),
      ip: '127.0.0.1',
      at: t.clock.now().toISOString(),
      changes: { name: { before: '质量部', after: '质量管理部' } },
    });
    expect(items[1]!.changes).toMatchObject({ name: { before: null, after: '质量部' }, code: { before: null, after: 'ZL' } });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await expect(t.database.exec(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.database.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.database.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const [row] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'tampered'`));
    expect(row?.n).toBe(0);
  });

  it('filters by actor, action and company-calendar dates', async () => {
    const byActor = (await auditor.get(`/api/audit?actorId=${admin.userId}&action=create`)).json().items as TAuditEntry[];
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((i) => i.actorId === admin.userId && i.action === 'create')).toBe(true);
    // 2026-11-26T02:00Z is 10:00 on 2026-11-26 in Asia/Shanghai.
    expect((await auditor.get('/api/audit?from=2026-11-26&to=2026-11-26')).json().total).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit?from=2026-11-27')).json().total).toBe(0);
    expect((await auditor.get('/api/audit?to=2026-11-25')).json().total).toBe(0);
  });

  it('pages with a total', async () => {
    const page = (await auditor.get('/api/audit?pageSize=2&page=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const next = (await auditor.get('/api/audit?pageSize=2&page=2')).json();
    expect(next.items[0].id).toBeLessThan(page.items[1].id);
  });
});

describe('ALL-7 separation of duties on the audit log', () => {
  it('401 without login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });
  it('403 for the system administrator and for staff', async () => {
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    await makePerson(t.database, { username: 'staff' });
    const staff = await login(t.app, 'staff', PASSWORD);
    const res = await staff.get('/api/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '您没有执行此操作的权限' });
  });
  it('400 naming the field for a bad date', async () => {
    const res = await auditor.get('/api/audit?from=2026-13-45');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'from', message: '开始日期：日期格式应为 YYYY-MM-DD' });
  });
});
