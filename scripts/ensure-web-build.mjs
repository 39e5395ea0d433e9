#!/usr/bin/env node
// Build the web app before `npm start` only when it is missing or stale, so a plain
// `npm install && npm start` serves the UI without paying for a Vite build on every start.
//
// Stale = any input file is newer than web/dist/index.html (Vite writes it last-ish and it is
// the file the server needs). Usage: node scripts/ensure-web-build.mjs [--dry-run]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dryRun = process.argv.includes('--dry-run');

const output = path.join(root, 'web/dist/index.html');
const inputs = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'contract/src'];

/** First file under `p` (file or directory) modified after `since`, or undefined. */
function newerThan(p, since) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
  if (!stat.isDirectory()) return stat.mtimeMs > since ? p : undefined;
  for (const entry of fs.readdirSync(p)) {
    const hit = newerThan(path.join(p, entry), since);
    if (hit) return hit;
  }
  return undefined;
}

function reasonToBuild() {
  let builtAt;
  try {
    builtAt = fs.statSync(output).mtimeMs;
  } catch {
    return 'web/dist/index.html is missing';
  }
  for (const input of inputs) {
    const hit = newerThan(path.join(root, input), builtAt);
    if (hit) return `${path.relative(root, hit)} changed since the last build`;
  }
  return undefined;
}

const reason = reasonToBuild();
if (!reason) {
  console.log('[ensure-web-build] web/dist is up to date');
  process.exit(0);
}
console.log(`[ensure-web-build] building the web app: ${reason}`);
if (dryRun) process.exit(0);

const result = spawnSync('npm', ['run', 'build', '-w', 'web'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32', // npm is npm.cmd there
});
if (result.error) {
  console.error(`[ensure-web-build] could not run npm: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error('[ensure-web-build] web build failed');
  process.exit(result.status ?? 1);
}
