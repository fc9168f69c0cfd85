import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Grouping } from '@dust/model';
import { renderSeries, type Series } from '../src/render';
import { kernelTestConfig, SETUP_COMMAND } from '../src/test/config';
import { BASE_ONLY, SMALL, SMALL_NEXT } from './render-fixtures';

// The real Linux 6.1 files the series patches, and the tools that check it.
const TARBALL = '/usr/src/linux-source-6.1.tar.xz';
const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const PER_TASK = JSON.parse(readFileSync(path.join(EXAMPLES, 'per-task.json'), 'utf8')) as Grouping;
const TREE_FILES = [
  'MAINTAINERS',
  'arch/Kconfig',
  'fs/exec.c',
  'fs/proc/array.c',
  'include/linux/seccomp.h',
  'include/uapi/linux/seccomp.h',
  'kernel/seccomp.c',
  'kernel/sys.c',
  'Documentation/userspace-api/index.rst',
  'Documentation/filesystems/proc.rst',
  'tools/testing/selftests/seccomp/.gitignore',
  'tools/testing/selftests/seccomp/Makefile',
  'tools/testing/selftests/seccomp/config',
  'tools/testing/selftests/kselftest_harness.h',
  'tools/testing/selftests/kselftest.h',
  'scripts/checkpatch.pl',
  'scripts/spelling.txt',
  'scripts/const_structs.checkpatch',
];

const cachedTree = kernelTestConfig().defaultTree;
const hasCachedTree =
  spawnSync('git', ['-C', cachedTree, 'rev-parse', '-q', '--verify', 'dust-base']).status === 0;
const skip =
  hasCachedTree || existsSync(TARBALL)
    ? false
    : `no Linux 6.1 source: install linux-source-6.1 or run ${SETUP_COMMAND}`;

function run(cmd: string, args: string[], cwd: string, input?: string) {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function must(cmd: string, args: string[], cwd: string, input?: string): string {
  const r = run(cmd, args, cwd, input);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.out}`);
  return r.out;
}

let work = '';
let base = '';

/** A git repository holding just the 6.1 files the series touches, committed as `base`. */
function prepareBase(): void {
  work = mkdtempSync(path.join(tmpdir(), 'dust-render-'));
  base = path.join(work, 'base');
  mkdirSync(base);
  if (hasCachedTree) {
    const archive = spawnSync(
      'git',
      ['-C', cachedTree, 'archive', 'dust-base', '--', ...TREE_FILES],
      {
        maxBuffer: 64 << 20,
      },
    );
    assert.equal(archive.status, 0, String(archive.stderr));
    const untar = spawnSync('tar', ['-x', '-C', base], { input: archive.stdout });
    assert.equal(untar.status, 0, String(untar.stderr));
  } else {
    must(
      'tar',
      [
        '-xJf',
        TARBALL,
        '-C',
        base,
        '--strip-components=1',
        '--wildcards',
        ...TREE_FILES.map((f) => `*/${f}`),
      ],
      work,
    );
  }
  must('git', ['init', '-q'], base);
  must('git', ['add', '-f', '-A'], base);
  must(
    'git',
    ['-c', 'user.name=base', '-c', 'user.email=base@example.org', 'commit', '-qm', 'base'],
    base,
  );
}

/** A fresh clone of the base with the series applied by plain `git am`. */
function applySeries(name: string, series: Series): { tree: string; amOutput: string } {
  const tree = path.join(work, name);
  must('git', ['clone', '-q', base, tree], work);
  const mbox = path.join(work, `${name}.mbox`);
  writeFileSync(mbox, series.mbox);
  const amOutput = must(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'am', '--no-3way', mbox],
    tree,
  );
  return { tree, amOutput };
}

/** checkpatch totals of every patch (the cover letter has no diff and is not checked). */
function checkpatch(
  tree: string,
  series: Series,
): { name: string; errors: number; warnings: number; out: string }[] {
  return series.files.slice(1).map((file) => {
    const patch = path.join(work, file.name);
    writeFileSync(patch, file.content);
    const r = run('perl', ['scripts/checkpatch.pl', '--no-tree', '--no-summary-file', patch], tree);
    const total = /total: (\d+) errors, (\d+) warnings/.exec(r.out);
    assert.ok(total, r.out);
    return { name: file.name, errors: Number(total[1]), warnings: Number(total[2]), out: r.out };
  });
}

// Printable descriptions (what the validator accepts) that mean something to
// C, git, mail, checkpatch and reStructuredText.
const HOSTILE: Grouping = {
  ...SMALL,
  flags: SMALL.flags.map((f, i) => ({
    ...f,
    description: [
      '*/ #include "evil.h" /* commit 1234567890ab ("x") Change-Id: I12 Signed-off-by: X <x@y.z>',
      '--- a/Makefile From me diff --git a/x b/x Index: y .. code:: c `x`_ |sub| :role:`y`',
      '===== @@ -1 +1 @@ \\ ??/ $\u007bx} %s Zoë 😀 Fixes: 0123456789ab ("y") -- ',
    ][i] as string,
  })),
};

describe('the series on a real Linux 6.1 tree', { skip }, () => {
  before(prepareBase);
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const cases: [string, Grouping][] = [
    ['small', SMALL],
    ['base-only', BASE_ONLY],
    ['hostile', HOSTILE],
    ...readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f): [string, Grouping] => [
        `examples/${f}`,
        JSON.parse(readFileSync(path.join(EXAMPLES, f), 'utf8')) as Grouping,
      ]),
  ];
  for (const [name, grouping] of cases) {
    test(`${name}: git am applies every hunk at its line, checkpatch finds 0 errors`, () => {
      const series = renderSeries({ grouping, version: 2, release: 1 });
      const { tree, amOutput } = applySeries(name, series);
      assert.equal((amOutput.match(/^Applying: /gm) ?? []).length, 5, amOutput);
      // Every hunk applies exactly where the vendored context says it is.
      const log = must('git', ['log', '--format=%s', 'HEAD~5..HEAD'], tree);
      assert.equal(log.split('\n').filter(Boolean).length, 5);
      for (let n = 5; n >= 1; n--) {
        const r = run(
          'git',
          ['apply', '--check', '-v', '-R'],
          tree,
          must('git', ['show', `HEAD~${n - 1}`, '--format='], tree),
        );
        assert.doesNotMatch(r.out, /offset|fuzz/i, r.out);
      }
      for (const result of checkpatch(tree, series)) {
        assert.equal(result.errors, 0, `${result.name}\n${result.out}`);
      }
    });
  }

  test('every vendored context matches the tree at its stated line', () => {
    const series = renderSeries({ grouping: SMALL });
    for (const file of series.files.slice(1)) {
      const r = run('git', ['apply', '--check', '-v'], base, file.content.slice(0));
      // Patches after the first depend on earlier ones only through new files.
      assert.doesNotMatch(r.out, /offset|fuzz/i, `${file.name}\n${r.out}`);
    }
  });

  test('a new grouping changes only <linux/seccomp_flags.h>, not what <linux/seccomp.h> users see', {
    skip: run('gcc', ['--version'], '/').status === 0 ? false : 'no gcc',
  }, () => {
    // ~590 kernel files reach the uapi header through sched.h; ccache serves them
    // again only if the flag defines change no token and no line number there.
    const include = path.join(work, 'include-pp');
    mkdirSync(path.join(include, 'linux'), { recursive: true });
    const user = path.join(work, 'seccomp-user.c');
    writeFileSync(user, '#include <linux/seccomp.h>\nint mode = SECCOMP_MODE_FLAGS;\n');
    const headers: string[] = [];
    const flagHeaders: string[] = [];
    const outputs = (
      [
        ['pp-small', SMALL],
        ['pp-small-next', SMALL_NEXT],
        ['pp-base-only', BASE_ONLY],
      ] as const
    ).map(([name, grouping]) => {
      const { tree } = applySeries(name, renderSeries({ grouping }));
      const uapi = readFileSync(path.join(tree, 'include/uapi/linux/seccomp.h'), 'utf8');
      headers.push(uapi);
      flagHeaders.push(readFileSync(path.join(tree, 'include/uapi/linux/seccomp_flags.h'), 'utf8'));
      writeFileSync(
        path.join(include, 'linux/seccomp.h'),
        uapi.replace(/^#include <linux\/compiler\.h>$/m, ''),
      );
      return must('gcc', ['-E', '-I', include, user], work);
    });
    assert.equal(new Set(flagHeaders).size, 3, 'the groupings define different flags');
    // The header ~590 kernel files reach is the same whatever the grouping.
    assert.equal(new Set(headers).size, 1, 'include/uapi/linux/seccomp.h depends on the grouping');
    assert.match(outputs[0] ?? '', /struct seccomp_notif_addfd \{/);
    assert.match(outputs[0] ?? '', /int mode = 3;/);
    assert.equal(outputs[1], outputs[0]);
    assert.equal(outputs[2], outputs[0]);
  });

  for (const [name, grouping] of [
    ['selftest', SMALL],
    ['selftest-per-task', PER_TASK],
  ] as const) {
    test(`${name}: the selftest compiles with -Wall -Werror against the patched and the system uapi headers`, {
      skip: run('gcc', ['--version'], '/').status === 0 ? false : 'no gcc',
    }, () => {
      const { tree } = applySeries(name, renderSeries({ grouping }));
      const dir = path.join(tree, 'tools/testing/selftests/seccomp');
      // As `make headers_install` would: the uapi header without compiler.h.
      const include = path.join(work, 'include');
      mkdirSync(path.join(include, 'linux'), { recursive: true });
      const uapi = readFileSync(path.join(tree, 'include/uapi/linux/seccomp.h'), 'utf8');
      writeFileSync(
        path.join(include, 'linux/seccomp.h'),
        uapi.replace(/^#include <linux\/compiler\.h>$/m, ''),
      );
      const flags = readFileSync(path.join(tree, 'include/uapi/linux/seccomp_flags.h'), 'utf8');
      writeFileSync(path.join(include, 'linux/seccomp_flags.h'), flags);
      const out = path.join(work, 'seccomp_flags_test');
      const cc = ['-Wall', '-Werror', '-pthread', '-o', out, 'seccomp_flags_test.c'];
      must('gcc', ['-I', include, ...cc], dir);
      // Without the patched headers the selftest's own fallback definitions apply.
      must('gcc', cc, dir);
    });
  }
});
