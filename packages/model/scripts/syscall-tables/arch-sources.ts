/**
 * Where each arch's Linux 6.1 syscall table lives in the kernel tree and how to
 * read it. The ABI lists are the ones the kernel's own Makefiles pass to
 * scripts/syscalltbl.sh for the native table of that arch:
 * - x86_64: common,64; x32: common,x32 (userspace ORs __X32_SYSCALL_BIT,
 *   0x40000000, into these numbers; the table holds them without it);
 * - i386: i386; arm (EABI): common,eabi (oabi-only rows are not part of EABI);
 * - ppc64le: common,64,nospu; s390x: common,64.
 * arm64 and riscv64 have no .tbl in 6.1: they use asm-generic/unistd.h.
 */
export type ArchSource =
  | { kind: 'tbl'; file: string; abis: readonly string[] }
  | { kind: 'generic-unistd'; archHeader: string; predefined: Record<string, string> };

export const GENERIC_UNISTD = 'include/uapi/asm-generic/unistd.h';

const X86_64_TBL = 'arch/x86/entry/syscalls/syscall_64.tbl';

export const ARCH_SOURCES = {
  x86_64: { kind: 'tbl', file: X86_64_TBL, abis: ['common', '64'] },
  i386: { kind: 'tbl', file: 'arch/x86/entry/syscalls/syscall_32.tbl', abis: ['i386'] },
  x32: { kind: 'tbl', file: X86_64_TBL, abis: ['common', 'x32'] },
  arm64: {
    kind: 'generic-unistd',
    archHeader: 'arch/arm64/include/uapi/asm/unistd.h',
    predefined: { __BITS_PER_LONG: '64', __LP64__: '1', __aarch64__: '1' },
  },
  arm: { kind: 'tbl', file: 'arch/arm/tools/syscall.tbl', abis: ['common', 'eabi'] },
  riscv64: {
    kind: 'generic-unistd',
    archHeader: 'arch/riscv/include/uapi/asm/unistd.h',
    predefined: { __BITS_PER_LONG: '64', __LP64__: '1', __riscv: '1' },
  },
  ppc64le: {
    kind: 'tbl',
    file: 'arch/powerpc/kernel/syscalls/syscall.tbl',
    abis: ['common', '64', 'nospu'],
  },
  s390x: { kind: 'tbl', file: 'arch/s390/kernel/syscalls/syscall.tbl', abis: ['common', '64'] },
} as const satisfies Record<string, ArchSource>;

/** Every file the importer reads, relative to the top of the tree. */
export function sourceFiles(): string[] {
  const files = new Set<string>(['Makefile', GENERIC_UNISTD]);
  for (const source of Object.values(ARCH_SOURCES) as ArchSource[]) {
    files.add(source.kind === 'tbl' ? source.file : source.archHeader);
  }
  return [...files];
}
