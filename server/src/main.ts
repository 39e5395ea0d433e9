import { asc, eq, sql } from 'drizzle-orm';
import { VERSION, buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { type Database, migrateDatabase, openDatabase } from './db/client.ts';
import { DataDirLockedError, lockDataDir } from './db/lock.ts';
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemoOrg } from './demo/org.ts';
import { seedDemoTasks } from './demo/tasks.ts';
import { seedDemoMeetings } from './demo/meetings.ts';
import { seedDemoDocuments } from './demo/documents.ts';
import { FileVault } from './platform/files/vault.ts';
import { departments, people } from './modules/org/schema.ts';
import { auditLog } from './platform/audit/schema.ts';
import { FIRST_ADMIN, ensureFirstAdmin } from './platform/auth/bootstrap.ts';
import { MasterKeyError } from './platform/files/master-key.ts';
import { generatePassword, hashPassword } from './platform/auth/passwords.ts';
import { sessions } from './platform/auth/schema.ts';
import { backupCommand } from './platform/backup/cli.ts';
import { newLocalToken, writeLocalToken } from './platform/backup/local-token.ts';
import { restoreCommand } from './platform/backup/restore.ts';

const USAGE = `OpsDesk 运营台

  npm start                         start the server (PORT, HOST, DATABASE_URL, OPSDESK_DATA_DIR)
  npm run migrate                   apply database migrations and exit
  npm run demo                      load the demo organisation and print its logins
  npm run user -- list              list accounts
  npm run user -- reset-password <username>
                                    set a new one-time password (printed) and end the user's sessions
  npm run backup [-- --out <folder>]
                                    back up the database and files (OPSDESK_BACKUP_DIR); through the
                                    running server when there is one
  npm run restore -- <backup folder>
                                    restore a backup into an empty data dir / empty database
`;

/** Opens the database for a command. On PGlite the data dir is locked: one process at a time. */
async function open(config: Config): Promise<{ database: Database; release: () => void }> {
  const release = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase(config);
    await migrateDatabase(database);
    return { database, release };
  } catch (err) {
    release();
    throw err;
  }
}

async function start(config: Config) {
  const { database, release } = await open(config);
  const password = await ensureFirstAdmin(database.db, config);
  if (password) printFirstAdmin(config, password);
  // The command line's credential for backups through this server (loopback only, mode 0600).
  const localAdminToken = newLocalToken();
  const app = await buildApp({ config, database, background: true, localAdminToken });
  let removeToken: () => void = () => undefined;
  const stop = async () => {
    removeToken();
    await app.close();
    await database.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  removeToken = writeLocalToken(config.dataDir, { token: localAdminToken, port: typeof address === 'object' && address ? address.port : config.port, pid: process.pid });
  console.log(`  OpsDesk 运营台: http://localhost:${config.port}  (database: ${database.driver}${database.driver === 'pglite' ? `, ${config.dataDir}` : ''})`);
}

function printFirstAdmin(config: Config, password: string) {
  const shown = config.adminPassword ? '(OPSDESK_ADMIN_PASSWORD)' : password;
  console.log(`\n  首次启动：已创建系统管理员 First start: administrator created\n    用户名 username: ${FIRST_ADMIN}\n    密码   password: ${shown}\n  首次登录须修改密码；此密码只显示这一次。 Change it at first login; it is shown only once.\n`);
}

async function withDatabase(config: Config, work: (database: Database) => Promise<void>) {
  const { database, release } = await open(config);
  try {
    await work(database);
  } finally {
    await database.close();
    release();
  }
}

async function demo(config: Config) {
  await withDatabase(config, async ({ db }) => {
    const adminPassword = await ensureFirstAdmin(db, config);
    if (adminPassword) printFirstAdmin(config, adminPassword);
    await seedDemoOrg(db, config.now());
    await seedDemoTasks(db, config.now(), { timeZone: config.timeZone });
    await seedDemoMeetings(db, { now: config.now(), timeZone: config.timeZone });
    await seedDemoDocuments(db, { now: config.now(), timeZone: config.timeZone, vault: FileVault.open(config) });
    await db.insert(auditLog).values({ at: config.now().toISOString(), entity: 'system', action: 'demo_loaded' });
    console.log(`\n  演示数据已载入 Demo data loaded. 以下账号密码均为 password for all: ${DEMO_PASSWORD}\n`);
    console.log(`    ${'用户名'.padEnd(8)} 姓名\t职务\t角色`);
    for (const p of DEMO_PEOPLE) console.log(`    ${p.username.padEnd(10)} ${p.name}\t${p.title}\t${p.roles.join(', ')}`);
    console.log('');
  });
}

async function user(config: Config, args: string[]) {
  const [action, username] = args;
  await withDatabase(config, async ({ db }) => {
    if (action === 'list') {
      const rows = await db
        .select({ username: people.username, name: people.name, roles: people.roles, active: people.active, department: departments.name })
        .from(people)
        .leftJoin(departments, eq(departments.id, people.departmentId))
        .orderBy(asc(people.id));
      for (const r of rows) console.log(`${r.username.padEnd(12)} ${r.name}\t${r.department ?? '-'}\t${r.roles.join(',')}${r.active ? '' : '\t(停用 disabled)'}`);
      return;
    }
    if (action === 'reset-password' && username) {
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(people)
          .set({ passwordHash, mustChangePassword: true, active: true, updatedAt: config.now().toISOString() })
          .where(sql`lower(${people.username}) = ${username.toLowerCase()}`)
          .returning({ id: people.id });
        if (!row) throw new Error(`没有用户 No such user: ${username}`);
        await tx.delete(sessions).where(eq(sessions.personId, row.id));
        await tx.insert(auditLog).values({ at: config.now().toISOString(), entity: 'person', entityId: String(row.id), action: 'password_reset', changes: { via: { before: null, after: 'cli' } } });
      });
      console.log(`新密码 New one-time password for ${username}: ${password}  (须在登录后修改 must be changed at login)`);
      return;
    }
    console.log(USAGE);
    process.exitCode = 2;
  });
}

async function main() {
  const [command = 'start', ...args] = process.argv.slice(2);
  const config = loadConfig();
  if (command === 'start') return start(config);
  if (command === 'migrate') return withDatabase(config, async () => console.log('migrations applied'));
  if (command === 'demo') return demo(config);
  if (command === 'user') return user(config, args);
  if (command === 'backup' || command === 'restore') {
    process.exitCode = command === 'backup' ? await backupCommand(config, args, VERSION) : await restoreCommand(config, args);
    return;
  }
  console.log(USAGE);
  process.exitCode = command === 'help' ? 0 : 2;
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError || err instanceof MasterKeyError) {
    console.error(`\n${err.message}\n`);
    process.exit(3);
  }
  console.error(err);
  process.exit(1);
});
