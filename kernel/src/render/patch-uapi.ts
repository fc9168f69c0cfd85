import type { Grouping } from '@dust/model';
import {
  alignColumn,
  type ExecPolicy,
  execPolicyOf,
  flagMacro,
  flagsByBit,
  padWithTabs,
} from './c-source';
import { cBlockComment } from './text';
import type { PatchSpec } from './types';

export const UAPI_PATH = 'include/uapi/linux/seccomp.h';
export const UAPI_FLAGS_PATH = 'include/uapi/linux/seccomp_flags.h';

// Linux 6.1 include/uapi/linux/seccomp.h, lines 10-15.
const MODES_BEFORE = `#define SECCOMP_MODE_DISABLED\t0 /* seccomp is not in use. */
#define SECCOMP_MODE_STRICT\t1 /* uses hard-coded filter. */
#define SECCOMP_MODE_FILTER\t2 /* uses user-supplied filter. */

/* Valid operations for seccomp syscall. */
#define SECCOMP_SET_MODE_STRICT\t\t0
`;

const MODES_AFTER = MODES_BEFORE.replace(
  '#define SECCOMP_MODE_FILTER\t2 /* uses user-supplied filter. */\n',
  '#define SECCOMP_MODE_FILTER\t2 /* uses user-supplied filter. */\n' +
    '#define SECCOMP_MODE_FLAGS\t3 /* uses a set of flags. */\n',
);

// Linux 6.1 MAINTAINERS, lines 18497-18500: the files of SECURE COMPUTING.
const MAINTAINERS_BEFORE = `F:\tDocumentation/userspace-api/seccomp_filter.rst
F:\tinclude/linux/seccomp.h
F:\tinclude/uapi/linux/seccomp.h
F:\tkernel/seccomp.c
`;

const MAINTAINERS_AFTER = MAINTAINERS_BEFORE.replace(
  'F:\tinclude/uapi/linux/seccomp.h\n',
  `F:\tinclude/uapi/linux/seccomp.h\nF:\t${UAPI_FLAGS_PATH}\n`,
);

/** One `SECCOMP_FLAG_<NAME> _BITUL(bit)` per flag, each after its description. */
export function flagDefines(grouping: Grouping): string[] {
  const flags = flagsByBit(grouping.flags);
  if (flags.length === 0) return ['/* No flags yet: flags mode allows the base set only. */'];
  const column = alignColumn(flags.map((f) => `#define ${flagMacro(f)}`));
  return flags.flatMap((f) => [
    ...cBlockComment(f.description),
    `${padWithTabs(`#define ${flagMacro(f)}`, column)}_BITUL(${f.bit})`,
  ]);
}

/** What the fourth prctl() argument means under each exec policy. */
const UAPI_EXEC_COMMENT: Record<ExecPolicy, string[]> = {
  keep: [' *', ' * The fourth prctl() argument must be 0: the flags survive execve().'],
  'per-task': [
    ' *',
    ' * prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags, exec_drop): the new',
    ' * program of the next execve() holds flags & ~exec_drop. 0 keeps them all;',
    ' * the drop set only ever grows.',
  ],
  'reset-to-base': [
    ' *',
    ' * The fourth prctl() argument must be 0: execve() leaves the base set only.',
  ],
};

/**
 * include/uapi/linux/seccomp_flags.h: the generated SECCOMP_FLAG_* defines,
 * descriptions only in comments. A header of its own because
 * <linux/seccomp.h> reaches ~590 kernel files through sched.h: a new grouping
 * changes only this file, which kernel/seccomp.c (through its table) and user
 * space include, so a rebuild compiles kernel/seccomp.c and nothing else
 * (docs/design.md, "Kernel semantics").
 */
export function uapiFlagsHeader(grouping: Grouping): string {
  return [
    '/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */',
    '/*',
    ' * Flags for prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags): each flag',
    ' * permits one group of system calls on top of the base set of strict mode,',
    ' * see Documentation/userspace-api/seccomp_flags.rst. Generated from a flag',
    ' * grouping: edit the grouping, not these lines. Flags and the system calls',
    ' * they permit are only ever added.',
    ...UAPI_EXEC_COMMENT[execPolicyOf(grouping)],
    ' */',
    '#ifndef _UAPI_LINUX_SECCOMP_FLAGS_H',
    '#define _UAPI_LINUX_SECCOMP_FLAGS_H',
    '',
    '#include <linux/const.h>',
    '',
    ...flagDefines(grouping),
    '',
    '#endif /* _UAPI_LINUX_SECCOMP_FLAGS_H */',
    '',
  ].join('\n');
}

/** Patch 1: SECCOMP_MODE_FLAGS in <linux/seccomp.h>, the flags in <linux/seccomp_flags.h>. */
export function uapiPatch(grouping: Grouping): PatchSpec {
  const flags = flagsByBit(grouping.flags);
  const list = flags.map((f) => `  ${flagMacro(f)} (bit ${f.bit})`);
  const body = [
    'Add SECCOMP_MODE_FLAGS (3), a seccomp mode in which a task holds a set',
    'of flags set with prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags), each',
    'flag permitting one group of system calls on top of the base set of',
    'strict mode.',
    '',
    'The SECCOMP_FLAG_* constants are generated from the grouping the',
    'community agreed on and live in a header of their own,',
    `${UAPI_FLAGS_PATH}, exported like every uapi header:`,
    '<linux/seccomp.h> reaches most of the kernel through sched.h, and a new',
    'grouping then changes no header those files include. Only',
    'kernel/seccomp.c, the selftest and user space include',
    '<linux/seccomp_flags.h>.',
    '',
    flags.length === 0
      ? 'No flags are defined yet: flags mode allows the base set only.'
      : `Define the ${flags.length === 1 ? 'flag' : `${flags.length} flags`} of this grouping:`,
    ...(flags.length === 0 ? [] : ['', ...list]),
  ].join('\n');
  return {
    subject: 'seccomp: uapi: add SECCOMP_MODE_FLAGS and its flags',
    body,
    changes: [
      {
        kind: 'modify',
        path: 'MAINTAINERS',
        edits: [{ line: 18497, before: MAINTAINERS_BEFORE, after: MAINTAINERS_AFTER }],
      },
      {
        kind: 'modify',
        path: UAPI_PATH,
        edits: [{ line: 10, before: MODES_BEFORE, after: MODES_AFTER }],
      },
      { kind: 'new', path: UAPI_FLAGS_PATH, content: uapiFlagsHeader(grouping) },
    ],
  };
}
