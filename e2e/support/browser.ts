import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Full-page screenshot into e2e/screenshots/<journey>/<name>.png (gitignored). `fullPage: false`
 * for an open dialog on a phone: stretching the page to its full height re-lays the dialog out.
 */
export async function shot(page: Page, journey: string, name: string, { fullPage = true } = {}): Promise<void> {
  const dir = path.join(screenshotDir, journey);
  fs.mkdirSync(dir, { recursive: true });
  // Animations off: a screenshot shows where the UI settles, not a frame of a transition.
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage, animations: 'disabled' });
}
