import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { label, waitForApi } from './ui.ts';

/** Fills the login form (either language) and expects the server to accept it. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  const answer = waitForApi(page, 'POST', '/api/auth/login');
  await page.getByRole('button', { name: label('登录', 'Sign in') }).click();
  expect((await answer).status()).toBe(200);
}

/** The forced first-login password change, ending on the workbench. */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.waitForURL('**/change-password');
  await page.getByLabel(/当前密码|Current password/).fill(current);
  await page.getByLabel(/^(新密码|New password)$/).fill(next);
  await page.getByLabel(/确认新密码|Confirm new password/).fill(next);
  const answer = waitForApi(page, 'POST', '/api/auth/password');
  await page.getByRole('button', { name: label('确认修改', 'Change password') }).click();
  expect((await answer).status()).toBe(200);
  await page.waitForURL((url) => url.pathname === '/');
}

/** A fresh server's first administrator: sign in with the start password and replace it. */
export async function firstAdminSignIn(page: Page, initial: string, next: string): Promise<void> {
  await page.goto('/login');
  await signIn(page, 'admin', initial);
  await changePassword(page, initial, next);
}

/** The signed-in person's id, e.g. as the owner of tasks set up through the API. */
export const userId = async (page: Page) => ((await (await page.request.get('/api/auth/session')).json()) as { user: { id: number } }).user.id;

/**
 * A JSON call with the page's session (cookies + CSRF header), for setting up data that the
 * journey does not exercise itself.
 */
export async function apiAs(page: Page, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
  const session = await page.request.get('/api/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await page.request.fetch(path, { method, headers: { 'x-csrf-token': csrfToken }, data: body });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${await res.text()}`);
  return res.json() as Promise<unknown>;
}
