import { EXEC_POLICIES, type Flag, type Grouping } from '@dust/model';

const TAB = 8;

/** `left` padded with tabs up to `column` (a multiple of 8), at least one tab. */
export function padWithTabs(left: string, column: number): string {
  const tabs = Math.max(1, Math.ceil((column - Math.floor(left.length / TAB) * TAB) / TAB));
  return left + '\t'.repeat(tabs);
}

/** The tab stop after the longest of `lefts`, as kernel headers align their values. */
export function alignColumn(lefts: string[]): number {
  return (Math.floor(Math.max(...lefts.map((l) => l.length)) / TAB) + 1) * TAB;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Guards against anything but an identifier reaching C code (the validator checks it first). */
export function cIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a C identifier: ${JSON.stringify(name)}`);
  return name;
}

export function flagMacro(flag: Flag): string {
  return `SECCOMP_FLAG_${cIdentifier(flag.name)}`;
}

/** Flags in bit order: the order of every table the series renders. */
export function flagsByBit(flags: readonly Flag[]): Flag[] {
  return [...flags].sort((a, b) => a.bit - b.bit);
}

/** Columns a line takes on screen, tabs advancing to the next multiple of 8. */
export function displayWidth(line: string): number {
  let column = 0;
  for (const c of line) column = c === '\t' ? (Math.floor(column / TAB) + 1) * TAB : column + 1;
  return column;
}

/**
 * `lead` followed by `A | B | C`, wrapped so that no line exceeds `width`
 * columns with 4 to spare for the caller's ending (` \\`, `,`, `)`); lines but
 * the last end with ` |`, continuation lines start with `indent`.
 */
export function orLines(lead: string, terms: string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let current = `${lead}${terms[0] ?? ''}`;
  for (const term of terms.slice(1)) {
    if (displayWidth(`${current} | ${term}`) + 4 > width) {
      lines.push(`${current} |`);
      current = `${indent}${term}`;
    } else current += ` | ${term}`;
  }
  lines.push(current);
  return lines;
}

export type ExecPolicy = (typeof EXEC_POLICIES)[number];

/**
 * The grouping's exec policy, "keep" when none is given (no flag grants an
 * exec syscall). The grouping was validated; this guards again before a
 * policy picks C.
 */
export function execPolicyOf(grouping: Grouping): ExecPolicy {
  const exec = grouping.policy.exec ?? 'keep';
  const known = EXEC_POLICIES.find((p) => p === exec);
  if (!known) throw new Error(`not an exec policy: ${JSON.stringify(exec)}`);
  return known;
}
