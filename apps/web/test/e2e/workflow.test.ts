import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { gitAmOnLinuxFiles, LINUX_TARBALL } from './git-am';
import {
  createTeam,
  SKIP_WITHOUT_CHROMIUM,
  screenshot,
  signedInPage,
  startBrowserStack,
  type TestUser,
  trippedTraps,
} from './helpers';
import type { Stack } from './stack';

// The mission in a real browser: a contributor writes a proposal in the editor (fixing
// diagnostics on the way), a second user comments on a flag and acks, a maintainer
// approves, and the release offers an mbox that `git am` accepts.

describe('web workflow in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 15 * 60_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let maud: TestUser;

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    ({ alice, bob, maud } = await createTeam(stack));
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('takes a proposal from the editor to a release that git am accepts', async (t) => {
    // — the contributor, in the editor —
    const a = await signedInPage(browser, stack, alice);
    await screenshot(a.page, 'home-empty');
    await a.page.goto('/proposals/new');
    await a.page.getByRole('button', { name: '+ Add flag' }).click();
    await a.page.fill('#flag-name', 'file_read');
    const nameDiagnostic = a.page.locator('[data-testid=diagnostics] button', {
      hasText: 'FLAG_NAME_INVALID',
    });
    await nameDiagnostic.waitFor();
    await nameDiagnostic.click();
    assert.equal(
      await a.page.evaluate(() => document.activeElement?.id),
      'flag-name',
      'the diagnostic leads to the name field',
    );
    await a.page.fill('#flag-name', 'FILE_READ');
    await nameDiagnostic.waitFor({ state: 'detached' });
    await a.page.fill('#flag-description', 'Open, stat and read files');

    // multi-select by search, then by keyboard, then by name (with a typo to fix)
    await a.page.fill('#syscall-search', 'openat');
    await a.page.locator('#opt-openat').click();
    await a.page.fill('#syscall-search', 'close');
    await a.page.locator('#syscall-listbox').focus();
    await a.page.keyboard.press('Home');
    await a.page.keyboard.press('Space');
    await a.page.fill('#add-by-name', 'lseek pread64 fsat');
    await a.page.keyboard.press('Enter');
    const unknown = a.page.locator('[data-testid=diagnostics] button', {
      hasText: 'SYSCALL_UNKNOWN',
    });
    await unknown.waitFor();
    await unknown.click();
    const focused = await a.page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.match(focused, /fsat/, 'the diagnostic leads to the unknown syscall');
    await a.page.keyboard.press('Enter'); // the focused chip removes itself
    await unknown.waitFor({ state: 'detached' });
    await a.page.fill('#add-by-name', 'fstat newfstatat');
    await a.page.keyboard.press('Enter');
    const validity = a.page.getByTestId('validity');
    assert.match((await validity.textContent()) ?? '', /^valid/);
    await screenshot(a.page, 'editor');
    // the draft beside a reference, recomputed as it is edited
    const compare = a.page.getByTestId('editor-comparison');
    await compare.getByLabel('Reference grouping').selectOption('strace');
    await compare
      .locator('li', { hasText: 'FILE_READ' })
      .getByText(/% agree/)
      .waitFor();

    await a.page.fill('#proposal-title', 'File reading flag');
    await a.page.fill('#proposal-rationale', 'Most filters start with **reading files**.');
    await Promise.all([
      a.page.waitForURL(/\/proposals\/\d+$/),
      a.page.getByRole('button', { name: 'Submit', exact: true }).click(),
    ]);
    const proposalUrl = new URL(a.page.url()).pathname;
    await a.page.getByRole('heading', { name: /File reading flag/ }).waitFor();
    await screenshot(a.page, 'proposal-v1');
    // Each flag beside its closest reference flag: FILE_READ (openat, fstat…) shares calls with strace's classes.
    const comparison = a.page.getByTestId('reference-comparison');
    await comparison.locator('summary').click();
    const straceRow = comparison
      .locator('section', { has: a.page.getByRole('heading', { name: 'strace syscall classes' }) })
      .locator('tr', { hasText: 'FILE_READ' });
    const closest = (await straceRow.locator('td').nth(1).textContent()) ?? '';
    assert.notEqual(closest, 'none');
    assert.match((await straceRow.locator('td').nth(2).textContent()) ?? '', /^\d+ %$/);

    // — a second user comments on the flag and acks —
    const b = await signedInPage(browser, stack, bob);
    await b.page.goto(proposalUrl);
    const card = b.page.locator('#flag-FILE_READ');
    await card.locator('summary', { hasText: 'Comments on this flag' }).click();
    await card.locator('textarea').fill('Should `fstat` really sit here? It is *fine* by me.');
    await card.getByRole('button', { name: 'Post comment' }).click();
    await card.locator('.comment', { hasText: 'Should fstat really sit here?' }).waitFor();
    await b.page.fill('#review-body', 'Acked: a small, useful first flag.');
    await b.page.getByRole('button', { name: 'Send review' }).click();
    await b.page.locator('#reviews ~ div .badge.ack').first().waitFor();
    await screenshot(b.page, 'proposal-reviewed');

    // a contributor sees why they cannot approve
    assert.equal(await b.page.getByRole('button', { name: /^Approve/ }).count(), 0);

    // — the maintainer approves —
    const m = await signedInPage(browser, stack, maud);
    await m.page.goto(proposalUrl);
    const approve = m.page.getByRole('button', { name: 'Approve v1 as release 1' });
    const blockers = await m.page
      .locator('#approve-blockers')
      .textContent()
      .catch(() => null);
    assert.equal(await approve.isEnabled(), true, blockers ?? '');
    await approve.click();
    await m.page.locator('.badge.approved').first().waitFor();
    await screenshot(m.page, 'proposal-approved');

    // — the release page offers the mbox and the git am command —
    await m.page.goto('/releases/1');
    await m.page.getByTestId('git-am-command').waitFor();
    await screenshot(m.page, 'release');
    const href = await m.page.getByRole('link', { name: 'Download mbox' }).getAttribute('href');
    assert.ok(href);
    const download = await m.page.request.get(href);
    assert.equal(download.status(), 200);
    const mbox = await download.text();
    assert.match(mbox, /^From [0-9a-f]{40} /);
    assert.match(mbox, /SECCOMP_FLAG_FILE_READ/);

    // the releases feed, reached through the web like any /api path, encloses that mbox
    await m.page.goto('/releases');
    const feedHref = await m.page.getByRole('link', { name: 'releases feed' }).getAttribute('href');
    const feed = await m.page.request.get(feedHref ?? '');
    assert.match(feed.headers()['content-type'] ?? '', /^application\/atom\+xml/);
    assert.match(await feed.text(), /rel="enclosure" type="application\/mbox"/);

    const applied = gitAmOnLinuxFiles(mbox);
    if (applied === null) {
      t.diagnostic(
        `git am step skipped: ${LINUX_TARBALL} is absent (apt-get install -y linux-source-6.1)`,
      );
    } else {
      assert.equal(applied.ok, true, applied.log);
      assert.ok(applied.commits >= 1, `git am created ${applied.commits} commits`);
    }

    // the rest of the site, for the record
    for (const [path, name] of [
      ['/', 'home'],
      ['/proposals?status=all', 'proposals'],
      ['/syscalls?q=stat', 'syscalls'],
      ['/releases', 'releases'],
      ['/account', 'account'],
      ['/proposals/999999', 'not-found'],
      ['/proposals/new?from=systemd', 'editor-systemd'],
    ] as const) {
      await m.page.goto(path);
      await screenshot(m.page, name);
    }
    // the syscalls page sets each call beside the three reference groupings
    await m.page.goto('/syscalls?q=connect');
    for (const header of [
      'systemd syscall groups',
      'strace syscall classes',
      'OpenBSD pledge promises',
    ])
      await m.page.getByRole('columnheader', { name: header }).waitFor();
    const cells = await m.page.locator('#sc-connect td').allTextContents();
    assert.deepEqual(cells.slice(-3), ['NETWORK_IO', 'NETWORK', 'DNS, INET, UNIX']);

    const anon = await signedInPage(browser, stack, null);
    await anon.page.goto('/signin');
    await screenshot(anon.page, 'signin');
    await anon.page.goto('/proposals/new');
    await anon.page.getByText('to submit.').waitFor();

    for (const session of [a, b, m, anon]) {
      assert.deepEqual(session.dialogs, []);
      assert.deepEqual(await trippedTraps(session.page), []);
      await session.context.close();
    }
  });
});
