import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  api,
  createTeam,
  SKIP_WITHOUT_CHROMIUM,
  signedInPage,
  startBrowserStack,
  type TestUser,
} from './helpers';
import type { Stack } from './stack';

// Every page against axe-core's WCAG 2 A and AA rules, in Chromium, signed in as a
// maintainer (who sees the most controls), with a proposal, a release and a debate.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: Violation[] };
    return result.violations;
  });
  return found.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

const GROUPING = {
  schema: 'dust.grouping/v1',
  kernel: '6.1',
  policy: { fork: 'inherit', exec: 'keep' },
  flags: [
    {
      name: 'FILE_READ',
      bit: 0,
      description: 'Open, stat and read files',
      syscalls: ['openat', 'close', 'fstat', 'lseek', 'pread64'],
    },
  ],
};

describe('accessibility (axe-core, WCAG 2 A and AA)', {
  skip: SKIP_WITHOUT_CHROMIUM,
  timeout: 15 * 60_000,
}, () => {
  let stack: Stack;
  let browser: Browser;
  let maud: TestUser;
  let proposal: number;

  before(async () => {
    ({ stack, browser } = await startBrowserStack());
    const team = await createTeam(stack);
    maud = team.maud;
    proposal = (
      await api<{ id: number }>(stack, team.alice.token, 'POST', '/api/proposals', {
        title: 'File reading',
        rationale: 'Most filters start with **reading files**.',
        grouping: GROUPING,
      })
    ).id;
    await api(stack, team.bob.token, 'POST', `/api/proposals/${proposal}/comments`, {
      body: 'Why fstat?',
      flag: 'FILE_READ',
    });
    await api(stack, team.bob.token, 'POST', `/api/proposals/${proposal}/revisions/1/reviews`, {
      verdict: 'ack',
      body: 'Fine by me.',
    });
    await api(stack, maud.token, 'POST', `/api/proposals/${proposal}/revisions/1/approve`);
    await api(stack, team.alice.token, 'POST', '/api/proposals', {
      title: 'Open one',
      rationale: '',
      grouping: {
        ...GROUPING,
        flags: [
          {
            ...GROUPING.flags[0],
            syscalls: ['openat', 'close', 'fstat', 'lseek', 'pread64', 'read'],
          },
        ],
      },
    });
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('every page passes with no violation', async () => {
    const signedIn = await signedInPage(browser, stack, maud);
    const anonymous = await signedInPage(browser, stack, null);
    const pages: [typeof signedIn, string][] = [
      [signedIn, '/'],
      [signedIn, '/proposals'],
      [signedIn, `/proposals/${proposal}`],
      [signedIn, '/proposals/2'],
      [signedIn, '/proposals/new'],
      [signedIn, '/proposals/new?from=systemd'],
      [signedIn, '/releases'],
      [signedIn, '/releases/1'],
      [signedIn, '/syscalls?q=stat'],
      [signedIn, '/account'],
      [anonymous, '/signin'],
      [anonymous, '/proposals/999999'],
    ];
    const found: string[] = [];
    for (const [session, path] of pages) {
      await session.page.goto(path);
      for (const v of await violations(session.page)) found.push(`${path}: ${v}`);
    }
    assert.deepEqual(found, []);
  });
});
