import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { tracePage } from './page-trace.ts';
import { type RunningServer, startServer } from './server.ts';

export interface Journey {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** A fresh server and a Chinese-locale browser page on it; page errors are collected for the journey to assert on. */
export async function openJourney(options: {
  adminPassword: string;
  pageErrors: string[];
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
}): Promise<Journey> {
  const server = await startServer({ adminPassword: options.adminPassword });
  const browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => options.pageErrors.push(err.message));
  tracePage(page);
  return { server, browser, context, page };
}

export async function closeJourney(journey: Partial<Journey>): Promise<void> {
  await journey.context?.close();
  await journey.browser?.close();
  await journey.server?.stop();
}
