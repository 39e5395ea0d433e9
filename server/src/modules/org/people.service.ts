import { and, asc, count, eq, gt, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { TPeoplePage, ZPeopleQuery, ZPersonInput, ZPersonUpdate } from '@opsdesk/contract';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { resolveScope, scopeWhere, subtreeOf } from '../../platform/access/scope.ts';
import { loginFailures } from '../../platform/auth/schema.ts';
import { LOCKOUT, lockedUntil } from '../../platform/auth/lockout.ts';
import { generatePassword, hashPassword } from '../../platform/auth/passwords.ts';
import type { SessionStore } from '../../platform/auth/sessions.ts';
import { type AuthedCtx, mutate } from '../../platform/http/context.ts';
import { mapUniqueViolation } from '../../platform/http/db-errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { canManageOrg, canReadDirectory } from './policy.ts';
import { presentPerson } from './presenters.ts';
import { removesLastAdmin } from './rules.ts';
import { departments, people } from './schema.ts';

const personColumns = { person: people, departmentName: departments.name };
const selectPeople = (db: Db | Tx) => db.select(personColumns).from(people).leftJoin(departments, eq(departments.id, people.departmentId));

/** Which of these accounts are locked right now (ALL-8), by the same rule as the login. */
async function lockedUsernames(db: Db | Tx, usernames: string[], now: Date): Promise<Set<string>> {
  const keys = usernames.map((u) => u.toLowerCase());
  if (!keys.length) return new Set();
  const since = new Date(now.getTime() - LOCKOUT.windowMs - LOCKOUT.lockMs).toISOString();
  const rows = await db
    .select({ key: loginFailures.key, at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.kind, 'account'), inArray(loginFailures.key, keys), gt(loginFailures.at, since)));
  const byKey = new Map<string, Date[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), new Date(r.at)]);
  const locked = new Set<string>();
  for (const [key, times] of byKey) if (lockedUntil(times.sort((a, b) => b.getTime() - a.getTime()), now)) locked.add(key);
  return locked;
}

async function presentRows(db: Db | Tx, rows: { person: typeof people.$inferSelect; departmentName: string | null }[], now: Date) {
  const locked = await lockedUsernames(db, rows.map((r) => r.person.username), now);
  return rows.map((r) => presentPerson({ ...r.person, departmentName: r.departmentName }, locked.has(r.person.username.toLowerCase())));
}

/** The filters of the people list, shared with its export (people-io.service.ts). */
export async function peopleWhere(ctx: AuthedCtx, query: Omit<z.output<typeof ZPeopleQuery>, 'page' | 'pageSize'>): Promise<SQL | undefined> {
  const where: (SQL | undefined)[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(people.name, like), ilike(people.username, like), ilike(people.employeeNo, like), ilike(people.phone, like)));
  }
  if (query.departmentId) where.push(inArray(people.departmentId, await subtreeOf(ctx.db, query.departmentId)));
  if (query.role) where.push(sql`${query.role} = any(${people.roles})`);
  if (query.active) where.push(eq(people.active, query.active === 'true'));
  if (query.scope === 'department') {
    const own = ctx.actor.departmentId ? await subtreeOf(ctx.db, ctx.actor.departmentId) : [];
    where.push(own.length ? inArray(people.departmentId, own) : sql`false`);
  } else if (query.scope === 'mine') {
    // ALL-7: the people a head or division leader oversees; for staff, themselves.
    where.push(scopeWhere(await resolveScope(ctx.db, ctx.actor), { department: people.departmentId, people: [people.id] }));
  }
  return and(...where);
}

export async function listPeople(ctx: AuthedCtx, query: z.output<typeof ZPeopleQuery>): Promise<TPeoplePage> {
  if (!canReadDirectory(ctx.actor)) throw new AppError('FORBIDDEN');
  const condition = await peopleWhere(ctx, query);
  const [total] = await ctx.db.select({ n: count() }).from(people).where(condition);
  const rows = await selectPeople(ctx.db)
    .where(condition)
    .orderBy(asc(departments.sortOrder), asc(people.employeeNo), asc(people.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: await presentRows(ctx.db, rows, ctx.now), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function getPerson(ctx: AuthedCtx, id: number) {
  if (!canReadDirectory(ctx.actor)) throw new AppError('FORBIDDEN');
  const rows = await selectPeople(ctx.db).where(eq(people.id, id));
  if (!rows.length) throw new AppError('NOT_FOUND');
  return (await presentRows(ctx.db, rows, ctx.now))[0]!;
}

async function checkDepartment(tx: Tx, departmentId: number | null | undefined) {
  if (!departmentId) return;
  const [dept] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!dept) throw new AppError('INVALID_REFERENCE', 'departmentId');
}

const uniqueFields = (input: { username?: string; employeeNo?: string | null }) => ({
  people_username: ['username', input.username] as [string, string | null | undefined],
  people_employee_no: ['employeeNo', input.employeeNo] as [string, string | null | undefined],
});

/** Creates the person and their account; the initial password is shown once and must be changed. */
export async function createPerson(ctx: AuthedCtx, input: z.output<typeof ZPersonInput>) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  const { initialPassword = generatePassword(), ...fields } = input;
  const passwordHash = await hashPassword(initialPassword);
  const id = await mutate(ctx, async (tx, audit) => {
    await checkDepartment(tx, fields.departmentId);
    const stamp = ctx.now.toISOString();
    const [row] = await tx
      .insert(people)
      .values({ ...fields, roles: [...new Set(fields.roles)], passwordHash, mustChangePassword: true, createdAt: stamp, updatedAt: stamp })
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, uniqueFields(fields)));
    await audit({ entity: 'person', entityId: row!.id, action: 'create', after: row });
    return row!.id;
  });
  return { person: await getPerson(ctx, id), initialPassword };
}

async function otherActiveAdmins(tx: Tx, id: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(people)
    .where(and(ne(people.id, id), eq(people.active, true), sql`'admin' = any(${people.roles})`));
  return row?.n ?? 0;
}

/**
 * ALL-7: two admins disabling each other at the same moment would each still count the other as
 * active (write skew under READ COMMITTED) and leave no administrator at all, so changes of roles
 * or active status queue up behind one transaction-scoped lock.
 */
const lockAdminSet = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('opsdesk.org.admins'))`);

/** Disabling ends the person's sessions at once; role changes take effect on the next request. */
export async function updatePerson(ctx: AuthedCtx, store: SessionStore, id: number, patch: z.output<typeof ZPersonUpdate>) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    if (patch.roles !== undefined || patch.active !== undefined) await lockAdminSet(tx);
    const [before] = await tx.select().from(people).where(eq(people.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    await checkDepartment(tx, patch.departmentId);
    const next = { roles: patch.roles ? [...new Set(patch.roles)] : before.roles, active: patch.active ?? before.active };
    if (removesLastAdmin(before, next, await otherActiveAdmins(tx, id))) throw new AppError('LAST_ADMIN', patch.roles ? 'roles' : 'active');
    const [after] = await tx
      .update(people)
      .set({ ...patch, roles: next.roles, updatedAt: ctx.now.toISOString(), version: sql`${people.version} + 1` })
      .where(eq(people.id, id))
      .returning()
      .catch((err: unknown) => mapUniqueViolation(err, uniqueFields({ employeeNo: patch.employeeNo })));
    if (before.active && !next.active) await store.endAllOf(tx, id);
    const action = before.active === next.active ? 'update' : next.active ? 'enable' : 'disable';
    await audit({ entity: 'person', entityId: id, action, before, after });
  });
  store.evictPerson(id);
  return getPerson(ctx, id);
}

/** A new one-time password; the person's sessions end and they must change it at next login. */
export async function resetPassword(ctx: AuthedCtx, store: SessionStore, id: number) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  await mutate(ctx, async (tx, audit) => {
    const [before] = await tx.select().from(people).where(eq(people.id, id)).for('update');
    if (!before) throw new AppError('NOT_FOUND');
    await tx.update(people).set({ passwordHash, mustChangePassword: true, updatedAt: ctx.now.toISOString() }).where(eq(people.id, id));
    await store.endAllOf(tx, id);
    await audit({
      entity: 'person',
      entityId: id,
      action: 'password_reset',
      before: { passwordHash: before.passwordHash, mustChangePassword: before.mustChangePassword },
      after: { passwordHash, mustChangePassword: true },
    });
  });
  return { person: await getPerson(ctx, id), initialPassword };
}

/** Lifts an account lockout before its 15 minutes are up (the person called the helpdesk). */
export async function unlockPerson(ctx: AuthedCtx, id: number) {
  if (!canManageOrg(ctx.actor)) throw new AppError('FORBIDDEN');
  await mutate(ctx, async (tx, audit) => {
    const [person] = await tx.select().from(people).where(eq(people.id, id));
    if (!person) throw new AppError('NOT_FOUND');
    await tx.delete(loginFailures).where(and(eq(loginFailures.kind, 'account'), eq(loginFailures.key, person.username.toLowerCase())));
    await audit({ entity: 'person', entityId: id, action: 'unlock' });
  });
  return getPerson(ctx, id);
}
