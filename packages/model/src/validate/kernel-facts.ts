import { familyOf, type SyscallFamily } from '../syscalls/families';
import {
  ARCHES,
  type Arch,
  baseSyscallsFor,
  getSyscallTable,
  isKnownKernel,
  syscallArches,
  syscallNames,
} from '../syscalls/tables';

/** One implemented syscall of a kernel, with what every rule needs to know about it. */
export interface SyscallFact {
  /** Dense index, 0..facts.syscalls.size-1, for typed-array bookkeeping. */
  readonly id: number;
  readonly name: string;
  /** Arches where it is implemented (bit i = facts.arches[i]). */
  readonly mask: number;
  /** Arches (within `mask`) whose base set (strict mode) contains it. */
  readonly baseMask: number;
  /** True when always allowed: in the base set wherever it exists. */
  readonly alwaysAllowed: boolean;
  readonly family: SyscallFamily | undefined;
  /** SYSCALL_BASE message, built once. */
  baseMessage: string | undefined;
  /** SYSCALL_ARCH_PARTIAL messages by covered-arches mask, built once each. */
  readonly partialMessages: Map<number, string>;
}

/**
 * What the validator needs to know about one kernel, computed once so that
 * checking a syscall entry is one Map lookup and a few bit operations, never a
 * table scan. Arch sets are bit masks over `arches`.
 */
export interface KernelFacts {
  readonly kernel: string;
  /** Arches that have a table for this kernel, in ARCHES order. */
  readonly arches: readonly Arch[];
  readonly allArchMask: number;
  readonly syscalls: ReadonlyMap<string, SyscallFact>;
  /** Each family's members that this kernel implements and that are not always allowed. */
  readonly familyMembers: ReadonlyMap<SyscallFamily, readonly SyscallFact[]>;
  /** Implemented names grouped by length, for did-you-mean. */
  readonly namesByLength: ReadonlyMap<number, readonly string[]>;
  /** The arch list of every mask (index = mask). */
  readonly archLists: readonly (readonly Arch[])[];
  /**
   * Scratch marks by syscall id: `marks[id] === mark` means "granted by the
   * flag being checked". Each flag takes a fresh mark, so nothing is cleared
   * between flags or calls (validation is synchronous, so sharing is safe).
   */
  readonly marks: Int32Array;
  /** Scratch: index of the marked syscall in the flag being checked. */
  readonly positions: Int32Array;
  /** The last mark handed out. */
  lastMark: number;
}

/** A fresh mark for `facts.marks`. */
export function nextMark(facts: KernelFacts): number {
  if (facts.lastMark >= 0x3fffffff) {
    facts.marks.fill(0);
    facts.lastMark = 0;
  }
  facts.lastMark++;
  return facts.lastMark;
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
  const baseMasks = new Map<string, number>();
  for (const arch of arches) {
    for (const name of baseSyscallsFor(arch)) {
      baseMasks.set(name, (baseMasks.get(name) ?? 0) | (bitOf.get(arch) ?? 0));
    }
  }

  const syscalls = new Map<string, SyscallFact>();
  const namesByLength = new Map<number, string[]>();
  for (const name of [...syscallNames(kernel)].sort()) {
    let mask = 0;
    for (const arch of syscallArches(kernel, name)) mask |= bitOf.get(arch) ?? 0;
    const baseMask = (baseMasks.get(name) ?? 0) & mask;
    syscalls.set(name, {
      id: syscalls.size,
      name,
      mask,
      baseMask,
      alwaysAllowed: baseMask === mask,
      family: familyOf(name),
      baseMessage: undefined,
      partialMessages: new Map(),
    });
    const bucket = namesByLength.get(name.length);
    if (bucket) bucket.push(name);
    else namesByLength.set(name.length, [name]);
  }

  const familyMembers = new Map<SyscallFamily, SyscallFact[]>();
  for (const fact of syscalls.values()) {
    if (!fact.family || fact.alwaysAllowed) continue;
    const members = familyMembers.get(fact.family);
    if (members) members.push(fact);
    else familyMembers.set(fact.family, [fact]);
  }
  for (const [family, members] of familyMembers) {
    members.sort((a, b) => family.members.indexOf(a.name) - family.members.indexOf(b.name));
  }

  const archLists = Array.from({ length: 1 << arches.length }, (_, mask) =>
    Object.freeze(arches.filter((_, i) => (mask & (1 << i)) !== 0)),
  );
  return {
    kernel,
    arches,
    allArchMask: (1 << arches.length) - 1,
    syscalls,
    familyMembers,
    namesByLength,
    archLists,
    marks: new Int32Array(syscalls.size),
    positions: new Int32Array(syscalls.size),
    lastMark: 0,
  };
}

/** The arches of a mask, in ARCHES order (shared; copy before handing out). */
export function archesOf(facts: KernelFacts, mask: number): readonly Arch[] {
  return facts.archLists[mask & facts.allArchMask] ?? [];
}
