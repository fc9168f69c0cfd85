import type { Flag } from '../grouping';
import type { SyscallFamily } from '../syscalls/families';
import { type Findings, lazyMessage, type PathKey } from './findings';
import { archesOf, type KernelFacts, nextMark, type SyscallFact } from './kernel-facts';
import { suggestSyscalls } from './suggest';
import { listText, quote } from './text';

/**
 * Syscall rules: SYSCALL_DUPLICATE always; with known tables also
 * SYSCALL_UNKNOWN, SYSCALL_BASE, SYSCALL_ARCH_PARTIAL and SYSCALL_FAMILY_SPLIT.
 *
 * One pass per flag, one Map lookup per entry; "granted by this flag" is a
 * typed-array mark per syscall id (see KernelFacts.marks), so no per-flag sets
 * are built. Messages that depend only on the syscall are built once per kernel.
 */
export function checkSyscalls(
  flags: readonly Flag[],
  facts: KernelFacts | undefined,
  findings: Findings,
): void {
  for (let i = 0; i < flags.length; i++) {
    const syscalls = (flags[i] as Flag).syscalls;
    if (!facts) {
      checkDuplicatesOnly(syscalls, i, findings);
      continue;
    }
    const mark = nextMark(facts);
    const { marks, positions } = facts;
    let unknownSeen: Map<string, number> | undefined;
    let partial: [SyscallFact, number][] | undefined;
    let families: SyscallFamily[] | undefined;
    for (let j = 0; j < syscalls.length; j++) {
      const name = syscalls[j] as string;
      const fact = facts.syscalls.get(name);
      if (fact === undefined) {
        unknownSeen ??= new Map();
        const earlier = unknownSeen.get(name);
        if (earlier !== undefined) reportDuplicate(name, i, j, earlier, findings);
        else {
          unknownSeen.set(name, j);
          reportUnknown(name, ['flags', i, 'syscalls', j], facts, findings);
        }
        continue;
      }
      if (marks[fact.id] === mark) {
        reportDuplicate(name, i, j, positions[fact.id] as number, findings);
        continue;
      }
      marks[fact.id] = mark;
      positions[fact.id] = j;
      if (fact.baseMask !== 0) {
        reportBase(fact, ['flags', i, 'syscalls', j], facts, findings);
        if (fact.alwaysAllowed) continue;
      }
      if ((fact.mask | fact.baseMask) !== facts.allArchMask) {
        partial ??= [];
        partial.push([fact, j]);
      }
      if (fact.family && !families?.includes(fact.family)) {
        families ??= [];
        families.push(fact.family);
      }
    }
    for (const [fact, j] of partial ?? []) checkArchCoverage(fact, mark, i, j, facts, findings);
    for (const family of families ?? []) checkFamily(family, mark, flags, i, facts, findings);
  }
}

function checkDuplicatesOnly(syscalls: readonly string[], i: number, findings: Findings): void {
  const seen = new Map<string, number>();
  for (let j = 0; j < syscalls.length; j++) {
    const name = syscalls[j] as string;
    const earlier = seen.get(name);
    if (earlier !== undefined) reportDuplicate(name, i, j, earlier, findings);
    else seen.set(name, j);
  }
}

function reportDuplicate(
  name: string,
  i: number,
  j: number,
  earlier: number,
  findings: Findings,
): void {
  findings.add(
    'warning',
    'SYSCALL_DUPLICATE',
    ['flags', i, 'syscalls', j],
    lazyMessage(duplicateMessage, { name, i, earlier }),
  );
}

function duplicateMessage(d: { name: string; i: number; earlier: number }): string {
  return `${quote(d.name)} is already listed at /flags/${d.i}/syscalls/${d.earlier}.`;
}

function reportUnknown(name: string, key: PathKey, facts: KernelFacts, findings: Findings): void {
  findings.add('error', 'SYSCALL_UNKNOWN', key, lazyMessage(unknownMessage, { name, facts }));
}

function unknownMessage({ name, facts }: { name: string; facts: KernelFacts }): string {
  const suggestions = suggestSyscalls(name, facts);
  const hint = suggestions.length > 0 ? `; did you mean ${listText(suggestions)}?` : '.';
  return `Unknown syscall ${quote(name)}: no Linux ${facts.kernel} table implements it${hint}`;
}

function reportBase(fact: SyscallFact, key: PathKey, facts: KernelFacts, findings: Findings): void {
  if (fact.alwaysAllowed) {
    fact.baseMessage ??= `${fact.name} is in the base set (strict mode) and always allowed; listing it in a flag changes nothing.`;
    findings.add('warning', 'SYSCALL_BASE', key, fact.baseMessage);
    return;
  }
  // Base on some arches only (rt_sigreturn is not base on i386): listing it
  // matters elsewhere, so this is information, not a warning.
  const arches = archesOf(facts, fact.baseMask);
  fact.baseMessage ??= `${fact.name} is in the base set on ${listText(arches)} (always allowed there); the flag grants it on the other arches.`;
  findings.add('info', 'SYSCALL_BASE', key, fact.baseMessage, arches);
}

/** A name on some arches only is fine when the flag grants a variant on the others. */
function checkArchCoverage(
  fact: SyscallFact,
  mark: number,
  i: number,
  j: number,
  facts: KernelFacts,
  findings: Findings,
): void {
  const name = fact.name;
  const own = fact.mask | fact.baseMask;
  let covered = own;
  for (const member of fact.family ? (facts.familyMembers.get(fact.family) ?? []) : []) {
    if (facts.marks[member.id] === mark) covered |= member.mask | member.baseMask;
  }
  if (covered === facts.allArchMask) return;
  const present = archesOf(facts, fact.mask);
  let message = fact.partialMessages.get(covered);
  if (message === undefined) {
    const absent = listText(archesOf(facts, facts.allArchMask & ~covered));
    message =
      covered === own
        ? `${name} exists on ${listText(present)} only, not on ${absent}.`
        : `${name} exists on ${listText(present)} only; with its variants in this flag, ${absent} still get none.`;
    fact.partialMessages.set(covered, message);
  }
  findings.add('warning', 'SYSCALL_ARCH_PARTIAL', ['flags', i, 'syscalls', j], message, present);
}

/** A flag that grants a member of a family must grant all of them. */
function checkFamily(
  family: SyscallFamily,
  mark: number,
  flags: readonly Flag[],
  i: number,
  facts: KernelFacts,
  findings: Findings,
): void {
  const members = facts.familyMembers.get(family) ?? [];
  const granted: string[] = [];
  const missing: string[] = [];
  let first = Number.MAX_SAFE_INTEGER;
  let missingMask = 0;
  for (const m of members) {
    if (facts.marks[m.id] === mark) {
      granted.push(m.name);
      first = Math.min(first, facts.positions[m.id] as number);
    } else {
      missing.push(m.name);
      missingMask |= m.mask;
    }
  }
  if (missing.length === 0) return;
  findings.add(
    'warning',
    'SYSCALL_FAMILY_SPLIT',
    ['flags', i, 'syscalls', first],
    lazyMessage(familyMessage, { family, granted, missing, flags, i }),
    archesOf(facts, missingMask),
  );
}

function familyMessage({
  family,
  granted,
  missing,
  flags,
  i,
}: {
  family: SyscallFamily;
  granted: readonly string[];
  missing: readonly string[];
  flags: readonly Flag[];
  i: number;
}): string {
  const flagName = quote((flags[i] as Flag).name);
  const here = listText(granted);
  const elsewhere: string[] = [];
  for (const m of missing) {
    // Built only for the diagnostics returned, so a plain scan is cheap enough.
    const k = flags.findIndex((flag, index) => index !== i && flag.syscalls.includes(m));
    if (k >= 0) elsewhere.push(`${m} in ${quote((flags[k] as Flag).name)} (/flags/${k})`);
  }
  const variants = `variants of ${family.call} on other arches or ABIs`;
  if (elsewhere.length > 0) {
    return `${family.call} is split across flags: ${flagName} grants ${here}, but ${elsewhere.join(', ')}. They are ${variants}: keep them in one flag.`;
  }
  return `${family.call} is half-granted: ${flagName} grants ${here} but not ${listText(missing)}, the ${variants}.`;
}
