import type { Grouping } from '@dust/model';
import { SELFTEST_NAME, selftestSource } from './selftest-source';
import type { PatchSpec } from './types';

const DIR = 'tools/testing/selftests/seccomp';

/** Patch 5: a kselftest of the flags mode, built with the seccomp selftests. */
export function selftestPatch(grouping: Grouping): PatchSpec {
  return {
    subject: 'selftests/seccomp: add a test of the flags mode',
    body: [
      `Add ${SELFTEST_NAME}, a kselftest_harness test of SECCOMP_MODE_FLAGS:`,
      'for every flag, sample system calls of the flag run while a call outside',
      'it kills the task; with no flags only the base set runs; flags can be',
      'dropped and never regained (EPERM); unknown bits fail with EINVAL; and a',
      'child forked in flags mode inherits the flags when a flag permits fork.',
    ].join('\n'),
    changes: [
      {
        kind: 'modify',
        path: `${DIR}/.gitignore`,
        edits: [
          {
            line: 1,
            before: '# SPDX-License-Identifier: GPL-2.0-only\nseccomp_bpf\nseccomp_benchmark\n',
            after: `# SPDX-License-Identifier: GPL-2.0-only\nseccomp_bpf\nseccomp_benchmark\n${SELFTEST_NAME}\n`,
          },
        ],
      },
      {
        kind: 'modify',
        path: `${DIR}/Makefile`,
        edits: [
          {
            line: 5,
            before: '\nTEST_GEN_PROGS := seccomp_bpf seccomp_benchmark\ninclude ../lib.mk\n',
            after: `\nTEST_GEN_PROGS := seccomp_bpf seccomp_benchmark ${SELFTEST_NAME}\ninclude ../lib.mk\n`,
          },
        ],
      },
      {
        kind: 'modify',
        path: `${DIR}/config`,
        edits: [
          {
            line: 2,
            before: 'CONFIG_SECCOMP=y\nCONFIG_SECCOMP_FILTER=y\nCONFIG_USER_NS=y\n',
            after:
              'CONFIG_SECCOMP=y\nCONFIG_SECCOMP_FILTER=y\nCONFIG_SECCOMP_FLAGS=y\nCONFIG_USER_NS=y\n',
          },
        ],
      },
      { kind: 'new', path: `${DIR}/${SELFTEST_NAME}.c`, content: selftestSource(grouping) },
    ],
  };
}
