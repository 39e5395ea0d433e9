import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { people } from '../../modules/org/schema.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * ALL-2: the in-app notification centre; every other channel (e-mail, bots) fans out from a row
 * here. `dedupe_key` makes "each reminder fires once" a database fact, whatever process sends it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => people.id),
    /** What happened, e.g. `approval.waiting`, `deadline.reminder`; preferences are per event. */
    event: text('event').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** The web app path that opens the item, e.g. `/approvals/12`. */
    link: text('link'),
    entity: text('entity'),
    entityId: text('entity_id'),
    dedupeKey: text('dedupe_key'),
    createdAt: stamp('created_at').notNull(),
    readAt: stamp('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe').on(t.dedupeKey),
    index('notifications_recipient').on(t.recipientId, t.id),
    index('notifications_unread').on(t.recipientId).where(sql`${t.readAt} is null`),
  ],
);
