import { count } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import { auditLog } from '../audit/schema.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export const FIRST_ADMIN = 'admin';

/**
 * ALL-8: on an empty database, create the first administrator with a random password (or
 * OPSDESK_ADMIN_PASSWORD), to be changed at first login. Returns the password to print once.
 */
export async function ensureFirstAdmin(db: Db, config: Pick<Config, 'adminPassword' | 'now'>): Promise<string | null> {
  const [existing] = await db.select({ n: count() }).from(people);
  if ((existing?.n ?? 0) > 0) return null;
  const password = config.adminPassword ?? generatePassword(14);
  const passwordHash = await hashPassword(password);
  const stamp = config.now().toISOString();
  await db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(people)
      .values({ username: FIRST_ADMIN, name: '系统管理员', roles: ['admin'], passwordHash, mustChangePassword: true, createdAt: stamp, updatedAt: stamp })
      .returning({ id: people.id });
    await tx.insert(auditLog).values({ at: stamp, entity: 'person', entityId: String(admin!.id), action: 'create', changes: { username: { before: null, after: FIRST_ADMIN } } });
  });
  return password;
}
