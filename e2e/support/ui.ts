import type { Page, Response } from 'playwright-core';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A button's accessible name in either language. antd puts a space between two Chinese
 * characters on buttons ("保 存"), so spaces between characters are optional.
 */
export function label(...names: string[]): RegExp {
  const variants = names.map((name) => [...name].map(escape).join('\\s?'));
  return new RegExp(`^(${variants.join('|')})$`);
}

/** The answer to the next request with this method and path (query string ignored). */
export function waitForApi(page: Page, method: string, path: string): Promise<Response> {
  return page.waitForResponse(
    (res) => res.request().method() === method && new URL(res.url()).pathname === path,
    { timeout: 30_000 },
  );
}
