import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** In-memory PGlite loaded from this tar (tests); overrides dataDir. */
  pgliteTemplate?: Blob | undefined;
  adminPassword: string | undefined;
  cookieSecure: boolean;
  timeZone: string;
  logLevel: string;
  /** Where the built web app lives; missing → API only. */
  webDist: string;
  /** Injected clock: tests move it, production reads the wall clock. */
  now: () => Date;
  sessionCacheMs: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);
export const repoRoot = path.resolve(here, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.OPSDESK_DATA_DIR ?? path.join(repoRoot, 'data')),
    adminPassword: env.OPSDESK_ADMIN_PASSWORD || undefined,
    cookieSecure: env.OPSDESK_COOKIE_SECURE === 'true',
    timeZone: env.OPSDESK_TIME_ZONE ?? 'Asia/Shanghai',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.join(repoRoot, 'web/dist'),
    now: () => new Date(),
    sessionCacheMs: 30_000,
    ...overrides,
  };
}
