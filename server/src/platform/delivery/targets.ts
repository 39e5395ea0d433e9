import { and, eq, sql } from 'drizzle-orm';
import type { TBotKind, TLocale, TNotificationEvent } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { people } from '../../modules/org/schema.ts';
import { rowsOf } from '../access/scope.ts';
import { notificationPreferences, notificationProfiles } from './schema.ts';

export interface Recipient {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  departmentId: number | null;
  locale: TLocale;
  active: boolean;
  wecomUserId: string | null;
  feishuOpenId: string | null;
}

/** A person with the chat identities used for @mentions. */
export async function loadRecipient(db: Db | Tx, personId: number): Promise<Recipient | null> {
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      phone: people.phone,
      departmentId: people.departmentId,
      locale: people.locale,
      active: people.active,
      wecomUserId: notificationProfiles.wecomUserId,
      feishuOpenId: notificationProfiles.feishuOpenId,
    })
    .from(people)
    .leftJoin(notificationProfiles, eq(notificationProfiles.personId, people.id))
    .where(eq(people.id, personId));
  return row ?? null;
}

/** Stored choices of one person, for one event category (null = not chosen: the default applies). */
export async function storedChoices(db: Db | Tx, personId: number, event: TNotificationEvent): Promise<{ email: boolean | null; bot: boolean | null }> {
  const rows = await db
    .select({ channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.personId, personId), eq(notificationPreferences.event, event)));
  const pick = (c: 'email' | 'bot') => rows.find((r) => r.channel === c)?.enabled ?? null;
  return { email: pick('email'), bot: pick('bot') };
}

export interface DepartmentBot {
  id: number;
  kind: TBotKind;
  departmentId: number;
  departmentName: string;
}

/**
 * The enabled bots of a department, or of its nearest parent that has any: a company often
 * keeps one group per division, and a sub-team without its own bot is heard there.
 */
export async function nearestBots(db: Db | Tx, departmentId: number): Promise<DepartmentBot[]> {
  const rows = rowsOf<{ id: number; kind: TBotKind; department_id: number; department_name: string; depth: number }>(
    await db.execute(sql`
      WITH RECURSIVE up(id, parent_id, name, depth) AS (
        SELECT id, parent_id, name, 0 FROM departments WHERE id = ${departmentId}
        UNION ALL
        SELECT d.id, d.parent_id, d.name, up.depth + 1 FROM departments d JOIN up ON d.id = up.parent_id WHERE up.depth < 32
      )
      SELECT c.id, c.kind, c.department_id, up.name AS department_name, up.depth
      FROM delivery_channels c JOIN up ON up.id = c.department_id
      WHERE c.enabled
      ORDER BY up.depth, c.id`),
  );
  const nearest = rows[0]?.depth;
  return rows
    .filter((r) => r.depth === nearest)
    .map((r) => ({ id: Number(r.id), kind: r.kind, departmentId: Number(r.department_id), departmentName: r.department_name }));
}
