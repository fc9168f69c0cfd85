// The web server in front of the API: each visitor's own address reaches the
// API's rate limit (and a visitor cannot claim another), and the sign-in page
// sends a visitor only to paths of this site afterwards.
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  createUser,
  SKIP_WITHOUT_CHROMIUM,
  signedInPage,
  startBrowserStack,
  type TestUser,
} from './helpers';
import { freePort, type Stack, startStack } from './stack';

/** POST /api/session on the web from a given loopback address (127.0.0.0/8 all reach lo). */
function badLogin(stack: Stack, from: string, forwardedFor?: string): Promise<number> {
  const target = new URL('/api/session', stack.webUrl);
  const body = JSON.stringify({ name: 'admin', password: 'certainly not it' });
  return new Promise((done, fail) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

describe('the login budget through the web is per visitor', { timeout: 5 * 60_000 }, () => {
  let stack: Stack;
  before(async () => {
    // The API trusts one hop: the web server.
    stack = await startStack({ DUST_TRUST_PROXY: '1', DUST_RATE_LIMIT_LOGIN: '3' });
  });
  after(() => stack?.stop());

  it('one visitor exhausting it locks out only that visitor, whatever X-Forwarded-For it sends', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push(await badLogin(stack, '127.0.0.2', `198.51.100.${i}`));
    assert.deepEqual(codes, [401, 401, 401, 429, 429], 'a made-up X-Forwarded-For buys nothing');
    assert.equal(await badLogin(stack, '127.0.0.3'), 401, 'another visitor still gets to try');
  });
});

describe('sign-in redirects stay on this site', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 5 * 60_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let user: TestUser;
  let elsewhere: Server;
  let elsewhereHost: string;

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    user = await createUser(stack, 'rita', 'contributor');
    // "Another site", on loopback: where an open redirect would land.
    const port = await freePort();
    elsewhere = createServer((_req, res) => res.end('another site'));
    await new Promise<void>((ok) => elsewhere.listen(port, '127.0.0.2', ok));
    elsewhereHost = `127.0.0.2:${port}`;
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    elsewhere?.close();
  });

  it('ignores next= values that parse as another origin', async () => {
    const web = new URL(stack.webUrl);
    for (const next of [
      `/\\${elsewhereHost}`,
      `/%09/${elsewhereHost}`,
      `/%5C${elsewhereHost}`,
      `//${elsewhereHost}`,
      `http://${elsewhereHost}/`,
    ]) {
      const { context, page } = await signedInPage(browser, stack, null);
      await page.goto(`/signin?next=${encodeURIComponent(next).replaceAll('%25', '%')}`);
      await page.fill('#signin-name', user.name);
      await page.fill('#signin-password', user.password);
      await page.click('button[type=submit]');
      await page.getByRole('link', { name: new RegExp(`^${user.name} `) }).waitFor();
      await page.waitForLoadState('networkidle');
      const landed = new URL(page.url());
      assert.equal(landed.origin, web.origin, `next=${next} landed on ${page.url()}`);
      assert.equal(landed.pathname, '/', `next=${next}`);
      await context.close();
    }
  });

  it('keeps next= paths of this site', async () => {
    const { context, page } = await signedInPage(browser, stack, null);
    await page.goto('/signin?next=/account');
    await page.fill('#signin-name', user.name);
    await page.fill('#signin-password', user.password);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/account'),
      page.click('button[type=submit]'),
    ]);
    await context.close();
  });
});
