import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCExpression } from '../scripts/syscall-tables/evaluate-c-expression';
import { parseGenericUnistd } from '../scripts/syscall-tables/parse-generic-unistd';
import { parseSyscallTbl } from '../scripts/syscall-tables/parse-tbl';

// The importer's parts on small inputs written in the kernel's own formats.
const GENERIC = `
#ifndef __SYSCALL
#define __SYSCALL(x, y)
#endif
#if __BITS_PER_LONG == 32 || defined(__SYSCALL_COMPAT)
#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _32)
#else
#define __SC_3264(_nr, _32, _64) __SYSCALL(_nr, _64)
#endif
#define __NR_read 63 /* a comment */
__SYSCALL(__NR_read, sys_read)
#ifdef __ARCH_WANT_RENAMEAT
#define __NR_renameat 38
__SYSCALL(__NR_renameat, sys_renameat)
#endif
#define __NR_nfsservctl 42
__SYSCALL(__NR_nfsservctl, sys_ni_syscall)
#define __NR3264_fstat 80
__SC_3264(__NR3264_fstat, sys_fstat64, \\
	  sys_newfstat)
#define __NR_arch_specific_syscall 244
#if defined(__SYSCALL_COMPAT) || __BITS_PER_LONG == 32
#define __NR_clock_gettime64 403
__SYSCALL(__NR_clock_gettime64, sys_clock_gettime)
#endif
#undef __NR_syscalls
#define __NR_syscalls 451
#if __BITS_PER_LONG == 64 && !defined(__SYSCALL_COMPAT)
#define __NR_fstat __NR3264_fstat
#else
#define __NR_fstat64 __NR3264_fstat
#endif
`;
const ARCH = `#define __ARCH_WANT_RENAMEAT
#include <asm-generic/unistd.h>
#define __NR_flush (__NR_arch_specific_syscall + 15)
__SYSCALL(__NR_flush, sys_flush)
`;

describe('syscall table importer', () => {
  it('reads asm-generic/unistd.h as a 64-bit arch sees it', () => {
    const rows = parseGenericUnistd({
      archHeader: ARCH,
      genericHeader: GENERIC,
      predefined: { __BITS_PER_LONG: '64' },
    });
    assert.deepEqual(rows, [
      { name: 'renameat', number: 38, abi: 'common', entry: 'sys_renameat' },
      { name: 'nfsservctl', number: 42, abi: 'common', entry: null },
      { name: 'read', number: 63, abi: 'common', entry: 'sys_read' },
      { name: 'fstat', number: 80, abi: 'common', entry: 'sys_newfstat' },
      { name: 'flush', number: 259, abi: 'common', entry: 'sys_flush' },
    ]);
  });

  it('reads asm-generic/unistd.h as a 32-bit arch sees it', () => {
    const rows = parseGenericUnistd({
      archHeader: '#include <asm-generic/unistd.h>',
      genericHeader: GENERIC,
      predefined: { __BITS_PER_LONG: '32' },
    });
    assert.deepEqual(
      rows.map((row) => [row.name, row.number, row.entry]),
      [
        ['nfsservctl', 42, null],
        ['read', 63, 'sys_read'],
        ['fstat64', 80, 'sys_fstat64'],
        ['clock_gettime64', 403, 'sys_clock_gettime'],
      ],
    );
  });

  it('keeps the requested ABIs of a .tbl file', () => {
    const tbl =
      '# comment\n0\tcommon\tread\tsys_read\n13\t64\trt_sigaction\tsys_rt_sigaction\n180\t64\tnfsservctl\n512\tx32\trt_sigaction\tcompat_sys_rt_sigaction\n';
    assert.deepEqual(parseSyscallTbl(tbl, ['common', '64']), [
      { name: 'read', number: 0, abi: 'common', entry: 'sys_read' },
      { name: 'rt_sigaction', number: 13, abi: '64', entry: 'sys_rt_sigaction' },
      { name: 'nfsservctl', number: 180, abi: '64', entry: null },
    ]);
    assert.throws(() => parseSyscallTbl('x common read', ['common']), /bad syscall number/);
  });

  it('evaluates preprocessor expressions', () => {
    const macros = new Map([
      ['A', '1'],
      ['B', '(A + 2)'],
      ['EMPTY', ''],
    ]);
    assert.equal(evaluateCExpression('defined(A) && !defined C', macros), 1);
    assert.equal(evaluateCExpression('B == 3 || UNDEFINED', macros), 1);
    assert.equal(evaluateCExpression('UNDEFINED != 0', macros), 0);
    assert.equal(evaluateCExpression('0x10 + 1', macros), 17);
    assert.throws(() => evaluateCExpression('A @ B', macros), /cannot evaluate/);
  });
});
