import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.ts';

/** The server serves web/dist: build it when missing or older than its sources. */
export default function setup() {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/ensure-web-build.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, and Vite would bake it into the bundle (test-only code paths in antd).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('web build failed; the journeys need web/dist');
}
