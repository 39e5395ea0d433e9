// The one Drizzle schema: every table of every module, re-exported for drizzle-kit and the db client.
export * from '../platform/audit/schema.ts';
export * from '../platform/auth/schema.ts';
export * from '../platform/files/schema.ts';
export * from '../modules/org/schema.ts';
export * from '../platform/calendar/schema.ts';
export * from '../platform/deadlines/schema.ts';
export * from '../platform/numbering/schema.ts';
export * from '../platform/backup/schema.ts';
export * from '../platform/import/schema.ts';
export * from '../platform/notify/schema.ts';
export * from '../platform/delivery/schema.ts';
export * from '../platform/approvals/schema.ts';
export * from '../modules/meetings/schema.ts';
export * from '../modules/documents/schema.ts';
export * from '../modules/tasks/schema.ts';
