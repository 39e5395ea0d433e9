import type { Locator, Page, Response } from 'playwright-core';

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

/**
 * Opens a select (its combobox, or the .ant-select around it), types `search` and clicks the option
 * with `option` in it — in this select's own dropdown, found by its listbox id (another select's
 * dropdown may still be fading out over the page), once every option shown matches the search (a
 * person search is answered by the server: clicking before the answer lands on a list that is
 * about to change).
 */
export async function pickInSelect(page: Page, select: Locator, search: string, option = search): Promise<void> {
  // Read before opening: an open dropdown's options carry labels too.
  const box = (await select.getAttribute('role')) === 'combobox' ? select : select.getByRole('combobox');
  const listbox = `${await box.getAttribute('id')}_list`;
  await select.click();
  await page.keyboard.type(search);
  const options = page.locator(`.ant-select-dropdown:has([id="${listbox}"]) .ant-select-item-option`);
  await options.filter({ hasText: option }).first().waitFor();
  for (let tries = 0; tries < 50 && !(await options.allInnerTexts()).every((text) => text.includes(search)); tries += 1) await page.waitForTimeout(100);
  await options.filter({ hasText: option }).first().click();
}
