import { SYSCALL_FAMILIES, type SyscallFamily } from '../syscalls/families';
import {
  ARCHES,
  type Arch,
  baseSyscallsFor,
  getSyscallTable,
  isKnownKernel,
  syscallArches,
  syscallNames,
} from '../syscalls/tables';

/**
 * What the validator needs to know about one kernel, precomputed once so that
 * checking a syscall entry is a few Map/Set lookups and bit operations, never a
 * table scan. Arch sets are bit masks over `arches`.
 */
export interface KernelFacts {
  readonly kernel: string;
  /** Arches that have a table for this kernel, in ARCHES order. */
  readonly arches: readonly Arch[];
  readonly allArchMask: number;
  /** Implemented name → mask of arches where it is implemented. */
  readonly archMask: ReadonlyMap<string, number>;
  /** Name → mask of arches whose base set (strict mode) contains it. */
  readonly baseMask: ReadonlyMap<string, number>;
  /** Each family's members restricted to names this kernel implements. */
  readonly familyMembers: ReadonlyMap<SyscallFamily, readonly string[]>;
  /** Implemented names grouped by length, for did-you-mean. */
  readonly namesByLength: ReadonlyMap<number, readonly string[]>;
}

const CACHE = new Map<string, KernelFacts>();

export function kernelFacts(kernel: string): KernelFacts | undefined {
  if (!isKnownKernel(kernel)) return undefined;
  let facts = CACHE.get(kernel);
  if (!facts) {
    facts = buildFacts(kernel);
    CACHE.set(kernel, facts);
  }
  return facts;
}

function buildFacts(kernel: string): KernelFacts {
  const arches = ARCHES.filter((arch) => getSyscallTable(kernel, arch) !== undefined);
  const bitOf = new Map(arches.map((arch, i) => [arch, 1 << i] as const));
  const names = syscallNames(kernel);

  const archMask = new Map<string, number>();
  const namesByLength = new Map<number, string[]>();
  for (const name of [...names].sort()) {
    let mask = 0;
    for (const arch of syscallArches(kernel, name)) mask |= bitOf.get(arch) ?? 0;
    archMask.set(name, mask);
    const bucket = namesByLength.get(name.length);
    if (bucket) bucket.push(name);
    else namesByLength.set(name.length, [name]);
  }

  const baseMask = new Map<string, number>();
  for (const arch of arches) {
    for (const name of baseSyscallsFor(arch)) {
      baseMask.set(name, (baseMask.get(name) ?? 0) | (bitOf.get(arch) ?? 0));
    }
  }

  const familyMembers = new Map<SyscallFamily, readonly string[]>();
  for (const family of SYSCALL_FAMILIES) {
    familyMembers.set(
      family,
      family.members.filter((m) => names.has(m)),
    );
  }

  return {
    kernel,
    arches,
    allArchMask: (1 << arches.length) - 1,
    archMask,
    baseMask,
    familyMembers,
    namesByLength,
  };
}

/** The arches of a mask, in ARCHES order. */
export function archesOf(facts: KernelFacts, mask: number): Arch[] {
  return facts.arches.filter((_, i) => (mask & (1 << i)) !== 0);
}
