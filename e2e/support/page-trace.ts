import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { screenshotDir } from './browser.ts';

const KEEP = 25;

interface Trace {
  /** Requests sent and not yet answered, with the time they went out. */
  pending: Map<Request, number>;
  /** The last answers, failures and console errors, oldest first. */
  events: string[];
}

const traces = new WeakMap<Page, Trace>();
const since = (start: number) => `${Date.now() - start} ms`;
const where = (req: Request) => {
  const url = new URL(req.url());
  return `${req.method()} ${url.pathname}${url.search}`;
};

/**
 * Keeps what a page did lately (its API calls, failures and console errors), so a failed step can
 * say what the page was waiting for: a CI machine keeps only the log, not the pictures.
 */
export function tracePage(page: Page): void {
  const trace: Trace = { pending: new Map(), events: [] };
  traces.set(page, trace);
  const note = (line: string) => {
    trace.events.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (trace.events.length > KEEP) trace.events.shift();
  };
  const isApi = (req: Request) => new URL(req.url()).pathname.startsWith('/api/');
  page.on('request', (req) => {
    if (isApi(req)) trace.pending.set(req, Date.now());
  });
  page.on('requestfinished', async (req) => {
    const start = trace.pending.get(req);
    if (start === undefined) return;
    trace.pending.delete(req);
    const res = await req.response().catch(() => null);
    note(`${where(req)} → ${res?.status() ?? '?'} in ${since(start)}`);
  });
  page.on('requestfailed', (req) => {
    const start = trace.pending.get(req);
    if (start === undefined) return;
    trace.pending.delete(req);
    note(`${where(req)} failed (${req.failure()?.errorText ?? 'unknown'}) after ${since(start)}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') note(`console.${msg.type()}: ${msg.text().slice(0, 300)}`);
  });
  page.on('pageerror', (err) => note(`page error: ${err.message.slice(0, 300)}`));
}

/** What a traced page shows and waits for, as text: its address, open API calls, recent events and the accessibility tree. */
async function describePage(page: Page): Promise<string> {
  const trace = traces.get(page);
  const pending = trace ? [...trace.pending].map(([req, start]) => `  ${where(req)} (open for ${since(start)})`) : [];
  const snapshot = (locator: Locator) =>
    locator.ariaSnapshot({ timeout: 5_000 }).catch((err: Error) => `(no snapshot: ${err.message.split('\n')[0]})`);
  // An open drawer or dialog first: it is what the step was working in.
  const dialogs = page.getByRole('dialog');
  const top = (await dialogs.count()) > 0 ? await snapshot(dialogs.last()) : '(none)';
  return [
    `url: ${page.url()}`,
    `open API calls:${pending.length ? `\n${pending.join('\n')}` : ' none'}`,
    `recent:\n${(trace?.events ?? []).map((e) => `  ${e}`).join('\n')}`,
    `top dialog:\n${top}`,
    `page:\n${await snapshot(page.locator('body'))}`,
  ].join('\n');
}

/** One page's record: e2e/screenshots/<journey>/<name>.png and <name>.txt. */
async function recordPage(page: Page, journey: string, name: string): Promise<void> {
  const dir = path.join(screenshotDir, journey);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.txt`), await describePage(page));
  await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled' });
}

/**
 * For `onTestFailed`: the journey's Nth failed step writes failed-N-<page>.png and .txt for every
 * page open in the browser (CI prints the first failure's text, .ci/run).
 */
export function failureRecorder(journey: string, browser: () => Browser | undefined): () => Promise<void> {
  let failures = 0;
  return async () => {
    failures += 1;
    const pages = browser()?.contexts().flatMap((context) => context.pages()) ?? [];
    for (const [i, page] of pages.entries()) await recordPage(page, journey, `failed-${failures}-${i + 1}`).catch(() => undefined);
  };
}
