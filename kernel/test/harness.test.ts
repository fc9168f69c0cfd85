import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Grouping } from '@dust/model';
import { renderSeries } from '../src/render';
import { kconfigSymbols, undefinedConfigSymbols } from '../src/test/bisect-series';
import { collectPatches } from '../src/test/collect-patches';
import { parseBootLog } from '../src/test/parse-boot-log';
import { planBootTest } from '../src/test/plan-boot-test';
import { renderBootHeader } from '../src/test/render-boot-header';
import { parseCheckpatchOutput } from '../src/test/run-checkpatch';
import { UNSAFE_TO_CALL } from '../src/test/syscall-safety';

const here = path.dirname(fileURLToPath(import.meta.url));
const example = (name: string): Grouping =>
  JSON.parse(readFileSync(path.join(here, '..', 'examples', `${name}.json`), 'utf8')) as Grouping;
const bootSource = path.join(here, '..', 'src', 'test', 'boot');
const hasGcc = spawnSync('gcc', ['--version']).status === 0;

describe('planBootTest', () => {
  test('small grouping: callable syscalls leave out the unsafe ones and the base set', () => {
    const plan = planBootTest(example('small'));
    const byName = new Map(plan.flags.map((f) => [f.name, f]));
    const process = byName.get('PROCESS');
    assert.ok(process);
    assert.deepEqual(
      process.callable.map((c) => c.name),
      ['wait4', 'getpid', 'getppid', 'gettid'],
    );
    assert.deepEqual(process.notCalled.sort(), ['clone', 'exit_group', 'fork']);
    for (const flag of plan.flags) {
      for (const call of flag.callable) assert.ok(!UNSAFE_TO_CALL.has(call.name), call.name);
      assert.ok(flag.outside, `${flag.name} has an outside syscall`);
      assert.ok(
        !example('small')
          .flags.find((f) => f.name === flag.name)
          ?.syscalls.includes(flag.outside.name),
      );
    }
    assert.equal(byName.get('FILE_READ')?.callable.find((c) => c.name === 'openat')?.nr, 257);
  });

  test('small grouping: fork through clone, exec through execve with the reset policy', () => {
    const plan = planBootTest(example('small'));
    assert.equal(plan.fork?.via, 'clone');
    assert.equal(plan.fork?.flag, 'PROCESS');
    assert.equal(plan.fork?.mask, 2);
    assert.equal(plan.fork?.superset, 3);
    assert.equal(plan.exec?.via, 'execve');
    assert.equal(plan.exec?.reset, true);
    assert.equal(plan.exec?.inside.name, 'execve');
    assert.equal(plan.allFlags, 0b100111);
    assert.deepEqual(plan.unknownMasks, [1n << 3n, 1n << 32n, 1n << 63n]);
    assert.deepEqual(plan.notApplicable, []);
    assert.ok(plan.expected.some((e) => e.scope === 'policy' && e.check === 'exec'));
  });

  test('base-only grouping: mode checks only, fork and exec not applicable', () => {
    const plan = planBootTest(example('base-only'));
    assert.deepEqual(plan.flags, []);
    assert.equal(plan.fork, null);
    assert.equal(plan.exec, null);
    assert.deepEqual(
      plan.expected.map((e) => e.check),
      ['base-set', 'base-kill', 'exit-group-kill', 'unknown-bits', 'run'],
    );
    assert.deepEqual(plan.notApplicable.map((n) => n.check).sort(), [
      'drop-subset',
      'exec',
      'fork-inherit',
    ]);
    assert.deepEqual(plan.unknownMasks, [1n, 1n << 32n, 1n << 63n]);
  });

  test('refuses names that could escape into C', () => {
    const hostile = example('small');
    const first = hostile.flags[0];
    assert.ok(first);
    first.name = 'X", 0 }; system("reboot';
    assert.throws(() => planBootTest(hostile), /invalid flag name/);
  });
});

describe('renderBootHeader', () => {
  test('holds each flag, its mask and its syscall numbers', () => {
    const header = renderBootHeader(planBootTest(example('small')));
    assert.match(header, /\{ "FILE_READ", 0x1UL, dust_calls_0, 8, \{ "getpid", 39 \}, 1 \}/);
    assert.match(header, /\{ "TIME", 0x20UL, dust_calls_3, 3,/);
    assert.match(header, /#define DUST_FORK_STYLE 1/);
    assert.match(header, /#define DUST_EXEC_RESET 1/);
    assert.match(header, /#define DUST_EXEC_POLICY "reset-to-base"/);
    assert.match(header, /#define DUST_NCHECKS 24/);
    const perTask = renderBootHeader(planBootTest(example('per-task')));
    assert.match(perTask, /#define DUST_EXEC_RESET 0/);
    assert.match(perTask, /#define DUST_EXEC_POLICY "per-task"/);
  });

  for (const name of ['small', 'base-only']) {
    test(`compiles with init.c for ${name}.json`, { skip: !hasGcc && 'gcc not installed' }, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'dust-boot-header-'));
      try {
        writeFileSync(path.join(dir, 'grouping.h'), renderBootHeader(planBootTest(example(name))));
        const cc = spawnSync(
          'gcc',
          [
            '-fsyntax-only',
            '-Wall',
            '-Wextra',
            '-Werror',
            '-Wno-unused-result',
            '-I',
            dir,
            path.join(bootSource, 'init.c'),
          ],
          { encoding: 'utf8' },
        );
        assert.equal(cc.status, 0, cc.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('parseBootLog', () => {
  const plan = planBootTest(example('small'));
  const line = (scope: string, check: string, ok = true) =>
    `DUST-RESULT ${scope} ${check} ${ok ? 'pass' : 'fail'} detail for ${scope} ${check}\r`;

  test('maps console lines to checks and flags, through CRs and kernel messages', () => {
    const console = [
      '[    0.000000] Linux version 6.1',
      `DUST-BEGIN checks=${plan.expected.length}\r`,
      ...plan.expected.map((e) =>
        line(e.scope, e.check, !(e.scope === 'TIME' && e.check === 'drop')),
      ),
      '[    1.234567] random: crng init done',
      'DUST-END failures=1\r',
    ].join('\n');
    const report = parseBootLog(console.replace(/\r/g, ''), plan);
    assert.equal(report.complete, true);
    assert.equal(report.checks.length, plan.expected.length);
    assert.equal(report.flags.find((f) => f.name === 'TIME')?.status, 'failed');
    assert.equal(report.flags.find((f) => f.name === 'FILE_READ')?.status, 'passed');
    assert.match(report.problem ?? '', /^TIME drop: detail for TIME drop/);
    assert.match(
      report.flags.find((f) => f.name === 'PROCESS')?.detail ?? '',
      /not called: clone, fork, exit_group/,
    );
  });

  test('a run that stopped early fails the missing checks and names a panic', () => {
    const console = [
      `DUST-BEGIN checks=${plan.expected.length}`,
      line('mode', 'base-set'),
      'Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009',
    ].join('\n');
    const report = parseBootLog(console, plan);
    assert.equal(report.complete, false);
    assert.equal(report.checks.find((c) => c.check === 'base-set')?.status, 'passed');
    const missing = report.checks.find((c) => c.check === 'base-kill');
    assert.equal(missing?.status, 'failed');
    assert.match(missing?.detail ?? '', /kernel panicked: Attempted to kill init/);
  });

  test('no output at all: every check failed, not-applicable ones skipped', () => {
    const base = planBootTest(example('base-only'));
    const report = parseBootLog('', base);
    assert.ok(
      report.checks
        .filter((c) => c.status === 'failed')
        .every((c) => /did not start/.test(c.detail ?? '')),
    );
    assert.deepEqual(
      report.checks
        .filter((c) => c.status === 'skipped')
        .map((c) => c.check)
        .sort(),
      ['drop-subset', 'exec', 'fork-inherit'],
    );
  });
});

describe('parseBootLog: the series selftest', () => {
  const plan = planBootTest(example('base-only'));
  const mode = plan.expected
    .filter((e) => e.scope === 'mode')
    .map((e) => `DUST-RESULT ${e.scope} ${e.check} pass ok`);
  // What 6.1's kselftest_harness.h prints: a skip has no name on its "ok" line.
  const tap = (end: string, results = ['ok 1 global.a', 'ok 2 # SKIP no IA32']) =>
    [
      'DUST-BEGIN checks=5',
      ...mode,
      'DUST-SELFTEST-BEGIN',
      'TAP version 13\r',
      '1..3',
      '#  RUN           global.a ...',
      '#            OK  global.a',
      ...results.slice(0, 1),
      '#  RUN           global.compat_entry ...',
      '#      SKIP      no IA32',
      ...results.slice(1, 2),
      '#  RUN           global.tsc ...',
      '[    2.5] random: crng init done',
      ...(results[2] ? [results[2]] : []),
      `DUST-SELFTEST-END ${end}`,
      'DUST-END failures=0',
    ].join('\n');

  test('one check per test, skips named from their RUN line, and a passing run', () => {
    const report = parseBootLog(
      tap('exit 0', ['ok 1 global.a', 'ok 2 # SKIP no IA32', 'ok 3 global.tsc']),
      plan,
    );
    const selftest = report.checks.filter((c) => c.scope === 'selftest');
    assert.deepEqual(
      selftest.map((c) => [c.check, c.status]),
      [
        ['run', 'passed'],
        ['global.a', 'passed'],
        ['global.compat_entry', 'skipped'],
        ['global.tsc', 'passed'],
      ],
    );
    assert.equal(selftest[2]?.detail, 'no IA32');
    assert.match(selftest[0]?.detail ?? '', /exit 0: 2 passed, 0 failed, 1 skipped of 3 planned/);
    assert.equal(report.problem, undefined);
  });

  test('a failed test, a missing result or a bad exit fails the run', () => {
    const failed = parseBootLog(
      tap('exit 1', ['ok 1 global.a', 'ok 2 # SKIP no IA32', 'not ok 3 global.tsc']),
      plan,
    );
    assert.equal(failed.checks.find((c) => c.check === 'global.tsc')?.status, 'failed');
    assert.equal(failed.checks.find((c) => c.check === 'run')?.status, 'failed');
    assert.match(failed.problem ?? '', /^selftest run: seccomp_flags_test exit 1/);
    const short = parseBootLog(tap('exit 0'), plan);
    assert.match(short.problem ?? '', /2 passed|1 passed/);
    assert.equal(short.checks.find((c) => c.check === 'run')?.status, 'failed');
    const none = parseBootLog(tap('timed out', []), plan);
    assert.equal(none.checks.find((c) => c.check === 'run')?.status, 'failed');
  });
});

describe('bisect: CONFIG_ symbols', () => {
  test('only added lines count, and a Kconfig defines config and menuconfig symbols', () => {
    const diff = ['+#ifdef CONFIG_A', ' #ifdef CONFIG_B', '+x = IS_ENABLED(CONFIG_C);', '+++ b/x'];
    assert.deepEqual(undefinedConfigSymbols(diff.join('\n'), new Set(['C'])), ['A']);
    assert.deepEqual(
      [...kconfigSymbols('config A\n\tbool "a"\nmenuconfig B\n  config C\n')],
      ['A', 'B', 'C'],
    );
  });

  test('no patch of the series uses CONFIG_SECCOMP_FLAGS before the Kconfig patch defines it', () => {
    const [, uapi, kconfig, core] = renderSeries({ grouping: example('small') }).files;
    assert.deepEqual(undefinedConfigSymbols(uapi?.content ?? '', new Set()), []);
    const defined = kconfigSymbols(
      (kconfig?.content ?? '')
        .split('\n')
        .filter((l) => l.startsWith('+'))
        .map((l) => l.slice(1))
        .join('\n'),
    );
    assert.deepEqual([...defined], ['SECCOMP_FLAGS']);
    assert.deepEqual(undefinedConfigSymbols(core?.content ?? '', defined), []);
    assert.deepEqual(undefinedConfigSymbols(core?.content ?? '', new Set()), ['SECCOMP_FLAGS']);
  });
});

describe('checkpatch and series input', () => {
  test('parseCheckpatchOutput reads the totals and messages', () => {
    const out = [
      'WARNING:FILE_PATH_CHANGES: added, moved or deleted file(s), does MAINTAINERS need updating?',
      'ERROR:CODE_INDENT: code indent should use tabs where possible',
      '#12: FILE: kernel/seccomp.c:10:',
      'total: 1 errors, 1 warnings, 120 lines checked',
    ].join('\n');
    const result = parseCheckpatchOutput('0002-core.patch', out);
    assert.equal(result.errors, 1);
    assert.equal(result.warnings, 1);
    assert.equal(result.messages.length, 2);
    assert.equal(parseCheckpatchOutput('x.patch', "Can't locate Foo.pm").errors, 1);
  });

  test('collectPatches orders the patches and leaves out the cover letter', () => {
    const diff = 'Subject: x\n---\ndiff --git a/f b/f\n';
    const patches = collectPatches({
      series: {
        files: [
          { name: '0002-b.patch', content: diff },
          { name: '0000-cover-letter.patch', content: 'Subject: [PATCH 0/2]\n\nsummary\n' },
          { name: '0001-a.patch', content: diff },
          { name: 'series.mbox', content: diff },
        ],
      },
    });
    assert.deepEqual(
      patches.map((p) => p.name),
      ['0001-a.patch', '0002-b.patch'],
    );
    assert.throws(() => collectPatches({ series: { files: [] } }), /no NNNN-\*\.patch/);
  });
});
