/**
 * System calls that must not be called with junk arguments.
 *
 * Both the boot test (src/test) and the generated kselftest (src/render) call
 * granted system calls with -1 in every argument slot (invalid fds, sizes,
 * flags and unmapped pointers), so nearly every call fails with EBADF, EINVAL,
 * EFAULT or ENOSYS. These are the exceptions both leave out: calls that end,
 * stop, signal or replace the task, or whose side effects reach beyond the
 * child even with invalid arguments.
 */
export const UNSAFE_WITH_JUNK_ARGUMENTS: ReadonlySet<string> = new Set([
  // end the task
  'exit',
  'exit_group',
  // return through a forged signal frame
  'rt_sigreturn',
  'sigreturn',
  // new tasks and programs; vfork would share the caller's stack
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
 * Calls the kselftest also leaves out, on top of the shared set. The kselftest
 * runs on a developer's own machine, on any architecture, so it stays
 * conservative: sync flushes every filesystem of the host, and the rest are
 * left out as a precaution. The boot test, on x86_64 in a throwaway QEMU
 * guest, keeps calling the ones x86_64 has (restart_syscall, sync, syncfs,
 * setsid, munlockall): with -1 arguments they are harmless there, and each
 * call it makes is one more granted call checked. Adding them to the shared
 * set would change which calls the boot test checks.
 */
export const ALSO_UNSAFE_IN_SELFTEST: ReadonlySet<string> = new Set([
  'restart_syscall',
  'sigsuspend',
  'sync',
  'syncfs',
  'setsid',
  'munlockall',
  'idle',
]);
