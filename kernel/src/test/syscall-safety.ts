/**
 * Which syscalls the boot test may call with harmless arguments.
 *
 * The boot test calls each granted syscall with -1 in every argument slot
 * (invalid fds, sizes, flags and unmapped pointers), so nearly every call
 * fails with EBADF, EINVAL, EFAULT or ENOSYS. These are the exceptions: calls
 * that end, stop, signal or replace the task, or whose side effects reach
 * beyond the child even with invalid arguments. Fork and exec have checks of
 * their own.
 */
export const UNSAFE_TO_CALL: ReadonlySet<string> = new Set([
  // end the task
  'exit',
  'exit_group',
  // return through a forged signal frame
  'rt_sigreturn',
  'sigreturn',
  // new tasks and programs (the fork and exec checks cover them)
  'fork',
  'vfork',
  'clone',
  'clone3',
  'execve',
  'execveat',
  // signal other tasks or the test itself
  'kill',
  'tkill',
  'tgkill',
  'rt_sigqueueinfo',
  'rt_tgsigqueueinfo',
  'pidfd_send_signal',
  // wait for a signal or for time to pass
  'pause',
  'rt_sigsuspend',
  'nanosleep',
  'clock_nanosleep',
  // replace the child's own timeout
  'alarm',
  'setitimer',
  // whole-machine effects
  'reboot',
  'kexec_load',
  'kexec_file_load',
  'vhangup',
  'ptrace',
]);

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
