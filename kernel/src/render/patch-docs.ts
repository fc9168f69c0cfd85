import type { Flag, Grouping } from '@dust/model';
import { cIdentifier, type ExecPolicy, execPolicyOf, flagMacro, flagsByBit } from './c-source';
import { rstLines, wrapWords } from './text';
import type { PatchSpec } from './types';

export const DOC_PATH = 'Documentation/userspace-api/seccomp_flags.rst';

// Linux 6.1 Documentation/userspace-api/index.rst, lines 19-22.
const INDEX_BEFORE = `   no_new_privs
   seccomp_filter
   landlock
   unshare
`;

// Linux 6.1 Documentation/filesystems/proc.rst, lines 293-295: /proc/<pid>/status.
const PROC_BEFORE = ` NoNewPrivs                  no_new_privs, like prctl(PR_GET_NO_NEW_PRIV, ...)
 Seccomp                     seccomp mode, like prctl(PR_GET_SECCOMP, ...)
 Speculation_Store_Bypass    speculative store bypass mitigation status
`;

const PROC_AFTER = PROC_BEFORE.replace(
  ' Speculation_Store_Bypass ',
  ' Seccomp_flags               seccomp flags held in SECCOMP_MODE_FLAGS, in hex\n Speculation_Store_Bypass ',
);

function title(text: string, char: string, over = false): string[] {
  const rule = char.repeat(text.length);
  return over ? [rule, text, rule] : [text, rule];
}

/** One list-table cell: the first line after `lead`, the rest aligned under it. */
function cell(lead: string, lines: string[]): string[] {
  const body = lines.length > 0 ? lines : ['(none)'];
  const pad = ' '.repeat(lead.length);
  return body.map((l, i) => `${i === 0 ? lead : pad}${l}`);
}

function flagRow(flag: Flag): string[] {
  const syscalls = [...flag.syscalls]
    .sort()
    .map((s) => `\`\`${cIdentifier(s)}\`\``)
    .join(', ');
  return [
    ...cell('   * - ', [`\`\`${flagMacro(flag)}\`\``]),
    ...cell('     - ', [String(flag.bit)]),
    ...cell('     - ', rstLines(flag.description)),
    ...cell('     - ', wrapWords(syscalls, 64)),
  ];
}

function flagTable(grouping: Grouping): string[] {
  const flags = flagsByBit(grouping.flags);
  if (flags.length === 0) {
    return ['No flags are defined yet: in flags mode a task may run the base set only.'];
  }
  return [
    '.. list-table::',
    '   :header-rows: 1',
    '   :widths: 25 5 35 35',
    '',
    '   * - Flag',
    '     - Bit',
    '     - Description',
    '     - System calls',
    ...flags.flatMap(flagRow),
  ];
}

const EXEC_POLICY_TEXT: Record<ExecPolicy, string[]> = {
  keep: [
    'The exec policy of this kernel is ``keep``: the flags survive',
    ':manpage:`execve(2)`, as seccomp filters do. The fourth argument of',
    ':manpage:`prctl(2)` must be 0, otherwise the call fails with ``EINVAL``.',
  ],
  'per-task': [
    'The exec policy of this kernel is ``per-task``: each task says which of',
    'its flags it drops at its next :manpage:`execve(2)`, as the execpromises',
    "of OpenBSD's :manpage:`pledge(2)` do, with the fourth argument::",
    '',
    '\tprctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags, exec_drop);',
    '',
    'The new program holds ``flags & ~exec_drop``. An ``exec_drop`` of 0, what',
    'every call that leaves the argument unused passes, keeps all flags.',
    'Bits of ``exec_drop`` outside ``flags`` fail with ``EINVAL``. Like the',
    'flags, the drop set only ever takes away: a later call may add bits to it',
    'but fails with ``EPERM`` when it would keep across :manpage:`execve(2)` a',
    'held flag an earlier call set to be dropped. A child created by',
    ':manpage:`fork(2)` inherits the drop set; :manpage:`execve(2)` applies it',
    'and leaves the new program with an empty one.',
  ],
  'reset-to-base': [
    'The exec policy of this kernel is ``reset-to-base``: after a successful',
    ':manpage:`execve(2)` the task is still in flags mode but holds no flags,',
    'so the new program may run the base set only. The fourth argument of',
    ':manpage:`prctl(2)` must be 0, otherwise the call fails with ``EINVAL``.',
  ],
};

/** The documentation page: semantics, usage and the flag table. */
export function flagsDocument(grouping: Grouping): string {
  return [
    '.. SPDX-License-Identifier: GPL-2.0',
    '',
    ...title('Seccomp flags mode (SECCOMP_MODE_FLAGS)', '=', true),
    '',
    ...title('Introduction', '='),
    '',
    'In seccomp flags mode a task does not pick a fixed list of system calls or',
    'write a filter: it holds a set of flags, each of which permits one group of',
    'system calls. With no flag held it may run exactly what strict mode allows',
    '(``read``, ``write``, ``exit`` and ``rt_sigreturn``, or ``sigreturn`` on',
    '32-bit x86): the base set. Any other system call kills the whole process',
    '(every thread) with ``SIGKILL``, as ``SECCOMP_RET_KILL_PROCESS`` does; strict',
    'mode kills the calling thread only. As in strict mode, entering disables',
    'the time stamp counter where the architecture can (``rdtsc`` then raises',
    '``SIGSEGV``, see ``PR_SET_TSC``). The mode is available when the kernel is',
    'built with ``CONFIG_SECCOMP_FLAGS``.',
    '',
    ...title('Usage', '='),
    '',
    'A task enters flags mode with::',
    '',
    '\tprctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags);',
    '',
    'where ``flags`` is a bitwise OR of the ``SECCOMP_FLAG_*`` constants of',
    '``<linux/seccomp_flags.h>``; ``SECCOMP_MODE_FLAGS`` is in',
    '``<linux/seccomp.h>``. As for filter mode, the task must have called',
    '``prctl(PR_SET_NO_NEW_PRIVS, 1)`` or have ``CAP_SYS_ADMIN`` in its user',
    'namespace, otherwise the call fails with ``EACCES``. Unknown bits fail with',
    '``EINVAL``, and so does the call in another seccomp mode or as a compat',
    'system call (a 32-bit or x32 task, or ``int 0x80`` from a 64-bit one): the',
    'flags name native system calls.',
    '',
    'In flags mode the same call with a subset of the held flags always',
    'succeeds, even when no held flag permits :manpage:`prctl(2)`: a task can',
    'always drop flags. Asking for any flag it does not hold fails with',
    '``EPERM``: a flag once dropped is never regained.',
    '',
    'A system call runs when it is in the base set or when any held flag',
    'permits it; a system call may be permitted by several flags. Compat system',
    'calls (32-bit calls on a 64-bit kernel) get the base set only. Like',
    'strict mode, entering flags mode applies to the calling thread only; a',
    'violation ends the whole process.',
    '',
    'The flags a task holds are shown in hex on the ``Seccomp_flags:`` line of',
    '``/proc/<pid>/status``, next to ``Seccomp:`` (``3`` in flags mode).',
    '',
    ...title('Fork and exec', '='),
    '',
    'A child created by :manpage:`fork(2)` or :manpage:`clone(2)` inherits the',
    'flags of its parent, so it never holds more.',
    '',
    ...EXEC_POLICY_TEXT[execPolicyOf(grouping)],
    '',
    ...title('Flags', '='),
    '',
    ...flagTable(grouping),
    '',
  ].join('\n');
}

/** Patch 4: Documentation/userspace-api/seccomp_flags.rst, its index entry, proc.rst. */
export function docsPatch(grouping: Grouping): PatchSpec {
  return {
    subject: 'Documentation: seccomp: document the flags mode',
    body: [
      'Describe SECCOMP_MODE_FLAGS for user space: how to enter the mode, drop',
      'flags, what fork and exec do, and the table of flags with the system',
      'calls each permits. List the Seccomp_flags line of /proc/<pid>/status',
      'in proc.rst.',
    ].join('\n'),
    changes: [
      { kind: 'new', path: DOC_PATH, content: flagsDocument(grouping) },
      {
        kind: 'modify',
        path: 'Documentation/filesystems/proc.rst',
        edits: [{ line: 293, before: PROC_BEFORE, after: PROC_AFTER }],
      },
      {
        kind: 'modify',
        path: 'Documentation/userspace-api/index.rst',
        edits: [
          {
            line: 19,
            before: INDEX_BEFORE,
            after: INDEX_BEFORE.replace(
              '   seccomp_filter\n',
              '   seccomp_filter\n   seccomp_flags\n',
            ),
          },
        ],
      },
    ],
  };
}
