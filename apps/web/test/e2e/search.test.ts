import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMPTY_GROUPING } from '@dust/model';
import type { Browser } from 'playwright-core';
import {
  api,
  createTeam,
  SKIP_WITHOUT_CHROMIUM,
  screenshot,
  signedInPage,
  startBrowserStack,
  type TestUser,
} from './helpers';
import type { Stack } from './stack';

// The proposal list's search box (ranked full-text search in the API) and its Stale tab,
// which the API now filters itself.

describe('proposal search in Chromium', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 10 * 60_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let maud: TestUser;
  const ids: number[] = [];

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    ({ alice, bob, maud } = await createTeam(stack));
    for (const [title, name, bit] of [
      ['Pipes', 'PIPES', 0],
      ['Clocks', 'CLOCKS', 1],
      ['Signals', 'SIGNALS', 2],
    ] as const) {
      const p = await api<{ id: number }>(stack, alice.token, 'POST', '/api/proposals', {
        title,
        rationale: `${title} for everyone.`,
        grouping: {
          ...EMPTY_GROUPING,
          flags: [{ name, bit, description: `${title} calls`, syscalls: ['getpid'] }],
        },
      });
      ids.push(p.id);
    }
    await api(stack, bob.token, 'POST', `/api/proposals/${ids[1]}/comments`, {
      body: 'Think of the watchdog daemons.',
    });
    // Approving the signals proposal leaves the other two stale.
    await api(stack, maud.token, 'POST', `/api/proposals/${ids[2]}/revisions/1/approve`);
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('finds a proposal by a word in a comment, and lists the stale ones', async () => {
    const a = await signedInPage(browser, stack, alice);
    await a.page.goto('/proposals?status=all');
    await a.page.getByRole('searchbox', { name: /^Words/ }).fill('watchdog');
    await Promise.all([
      a.page.waitForURL(/q=watchdog/),
      a.page.getByRole('button', { name: 'Search' }).click(),
    ]);
    const rows = a.page.locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', /Clocks/);
    await screenshot(a.page, 'search');

    await a.page.goto('/proposals?status=all&q=nosuchword');
    await a.page.locator('.empty', { hasText: 'matching “nosuchword”' }).waitFor();

    await a.page.goto('/proposals?status=stale');
    await rows.first().waitFor();
    const stale = await rows.allTextContents();
    assert.equal(stale.length, 2);
    assert.ok(stale.every((row) => /stale/.test(row)));
    await a.context.close();
  });
});
