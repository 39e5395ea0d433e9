import type { TNotification } from '@opsdesk/contract';
import { toIso } from '../calendar/zone.ts';
import type { Notification } from './notify.ts';

/** What leaves the server about a notification: not its recipient, not its dedupe key. */
export function presentNotification(row: Notification): TNotification {
  return {
    id: row.id,
    event: row.event,
    title: row.title,
    body: row.body,
    link: row.link,
    entity: row.entity,
    entityId: row.entityId,
    createdAt: toIso(row.createdAt),
    readAt: row.readAt === null ? null : toIso(row.readAt),
  };
}
