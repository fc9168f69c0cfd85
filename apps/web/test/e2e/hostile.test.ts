import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMPTY_GROUPING } from '@dust/model';
import type { Browser, Page } from 'playwright-core';
import {
  api,
  createUser,
  SKIP_WITHOUT_CHROMIUM,
  screenshot,
  signedInPage,
  startBrowserStack,
  type TestUser,
  trippedTraps,
} from './helpers';
import type { Stack } from './stack';

// Hostile strings everywhere a user can write, then every page that shows them, in a
// real browser: nothing may execute, no markup may appear, the text must show as text.

const TITLE = `<script>alert("title")</script> & <b>bold</b>`;
const DESCRIPTION = `<img src=x onerror=alert('desc')> "quoted" & </td>`;
// One line, so it is allowed where one-line text is (token names, reasons).
const ONE_LINE = `<img src=x onerror=alert('one-line')> <script>alert('one-line')</script>`;
const CHANGELOG = `Changed <img src=x onerror=alert('changelog')>\n<script>alert('changelog')</script>`;
const HOSTILE_MARKDOWN = [
  `<script>alert('comment-script')</script>`,
  `<img src=x onerror="alert('comment-img')">`,
  `[click me](javascript:alert('md-link'))`,
  `<a href="javascript:alert('raw-link')">raw link</a>`,
  `[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `<svg onload=alert('svg')></svg> <iframe src="javascript:alert('iframe')"></iframe>`,
];

async function assertInert(page: Page, dialogs: string[]) {
  const found = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return { missing: true };
    const all = [...main.querySelectorAll('*')];
    return {
      missing: false,
      scripts: main.querySelectorAll('script').length,
      images: main.querySelectorAll('img, svg image, iframe').length,
      jsLinks: [...main.querySelectorAll('a')].filter((a) =>
        /^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href') ?? ''),
      ).length,
      handlers: all.filter((el) => [...el.attributes].some((attr) => /^on/i.test(attr.name)))
        .length,
    };
  });
  assert.deepEqual(
    found,
    { missing: false, scripts: 0, images: 0, jsLinks: 0, handlers: 0 },
    page.url(),
  );
  assert.deepEqual(dialogs, [], page.url());
  assert.deepEqual(await trippedTraps(page), [], page.url());
}

describe('hostile strings in Chromium', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 10 * 60_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;
  let proposalId: number;
  let releasedId: number;

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    alice = await createUser(stack, 'mallory', 'contributor');
    bob = await createUser(stack, 'trudy', 'contributor');
    const maud = await createUser(stack, 'maud', 'maintainer');
    // An approved hostile proposal: its title and flags show on the release pages and the feed.
    const released = await api<{ id: number }>(stack, alice.token, 'POST', '/api/proposals', {
      title: `${TITLE} (released)`,
      rationale: HOSTILE_MARKDOWN[0],
      grouping: {
        ...EMPTY_GROUPING,
        flags: [{ name: 'RELEASED', bit: 5, description: DESCRIPTION, syscalls: ['getpid'] }],
      },
    });
    releasedId = released.id;
    await api(stack, maud.token, 'POST', `/api/proposals/${releasedId}/revisions/1/approve`);
    await api(stack, alice.token, 'POST', '/api/tokens', { name: ONE_LINE });
    const created = await api<{ id: number }>(stack, alice.token, 'POST', '/api/proposals', {
      title: TITLE,
      rationale: HOSTILE_MARKDOWN.join('\n\n'),
      grouping: {
        ...EMPTY_GROUPING,
        flags: [
          { name: 'HOSTILE', bit: 0, description: DESCRIPTION, syscalls: ['openat', 'close'] },
        ],
      },
    });
    proposalId = created.id;
    // Revision 2, with a hostile changelog (the baseline moved, so it is a rebase away).
    await api(stack, alice.token, 'POST', `/api/proposals/${proposalId}/revisions`, {
      grouping: {
        ...EMPTY_GROUPING,
        flags: [
          { name: 'RELEASED', bit: 5, description: DESCRIPTION, syscalls: ['getpid'] },
          { name: 'HOSTILE', bit: 0, description: DESCRIPTION, syscalls: ['openat', 'close'] },
        ],
      },
      changelog: CHANGELOG,
    });
    for (const [i, body] of HOSTILE_MARKDOWN.entries()) {
      await api(stack, bob.token, 'POST', `/api/proposals/${proposalId}/comments`, {
        body,
        ...(i % 2 === 0 ? { flag: 'HOSTILE' } : { syscall: 'openat' }),
      });
    }
    await api(stack, bob.token, 'POST', `/api/proposals/${proposalId}/revisions/1/reviews`, {
      verdict: 'concern',
      body: HOSTILE_MARKDOWN.join(' '),
    });
    await api(stack, bob.token, 'POST', `/api/proposals/${proposalId}/name-suggestions`, {
      flag: 'HOSTILE',
      name: 'SAFER',
      reason: `<img src=x onerror=alert('reason')> [x](javascript:alert('reason-link'))`,
    });
    await api(stack, bob.token, 'POST', `/api/proposals/${proposalId}/name-suggestions`, {
      flag: 'HOSTILE',
      name: 'SAFEST',
      reason: ONE_LINE,
    });
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows every hostile string as text and runs none of it', async () => {
    const { context, page, dialogs } = await signedInPage(browser, stack, alice);
    await page.goto(`/proposals/${proposalId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(
      ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim(),
      `#${proposalId} ${TITLE}`,
    );
    // the page's text outside form fields (the author's edit form holds the raw rationale, as text)
    const mainText = await page.evaluate(() => {
      const main = document.querySelector('main')?.cloneNode(true) as HTMLElement | undefined;
      for (const field of main?.querySelectorAll('textarea, input') ?? []) field.remove();
      return main?.textContent ?? '';
    });
    const rationaleField = await page.locator('#edit-rationale').inputValue();
    assert.equal(
      rationaleField,
      HOSTILE_MARKDOWN.join('\n\n'),
      'the edit form holds the raw text, as a value',
    );
    assert.ok(mainText.includes(DESCRIPTION), 'the description shows as text');
    assert.ok(
      mainText.includes("<script>alert('comment-script')</script>") === false,
      'raw HTML in markdown is dropped, not shown as markup',
    );
    assert.ok(mainText.includes('click me'), 'the link text stays');
    await page.getByText('click me').first().click();
    await page
      .getByText('raw link')
      .first()
      .click()
      .catch(() => undefined);
    await page.locator('summary', { hasText: 'Name suggestions' }).first().click();
    await screenshot(page, 'hostile-proposal');
    await assertInert(page, dialogs);

    assert.ok(mainText.includes('Changed <img'), 'the changelog shows as text');
    for (const path of [
      '/',
      '/proposals?status=all',
      '/syscalls?show=proposed',
      `/proposals/${releasedId}`,
      '/releases',
      '/releases/1',
      '/account',
      `/proposals/${proposalId}/revise`,
    ]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await assertInert(page, dialogs);
    }
    // the editor keeps the description as an input value, verbatim
    assert.equal(await page.inputValue('#flag-description'), DESCRIPTION);
    await context.close();
  });
});
