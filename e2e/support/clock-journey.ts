import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn } from './auth.ts';
import { launchBrowser } from './browser.ts';
import { startClockServer, type ClockServer } from './clock-server.ts';
import { failureRecorder, tracePage } from './page-trace.ts';

const DEMO_PASSWORD = 'Demo2026';

/** Several demo people, each in a browser context of their own, on one server whose clock the journey moves. */
export interface ClockJourney {
  server: ClockServer;
  /** Uncaught errors of every page; a journey's last step expects none. */
  pageErrors: string[];
  /** A signed-in page (on the workbench) for a demo account. */
  openAs: (username: string, width?: number, height?: number) => Promise<Page>;
  /** The server's clock, and every open page's when the browsers follow it. */
  moveClock: (to: Date) => Promise<void>;
  /** For `onTestFailed`: a picture and a text record of every open page (page-trace.ts failureRecorder). */
  recordFailure: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startClockJourney(options: {
  /** Names the folder of its pictures: e2e/screenshots/<journey>/. */
  journey: string;
  start: Date;
  /** The browsers' clocks follow the server's (today lines, date pickers); off, they run in real time. */
  browserClock?: boolean;
  width?: number;
  /** Per action: longer where a journey keeps many pages open on a shared CI machine. */
  timeout?: number;
}): Promise<ClockJourney> {
  const { browserClock = true, width: defaultWidth = 1366, timeout = 20_000 } = options;
  const server = await startClockServer('Initial-Admin-2024', options.start);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.stop();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    server,
    pageErrors,
    openAs: async (username, width = defaultWidth, height = 900) => {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height }, locale: 'zh-CN' });
      context.setDefaultTimeout(timeout);
      if (browserClock) await context.clock.setFixedTime(server.now());
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => pageErrors.push(err.message));
      tracePage(page);
      await page.goto('/login');
      await signIn(page, username, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/');
      return page;
    },
    moveClock: async (to) => {
      server.setNow(to);
      if (browserClock) for (const context of contexts) await context.clock.setFixedTime(to);
    },
    recordFailure: failureRecorder(options.journey, () => browser),
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.stop();
    },
  };
}
