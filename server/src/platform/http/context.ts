import type { TLocale, TRole } from '@opsdesk/contract';
import type { Db, Tx } from '../../db/client.ts';
import { type AuditEvent, writeAudit } from '../audit/write.ts';

/** Who is acting; loaded with the session, so policies need no extra query. */
export interface Actor {
  id: number;
  name: string;
  username: string;
  roles: TRole[];
  departmentId: number | null;
}

/** What every service call receives: the database, who, from where, and when (an injected clock). */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  ip: string | null;
  now: Date;
  locale: TLocale;
}
export type AuthedCtx = Ctx & { actor: Actor };

/**
 * ALL-5/ALL-4: every mutation runs in one transaction, and the audit row is written through the
 * same transaction, so a change and its audit stand or fall together.
 */
export function mutate<T>(ctx: Ctx, work: (tx: Tx, audit: (e: AuditEvent) => Promise<void>) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work(tx, (event) => writeAudit(tx, ctx, event)));
}
