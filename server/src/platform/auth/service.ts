import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { TChangePasswordRequest, TLocale, TLoginRequest } from '@opsdesk/contract';
import { people } from '../../modules/org/schema.ts';
import { AppError } from '../http/errors.ts';
import { type Ctx, mutate } from '../http/context.ts';
import { loginFailures } from './schema.ts';
import { LOCKOUT, lockedUntil, minutesLeft } from './lockout.ts';
import { hashPassword, isStrongEnough, isUsableHash, verifyPassword } from './passwords.ts';
import type { SessionStore } from './sessions.ts';

// Spent on unknown usernames too, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

async function lockState(ctx: Ctx, kind: 'account' | 'ip', key: string) {
  const since = new Date(ctx.now.getTime() - LOCKOUT.windowMs - LOCKOUT.lockMs).toISOString();
  const rows = await ctx.db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.kind, kind), eq(loginFailures.key, key), gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .limit(LOCKOUT.maxFailures);
  return lockedUntil(
    rows.map((r) => new Date(r.at)),
    ctx.now,
  );
}

/** ALL-8: username + password; 5 failures per account or per IP in 15 minutes lock for 15 minutes. */
export async function login(ctx: Ctx, store: SessionStore, input: TLoginRequest, userAgent: string | null) {
  const accountKey = input.username.toLowerCase();
  const ip = ctx.ip ?? 'unknown';
  const ipLock = await lockState(ctx, 'ip', ip);
  if (ipLock) throw new AppError('IP_LOCKED', undefined, { minutes: minutesLeft(ipLock, ctx.now) });
  const accountLock = await lockState(ctx, 'account', accountKey);
  if (accountLock) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: minutesLeft(accountLock, ctx.now) });

  const [person] = await ctx.db.select().from(people).where(sql`lower(${people.username}) = ${accountKey}`);
  dummyHash ??= hashPassword('not-a-real-password-1');
  // An account without a usable password (imported) costs the same time as any wrong password.
  const usable = !!person && isUsableHash(person.passwordHash);
  const ok = (await verifyPassword(person && usable ? person.passwordHash : await dummyHash, input.password)) && usable;

  if (!person || !ok) {
    await mutate(ctx, async (tx, audit) => {
      const at = ctx.now.toISOString();
      await tx.insert(loginFailures).values([
        { kind: 'account', key: accountKey, at },
        { kind: 'ip', key: ip, at },
      ]);
      await audit({ entity: 'session', entityId: person?.id ?? null, action: 'login_failed', note: { username: input.username } });
    });
    // The failure that completes a streak already answers "locked", so the user learns it at once.
    const nowLocked = await lockState(ctx, 'account', accountKey);
    if (nowLocked) throw new AppError('ACCOUNT_LOCKED', undefined, { minutes: minutesLeft(nowLocked, ctx.now) });
    throw new AppError('BAD_CREDENTIALS');
  }
  if (!person.active) throw new AppError('ACCOUNT_DISABLED');

  const actorCtx = { ...ctx, actor: { id: person.id, name: person.name, username: person.username, roles: person.roles, departmentId: person.departmentId } };
  const created = await mutate(actorCtx, async (tx, audit) => {
    await tx.delete(loginFailures).where(and(eq(loginFailures.kind, 'account'), eq(loginFailures.key, accountKey)));
    const session = await store.create(tx, person.id, ctx.now, ctx.ip, userAgent);
    await audit({ entity: 'session', entityId: person.id, action: 'login' });
    return session;
  });
  const loaded = await store.lookup(created.token, ctx.now);
  if (!loaded) throw new AppError('INTERNAL');
  return { token: created.token, session: loaded };
}

export async function logout(ctx: Ctx, store: SessionStore, sessionId: string) {
  await mutate(ctx, async (tx, audit) => {
    await store.end(tx, sessionId);
    await audit({ entity: 'session', entityId: ctx.actor?.id ?? null, action: 'logout' });
  });
}

/** Also ends the person's other sessions: a changed password should lock out whoever had the old one. */
export async function changePassword(ctx: Ctx, store: SessionStore, sessionId: string, input: TChangePasswordRequest) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  await mutate(ctx, async (tx, audit) => {
    const [person] = await tx.select().from(people).where(eq(people.id, actor.id)).for('update');
    if (!person) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(person.passwordHash, input.currentPassword))) throw new AppError('WRONG_PASSWORD', 'currentPassword');
    if (!isStrongEnough(input.newPassword) || input.newPassword === input.currentPassword) throw new AppError('WEAK_PASSWORD', 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    await tx
      .update(people)
      .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now.toISOString(), version: sql`${people.version} + 1` })
      .where(eq(people.id, actor.id));
    await store.endAllOf(tx, actor.id, sessionId);
    await audit({
      entity: 'person',
      entityId: actor.id,
      action: 'password_change',
      before: { passwordHash: person.passwordHash, mustChangePassword: person.mustChangePassword },
      after: { passwordHash, mustChangePassword: false },
    });
  });
}

export async function setLocale(ctx: Ctx, store: SessionStore, locale: TLocale) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select({ locale: people.locale }).from(people).where(eq(people.id, actor.id));
    await tx.update(people).set({ locale, updatedAt: ctx.now.toISOString() }).where(eq(people.id, actor.id));
    await audit({ entity: 'person', entityId: actor.id, action: 'update', before, after: { locale } });
  });
  store.evictPerson(actor.id);
}
