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

// The longer road, in the browser: a name suggestion adopted through the editor, a concern
// that blocks approval until its author resolves it, a proposal made stale by another's
// approval, rebased with one click, then approved.

const flag = (name: string, bit: number, syscalls: string[]) => ({
  name,
  bit,
  description: `${name} calls`,
  syscalls,
});

describe('revisions, concerns, adoption and rebase in Chromium', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 15 * 60_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let maud: TestUser;
  let net: number;
  let time: number;

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    ({ alice, bob, maud } = await createTeam(stack));
    const create = (title: string, flags: ReturnType<typeof flag>[]) =>
      api<{ id: number }>(stack, alice.token, 'POST', '/api/proposals', {
        title,
        rationale: `${title}.`,
        grouping: { ...EMPTY_GROUPING, flags },
      });
    net = (await create('Basic networking', [flag('NET_BASIC', 0, ['socket', 'connect'])])).id;
    time = (await create('Clocks', [flag('TIME', 1, ['clock_gettime', 'nanosleep'])])).id;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('adopts a name, clears a concern, rebases a stale proposal and approves it', async () => {
    const b = await signedInPage(browser, stack, bob);
    await b.page.goto(`/proposals/${net}`);
    const card = b.page.locator('#flag-NET_BASIC');
    await card.locator('summary', { hasText: 'Name suggestions' }).click();
    await card.getByLabel('Suggested name for NET_BASIC').fill('NETWORK_BASIC');
    await card.getByLabel('Reason').fill('Say what it is');
    await card.getByRole('button', { name: 'Suggest name' }).click();
    await card.locator('code', { hasText: 'NETWORK_BASIC' }).waitFor();
    await b.page.getByLabel(/^Concern/).check();
    await b.page.fill('#review-body', 'Does `connect` belong in a *basic* flag?');
    await b.page.getByRole('button', { name: 'Send review' }).click();
    await b.page.locator('.badge', { hasText: 'open: blocks approval' }).waitFor();

    // the maintainer sees why Approve is disabled
    const m = await signedInPage(browser, stack, maud);
    await m.page.goto(`/proposals/${net}`);
    assert.equal(await m.page.getByRole('button', { name: /^Approve v1/ }).isDisabled(), true);
    assert.match((await m.page.locator('#approve-blockers').textContent()) ?? '', /open concern/);

    // the author adopts the suggestion: the editor opens with the rename, submit records it
    const a = await signedInPage(browser, stack, alice);
    await a.page.goto(`/proposals/${net}`);
    // suggestions are listed open once there are some
    await a.page.getByRole('link', { name: 'Adopt' }).click();
    await a.page.waitForURL(/\/revise\?/);
    assert.equal(await a.page.inputValue('#flag-name'), 'NETWORK_BASIC');
    await screenshot(a.page, 'editor-adopt');
    await Promise.all([
      a.page.waitForURL(/\?rev=2$/),
      a.page.getByRole('button', { name: 'Submit', exact: true }).click(),
    ]);
    await a.page
      .locator('#flag-NETWORK_BASIC .badge', { hasText: 'renamed from NET_BASIC' })
      .waitFor();
    await screenshot(a.page, 'proposal-v2-renamed');

    // the author retitles the proposal (revisions stay as they are)
    await a.page.locator('summary', { hasText: 'Edit title and rationale' }).click();
    await a.page.fill('#edit-title', 'Basic networking, renamed');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.getByRole('heading', { level: 1, name: /Basic networking, renamed/ }).waitFor();

    // the concern's author resolves it (it was raised on v1)
    await b.page.goto(`/proposals/${net}?rev=1`);
    await b.page.getByRole('button', { name: 'Resolve' }).click();
    await b.page.locator('.badge', { hasText: 'resolved' }).waitFor();

    // another proposal is approved first: this one goes stale
    await m.page.goto(`/proposals/${time}`);
    await m.page.getByRole('button', { name: 'Approve v1 as release 1' }).click();
    await m.page.locator('.badge.approved').first().waitFor();

    await a.page.goto(`/proposals/${net}`);
    await a.page.locator('.badge.stale').first().waitFor();
    await a.page.getByRole('button', { name: 'Rebase onto the baseline' }).click();
    await a.page.getByRole('link', { name: 'v3' }).waitFor();

    // v3 is based on release 1 and free of concerns: the maintainer approves it
    await m.page.goto(`/proposals/${net}`);
    const approve = m.page.getByRole('button', { name: 'Approve v3 as release 2' });
    assert.equal(
      await approve.isEnabled(),
      true,
      (await m.page
        .locator('#approve-blockers')
        .textContent()
        .catch(() => null)) ?? '',
    );
    await approve.click();
    await m.page.getByRole('link', { name: 'release 2' }).waitFor();

    await m.page.goto('/releases/2');
    const changes = (await m.page.getByTestId('grouping-changes').textContent()) ?? '';
    assert.match(changes, /New flag NETWORK_BASIC/);
    assert.doesNotMatch(changes, /TIME/, 'release 1’s flag is unchanged');
    await screenshot(m.page, 'release-2');
    for (const s of [a, b, m]) await s.context.close();
  });
});
