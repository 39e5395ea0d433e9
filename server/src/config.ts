import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Uploaded files (platform/files) live here, also on PostgreSQL. */
  filesDir: string;
  /** Master key wrapping each secret file's key; never inside dataDir or a backup. */
  keyFile: string;
  maxUploadBytes: number;
  /** Where scheduled and manual backups go, and how many to keep. */
  backupDir: string;
  backupKeep: number;
  /** DOC-7: when the scheduled backup runs (cron, company time zone); default Sunday 02:00. */
  backupCron: string;
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
  /** Check every response against the contract's zod schema before writing it (tests, e2e). */
  checkResponses: boolean;
  /** ALL-2 e-mail: smtp(s)://user:pass@host:port (OPSDESK_SMTP_URL); unset → no e-mail is queued. */
  smtpUrl: string | undefined;
  /** The From of notification e-mail (OPSDESK_MAIL_FROM), e.g. `运营台 <opsdesk@example.com>`. */
  mailFrom: string | undefined;
  /** Where people open OpsDesk (OPSDESK_PUBLIC_URL): links in e-mail and bot messages. */
  publicUrl: string | undefined;
  /** Set (OPSDESK_S3_BUCKET) → file bytes live in this S3-compatible bucket instead of filesDir. */
  s3: S3Settings | undefined;
}

/** An S3-compatible bucket for file bytes (multi-instance deployments). */
export interface S3Settings {
  /** e.g. http://minio:9000; unset → AWS. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Unset → the SDK's default credential chain. */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Path-style URLs (bucket in the path), which MinIO and most self-hosted stores need. */
  forcePathStyle: boolean;
}

function s3From(env: NodeJS.ProcessEnv): S3Settings | undefined {
  if (!env.OPSDESK_S3_BUCKET) return undefined;
  return {
    endpoint: env.OPSDESK_S3_ENDPOINT || undefined,
    bucket: env.OPSDESK_S3_BUCKET,
    region: env.OPSDESK_S3_REGION || 'us-east-1',
    accessKeyId: env.OPSDESK_S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.OPSDESK_S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.OPSDESK_S3_FORCE_PATH_STYLE !== 'false',
  };
}

const here = path.dirname(new URL(import.meta.url).pathname);
export const repoRoot = path.resolve(here, '../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = overrides.dataDir ?? path.resolve(env.OPSDESK_DATA_DIR ?? path.join(repoRoot, 'data'));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    keyFile: path.resolve(env.OPSDESK_KEY_FILE ?? `${dataDir}.key`),
    maxUploadBytes: Number(env.OPSDESK_MAX_UPLOAD_MB ?? 100) * 1024 * 1024,
    backupDir: path.resolve(env.OPSDESK_BACKUP_DIR ?? `${dataDir}-backups`),
    backupKeep: Number(env.OPSDESK_BACKUP_KEEP ?? 8),
    backupCron: env.OPSDESK_BACKUP_CRON ?? '0 2 * * 0',
    adminPassword: env.OPSDESK_ADMIN_PASSWORD || undefined,
    cookieSecure: env.OPSDESK_COOKIE_SECURE === 'true',
    timeZone: env.OPSDESK_TIME_ZONE ?? 'Asia/Shanghai',
    // Warnings and errors by default; LOG_LEVEL=info adds one line per request.
    logLevel: env.LOG_LEVEL ?? 'warn',
    webDist: path.join(repoRoot, 'web/dist'),
    now: () => new Date(),
    sessionCacheMs: 30_000,
    checkResponses: env.OPSDESK_CHECK_RESPONSES === 'true',
    smtpUrl: env.OPSDESK_SMTP_URL || undefined,
    mailFrom: env.OPSDESK_MAIL_FROM || undefined,
    publicUrl: env.OPSDESK_PUBLIC_URL || undefined,
    s3: s3From(env),
    ...overrides,
  };
}
