import { UNSAFE_WITH_JUNK_ARGUMENTS } from '../syscall-safety';

/**
 * Granted syscalls the boot test does not call with -1 in every argument
 * slot: exactly the shared set (see ../syscall-safety.ts). Fork and exec
 * have checks of their own.
 */
export const UNSAFE_TO_CALL: ReadonlySet<string> = UNSAFE_WITH_JUNK_ARGUMENTS;

/**
 * Calls with no side effect worth the name: the preferred "outside" syscalls,
 * whose only expected outcome in flags mode is SIGKILL.
 */
export const OUTSIDE_PREFERENCE: readonly string[] = [
  'getpid',
  'getppid',
  'getuid',
  'geteuid',
  'getgid',
  'getegid',
  'gettid',
  'getpgrp',
  'sched_yield',
  'getcwd',
  'uname',
  'times',
  'sysinfo',
];

/** Syscalls a flag may grant to let the fork check create a child, in order of preference. */
export const FORK_SYSCALLS = ['clone', 'fork', 'clone3'] as const;
export const EXEC_SYSCALLS = ['execve', 'execveat'] as const;
