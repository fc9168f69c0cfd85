import type { Grouping } from '@dust/model';
import { alignColumn, flagMacro, flagsByBit, padWithTabs } from './c-source';
import { cBlockComment } from './text';
import type { PatchSpec } from './types';

export const UAPI_PATH = 'include/uapi/linux/seccomp.h';

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

// Linux 6.1 include/uapi/linux/seccomp.h, lines 149-153: the end of the file.
const END_BEFORE = `/* On success, the return value is the remote process's added fd number */
#define SECCOMP_IOCTL_NOTIF_ADDFD\tSECCOMP_IOW(3, \\
\t\t\t\t\t\tstruct seccomp_notif_addfd)

#endif /* _UAPI_LINUX_SECCOMP_H */
`;

function flagDefines(grouping: Grouping): string[] {
  const flags = flagsByBit(grouping.flags);
  if (flags.length === 0) return ['/* No flags yet: flags mode allows the base set only. */'];
  const column = alignColumn(flags.map((f) => `#define ${flagMacro(f)}`));
  return flags.flatMap((f) => [
    ...cBlockComment(f.description),
    `${padWithTabs(`#define ${flagMacro(f)}`, column)}(1UL << ${f.bit})`,
  ]);
}

/**
 * The generated block of SECCOMP_FLAG_* defines, descriptions only in
 * comments. It goes at the very end of the header, after the last line that
 * produces any C tokens: every #define and comment there leaves the
 * preprocessed output of the ~590 files that reach <linux/seccomp.h> through
 * sched.h byte-identical, whatever the grouping, so ccache serves them all.
 * Placed higher up it would shift the line numbers of the structs below it,
 * and a new grouping would recompile all of them.
 */
export function uapiFlagsBlock(grouping: Grouping): string[] {
  return [
    '/*',
    ' * Flags for prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags): each flag',
    ' * permits one group of system calls on top of the base set of strict mode,',
    ' * see Documentation/userspace-api/seccomp_flags.rst. Generated from a flag',
    ' * grouping: edit the grouping, not these lines.',
    ' */',
    ...flagDefines(grouping),
  ];
}

const END_AFTER = (grouping: Grouping) =>
  END_BEFORE.replace(
    '\n#endif /* _UAPI_LINUX_SECCOMP_H */\n',
    `\n${uapiFlagsBlock(grouping).join('\n')}\n\n#endif /* _UAPI_LINUX_SECCOMP_H */\n`,
  );

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
    'The SECCOMP_FLAG_* constants are generated from the grouping the',
    'community agreed on and go at the end of the header, below everything',
    'that declares a type: <linux/seccomp.h> reaches most of the kernel',
    'through sched.h, and defines placed there leave the preprocessed output',
    'of those files unchanged when the grouping changes.',
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
        path: UAPI_PATH,
        edits: [
          { line: 10, before: MODES_BEFORE, after: MODES_AFTER },
          { line: 149, before: END_BEFORE, after: END_AFTER(grouping) },
        ],
      },
    ],
  };
}
