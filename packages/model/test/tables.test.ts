import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTables } from '../scripts/syscall-tables/build-tables';
import { defaultKernelSource, readKernelFiles } from '../scripts/syscall-tables/kernel-source';
import { LINUX_6_1_TABLES } from '../src/data/linux-6.1';
import {
  ARCHES,
  BASE_SYSCALLS,
  baseSyscallsFor,
  findSyscall,
  getSyscallTable,
  isKnownKernel,
  syscallArches,
  syscallNames,
} from '../src/syscalls/tables';

const kernelSource = defaultKernelSource();

describe('committed syscall tables vs the Linux 6.1 tree', () => {
  it('re-importing the kernel sources gives exactly the committed data', {
    skip: kernelSource
      ? false
      : 'no Linux 6.1 source (set DUST_LINUX_SRC or run `npm run kernel:setup`)',
  }, () => {
    if (!kernelSource) return;
    const files = readKernelFiles(kernelSource);
    const imported = buildTables((path) => files.get(path) ?? assert.fail(`${path} not read`));
    const committed = Object.fromEntries(
      Object.entries(LINUX_6_1_TABLES).map(([arch, rows]) => [
        arch,
        rows.map(([name, number, abi, entry]) => ({ name, number, abi, entry })),
      ]),
    );
    assert.deepEqual(imported.tables, committed);
  });
});

const number = (arch: string, name: string) => findSyscall('6.1', arch, name)?.number;

describe('syscall tables (spot checks against the 6.1 tree)', () => {
  it('has every supported arch', () => {
    for (const arch of ARCHES) assert.ok((getSyscallTable('6.1', arch)?.length ?? 0) > 250, arch);
    assert.equal(getSyscallTable('6.1', 'vax'), undefined);
    assert.equal(getSyscallTable('5.10', 'x86_64'), undefined);
  });

  it('numbers match the kernel tables', () => {
    assert.equal(number('x86_64', 'read'), 0);
    assert.equal(number('x86_64', 'openat'), 257);
    assert.equal(number('x86_64', 'rt_sigreturn'), 15);
    assert.equal(number('x32', 'rt_sigreturn'), 513);
    assert.equal(number('i386', 'sigreturn'), 119);
    assert.equal(number('i386', 'clock_gettime64'), 403);
    assert.equal(number('arm64', 'openat'), 56);
    assert.equal(number('arm64', 'rt_sigreturn'), 139);
    assert.equal(number('arm', 'open'), 5);
    assert.equal(number('arm', 'openat'), 322);
    assert.equal(number('riscv64', 'riscv_flush_icache'), 259);
    assert.equal(number('s390x', 'sigreturn'), 119);
  });

  it('evaluates asm-generic conditionals and __NR3264_* names per arch', () => {
    // 64-bit asm-generic: __NR3264_fstat is __NR_fstat, __NR3264_fstatat is __NR_newfstatat.
    assert.equal(number('arm64', 'fstat'), 80);
    assert.equal(number('arm64', 'newfstatat'), 79);
    assert.equal(number('arm64', 'fstat64'), undefined);
    assert.equal(number('arm64', 'lseek'), 62);
    assert.equal(number('arm64', 'mmap'), 222);
    // __ARCH_WANT_RENAMEAT: arm64 yes, riscv no.
    assert.equal(number('arm64', 'renameat'), 38);
    assert.equal(number('riscv64', 'renameat'), undefined);
    // time64 variants exist only where __BITS_PER_LONG == 32.
    assert.equal(number('arm64', 'clock_gettime64'), undefined);
    // legacy calls absent from asm-generic
    assert.equal(number('arm64', 'open'), undefined);
    assert.equal(number('riscv64', 'fork'), undefined);
  });

  it('marks reserved and removed slots with a null entry', () => {
    assert.deepEqual(findSyscall('6.1', 'x86_64', 'nfsservctl'), {
      name: 'nfsservctl',
      number: 180,
      abi: '64',
      entry: null,
    });
    assert.equal(findSyscall('6.1', 'arm64', 'nfsservctl')?.entry, null);
    assert.equal(findSyscall('6.1', 'i386', 'break')?.entry, null);
    assert.equal(syscallNames('6.1').has('nfsservctl'), false);
  });

  it('answers names and arches from precomputed lookups', () => {
    assert.ok(isKnownKernel('6.1'));
    assert.ok(!isKnownKernel('6.2'));
    assert.ok(syscallNames('6.1').has('openat'));
    assert.ok(!syscallNames('6.1').has('opennat'));
    assert.equal(syscallNames('9.9').size, 0);
    assert.deepEqual(syscallArches('6.1', 'fstat64'), ['i386', 'arm']);
    assert.deepEqual(syscallArches('6.1', 'riscv_flush_icache'), ['riscv64']);
    assert.equal(syscallArches('6.1', 'openat').length, ARCHES.length);
  });

  it('gives each arch its strict-mode base set', () => {
    assert.deepEqual(baseSyscallsFor('x86_64'), ['read', 'write', 'exit', 'rt_sigreturn']);
    assert.deepEqual(baseSyscallsFor('i386'), ['read', 'write', 'exit', 'sigreturn']);
    assert.deepEqual(baseSyscallsFor('arm'), ['read', 'write', 'exit', 'rt_sigreturn']);
    assert.deepEqual(baseSyscallsFor('s390x'), ['read', 'write', 'exit', 'sigreturn']);
    for (const arch of ARCHES) {
      for (const name of baseSyscallsFor(arch)) {
        assert.ok(findSyscall('6.1', arch, name)?.entry, `${name} on ${arch}`);
        assert.ok((BASE_SYSCALLS as readonly string[]).includes(name));
      }
    }
  });
});
