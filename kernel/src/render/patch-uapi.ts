import type { Grouping } from '@dust/model';
import { alignColumn, flagMacro, flagsByBit, padWithTabs } from './c-source';
import { cBlockComment } from './text';
import type { Edit, PatchSpec } from './types';

const PATH = 'include/uapi/linux/seccomp.h';

// Linux 6.1 include/uapi/linux/seccomp.h, lines 10-15 and 24-30.
const MODES_BEFORE = `#define SECCOMP_MODE_DISABLED\t0 /* seccomp is not in use. */
#define SECCOMP_MODE_STRICT\t1 /* uses hard-coded filter. */
#define SECCOMP_MODE_FILTER\t2 /* uses user-supplied filter. */

/* Valid operations for seccomp syscall. */
#define SECCOMP_SET_MODE_STRICT\t\t0
`;
const FILTER_FLAGS_END = `#define SECCOMP_FILTER_FLAG_NEW_LISTENER\t(1UL << 3)
#define SECCOMP_FILTER_FLAG_TSYNC_ESRCH\t\t(1UL << 4)
/* Received notifications wait in killable state (only respond to fatal signals) */
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\t(1UL << 5)

/*
 * All BPF programs must return a 32-bit value.
`;

function flagDefines(grouping: Grouping): string[] {
  const flags = flagsByBit(grouping.flags);
  const column = alignColumn(flags.map((f) => `#define ${flagMacro(f)}`));
  return flags.flatMap((f) => [
    ...cBlockComment(f.description),
    `${padWithTabs(`#define ${flagMacro(f)}`, column)}(1UL << ${f.bit})`,
  ]);
}

function edits(grouping: Grouping): Edit[] {
  const result: Edit[] = [
    {
      line: 10,
      before: MODES_BEFORE,
      after: MODES_BEFORE.replace(
        '#define SECCOMP_MODE_FILTER\t2 /* uses user-supplied filter. */\n',
        '#define SECCOMP_MODE_FILTER\t2 /* uses user-supplied filter. */\n' +
          '#define SECCOMP_MODE_FLAGS\t3 /* uses syscall-group flags. */\n',
      ),
    },
  ];
  if (grouping.flags.length > 0) {
    const [head, tail] = splitAfter(FILTER_FLAGS_END, '(1UL << 5)\n');
    const block = [
      '',
      '/*',
      ' * Flags for prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags): each flag',
      ' * permits one group of system calls, see',
      ' * Documentation/userspace-api/seccomp_flags.rst.',
      ' */',
      ...flagDefines(grouping),
    ];
    result.push({
      line: 24,
      before: FILTER_FLAGS_END,
      after: `${head}${block.join('\n')}\n${tail}`,
    });
  }
  return result;
}

function splitAfter(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker) + marker.length;
  return [text.slice(0, at), text.slice(at)];
}

/** Patch 1: the uapi constants, SECCOMP_MODE_FLAGS and one SECCOMP_FLAG_* per flag. */
export function uapiPatch(grouping: Grouping): PatchSpec {
  const flags = flagsByBit(grouping.flags);
  const list = flags.map((f) => `  ${flagMacro(f)} (bit ${f.bit})`);
  const body = [
    'Add SECCOMP_MODE_FLAGS (3), a seccomp mode in which a task holds a set',
    'of flags set with prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags), each',
    'flag permitting one group of system calls on top of the base set of',
    'strict mode.',
    '',
    flags.length === 0
      ? 'No flags are defined yet: flags mode allows the base set only.'
      : `Define the ${flags.length === 1 ? 'flag' : `${flags.length} flags`} of this grouping:`,
    ...(flags.length === 0 ? [] : ['', ...list]),
  ].join('\n');
  return {
    subject: 'seccomp: uapi: add SECCOMP_MODE_FLAGS and its flags',
    body,
    changes: [{ kind: 'modify', path: PATH, edits: edits(grouping) }],
  };
}
