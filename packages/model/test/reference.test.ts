import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseKernPledge } from '../scripts/import-pledge-promises';
import {
  OPENBSD_TO_LINUX,
  pledgeReferenceGrouping,
  STRACE_CLASSES,
  straceReferenceGrouping,
  syscallNames,
  validateGrouping,
} from '../src/index';
import {
  PLEDGE_ALWAYS_SYSCALLS,
  PLEDGE_PROMISE_SYSCALLS,
} from '../src/reference/pledge-promises.data';
import { STRACE_CLASS_MEMBERS } from '../src/reference/strace-classes.data';

const SCRIPTS = fileURLToPath(new URL('../scripts/', import.meta.url));
const linux61 = syscallNames('6.1');

describe('strace reference', () => {
  it('has members for every class, and %file holds the file calls strace(1) names', () => {
    for (const cls of STRACE_CLASSES)
      assert.ok((STRACE_CLASS_MEMBERS[cls.spelling]?.length ?? 0) > 0, cls.spelling);
    for (const name of ['open', 'openat', 'stat', 'chmod', 'unlink', 'execve'])
      assert.ok(STRACE_CLASS_MEMBERS['%file']?.includes(name), name);
    assert.ok(STRACE_CLASS_MEMBERS['%network']?.includes('connect'));
    assert.ok(!STRACE_CLASS_MEMBERS['%file']?.includes('read'));
  });

  it('is a valid grouping with one flag per class that Linux implements', () => {
    const { grouping, diagnostics } = straceReferenceGrouping();
    assert.equal(diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.deepEqual(
      grouping.flags.map((f) => f.name),
      STRACE_CLASSES.map((c) => c.flag),
    );
    assert.equal(validateGrouping(grouping).valid, true);
  });

  it('matches the installed strace, when there is one', (t) => {
    if (!existsSync('/usr/bin/strace')) return t.skip('strace is not installed');
    const version = execFileSync('/usr/bin/strace', ['-V'], { encoding: 'utf8' });
    if (!/version 6\.1\b/.test(version)) return t.skip(`the data is from strace 6.1: ${version}`);
    const run = spawnSync('node', [
      '--import',
      'tsx',
      `${SCRIPTS}import-strace-classes.ts`,
      '--check',
    ]);
    assert.equal(run.status, 0, run.stdout.toString() + run.stderr.toString());
  });
});

describe('pledge reference', () => {
  it('maps every OpenBSD syscall of the promise tables, to names Linux 6.1 has', () => {
    const openbsd = new Set([
      ...PLEDGE_ALWAYS_SYSCALLS,
      ...Object.values(PLEDGE_PROMISE_SYSCALLS).flat(),
    ]);
    for (const name of openbsd) assert.ok(name in OPENBSD_TO_LINUX, `${name} is not mapped`);
    for (const name of Object.keys(OPENBSD_TO_LINUX))
      assert.ok(openbsd.has(name), `${name} is in no promise`);
    for (const [name, linux] of Object.entries(OPENBSD_TO_LINUX))
      for (const l of linux) assert.ok(linux61.has(l), `${name} → ${l}: not a Linux 6.1 syscall`);
  });

  it('is a valid grouping: a flag per promise that grants a Linux syscall', () => {
    const { grouping } = pledgeReferenceGrouping();
    const names = grouping.flags.map((f) => f.name);
    for (const promise of [
      'ALWAYS',
      'STDIO',
      'RPATH',
      'WPATH',
      'CPATH',
      'INET',
      'UNIX',
      'PROC',
      'EXEC',
    ])
      assert.ok(names.includes(promise), promise);
    assert.ok(!names.includes('AUDIO'), 'audio grants only ioctls');
    const stdio = grouping.flags.find((f) => f.name === 'STDIO');
    for (const call of ['mmap', 'rt_sigaction', 'epoll_wait', 'close', 'getrandom'])
      assert.ok(stdio?.syscalls.includes(call), call);
    assert.equal(validateGrouping(grouping).valid, true);
  });

  it('reads the tables of kern_pledge.c', () => {
    const parsed =
      parseKernPledge(`/*\t$OpenBSD: kern_pledge.c,v 9.9 2030/01/01 00:00:00 x Exp $\t*/
const uint64_t pledge_syscalls[SYS_MAXSYSCALL] = {
\t[SYS_exit] = PLEDGE_ALWAYS,
\t[SYS_read] = PLEDGE_STDIO,
\t[SYS_openat] = PLEDGE_RPATH | PLEDGE_WPATH,
};
static const struct { char *name; uint64_t flags; } pledgereq[] = {
\t{ "rpath",\t\tPLEDGE_RPATH },
\t{ "fattr",\t\tPLEDGE_FATTR | PLEDGE_CHOWN },
};`);
    assert.equal(parsed.revision, '9.9 (2030/01/01)');
    assert.deepEqual(parsed.syscalls.get('openat'), ['PLEDGE_RPATH', 'PLEDGE_WPATH']);
    assert.deepEqual(parsed.promises.get('fattr'), ['PLEDGE_FATTR', 'PLEDGE_CHOWN']);
  });
});
