import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Stack, WEB_DIR } from './stack';

export const SCREENSHOT_DIR = join(WEB_DIR, 'test-results');

export interface TestUser {
  id: number;
  name: string;
  role: string;
  token: string;
  password: string;
}

/** A JSON call to the API with a bearer token (setup steps, not what is under test). */
export async function api<T>(
  stack: Stack,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function createUser(
  stack: Stack,
  name: string,
  role: 'contributor' | 'maintainer',
): Promise<TestUser> {
  const password = `${name}-correct-horse-battery`;
  const user = await api<{ id: number; name: string; role: string; token: string }>(
    stack,
    stack.adminToken,
    'POST',
    '/api/users',
    { name, role, password, email: `${name}@example.org` },
  );
  return { ...user, password };
}

/** A browser context signed in through the sign-in page, with script execution traps. */
export async function signedInPage(
  browser: Browser,
  stack: Stack,
  user: TestUser | null,
): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext({
    baseURL: stack.webUrl,
    viewport: { width: 1360, height: 900 },
  });
  const dialogs: string[] = [];
  await context.addInitScript(() => {
    const w = window as unknown as { __xss: string[] };
    w.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (msg?: unknown) => {
        w.__xss.push(`${name}:${String(msg)}`);
      };
    }
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}:${d.message()}`);
    void d.dismiss();
  });
  if (user) {
    await page.goto('/signin');
    await page.fill('#signin-name', user.name);
    await page.fill('#signin-password', user.password);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.click('button[type=submit]'),
    ]);
    await page.getByRole('link', { name: new RegExp(`^${user.name} `) }).waitFor();
  }
  return { context, page, dialogs };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // streamed pages show loading.tsx first: wait for the content
  await page.waitForLoadState('networkidle');
  await page.locator('main [role=status]', { hasText: 'Loading' }).waitFor({ state: 'detached' });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Script-execution traps tripped so far in the page (window.alert & co. replaced at start). */
export async function trippedTraps(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __xss?: string[] }).__xss ?? []);
}
