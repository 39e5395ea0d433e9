import type { Locator, Page, Response } from 'playwright-core';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A button's accessible name in either language. antd puts a space between two Chinese
 * characters on buttons ("保 存"), so spaces between characters are optional. The name may also
 * start with "loading ": after a request that settled fast (a 400 in 65 ms), antd's loading icon
 * was seen to stay in the button, collapsed to nothing — its leave motion waits for a
 * transitionend that, on a loaded CI machine, did not come. The button looked and worked as
 * usual; only its accessible name still carried the icon's label (the tasks journey's 保存, twice
 * in CI). A button that is really busy ignores the click, so nothing is sent twice.
 */
export function label(...names: string[]): RegExp {
  const variants = names.map((name) => [...name].map(escape).join('\\s?'));
  return new RegExp(`^(loading )?(${variants.join('|')})$`);
}

/**
 * The answer to the next request with this method and path (query string ignored). Registered
 * before the action that sends it, so it outlasts the longest action timeout (45 s).
 */
export function waitForApi(page: Page, method: string, path: string): Promise<Response> {
  return page.waitForResponse(
    (res) => res.request().method() === method && new URL(res.url()).pathname === path,
    { timeout: 60_000 },
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

/**
 * Clicks a dialog's button and returns the answer to the request it sends. The click waits until
 * the dialog's opening animation has ended, and is given again while no request has gone out and
 * the button is not busy: on a loaded machine a click during the opening was seen to be lost (the
 * meetings journey, twice in about ten runs; the tasks journey's 验收通过, once in six). A busy
 * button ignores clicks, so nothing is sent twice.
 */
export async function submitDialog(dialog: Locator, button: RegExp, method: string, path: string): Promise<Response> {
  const page = dialog.page();
  const answered = waitForApi(page, method, path);
  let sent = false;
  page.on('request', function seen(req) {
    if (req.method() === method && new URL(req.url()).pathname === path) {
      sent = true;
      page.off('request', seen);
    }
  });
  const ok = dialog.getByRole('button', { name: button });
  try {
    for (let attempt = 0; attempt < 5 && !sent; attempt++) {
      // A cancelled animation (a field error's transition cut short) rejects `finished`: it has ended too.
      await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished.catch(() => undefined))));
      if (sent || !(await ok.isVisible()) || (await ok.getAttribute('class'))?.includes('loading')) break;
      await ok.click();
      for (let wait = 0; wait < 20 && !sent; wait++) await page.waitForTimeout(100);
    }
  } catch (err) {
    answered.catch(() => undefined); // the click's failure is the one to report
    throw err;
  }
  return answered;
}

/** Confirms an antd confirm dialog (确定) and returns the answer to the request its OK sends. */
export function confirmAndWait(page: Page, method: string, path: string): Promise<Response> {
  return submitDialog(page.locator('.ant-modal-confirm'), label('确定', 'OK'), method, path);
}
