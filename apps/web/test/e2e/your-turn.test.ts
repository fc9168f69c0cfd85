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

// "Your turn" in the browser: the home page lists what waits for the signed-in user and
// the navigation counts it; the list follows what people do, and is absent when signed out.

describe('your turn in Chromium', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 10 * 60_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let maud: TestUser;
  let id: number;

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    ({ alice, bob, maud } = await createTeam(stack));
    id = (
      await api<{ id: number }>(stack, alice.token, 'POST', '/api/proposals', {
        title: 'Pipes <b>and</b> dups',
        rationale: 'Plumbing.',
        grouping: {
          ...EMPTY_GROUPING,
          flags: [{ name: 'PIPES', bit: 0, description: 'Pipes', syscalls: ['pipe2', 'dup3'] }],
        },
      })
    ).id;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lists what waits for you on the home page, with its count in the navigation', async () => {
    const a = await signedInPage(browser, stack, alice);
    const nav = a.page.getByRole('navigation', { name: 'Main' });
    const list = a.page.locator('#your-turn');
    await a.page.goto('/');
    await list.waitFor();
    assert.match((await list.textContent()) ?? '', /Nothing waits for you/);
    assert.equal(await nav.getByRole('link', { name: 'Your turn: 0 waiting' }).count(), 1);

    await api(stack, bob.token, 'POST', `/api/proposals/${id}/revisions/1/reviews`, {
      verdict: 'concern',
      body: 'Why dup3?',
    });
    await a.page.reload();
    const item = list.locator('li[data-reason="review-on-your-proposal"]');
    await item.waitFor();
    // The title is text, never markup.
    assert.match((await item.textContent()) ?? '', /#\d+ Pipes <b>and<\/b> dups — New review/);
    assert.equal(await nav.getByRole('link', { name: 'Your turn: 1 waiting' }).count(), 1);
    await screenshot(a.page, 'your-turn');
    await item.getByRole('link').click();
    await a.page.waitForURL(new RegExp(`/proposals/${id}$`));

    // A new revision answers the review: it leaves alice's list and enters bob's.
    const p = await api<{ revisions: { grouping: unknown }[] }>(
      stack,
      alice.token,
      'GET',
      `/api/proposals/${id}`,
    );
    await api(stack, alice.token, 'POST', `/api/proposals/${id}/revisions`, {
      grouping: p.revisions[0]?.grouping,
      changelog: 'dup3 is how pipes get wired to stdio.',
    });
    await a.page.goto('/');
    await list.waitFor();
    assert.match((await list.textContent()) ?? '', /Nothing waits for you/);

    const b = await signedInPage(browser, stack, bob);
    await b.page.goto('/');
    await b.page.locator('#your-turn li[data-reason="concern-answered"]').waitFor();
    assert.equal(
      await b.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Your turn: 1 waiting' })
        .count(),
      1,
    );

    // The maintainer sees nothing to approve while the concern is open.
    const m = await signedInPage(browser, stack, maud);
    await m.page.goto('/');
    await m.page.locator('#your-turn').waitFor();
    assert.equal(await m.page.locator('#your-turn li[data-reason="ready-to-approve"]').count(), 0);

    // Signed out: no list, no count.
    const anon = await signedInPage(browser, stack, null);
    await anon.page.goto('/');
    await anon.page.getByRole('heading', { name: /^Baseline/ }).waitFor();
    assert.equal(await anon.page.locator('#your-turn').count(), 0);
    assert.equal(await anon.page.getByRole('link', { name: /^Your turn/ }).count(), 0);
    for (const c of [a, b, m, anon]) await c.context.close();
  });
});
