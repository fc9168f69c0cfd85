import type { Flag } from '../grouping';
import { familyOf, type SyscallFamily } from '../syscalls/families';
import type { Findings } from './findings';
import { archesOf, type KernelFacts } from './kernel-facts';
import { suggestSyscalls } from './suggest';
import { listText, quote } from './text';

/** Where one flag grants members of one family. */
interface FamilyGrant {
  readonly members: Set<string>;
  /** Index of the first member in the flag's syscalls: the diagnostic's path. */
  readonly first: number;
}

/**
 * Syscall rules: SYSCALL_DUPLICATE always; with known tables also
 * SYSCALL_UNKNOWN, SYSCALL_BASE, SYSCALL_ARCH_PARTIAL and SYSCALL_FAMILY_SPLIT.
 * One pass over the entries, each a few Map lookups.
 */
export function checkSyscalls(
  flags: readonly Flag[],
  facts: KernelFacts | undefined,
  findings: Findings,
): void {
  const families = new Map<SyscallFamily, Map<number, FamilyGrant>>();
  for (let i = 0; i < flags.length; i++) {
    const syscalls = (flags[i] as Flag).syscalls;
    const seen = new Map<string, number>();
    const partial: number[] = [];
    for (let j = 0; j < syscalls.length; j++) {
      const name = syscalls[j] as string;
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        findings.add(
          'warning',
          'SYSCALL_DUPLICATE',
          ['flags', i, 'syscalls', j],
          `${quote(name)} is already listed at /flags/${i}/syscalls/${earlier}.`,
        );
        continue;
      }
      seen.set(name, j);
      if (!facts) continue;
      const mask = facts.archMask.get(name);
      if (mask === undefined) {
        reportUnknown(name, ['flags', i, 'syscalls', j], facts, findings);
        continue;
      }
      const baseMask = (facts.baseMask.get(name) ?? 0) & mask;
      if (baseMask !== 0) {
        reportBase(name, baseMask === mask, baseMask, ['flags', i, 'syscalls', j], facts, findings);
        if (baseMask === mask) continue;
      }
      if ((mask | baseMask) !== facts.allArchMask) partial.push(j);
      const family = familyOf(name);
      if (family) recordFamilyGrant(families, family, i, name, j);
    }
    if (facts)
      for (const j of partial)
        checkArchCoverage(syscalls[j] as string, seen, i, j, facts, findings);
  }
  if (facts) checkFamilies(families, flags, facts, findings);
}

function reportUnknown(
  name: string,
  key: (string | number)[],
  facts: KernelFacts,
  findings: Findings,
): void {
  findings.add('error', 'SYSCALL_UNKNOWN', key, () => {
    const suggestions = suggestSyscalls(name, facts);
    const hint = suggestions.length > 0 ? `; did you mean ${listText(suggestions)}?` : '.';
    return `Unknown syscall ${quote(name)}: no Linux ${facts.kernel} table implements it${hint}`;
  });
}

function reportBase(
  name: string,
  everywhere: boolean,
  baseMask: number,
  key: (string | number)[],
  facts: KernelFacts,
  findings: Findings,
): void {
  if (everywhere) {
    findings.add(
      'warning',
      'SYSCALL_BASE',
      key,
      `${name} is in the base set (strict mode) and always allowed; listing it in a flag changes nothing.`,
    );
  } else {
    // Base on some arches only (rt_sigreturn is not base on i386): listing it
    // matters elsewhere, so this is information, not a warning.
    const arches = archesOf(facts, baseMask);
    findings.add(
      'info',
      'SYSCALL_BASE',
      key,
      `${name} is in the base set on ${listText(arches)} (always allowed there); the flag grants it on the other arches.`,
      arches,
    );
  }
}

/** A name on some arches only is fine when the flag grants a variant on the others. */
function checkArchCoverage(
  name: string,
  granted: ReadonlyMap<string, number>,
  i: number,
  j: number,
  facts: KernelFacts,
  findings: Findings,
): void {
  const mask = facts.archMask.get(name) ?? 0;
  let covered = mask | (facts.baseMask.get(name) ?? 0);
  const family = familyOf(name);
  for (const member of family ? (facts.familyMembers.get(family) ?? []) : []) {
    if (granted.has(member))
      covered |= (facts.archMask.get(member) ?? 0) | (facts.baseMask.get(member) ?? 0);
  }
  if (covered === facts.allArchMask) return;
  const present = archesOf(facts, mask);
  const absent = archesOf(facts, facts.allArchMask & ~covered);
  findings.add(
    'warning',
    'SYSCALL_ARCH_PARTIAL',
    ['flags', i, 'syscalls', j],
    covered === (mask | (facts.baseMask.get(name) ?? 0))
      ? `${name} exists on ${listText(present)} only, not on ${listText(absent)}.`
      : `${name} exists on ${listText(present)} only; with its variants in this flag, ${listText(absent)} still get none.`,
    present,
  );
}

function recordFamilyGrant(
  families: Map<SyscallFamily, Map<number, FamilyGrant>>,
  family: SyscallFamily,
  flagIndex: number,
  name: string,
  j: number,
): void {
  let byFlag = families.get(family);
  if (!byFlag) {
    byFlag = new Map();
    families.set(family, byFlag);
  }
  const grant = byFlag.get(flagIndex);
  if (grant) grant.members.add(name);
  else byFlag.set(flagIndex, { members: new Set([name]), first: j });
}

/** Every flag that grants a member of a family must grant all its members. */
function checkFamilies(
  families: ReadonlyMap<SyscallFamily, ReadonlyMap<number, FamilyGrant>>,
  flags: readonly Flag[],
  facts: KernelFacts,
  findings: Findings,
): void {
  for (const [family, byFlag] of families) {
    const members = (facts.familyMembers.get(family) ?? []).filter(
      (m) => (facts.baseMask.get(m) ?? 0) !== facts.archMask.get(m),
    );
    // The first few flags holding each member, for "split across flags" messages.
    const holders = new Map<string, number[]>();
    for (const [i, grant] of byFlag) {
      for (const m of grant.members) {
        const list = holders.get(m);
        if (!list) holders.set(m, [i]);
        else if (list.length < 4) list.push(i);
      }
    }
    for (const [i, grant] of byFlag) {
      const missing = members.filter((m) => !grant.members.has(m));
      if (missing.length === 0) continue;
      let missingMask = 0;
      for (const m of missing) missingMask |= facts.archMask.get(m) ?? 0;
      findings.add(
        'warning',
        'SYSCALL_FAMILY_SPLIT',
        ['flags', i, 'syscalls', grant.first],
        () => familyMessage(family, grant, missing, holders, flags, i),
        archesOf(facts, missingMask),
      );
    }
  }
}

function familyMessage(
  family: SyscallFamily,
  grant: FamilyGrant,
  missing: readonly string[],
  holders: ReadonlyMap<string, readonly number[]>,
  flags: readonly Flag[],
  i: number,
): string {
  const flagName = quote((flags[i] as Flag).name);
  const here = listText([...grant.members]);
  const elsewhere: string[] = [];
  for (const m of missing) {
    const k = holders.get(m)?.find((index) => index !== i);
    if (k !== undefined) elsewhere.push(`${m} in ${quote((flags[k] as Flag).name)} (/flags/${k})`);
  }
  const variants = `variants of ${family.call} on other arches or ABIs`;
  if (elsewhere.length > 0) {
    return `${family.call} is split across flags: ${flagName} grants ${here}, but ${elsewhere.join(', ')}. They are ${variants}: keep them in one flag.`;
  }
  return `${family.call} is half-granted: ${flagName} grants ${here} but not ${listText(missing)}, the ${variants}.`;
}
