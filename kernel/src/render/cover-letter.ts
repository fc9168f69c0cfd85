import type { Grouping } from '@dust/model';
import { flagMacro, flagsByBit } from './c-source';
import { describeChanges } from './describe-changes';
import { mailIndentedText } from './text';

/** The flag table of the cover letter: bit, macro, number of syscalls, description. */
function flagTable(grouping: Grouping): string[] {
  const flags = flagsByBit(grouping.flags);
  if (flags.length === 0) return ['  (no flags: flags mode allows the base set only)'];
  const width = Math.max(...flags.map((f) => flagMacro(f).length), 'Flag'.length);
  const header = `  ${'Bit'.padEnd(4)}${'Flag'.padEnd(width + 2)}Calls`;
  return [
    header,
    ...flags.flatMap((f) => [
      `  ${String(f.bit).padEnd(4)}${flagMacro(f).padEnd(width + 2)}${f.syscalls.length}`,
      ...mailIndentedText('      ', f.description),
    ]),
  ];
}

export interface CoverInput {
  grouping: Grouping;
  previous: Grouping | undefined;
  version: number;
  release: number;
  /** `    subject` lines of the patches, as in format-patch's shortlog. */
  shortlog: string[];
  authorName: string;
  diffstat: string;
}

/** The body of `[PATCH vN 0/M]`: summary, flag table, changes, shortlog, diffstat. */
export function coverLetterBody(input: CoverInput): string {
  const { grouping, previous, version } = input;
  const flags = grouping.flags.length;
  const syscalls = new Set(grouping.flags.flatMap((f) => f.syscalls)).size;
  const exec = grouping.policy.exec ?? 'keep';
  return [
    'This series adds SECCOMP_MODE_FLAGS, a seccomp mode in which a task holds',
    'a set of flags, each permitting one group of system calls, as proposed in',
    '"Magic Security Dust: Appropriating SECCOMP". With no flag held a task',
    'runs what strict mode allows; flags can be dropped with the same prctl()',
    'and never regained; children inherit them.',
    '',
    `It renders release ${input.release} of the grouping designed with Dust:`,
    `${flags} flag${flags === 1 ? '' : 's'} over ${syscalls} system call${syscalls === 1 ? '' : 's'}, fork policy "inherit",`,
    `exec policy "${exec}".`,
    '',
    'Flags:',
    '',
    ...flagTable(grouping),
    '',
    `Changes in v${version}:`,
    ...(previous
      ? describeChanges(previous, grouping)
      : [version === 1 ? '  - first version' : '  - not listed: no previous release given']),
    '',
    `  ${input.authorName} (${input.shortlog.length}):`,
    ...input.shortlog,
    '',
    input.diffstat.trimEnd(),
    '',
  ].join('\n');
}
