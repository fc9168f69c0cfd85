import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, type Stack, startStack, WEB_DIR } from './stack';

export const SCREENSHOT_DIR = join(WEB_DIR, 'test-results');

/** The browser suites' `skip` option: false, or why they cannot run on this machine. */
export const SKIP_WITHOUT_CHROMIUM: string | false = existsSync(CHROMIUM)
  ? false
  : `skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`;

/**
 * The real stack and a headless Chromium, for a suite's before(). If Chromium fails to
 * start, the stack is stopped before the error is thrown: after() would not see it.
 */
export async function startBrowserStack(): Promise<{ stack: Stack; browser: Browser }> {
  const stack = await startStack();
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    return { stack, browser };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

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

/** The cast of the workflow suites: alice and bob, contributors, and maud, a maintainer. */
export async function createTeam(
  stack: Stack,
): Promise<{ alice: TestUser; bob: TestUser; maud: TestUser }> {
  return {
    alice: await createUser(stack, 'alice', 'contributor'),
    bob: await createUser(stack, 'bob', 'contributor'),
    maud: await createUser(stack, 'maud', 'maintainer'),
  };
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
