import type { PatchSpec } from './types';

// Linux 6.1 arch/Kconfig, lines 567-570: the end of SECCOMP_FILTER.
const SECCOMP_FILTER_END = `\t  See Documentation/userspace-api/seccomp_filter.rst for details.

config SECCOMP_CACHE_DEBUG
\tbool "Show seccomp filter cache status in /proc/pid/seccomp_cache"
`;

const SECCOMP_FLAGS_OPTION = `\t  See Documentation/userspace-api/seccomp_filter.rst for details.

config SECCOMP_FLAGS
\tbool "Enable seccomp flags mode (SECCOMP_MODE_FLAGS)"
\tdepends on HAVE_ARCH_SECCOMP_FILTER && SECCOMP
\thelp
\t  Enable tasks to restrict themselves to groups of system calls
\t  by holding a set of flags, set with
\t  prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags).  With no flag
\t  held a task may run only what strict mode allows; flags can be
\t  dropped but never regained.

\t  See Documentation/userspace-api/seccomp_flags.rst for details.

\t  If unsure, say N.

config SECCOMP_CACHE_DEBUG
\tbool "Show seccomp filter cache status in /proc/pid/seccomp_cache"
`;

/**
 * Patch 2: CONFIG_SECCOMP_FLAGS, next to SECCOMP_FILTER in arch/Kconfig,
 * before the code that uses it so that every prefix of the series builds. It
 * depends on HAVE_ARCH_SECCOMP_FILTER as well as SECCOMP because the entry
 * check reads prctl()'s arguments with syscall_get_arguments(), which only
 * those architectures provide; the others keep strict mode alone.
 */
export function kconfigPatch(): PatchSpec {
  return {
    subject: 'seccomp: add CONFIG_SECCOMP_FLAGS',
    body: [
      'Add the configuration option the flags mode of the next patch is built',
      'under, off by default; on its own it changes no code. It needs',
      'SECCOMP, and HAVE_ARCH_SECCOMP_FILTER for syscall_get_arguments(),',
      'which the entry check uses to let prctl(PR_SET_SECCOMP,',
      'SECCOMP_MODE_FLAGS, ...) through; it does not need SECCOMP_FILTER, and',
      'so neither NET.',
    ].join('\n'),
    changes: [
      {
        kind: 'modify',
        path: 'arch/Kconfig',
        edits: [{ line: 567, before: SECCOMP_FILTER_END, after: SECCOMP_FLAGS_OPTION }],
      },
    ],
  };
}
