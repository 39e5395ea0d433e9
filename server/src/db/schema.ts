// The one Drizzle schema: every table of every module, re-exported for drizzle-kit and the db client.
export * from '../platform/audit/schema.ts';
export * from '../platform/auth/schema.ts';
export * from '../modules/org/schema.ts';
export * from '../platform/numbering/schema.ts';
