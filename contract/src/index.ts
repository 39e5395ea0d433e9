export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './audit.ts';
export * from './fields.ts';
