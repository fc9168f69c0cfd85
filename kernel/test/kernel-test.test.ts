import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Grouping } from '@dust/model';
import { checkToolchain, kernelTest } from '../src/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const small = JSON.parse(
  readFileSync(path.join(here, '..', 'examples', 'small.json'), 'utf8'),
) as Grouping;
const toolchain = await checkToolchain();
const skip = toolchain.ok ? false : 'kernel toolchain not installed: run npm run kernel:setup';

test('small.json: the rendered series applies, builds, boots and every flag holds', {
  skip,
  timeout: 60 * 60 * 1000,
}, async () => {
  const verdict = await kernelTest({ grouping: small });
  const failed = verdict.stages.filter((s) => s.status !== 'passed');
  assert.deepEqual(
    failed.map((s) => `${s.name}: ${s.log?.slice(-2000)}`),
    [],
    verdict.reason,
  );
  assert.equal(verdict.status, 'passed', verdict.reason);
  assert.equal(verdict.checkpatch?.errors, 0);
  assert.deepEqual(
    verdict.stages.map((s) => s.name),
    ['prepare', 'apply', 'checkpatch', 'configure', 'build', 'initramfs', 'boot', 'bisect'],
  );
  assert.deepEqual(
    verdict.flags.map((f) => [f.name, f.status]),
    small.flags.map((f) => [f.name, 'passed']),
  );
  const check = (scope: string, name: string) =>
    verdict.checks.find((c) => c.scope === scope && c.check === name);
  for (const [scope, name] of [
    ['mode', 'base-set'],
    ['mode', 'base-kill'],
    ['mode', 'exit-group-kill'],
    ['mode', 'unknown-bits'],
    ['mode', 'drop-subset'],
    ['policy', 'fork-inherit'],
    ['policy', 'exec'],
    ['FILE_READ', 'allow'],
    ['FILE_READ', 'kill-outside'],
    ['PROCESS', 'regain'],
    ['TIME', 'drop'],
  ] as const) {
    assert.equal(
      check(scope, name)?.status,
      'passed',
      `${scope} ${name}: ${check(scope, name)?.detail}`,
    );
  }
  assert.match(check('policy', 'exec')?.detail ?? '', /reset-to-base/);
  // The series' own selftest ran in the booted kernel, every test passing but
  // the compat one, which needs IA32_EMULATION (off in the test config).
  assert.equal(check('selftest', 'run')?.status, 'passed', check('selftest', 'run')?.detail);
  for (const name of [
    'global.violation_kills_the_whole_process',
    'global.entering_disables_the_tsc',
    'global.proc_status_shows_the_held_flags',
    'global.no_flags_is_strict_mode',
  ]) {
    assert.equal(check('selftest', name)?.status, 'passed', name);
  }
  assert.equal(check('selftest', 'global.compat_entry_fails_with_einval')?.status, 'skipped');
  // Every shorter prefix of the series compiled the objects the series touches.
  assert.match(
    verdict.stages.find((s) => s.name === 'bisect')?.log ?? '',
    /fs\/exec\.o fs\/proc\/array\.o kernel\/seccomp\.o[\s\S]*patch 4 .*: builds/,
  );
});

test('a missing tree is a skipped verdict naming the setup command', async () => {
  const verdict = await kernelTest({
    grouping: small,
    tree: path.join(here, 'no-such-kernel-tree'),
  });
  assert.equal(verdict.status, 'skipped');
  assert.match(verdict.reason ?? '', /npm run kernel:setup/);
  assert.deepEqual(verdict.stages, []);
});

test('a series that does not apply fails at apply and leaves the build tree as it was', {
  skip,
}, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dust-bad-series-'));
  const head = () =>
    spawnSync('git', ['rev-parse', 'HEAD'], {
      cwd: toolchain.tree,
      encoding: 'utf8',
    }).stdout.trim();
  try {
    writeFileSync(
      path.join(dir, '0001-seccomp-nonsense.patch'),
      [
        'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
        'From: Dust <dust@example.invalid>',
        'Date: Sun, 11 Dec 2022 00:00:00 +0000',
        'Subject: [PATCH] seccomp: a change against text that is not there',
        '',
        '---',
        ' kernel/seccomp.c | 2 +-',
        ' 1 file changed, 1 insertion(+), 1 deletion(-)',
        '',
        'diff --git a/kernel/seccomp.c b/kernel/seccomp.c',
        '--- a/kernel/seccomp.c',
        '+++ b/kernel/seccomp.c',
        '@@ -1,3 +1,3 @@',
        ' no such line one',
        '-no such line two',
        '+replacement',
        ' no such line three',
        '-- ',
        '2.39.5',
        '',
      ].join('\n'),
    );
    const before = head();
    const verdict = await kernelTest({ grouping: small, seriesDir: dir });
    assert.equal(verdict.status, 'failed');
    assert.match(verdict.reason ?? '', /^apply: git am did not apply/);
    assert.deepEqual(
      verdict.stages.map((s) => [s.name, s.status]),
      [
        ['prepare', 'passed'],
        ['apply', 'failed'],
      ],
    );
    assert.match(verdict.stages[1]?.log ?? '', /patch does not apply|Patch failed/);
    // checkpatch never ran: its figures are unknown, not zero.
    assert.equal(verdict.checkpatch, null);
    assert.equal(head(), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an invalid grouping fails at prepare with its diagnostics, touching nothing', {
  skip,
}, async () => {
  const hostile = structuredClone(small) as { flags: { name: string }[] };
  const first = hostile.flags[0];
  assert.ok(first);
  first.name = 'BAD */ name';
  const verdict = await kernelTest({ grouping: hostile as unknown as Grouping });
  assert.equal(verdict.status, 'failed');
  assert.match(verdict.reason ?? '', /^prepare: the grouping is invalid: FLAG_NAME_INVALID/);
  assert.deepEqual(
    verdict.stages.map((s) => s.name),
    ['prepare'],
  );
  assert.equal(verdict.checkpatch, null);
});

test('an abort (a lost lease) ends the run at once: no stage after it starts', {
  skip,
  timeout: 10 * 60 * 1000,
}, async () => {
  const controller = new AbortController();
  const verdict = await kernelTest({
    grouping: small,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.stage === 'configure' && p.event === 'start') controller.abort(new Error('lease lost'));
    },
  });
  assert.equal(verdict.status, 'failed');
  assert.match(verdict.reason ?? '', /^(configure|checkpatch): aborted \(lease lost\)$/);
  assert.deepEqual(
    verdict.stages.map((s) => s.name),
    ['prepare', 'apply', 'checkpatch', 'configure'],
  );
});
