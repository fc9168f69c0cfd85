import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familyOf, SYSCALL_FAMILIES, syscallArches, syscallNames } from '../src/index';

describe('syscall families', () => {
  it('names only syscalls that Linux 6.1 implements on some arch', () => {
    const names = syscallNames('6.1');
    for (const family of SYSCALL_FAMILIES) {
      for (const member of family.members)
        assert.ok(names.has(member), `${member} (family ${family.call})`);
    }
  });

  it('puts every name in at most one family, and each family has variants', () => {
    const seen = new Set<string>();
    for (const family of SYSCALL_FAMILIES) {
      assert.ok(family.members.length >= 2, family.call);
      assert.equal(family.members[0], family.call);
      for (const member of family.members) {
        assert.ok(!seen.has(member), `${member} is in two families`);
        seen.add(member);
      }
    }
  });

  it('covers the variants docs/design.md names', () => {
    const expectations: [string, string][] = [
      ['fstat64', 'fstat'],
      ['newfstatat', 'fstat'],
      ['clock_gettime64', 'clock_gettime'],
      ['fcntl64', 'fcntl'],
      ['mmap2', 'mmap'],
      ['sigreturn', 'rt_sigreturn'],
      ['_llseek', 'lseek'],
      ['getuid32', 'getuid'],
      ['truncate64', 'truncate'],
      ['ftruncate64', 'ftruncate'],
      ['sendfile64', 'sendfile'],
      ['statfs64', 'statfs'],
      ['arm_fadvise64_64', 'fadvise64'],
      ['futex_time64', 'futex'],
    ];
    for (const [member, call] of expectations) assert.equal(familyOf(member)?.call, call, member);
    assert.equal(familyOf('openat'), undefined);
  });

  it('pairs each 32-bit-only variant with a call that exists on the 64-bit arches', () => {
    // The point of a family: together its members exist on every arch.
    for (const call of ['fcntl', 'mmap', 'clock_gettime', 'getuid', 'truncate']) {
      const family = familyOf(call);
      assert.ok(family);
      const arches = new Set(family.members.flatMap((m) => syscallArches('6.1', m)));
      for (const arch of ['x86_64', 'i386', 'arm64', 'arm', 'riscv64'])
        assert.ok(arches.has(arch as never), `${call} on ${arch}`);
    }
  });
});
