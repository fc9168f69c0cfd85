import { ARCHES, type Arch, baseSyscallsFor, type Grouping, getSyscallTable } from '@dust/model';

export interface ArchCoverage {
  arch: Arch;
  /** implemented syscalls on the arch that some flag grants (base set excluded) */
  granted: number;
  /** implemented syscalls on the arch, base set excluded */
  total: number;
}

/** How many of each arch's syscalls the grouping's flags grant together. */
export function coverageByArch(grouping: Grouping): ArchCoverage[] {
  const granted = new Set(grouping.flags.flatMap((f) => f.syscalls));
  return ARCHES.flatMap((arch) => {
    const table = getSyscallTable(grouping.kernel, arch);
    if (!table) return [];
    const base = new Set(baseSyscallsFor(arch));
    const names = new Set(
      table.filter((r) => r.entry !== null && !base.has(r.name)).map((r) => r.name),
    );
    let count = 0;
    for (const name of names) if (granted.has(name)) count++;
    return [{ arch, granted: count, total: names.size }];
  });
}

export interface SyscallClass {
  name: string;
  syscalls: readonly string[];
}

export interface MatrixRow {
  flag: string;
  bit: number;
  /** per class: how many of the class's syscalls the flag grants */
  counts: number[];
}

/** Flags × syscall classes: the picture on the home page. */
export function flagClassMatrix(grouping: Grouping, classes: readonly SyscallClass[]): MatrixRow[] {
  const classSets = classes.map((c) => new Set(c.syscalls));
  return grouping.flags.map((flag) => {
    const own = new Set(flag.syscalls);
    return {
      flag: flag.name,
      bit: flag.bit,
      counts: classSets.map((set) => {
        let n = 0;
        for (const name of own) if (set.has(name)) n++;
        return n;
      }),
    };
  });
}
