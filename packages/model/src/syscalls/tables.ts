import { LINUX_6_1_RELEASE, LINUX_6_1_TABLES } from '../data/linux-6.1';

/**
 * Linux syscall tables, imported from the kernel's own sources by
 * scripts/import-syscall-tables.ts (see scripts/syscall-tables/arch-sources.ts
 * for which file and ABIs each arch comes from).
 *
 * How slots appear:
 * - a row exists for every name the kernel's table (or `__NR_*` in
 *   asm-generic/unistd.h) gives a number on that arch;
 * - `entry` is the native entry point symbol; it is null for reserved or
 *   removed slots (no entry column, or `sys_ni_syscall`), e.g. x86_64
 *   `nfsservctl`, i386 `break`. Such a name is not "implemented" there;
 * - numbers nothing names (gaps such as asm-generic's 295..402) have no row;
 * - x32 numbers are the table's, without `__X32_SYSCALL_BIT` (0x40000000)
 *   that userspace ORs in;
 * - arm is EABI; arm's private `__ARM_NR_*` calls (cacheflush, set_tls) are
 *   outside the syscall table and not listed.
 */
export const KERNELS = ['6.1'] as const;
export type Kernel = (typeof KERNELS)[number];

export const ARCHES = [
  'x86_64',
  'i386',
  'x32',
  'arm64',
  'arm',
  'riscv64',
  'ppc64le',
  's390x',
] as const;
export type Arch = (typeof ARCHES)[number];

export interface SyscallRow {
  /** The name userspace sees as `__NR_<name>`. */
  readonly name: string;
  readonly number: number;
  /** The ABI column of the kernel's table (`common`, `64`, `x32`, `i386`, `eabi`, `nospu`); `common` for asm-generic arches. */
  readonly abi: string;
  /** Native entry point, or null for a reserved or removed slot. */
  readonly entry: string | null;
}

/** The exact kernel release the committed tables were imported from. */
export const KERNEL_RELEASES: Readonly<Record<Kernel, string>> = { '6.1': LINUX_6_1_RELEASE };

/**
 * Strict mode (mode 1) allows read, write, exit and the arch's
 * `__NR_seccomp_sigreturn` (kernel/seccomp.c `mode1_syscalls`). That is
 * `rt_sigreturn` (include/asm-generic/seccomp.h) except where the arch's
 * asm/seccomp.h overrides it with `sigreturn`: 32-bit x86 (CONFIG_X86_32) and
 * s390. arm uses the generic `rt_sigreturn`. Compat tasks (i386 on x86_64, x32,
 * arm on arm64) are checked against the compat list, which the kernel patch
 * handles; names here are per native arch.
 */
export const BASE_SYSCALLS = ['read', 'write', 'exit', 'rt_sigreturn', 'sigreturn'] as const;

const SIGRETURN_BASE_ARCHES: ReadonlySet<Arch> = new Set<Arch>(['i386', 's390x']);
const BASE_WITH_RT_SIGRETURN = Object.freeze(['read', 'write', 'exit', 'rt_sigreturn'] as const);
const BASE_WITH_SIGRETURN = Object.freeze(['read', 'write', 'exit', 'sigreturn'] as const);

export function baseSyscallsFor(arch: Arch): readonly string[] {
  return SIGRETURN_BASE_ARCHES.has(arch) ? BASE_WITH_SIGRETURN : BASE_WITH_RT_SIGRETURN;
}

interface KernelIndex {
  tables: ReadonlyMap<string, readonly SyscallRow[]>;
  rowsByName: ReadonlyMap<string, ReadonlyMap<string, SyscallRow>>;
  /** name → arches where it is implemented, in ARCHES order. */
  implementedArches: ReadonlyMap<string, readonly Arch[]>;
  implementedNames: ReadonlySet<string>;
}

// Built once at module load: the validator looks names up per syscall entry.
function indexKernel(
  raw: Readonly<Record<string, readonly (readonly [string, number, string, string | null])[]>>,
): KernelIndex {
  const tables = new Map<string, readonly SyscallRow[]>();
  const rowsByName = new Map<string, ReadonlyMap<string, SyscallRow>>();
  const implementedArches = new Map<string, Arch[]>();
  for (const arch of ARCHES) {
    const rows = (raw[arch] ?? []).map(([name, number, abi, entry]) =>
      Object.freeze({ name, number, abi, entry }),
    );
    tables.set(arch, Object.freeze(rows));
    rowsByName.set(arch, new Map(rows.map((row) => [row.name, row])));
    for (const row of rows) {
      if (row.entry === null) continue;
      const arches = implementedArches.get(row.name);
      if (arches) arches.push(arch);
      else implementedArches.set(row.name, [arch]);
    }
  }
  for (const arches of implementedArches.values()) Object.freeze(arches);
  return {
    tables,
    rowsByName,
    implementedArches,
    implementedNames: new Set(implementedArches.keys()),
  };
}

const INDEX: ReadonlyMap<string, KernelIndex> = new Map([['6.1', indexKernel(LINUX_6_1_TABLES)]]);
const EMPTY_NAMES: ReadonlySet<string> = new Set();

export function isKnownKernel(kernel: unknown): kernel is Kernel {
  return typeof kernel === 'string' && INDEX.has(kernel);
}

export function isArch(arch: unknown): arch is Arch {
  return typeof arch === 'string' && (ARCHES as readonly string[]).includes(arch);
}

/** The kernel's table for one arch, in number order; undefined for an unknown kernel or arch. */
export function getSyscallTable(kernel: string, arch: string): readonly SyscallRow[] | undefined {
  return INDEX.get(kernel)?.tables.get(arch);
}

/** The row naming `name` on `arch` (implemented or reserved), if any. */
export function findSyscall(kernel: string, arch: string, name: string): SyscallRow | undefined {
  return INDEX.get(kernel)?.rowsByName.get(arch)?.get(name);
}

/** Names implemented (with an entry point) on at least one arch. */
export function syscallNames(kernel: string): ReadonlySet<string> {
  return INDEX.get(kernel)?.implementedNames ?? EMPTY_NAMES;
}

/** Arches on which `name` is implemented, in ARCHES order; empty when none. */
export function syscallArches(kernel: string, name: string): Arch[] {
  return [...(INDEX.get(kernel)?.implementedArches.get(name) ?? [])];
}
