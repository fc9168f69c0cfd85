import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SESSION_COOKIE } from '@dust/contract/http';
import { type Browser, chromium } from 'playwright-core';
import { type FakeGitHub, startFakeGitHub } from '../../../api/test/github/fake-server';
import { SKIP_WITHOUT_CHROMIUM, screenshot } from './helpers';
import { CHROMIUM, CHROMIUM_ARGS, type Stack, startStack } from './stack';

// "Sign in with GitHub" in a real browser: the button on the sign-in page, the
// API's redirect to GitHub (the local GitHub of the API tests, which approves at
// once as GitHub does for an app already authorized), the callback through the
// web's /api gateway, and the visitor back where they started, a maintainer by
// team membership.

describe('Sign in with GitHub in Chromium', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 5 * 60_000,
}, () => {
  let github: FakeGitHub;
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    github = await startFakeGitHub();
    github.oauth.users.set('octocat', {
      id: 583231,
      login: 'octocat',
      name: 'The Octocat',
      email: 'octocat@example.org',
    });
    github.oauth.teams.set('dust-org/maintainers', new Map([['octocat', 'active']]));
    stack = await startStack(({ webUrl }) => ({
      GITHUB_OAUTH_CLIENT_ID: github.oauth.clientId,
      GITHUB_OAUTH_CLIENT_SECRET: github.oauth.clientSecret,
      GITHUB_API_URL: github.url,
      GITHUB_MAINTAINERS_TEAM: 'dust-org/maintainers',
      DUST_PUBLIC_URL: webUrl,
    }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await github?.close();
  });

  it('signs in from the button and returns to the page the visitor came from', async () => {
    const context = await browser.newContext({ baseURL: stack.webUrl });
    const page = await context.newPage();
    await page.goto('/signin?next=/releases');
    const button = page.locator('#signin-github');
    assert.equal(await button.textContent(), 'Sign in with GitHub');
    await screenshot(page, 'signin-github');
    github.oauth.browserLogin = 'octocat';
    await Promise.all([page.waitForURL((url) => url.pathname === '/releases'), button.click()]);
    assert.equal(new URL(page.url()).origin, stack.webUrl);
    assert.match((await page.locator('.viewer').textContent()) ?? '', /octocat \(maintainer\)/);
    const cookies = await context.cookies();
    assert.ok(cookies.some((c) => c.name === SESSION_COOKIE && c.httpOnly));
    assert.ok(!cookies.some((c) => c.name === 'dust_github_oauth'), 'the state cookie is gone');
    await context.close();
  });
});
