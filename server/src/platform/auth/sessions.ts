import { and, eq, gt } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { TLocale, TRole } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { departments, people } from '../../modules/org/schema.ts';
import { sessions } from './schema.ts';

export const SESSION_COOKIE = 'opsdesk_sid';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  roles: TRole[];
  departmentId: number | null;
  departmentName: string | null;
  title: string | null;
  locale: TLocale;
  mustChangePassword: boolean;
}
export interface LoadedSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

/**
 * Sessions are read through a short-lived in-process cache, so an ordinary request costs no
 * database round-trip. Logout, disabling a person and role changes evict at once in this process;
 * other processes notice within `ttlMs`.
 */
export class SessionStore {
  private cache = new Map<string, { session: LoadedSession; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {}

  async create(tx: Tx, personId: number, now: Date, ip: string | null, userAgent: string | null) {
    const token = newToken();
    const id = hashToken(token);
    const csrfToken = newToken();
    await tx.insert(sessions).values({
      id,
      personId,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return { token, id, csrfToken };
  }

  async lookup(token: string, now: Date): Promise<LoadedSession | null> {
    const id = hashToken(token);
    const hit = this.cache.get(id);
    if (hit && hit.until > now.getTime() && hit.session.expiresAt > now) return hit.session;
    this.cache.delete(id);
    const session = await this.load(id, now);
    if (session) this.cache.set(id, { session, until: now.getTime() + this.ttlMs });
    return session;
  }

  private async load(id: string, now: Date): Promise<LoadedSession | null> {
    const [row] = await this.db
      .select({
        id: sessions.id,
        csrfToken: sessions.csrfToken,
        expiresAt: sessions.expiresAt,
        personId: people.id,
        username: people.username,
        name: people.name,
        roles: people.roles,
        departmentId: people.departmentId,
        departmentName: departments.name,
        title: people.title,
        locale: people.locale,
        mustChangePassword: people.mustChangePassword,
      })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .leftJoin(departments, eq(departments.id, people.departmentId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now.toISOString()), eq(people.active, true)));
    if (!row) return null;
    const { personId, csrfToken, expiresAt, ...user } = row;
    return { id: row.id, csrfToken, expiresAt: new Date(expiresAt), user: { ...user, id: personId } };
  }

  evict(id: string) {
    this.cache.delete(id);
  }

  /** After disabling, a role change or a password change: that person's cached sessions go. */
  evictPerson(personId: number) {
    for (const [id, entry] of this.cache) if (entry.session.user.id === personId) this.cache.delete(id);
  }

  async end(tx: Tx, id: string) {
    await tx.delete(sessions).where(eq(sessions.id, id));
    this.evict(id);
  }

  /** Ends every session of a person, optionally keeping the one in use. */
  async endAllOf(tx: Tx, personId: number, keepId?: string) {
    const rows = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.personId, personId));
    for (const { id } of rows) if (id !== keepId) await tx.delete(sessions).where(eq(sessions.id, id));
    this.evictPerson(personId);
  }
}
