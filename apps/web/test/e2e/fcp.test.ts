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

// A final comment period in the browser: a maintainer starts one, everyone sees the banner
// with the time left, the maintainer cancels it; a concern blocks starting one (the API's
// reason shown beside the button) and cancels a running one.

describe('final comment period in Chromium', {
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
        title: 'Clocks for everyone',
        rationale: 'Reading the time is harmless.',
        grouping: {
          ...EMPTY_GROUPING,
          flags: [{ name: 'TIME', bit: 0, description: 'Clocks', syscalls: ['clock_gettime'] }],
        },
      })
    ).id;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('starts, shows the time left, cancels; a concern blocks and cancels it', async () => {
    const m = await signedInPage(browser, stack, maud);
    await m.page.goto(`/proposals/${id}`);
    const banner = m.page.getByRole('status', { name: 'Final comment period' });
    assert.equal(await banner.count(), 0);
    await m.page.getByRole('button', { name: 'Start FCP to approve' }).click();
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    // DUST_FCP_HOURS is 240 by default: ten days, counted down in the browser.
    assert.match(text, /v1 will be approved/);
    assert.match(text, /(10 days|9 days 23 hours) left/);
    assert.match(text, new RegExp(`Started by ${maud.name}`));
    await screenshot(m.page, 'fcp-banner');

    // The author sees the banner, without the maintainers' button.
    const a = await signedInPage(browser, stack, alice);
    await a.page.goto(`/proposals/${id}`);
    const seen = a.page.getByRole('status', { name: 'Final comment period' });
    await seen.waitFor();
    assert.equal(
      await seen.getByRole('button', { name: 'Cancel final comment period' }).count(),
      0,
    );
    assert.equal(await a.page.getByRole('button', { name: /^Start FCP/ }).count(), 0);

    await banner.getByRole('button', { name: 'Cancel final comment period' }).click();
    await banner.waitFor({ state: 'detached' });
    assert.equal(
      (await api<{ fcp: unknown }>(stack, maud.token, 'GET', `/api/proposals/${id}`)).fcp,
      null,
    );

    // Started again, then a concern cancels it.
    await m.page.getByRole('button', { name: 'Start FCP to reject' }).click();
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /v1 will be rejected/);
    await api(stack, bob.token, 'POST', `/api/proposals/${id}/revisions/1/reviews`, {
      verdict: 'concern',
      body: 'Which clocks?',
    });
    await m.page.reload();
    await m.page.getByRole('button', { name: 'Start FCP to approve' }).waitFor();
    assert.equal(await banner.count(), 0);
    const events = await api<{ items: { type: string; data: { reason?: string } }[] }>(
      stack,
      maud.token,
      'GET',
      `/api/events?proposal=${id}&type=fcp.cancelled`,
    );
    assert.deepEqual(
      events.items.map((e) => e.data.reason),
      ['cancelled', 'concern'],
    );

    // While the concern is open, starting one is refused and the reason is shown.
    await m.page.getByRole('button', { name: 'Start FCP to approve' }).click();
    const alert = m.page.getByRole('alert').filter({ hasText: /concern/ });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /\(409\)/);
    await m.context.close();
    await a.context.close();
  });
});
