import { ARCH_SOURCES, type ArchSource, GENERIC_UNISTD } from './arch-sources';
import { parseGenericUnistd } from './parse-generic-unistd';
import { parseSyscallTbl } from './parse-tbl';
import type { RawSyscallRow } from './raw-row';

export interface ImportedTables {
  /** e.g. "6.1.192", from the tree's Makefile (informational: the tables are compared, not this). */
  release: string;
  tables: Record<string, RawSyscallRow[]>;
}

/** Builds every arch's table from the tree's file texts (path relative to the tree → text). */
export function buildTables(readFile: (path: string) => string): ImportedTables {
  const tables: Record<string, RawSyscallRow[]> = {};
  for (const [arch, source] of Object.entries(ARCH_SOURCES) as [string, ArchSource][]) {
    const rows =
      source.kind === 'tbl'
        ? parseSyscallTbl(readFile(source.file), source.abis)
        : parseGenericUnistd({
            archHeader: readFile(source.archHeader),
            genericHeader: readFile(GENERIC_UNISTD),
            predefined: source.predefined,
          });
    assertUnique(arch, rows);
    tables[arch] = rows.sort((a, b) => a.number - b.number);
  }
  return { release: kernelRelease(readFile('Makefile')), tables };
}

function assertUnique(arch: string, rows: readonly RawSyscallRow[]): void {
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const row of rows) {
    if (names.has(row.name)) throw new Error(`${arch}: syscall ${row.name} appears twice`);
    if (numbers.has(row.number)) throw new Error(`${arch}: number ${row.number} appears twice`);
    names.add(row.name);
    numbers.add(row.number);
  }
}

function kernelRelease(makefile: string): string {
  const field = (name: string) =>
    new RegExp(`^${name}[ \\t]*=[ \\t]*(\\S*)`, 'm').exec(makefile)?.[1] ?? '';
  const release = `${field('VERSION')}.${field('PATCHLEVEL')}.${field('SUBLEVEL')}${field('EXTRAVERSION')}`;
  if (!/^\d+\.\d+\.\d+/.test(release))
    throw new Error('cannot read the kernel version from Makefile');
  return release;
}
