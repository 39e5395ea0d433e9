import { defineConfig } from 'vitest/config';

// Browser journeys: one real server per journey file, a real Chromium, nothing mocked.
export default defineConfig({
  test: {
    include: ['journeys/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    // Each journey starts its own server and browser; running them one at a time keeps CI steady.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // expect.poll waits as long as a locator does (support sets 20 s): its own default of 1 s
    // failed a step on a loaded CI machine before the page had caught up.
    expect: { poll: { timeout: 20_000 } },
  },
});
