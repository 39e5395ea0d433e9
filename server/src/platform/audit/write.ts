import { auditLog } from './schema.ts';
import type { Tx } from '../../db/client.ts';
import type { Ctx } from '../http/context.ts';

// Never copied into the audit trail, whatever the entity.
const SECRET_FIELDS = new Set(['passwordHash', 'csrfToken', 'password', 'initialPassword']);
const NOISE_FIELDS = new Set(['updatedAt', 'version']);

export interface AuditEvent {
  entity: string;
  entityId: string | number | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra facts that are not field changes (e.g. a login's outcome). */
  note?: Record<string, unknown>;
}

/** ALL-4: one audit row, written inside the caller's transaction. */
export async function writeAudit(tx: Tx, ctx: Ctx, event: AuditEvent): Promise<void> {
  const changes = diff(event.before ?? null, event.after ?? null);
  for (const [k, v] of Object.entries(event.note ?? {})) changes[k] = { before: null, after: v };
  await tx.insert(auditLog).values({
    at: ctx.now.toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.name ?? null,
    entity: event.entity,
    entityId: event.entityId === null ? null : String(event.entityId),
    action: event.action,
    changes,
    ip: ctx.ip,
  });
}

export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (NOISE_FIELDS.has(key) || key === 'createdAt') continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[key] = SECRET_FIELDS.has(key) ? { before: b === null ? null : '***', after: a === null ? null : '***' } : { before: b, after: a };
  }
  return out;
}
