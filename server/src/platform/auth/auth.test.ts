import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, PASSWORD, type TestApp, login, makePerson, startTestApp } from '../../../test/harness.ts';
import { auditLog } from '../audit/schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const tryLogin = (username: string, password: string, remoteAddress = '127.0.0.1', lang?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    headers: lang ? { 'accept-language': lang } : {},
  });

describe('ALL-8 first administrator', () => {
  it('must change the first admin password before anything else', async () => {
    const admin = await login(t.app, 'admin', ADMIN_PASSWORD);
    const blocked = await admin.get('/api/people');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const session = await admin.get('/api/auth/session');
    expect(session.json().user.mustChangePassword).toBe(true);

    const weak = await admin.post('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    const wrong = await admin.post('/api/auth/password', { currentPassword: 'nope-1234', newPassword: PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });

    const changed = await admin.post('/api/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: PASSWORD });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    expect((await admin.get('/api/people')).statusCode).toBe(200);
    expect((await tryLogin('admin', ADMIN_PASSWORD)).statusCode).toBe(401);
  });
});

describe('ALL-8 login and sessions', () => {
  it('sets an httpOnly SameSite session cookie and never returns the password hash', async () => {
    await makePerson(t.database, { username: 'cookie.user' });
    const res = await tryLogin('Cookie.User', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'opsdesk_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.body).not.toMatch(/argon2|passwordHash/);
    expect(res.json().csrfToken).toHaveLength(43);
  });

  it('answers 401 to a wrong password and to an unknown user alike, in the caller’s language', async () => {
    const wrong = await tryLogin('cookie.user', 'bad-password-1', '10.9.0.1');
    const unknown = await tryLogin('nobody-here', 'bad-password-1', '10.9.0.1', 'en-US');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'BAD_CREDENTIALS', message: 'Wrong username or password' });
  });

  it('400 names the missing field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', field: 'password', message: '密码：必填' });
  });

  it('requires login for the API: 401 without a cookie or with a forged one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const forged = await t.app.inject({ method: 'GET', url: '/api/people', headers: { cookie: 'opsdesk_sid=forged' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('UNAUTHENTICATED');
  });

  it('settles login before validation: a bad body without login is 401, not 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/departments', payload: { name: '' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('logout ends the session: the same cookie is refused afterwards', async () => {
    await makePerson(t.database, { username: 'leaving' });
    const c = await login(t.app, 'leaving', PASSWORD);
    expect((await c.get('/api/auth/session')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('changing the password ends the person’s other sessions but keeps this one', async () => {
    await makePerson(t.database, { username: 'two.devices' });
    const phone = await login(t.app, 'two.devices', PASSWORD);
    const laptop = await login(t.app, 'two.devices', PASSWORD);
    const res = await laptop.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'N3w-password' });
    expect(res.statusCode).toBe(200);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('the language switch is remembered per user and localizes errors', async () => {
    await makePerson(t.database, { username: 'english' });
    const c = await login(t.app, 'english', PASSWORD);
    const switched = await c.put('/api/auth/locale', { locale: 'en-US' });
    expect(switched.json().user.locale).toBe('en-US');
    const again = await login(t.app, 'english', PASSWORD);
    expect((await again.get('/api/auth/session')).json().user.locale).toBe('en-US');
    const bad = await again.put('/api/auth/locale', { locale: 'fr-FR' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'locale', message: 'Language: has an invalid value' });
  });
});

describe('ALL-8 CSRF', () => {
  it('refuses a mutation without the session’s CSRF token with 403', async () => {
    await makePerson(t.database, { username: 'csrf.user' });
    const c = await login(t.app, 'csrf.user', PASSWORD);
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('CSRF');
    const wrong = await t.app.inject({ method: 'PUT', url: '/api/auth/locale', payload: { locale: 'en-US' }, headers: { cookie: c.cookie, 'x-csrf-token': 'guess' } });
    expect(wrong.statusCode).toBe(403);
    expect((await c.get('/api/auth/session')).json().user.locale).toBe('zh-CN');
  });
});

describe('ALL-8 lockout', () => {
  it('locks an account after 5 failures within 15 minutes, for 15 minutes, even for the right password', async () => {
    await makePerson(t.database, { username: 'locked.out' });
    for (let i = 0; i < 4; i++) expect((await tryLogin('locked.out', 'wrong-pass-1', `10.1.0.${i}`)).statusCode).toBe(401);
    const fifth = await tryLogin('locked.out', 'wrong-pass-1', '10.1.0.9');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', params: { minutes: 15 } });
    expect((await tryLogin('locked.out', PASSWORD, '10.1.1.1')).statusCode).toBe(423);
    t.clock.advanceMinutes(14);
    expect((await tryLogin('locked.out', PASSWORD, '10.1.1.1')).json().params.minutes).toBe(1);
    t.clock.advanceMinutes(1);
    expect((await tryLogin('locked.out', PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('locks a client IP after 5 failures across any accounts', async () => {
    await makePerson(t.database, { username: 'ip.victim' });
    for (let i = 0; i < 5; i++) await tryLogin(`guess${i}`, 'wrong-pass-1', '10.2.0.1');
    const res = await tryLogin('ip.victim', PASSWORD, '10.2.0.1');
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('IP_LOCKED');
    expect((await tryLogin('ip.victim', PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('audits failed logins with the client IP', async () => {
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'login_failed'));
    expect(rows.some((r) => r.ip === '10.2.0.1' && (r.changes as Record<string, { after: unknown }>).username?.after === 'guess0')).toBe(true);
  });
});

describe('ALL-8 disabling a user', () => {
  it('ends their sessions at once and refuses their login', async () => {
    const admin = await login(t.app, 'admin', PASSWORD); // changed in the first test
    const p = await makePerson(t.database, { username: 'to.disable' });
    const c = await login(t.app, 'to.disable', PASSWORD);
    expect((await admin.patch(`/api/people/${p.id}`, { active: false })).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
    const again = await tryLogin('to.disable', PASSWORD, '10.3.0.1');
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
  });
});
