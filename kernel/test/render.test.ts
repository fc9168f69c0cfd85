import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { EMPTY_GROUPING, type Grouping } from '@dust/model';
import { RenderError, renderSeries, seriesTarGz } from '../src/render';
import {
  BASE_ONLY,
  commitMessage,
  parseMessage,
  SMALL,
  SMALL_NEXT,
  splitMbox,
} from './render-fixtures';

const PATCH_FILES = [
  '0000-cover-letter.patch',
  '0001-seccomp-uapi-add-SECCOMP-MODE-FLAGS-and-its-flags.patch',
  '0002-seccomp-add-CONFIG-SECCOMP-FLAGS.patch',
  '0003-seccomp-add-the-flags-mode-SECCOMP-MODE-FLAGS.patch',
  '0004-Documentation-seccomp-document-the-flags-mode.patch',
  '0005-selftests-seccomp-add-a-test-of-the-flags-mode.patch',
];

/** Reads a tar archive's regular files (name → content). */
function untar(tar: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let at = 0;
  while (at + 512 <= tar.length && tar[at] !== 0) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size = Number.parseInt(tar.subarray(at + 124, at + 136).toString('ascii'), 8);
    files.set(name, tar.subarray(at + 512, at + 512 + size).toString('utf8'));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe('renderSeries', () => {
  test('the same input gives byte-identical files, mbox and tarball', () => {
    const a = renderSeries({ grouping: SMALL, previous: BASE_ONLY, version: 2, release: 3 });
    const b = renderSeries({
      grouping: structuredClone(SMALL),
      previous: structuredClone(BASE_ONLY),
      version: 2,
      release: 3,
    });
    assert.deepEqual(a, b);
    assert.ok(seriesTarGz(a).equals(seriesTarGz(b)));
  });

  test('the order of flags and syscalls in the document does not change the series', () => {
    const shuffled: Grouping = {
      ...SMALL,
      flags: [...SMALL.flags].reverse().map((f) => ({ ...f, syscalls: [...f.syscalls].reverse() })),
    };
    const a = renderSeries({ grouping: SMALL });
    const b = renderSeries({ grouping: shuffled });
    assert.deepEqual(a.files.slice(1), b.files.slice(1));
  });

  test('a cover letter and five patches in kernel order, threaded to the cover letter', () => {
    const series = renderSeries({ grouping: SMALL, version: 3, release: 7 });
    assert.equal(series.version, 3);
    assert.deepEqual(
      series.files.map((f) => f.name),
      PATCH_FILES,
    );
    const messages = series.files.map((f) => parseMessage(f.content));
    const coverId = messages[0]?.headers.get('Message-Id');
    assert.match(coverId ?? '', /^<dust-r7-v3-[0-9a-f]{16}-0@dust\.invalid>$/);
    messages.forEach((m, n) => {
      assert.match(m.headers.get('Subject') ?? '', new RegExp(`^\\[PATCH v3 ${n}/5\\] `));
      assert.equal(m.headers.get('From'), 'Dust <dust@dust.invalid>');
      if (n > 0) assert.equal(m.headers.get('In-Reply-To'), coverId);
    });
    // Dates come from the release and version, never the clock: 6.1 + 7 days + 2 hours.
    assert.equal(messages[0]?.headers.get('Date'), 'Sun, 18 Dec 2022 02:00:00 +0000');
    assert.equal(messages[5]?.headers.get('Date'), 'Sun, 18 Dec 2022 02:00:05 +0000');
    const paths = series.files.map((f) =>
      [...f.content.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]),
    );
    assert.deepEqual(paths, [
      [],
      ['MAINTAINERS', 'include/uapi/linux/seccomp.h', 'include/uapi/linux/seccomp_flags.h'],
      ['arch/Kconfig'],
      [
        'fs/exec.c',
        'fs/proc/array.c',
        'include/linux/seccomp.h',
        'kernel/seccomp.c',
        'kernel/seccomp_flags_table.h',
        'kernel/sys.c',
      ],
      [
        'Documentation/filesystems/proc.rst',
        'Documentation/userspace-api/index.rst',
        'Documentation/userspace-api/seccomp_flags.rst',
      ],
      [
        'tools/testing/selftests/seccomp/.gitignore',
        'tools/testing/selftests/seccomp/Makefile',
        'tools/testing/selftests/seccomp/config',
        'tools/testing/selftests/seccomp/seccomp_flags_test.c',
      ],
    ]);
  });

  test('the mbox holds exactly the five patches, so plain git am applies it', () => {
    const series = renderSeries({ grouping: SMALL });
    const messages = splitMbox(series.mbox);
    assert.equal(messages.length, 5);
    assert.deepEqual(
      messages,
      series.files.slice(1).map((f) => f.content),
    );
  });

  test('uapi constants, generated table and exec policy follow the grouping', () => {
    const series = renderSeries({ grouping: SMALL });
    const uapi = series.files[1]?.content ?? '';
    assert.match(uapi, /^\+#define SECCOMP_MODE_FLAGS\t3 /m);
    // The flags live in their own uapi header, with _BITUL() from <linux/const.h>.
    const at = (path: string) => uapi.indexOf(`diff --git a/${path}`);
    const seccompH = uapi.slice(
      at('include/uapi/linux/seccomp.h'),
      at('include/uapi/linux/seccomp_flags.h'),
    );
    const flagsH = uapi.slice(at('include/uapi/linux/seccomp_flags.h'));
    assert.doesNotMatch(seccompH, /SECCOMP_FLAG_/);
    assert.match(flagsH ?? '', /^\+#include <linux\/const\.h>$/m);
    assert.match(flagsH ?? '', /^\+#define SECCOMP_FLAG_FILE_READ\t_BITUL\(0\)$/m);
    assert.match(flagsH ?? '', /^\+#define SECCOMP_FLAG_TIME\t_BITUL\(31\)$/m);
    assert.doesNotMatch(uapi, /1UL <</);
    const core = series.files[3]?.content ?? '';
    assert.match(core, /^\+#include <linux\/seccomp_flags\.h>$/m);
    assert.match(
      core,
      /^\+#ifdef __NR_close\n\+\t\[__NR_close\] = SECCOMP_FLAG_FILE_READ \| SECCOMP_FLAG_PROCESS,\n\+#endif$/m,
    );
    assert.match(core, /^\+#define SECCOMP_FLAGS_EXEC_RESET\t1$/m);
    assert.match(
      core,
      /^-#define SECCOMP_MODE_DEAD\t\(SECCOMP_MODE_FILTER \+ 1\)\n\+#define SECCOMP_MODE_DEAD\t\(SECCOMP_MODE_FLAGS \+ 1\)$/m,
    );
    const keep = renderSeries({
      grouping: { ...SMALL, policy: { fork: 'inherit', exec: 'keep' } },
    });
    assert.match(keep.files[3]?.content ?? '', /^\+#define SECCOMP_FLAGS_EXEC_RESET\t0$/m);
  });

  test('flags mode kills the process, disables the TSC, refuses compat and shows in /proc', () => {
    const series = renderSeries({ grouping: SMALL });
    const core = series.files[3]?.content ?? '';
    const flagsEntry = core.slice(core.indexOf('+static void __secure_computing_flags('));
    assert.match(
      flagsEntry,
      /^\+\tseccomp_log\(this_syscall, SIGKILL, SECCOMP_RET_KILL_PROCESS, true\);\n\+\tdo_group_exit\(SIGKILL\);$/m,
    );
    const setMode = core.slice(core.indexOf('+static long seccomp_set_mode_flags('));
    assert.match(setMode, /^\+\tif \(in_compat_syscall\(\)\)\n\+\t\treturn -EINVAL;$/m);
    assert.match(setMode, /^\+#ifdef TIF_NOTSC\n\+\tdisable_TSC\(\);\n\+#endif$/m);
    assert.match(
      core,
      /^\+\tseq_printf\(m, "\\nSeccomp_flags:\\t%08x", READ_ONCE\(p->seccomp\.flags\)\);$/m,
    );
    const selftest = series.files[5]?.content ?? '';
    for (const name of [
      'violation_kills_the_whole_process',
      'entering_disables_the_tsc',
      'compat_entry_fails_with_einval',
      'proc_status_shows_the_held_flags',
    ]) {
      assert.match(selftest, new RegExp(`^\\+TEST\\(${name}\\)$`, 'm'));
    }
  });

  test('the base-only grouping renders an empty table and no flag constants', () => {
    const series = renderSeries({ grouping: BASE_ONLY });
    assert.doesNotMatch(series.files[1]?.content ?? '', /#define SECCOMP_FLAG_/);
    assert.match(series.files[3]?.content ?? '', /^\+#define SECCOMP_FLAGS_VALID\t0UL$/m);
    assert.match(series.files[0]?.content ?? '', /no flags: flags mode allows the base set only/);
  });

  test('the cover letter has the flag table, the changes since previous and a diffstat', () => {
    const cover = renderSeries({ grouping: SMALL_NEXT, previous: SMALL, version: 2 }).files[0]
      ?.content;
    assert.ok(cover);
    assert.match(cover, /^ {2}4 {3}SECCOMP_FLAG_IDENTITY +2$/m);
    assert.match(cover, /^ {6}Learn who we are$/m);
    assert.match(cover, /^Changes in v2:$/m);
    assert.match(cover, /^ {2}- new flag SECCOMP_FLAG_IDENTITY \(bit 4\): getgid, getuid$/m);
    assert.match(cover, /^ {2}- SECCOMP_FLAG_TIME: added nanosleep$/m);
    assert.match(cover, /^ kernel\/seccomp\.c +\| +\d+ \++-+$/m);
    assert.match(cover, /^ \d+ files changed, \d+ insertions\(\+\), 8 deletions\(-\)$/m);
    const first = renderSeries({ grouping: SMALL }).files[0]?.content ?? '';
    assert.match(first, /^Changes in v1:\n {2}- first version$/m);
  });

  test('trailers come from the caller; the default is the author sign-off', () => {
    const author = { name: 'Jane Doe', email: 'jane@example.org' };
    const trailers = [
      'Signed-off-by: Jane Doe <jane@example.org>',
      'Acked-by: Kees <kees@example.org>',
    ];
    const series = renderSeries({ grouping: SMALL, author, trailers });
    for (const file of series.files.slice(1)) {
      const message = commitMessage(parseMessage(file.content).body);
      assert.deepEqual(message.slice(-3), ['', ...trailers]);
      assert.equal(parseMessage(file.content).headers.get('From'), 'Jane Doe <jane@example.org>');
    }
    const plain = renderSeries({ grouping: SMALL, author });
    const message = commitMessage(parseMessage(plain.files[1]?.content ?? '').body);
    assert.deepEqual(message.slice(-2), ['', 'Signed-off-by: Jane Doe <jane@example.org>']);
  });

  test('a non-ASCII author is RFC 2047 encoded and declares UTF-8', () => {
    const series = renderSeries({
      grouping: SMALL,
      author: { name: 'Zoë Ünal', email: 'zoe@example.org' },
    });
    const { headers } = parseMessage(series.files[1]?.content ?? '');
    assert.equal(headers.get('From'), '=?UTF-8?q?Zo=C3=AB_=C3=9Cnal?= <zoe@example.org>');
    assert.equal(headers.get('Content-Type'), 'text/plain; charset=UTF-8');
  });

  test('an invalid grouping is a RenderError with the validator diagnostics', () => {
    const bad = { ...SMALL, flags: [{ ...SMALL.flags[0], name: 'lower' }] };
    assert.throws(
      () => renderSeries({ grouping: bad as Grouping }),
      (e: unknown) =>
        e instanceof RenderError &&
        e.code === 'INVALID_GROUPING' &&
        e.diagnostics.some((d) => d.code === 'FLAG_NAME_INVALID'),
    );
    assert.throws(
      () => renderSeries({ grouping: SMALL, previous: { kernel: '6.1' } as unknown as Grouping }),
      (e: unknown) => e instanceof RenderError && e.code === 'INVALID_PREVIOUS',
    );
  });

  test('bad options are RenderErrors: trailers, author, version, date', () => {
    const cases: Parameters<typeof renderSeries>[0][] = [
      { grouping: SMALL, trailers: ['Signed-off-by: x'] },
      { grouping: SMALL, trailers: ['Fixes: abc <a@b.c>'] },
      { grouping: SMALL, trailers: ['Signed-off-by: A\nFrom x <a@b.c>'] },
      { grouping: SMALL, author: { name: 'A <evil>', email: 'a@b.c' } },
      { grouping: SMALL, author: { name: 'A', email: 'not-an-email' } },
      { grouping: SMALL, version: 0 },
      { grouping: SMALL, release: -1 },
      { grouping: SMALL, date: 'yesterday' },
    ];
    for (const opts of cases) {
      assert.throws(
        () => renderSeries(opts),
        (e: unknown) => e instanceof RenderError && e.code === 'INVALID_OPTION',
        JSON.stringify(opts.trailers ?? opts.author ?? opts.version ?? opts.release ?? opts.date),
      );
    }
  });

  test('EMPTY_GROUPING renders like the base-only grouping', () => {
    assert.deepEqual(
      renderSeries({ grouping: EMPTY_GROUPING }),
      renderSeries({ grouping: BASE_ONLY }),
    );
  });
});

describe('seriesTarGz', () => {
  test('a gzip tarball of the numbered patches and the mbox', () => {
    const series = renderSeries({ grouping: SMALL, version: 2 });
    const files = untar(gunzipSync(seriesTarGz(series)));
    assert.deepEqual(
      [...files.keys()],
      [...PATCH_FILES.map((n) => `series-v2/${n}`), 'series-v2/series.mbox'],
    );
    assert.equal(files.get('series-v2/series.mbox'), series.mbox);
    assert.equal(files.get(`series-v2/${PATCH_FILES[2]}`), series.files[2]?.content);
  });
});

describe('the exec policy in the series', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const PER_TASK = JSON.parse(
    readFileSync(path.join(here, '..', 'examples', 'per-task.json'), 'utf8'),
  ) as Grouping;
  const patch = (grouping: Grouping, n: number) =>
    renderSeries({ grouping }).files[n]?.content ?? '';

  test('per-task: the table says so, the fourth prctl() argument reaches seccomp', () => {
    const core = patch(PER_TASK, 3);
    assert.match(core, /^\+#define SECCOMP_FLAGS_EXEC_PER_TASK\t1$/m);
    assert.match(core, /^\+#define SECCOMP_FLAGS_EXEC_RESET\t0$/m);
    assert.match(core, /^\+\t\terror = prctl_set_seccomp\(arg2, \(char __user \*\)arg3, arg4\);$/m);
    assert.match(
      core,
      /^\+\t\treturn seccomp_set_mode_flags\(\(unsigned long\)filter, exec_drop\);$/m,
    );
    assert.match(core, /^\+\tflags = current->seccomp\.flags & ~current->seccomp\.exec_drop;$/m);
    assert.match(core, /^applies, "per-task"/m);
    assert.match(
      patch(PER_TASK, 1),
      /^\+ \* program of the next execve\(\) holds flags & ~exec_drop/m,
    );
    assert.match(patch(PER_TASK, 4), /^\+The exec policy of this kernel is ``per-task``/m);
    assert.match(patch(SMALL, 3), /^\+#define SECCOMP_FLAGS_EXEC_PER_TASK\t0$/m);
  });

  test('the selftest: drop set tests under per-task, its refusal under the others', () => {
    const perTask = patch(PER_TASK, 5);
    assert.match(perTask, /^\+TEST\(exec_drop_only_grows\)$/m);
    assert.match(perTask, /^\+#define EXEC_DROP\t\tSECCOMP_FLAG_IDENTITY$/m);
    assert.match(perTask, /^\+#define EXEC_DROP_PROBE\t__NR_getuid$/m);
    assert.match(perTask, /^\+\tmemory = malloc\(EXEC_MEMORY\);$/m);
    assert.doesNotMatch(perTask, /exec_drop_needs_the_per_task_policy/);
    for (const grouping of [SMALL, BASE_ONLY]) {
      const other = patch(grouping, 5);
      assert.match(other, /^\+TEST\(exec_drop_needs_the_per_task_policy\)$/m);
      assert.doesNotMatch(other, /exec_drop_only_grows|EXEC_DROP/);
    }
    // Without the flags a program starts with, the exec test says why it cannot run.
    const bare: Grouping = { ...SMALL, policy: { fork: 'inherit', exec: 'per-task' } };
    assert.match(
      patch(bare, 5),
      /^\+\tSKIP\(return, "no flag to drop: the others must grant what a program starts with"\);$/m,
    );
  });
});
