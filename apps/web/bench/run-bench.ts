import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, createUser } from '../test/e2e/helpers';
import { CHROMIUM, CHROMIUM_ARGS, type Stack, startStack, WEB_DIR } from '../test/e2e/stack';
import { benchGrouping } from './bench-grouping';

// Web bench (not a test): one run, figures printed and saved to test-results/bench-web.json.
//  1. server response time of a proposal page with a 25-flag grouping and 200 comments;
//  2. the editor's re-validation time after a change, in Chromium, with every syscall
//     assigned (performance.now() from the edit to the committed render, validation included).
// DUST_BENCH_ONLY=page|editor runs one of them.

const PAGE_RUNS = 40;
const EDITS = 60;

type Results = Record<string, unknown>;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return {
    n: sorted.length,
    mean: +mean.toFixed(2),
    p50: +at(0.5).toFixed(2),
    p95: +at(0.95).toFixed(2),
    max: +(sorted.at(-1) ?? 0).toFixed(2),
  };
}

async function benchProposalPage(stack: Stack, results: Results) {
  const author = await createUser(stack, 'bench-author', 'contributor');
  const talker = await createUser(stack, 'bench-talker', 'contributor');
  const grouping = benchGrouping(25);
  const proposal = await api<{ id: number }>(stack, author.token, 'POST', '/api/proposals', {
    title: 'Bench: 25 flags',
    rationale: 'A proposal with **25 flags** and 200 comments.',
    grouping,
  });
  for (let i = 0; i < 200; i++) {
    const flag = grouping.flags[i % grouping.flags.length];
    await api(stack, talker.token, 'POST', `/api/proposals/${proposal.id}/comments`, {
      body: `Comment ${i}: *why* is \`${flag?.syscalls[0]}\` in ${flag?.name}? See [the mail](https://lkml.org/).`,
      ...(i % 2 === 0 && flag ? { flag: flag.name } : {}),
    });
  }
  const url = `${stack.webUrl}/proposals/${proposal.id}`;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < PAGE_RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    const html = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
    if (i >= 3) times.push(ms); // the first requests warm caches and JIT
    bytes = html.length;
  }
  results.proposalPage = {
    url: `/proposals/${proposal.id}`,
    flags: 25,
    comments: 200,
    htmlBytes: bytes,
    ms: stats(times),
  };
}

async function benchEditor(stack: Stack, results: Results) {
  if (!existsSync(CHROMIUM)) {
    results.editor = `skipped: ${CHROMIUM} is absent`;
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({
      baseURL: stack.webUrl,
      viewport: { width: 1360, height: 900 },
    });
    await page.goto('/proposals/new');
    await page.selectOption('#start-from', 'systemd');
    await page.getByRole('button', { name: '+ Add flag' }).click();
    await page.getByRole('button', { name: 'Add all shown' }).click();
    const assigned = await page.locator('.picker-row.checked').count();
    const take = () =>
      page.evaluate(() => {
        const t = window.__dustEditorTimings ?? [];
        window.__dustEditorTimings = [];
        return t;
      });
    await take();
    const rows = page.locator('.picker-row');
    for (let i = 0; i < EDITS; i++) await rows.nth((i * 7) % assigned).click(); // toggles one syscall
    const toggles = await take();
    await page.locator('#flag-description').pressSequentially('Every syscall of Linux');
    const typing = await take();
    results.editor = {
      flags: await page.locator('.flags-list button').count(),
      syscallsInEditedFlag: assigned,
      toggleSyscall: {
        totalMs: stats(toggles.map((t) => t.total)),
        validateMs: stats(toggles.map((t) => t.validate)),
      },
      typeDescription: {
        totalMs: stats(typing.map((t) => t.total)),
        validateMs: stats(typing.map((t) => t.validate)),
      },
      targetMs: 16,
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  const stack = await startStack({ DUST_RATE_LIMIT_WRITES: '100000' });
  const results: Results = {};
  try {
    if (process.env.DUST_BENCH_ONLY !== 'editor') await benchProposalPage(stack, results);
    if (process.env.DUST_BENCH_ONLY !== 'page') await benchEditor(stack, results);
  } finally {
    await stack.stop();
  }
  const out = join(WEB_DIR, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench-web.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
