// OpenBSD pledge(2)'s promises as a reference grouping for Linux.
//
// Which OpenBSD syscalls each promise permits is data read from OpenBSD's
// kernel (pledge-promises.data.ts). Which Linux syscalls do the same job is a
// judgement, made here by hand: the names below, with the reason beside every
// mapping that is not the same name. An empty list means Linux has no syscall
// for it (a libc function, a /proc file, an ioctl), so the promise grants
// nothing on Linux for that call.
//
// What a syscall mask cannot express is left out: pledge also checks
// arguments and paths (stdio may open only /dev/null and a few others; rpath
// and wpath are checked per path in namei; ioctl requests per promise), so a
// Linux flag made from a promise is always wider than the promise.
import type { Policy } from '../grouping';
import { buildReferenceGrouping, type ReferenceImport } from './build-grouping';
import {
  PLEDGE_ALWAYS_SYSCALLS,
  PLEDGE_PROMISE_SYSCALLS,
  PLEDGE_SOURCE_REVISION,
} from './pledge-promises.data';

export { PLEDGE_SOURCE_REVISION };

/** OpenBSD syscall → the Linux syscalls (any arch) that do its job. */
export const OPENBSD_TO_LINUX: Readonly<Record<string, readonly string[]>> = {
  // Permitted under any pledge.
  exit: ['exit', 'exit_group'], // exit_group ends every thread, as OpenBSD's exit does
  kbind: [], // OpenBSD ld.so's lazy-binding call
  msyscall: [], // OpenBSD's registration of where syscalls may come from
  __get_tcb: ['arch_prctl', 'get_thread_area'], // the thread pointer (x86_64, i386)
  __set_tcb: ['arch_prctl', 'set_thread_area', 'set_tid_address'],
  pledge: [], // the flags-mode prctl is always let through (docs/design.md, Kernel semantics)
  sendsyslog: [], // Linux's syslog(3) writes to a socket (a network call)
  thrkill: ['tgkill', 'tkill'],
  utrace: [], // ktrace's user records

  // stdio: getters
  getuid: ['getuid', 'getuid32'],
  geteuid: ['geteuid', 'geteuid32'],
  getresuid: ['getresuid', 'getresuid32'],
  getgid: ['getgid', 'getgid32'],
  getegid: ['getegid', 'getegid32'],
  getresgid: ['getresgid', 'getresgid32'],
  getgroups: ['getgroups', 'getgroups32'],
  getlogin_r: [], // Linux reads utmp or /proc/self/loginuid
  getpgrp: ['getpgrp'],
  getpgid: ['getpgid'],
  getppid: ['getppid'],
  getsid: ['getsid'],
  getthrid: ['gettid'],
  getrlimit: ['getrlimit', 'ugetrlimit', 'prlimit64'], // glibc's getrlimit calls prlimit64
  getrtable: [], // OpenBSD routing tables
  gettimeofday: ['gettimeofday'],
  getdtablecount: [], // Linux lists /proc/self/fd
  getrusage: ['getrusage'],
  issetugid: [], // Linux passes AT_SECURE in the auxiliary vector
  clock_getres: ['clock_getres', 'clock_getres_time64'],
  clock_gettime: ['clock_gettime', 'clock_gettime64'],
  getpid: ['getpid'],
  sysctl: ['uname', 'sysinfo'], // the read-only uses (hw.ncpu, kern.hostname…) on Linux

  // stdio: memory
  getentropy: ['getrandom'],
  madvise: ['madvise'],
  minherit: [], // madvise(MADV_DONTFORK) on Linux
  mmap: ['mmap', 'mmap2'],
  mprotect: ['mprotect'],
  mquery: [], // OpenBSD only
  munmap: ['munmap'],
  msync: ['msync'],
  break: ['brk'],
  umask: ['umask'],

  // stdio: reading and writing open descriptors
  read: ['read'],
  readv: ['readv'],
  pread: ['pread64'],
  preadv: ['preadv', 'preadv2'],
  write: ['write'],
  writev: ['writev'],
  pwrite: ['pwrite64'],
  pwritev: ['pwritev', 'pwritev2'],
  recvmsg: ['recvmsg', 'recvmmsg', 'recvmmsg_time64'],
  recvfrom: ['recvfrom', 'recv'],
  ftruncate: ['ftruncate', 'ftruncate64'],
  lseek: ['lseek', '_llseek'],
  fpathconf: [], // a libc function on Linux
  sendto: ['sendto', 'send'],
  sendmsg: ['sendmsg', 'sendmmsg'],

  // stdio: signals, timers, events
  nanosleep: ['nanosleep', 'clock_nanosleep', 'clock_nanosleep_time64'],
  sigaltstack: ['sigaltstack'],
  sigprocmask: ['rt_sigprocmask', 'sigprocmask'],
  sigsuspend: ['rt_sigsuspend', 'sigsuspend'],
  sigaction: ['rt_sigaction', 'sigaction'],
  sigreturn: ['rt_sigreturn', 'sigreturn'],
  sigpending: ['rt_sigpending', 'sigpending'],
  getitimer: ['getitimer'],
  setitimer: ['setitimer'],
  poll: ['poll'],
  ppoll: ['ppoll', 'ppoll_time64'],
  kqueue: ['epoll_create', 'epoll_create1'], // Linux's event queue is epoll
  kevent: ['epoll_ctl', 'epoll_wait', 'epoll_pwait', 'epoll_pwait2'],
  select: ['select', '_newselect'],
  pselect: ['pselect6', 'pselect6_time64'],

  // stdio: descriptors
  fstat: ['fstat', 'fstat64'],
  fsync: ['fsync', 'fdatasync'],
  setsockopt: ['setsockopt'],
  getsockopt: ['getsockopt'],
  fcntl: ['fcntl', 'fcntl64'],
  close: ['close'],
  dup: ['dup'],
  dup2: ['dup2'],
  dup3: ['dup3'],
  closefrom: ['close_range'],
  shutdown: ['shutdown'],
  fchdir: ['fchdir'],
  pipe: ['pipe'],
  pipe2: ['pipe2'],
  socketpair: ['socketpair'],
  wait4: ['wait4', 'waitid', 'waitpid'],
  kill: ['kill'],
  ioctl: ['ioctl'],

  // stdio: paths (OpenBSD then checks the path itself, see above)
  open: ['open'],
  stat: ['stat', 'stat64'],
  access: ['access'],
  readlink: ['readlink'],
  __realpath: [], // a libc function on Linux (readlink and getcwd)

  // stdio and settime: clocks
  adjtime: ['adjtimex'],
  adjfreq: ['clock_adjtime', 'clock_adjtime64'],
  settimeofday: ['settimeofday', 'clock_settime', 'clock_settime64'],

  // stdio: threads
  __tfork: ['clone', 'clone3'],
  sched_yield: ['sched_yield'],
  futex: ['futex', 'futex_time64'],
  __thrsleep: ['futex', 'futex_time64'],
  __thrwakeup: ['futex', 'futex_time64'],
  __threxit: ['exit'],
  __thrsigdivert: ['rt_sigtimedwait', 'rt_sigtimedwait_time64'],

  // proc, id
  fork: ['fork'],
  vfork: ['vfork'],
  setpgid: ['setpgid'],
  setsid: ['setsid'],
  setrlimit: ['setrlimit', 'prlimit64'],
  getpriority: ['getpriority'],
  setpriority: ['setpriority'],
  setuid: ['setuid', 'setuid32'],
  seteuid: ['setresuid', 'setresuid32'], // glibc's seteuid calls setresuid
  setreuid: ['setreuid', 'setreuid32'],
  setresuid: ['setresuid', 'setresuid32'],
  setgid: ['setgid', 'setgid32'],
  setegid: ['setresgid', 'setresgid32'],
  setregid: ['setregid', 'setregid32'],
  setresgid: ['setresgid', 'setresgid32'],
  setgroups: ['setgroups', 'setgroups32'],
  setlogin: [], // Linux has no login name in the kernel

  // unveil, exec
  unveil: ['landlock_create_ruleset', 'landlock_add_rule', 'landlock_restrict_self'],
  execve: ['execve', 'execveat'],

  // rpath, wpath, cpath, dpath, tmppath
  chdir: ['chdir'],
  openat: ['openat', 'openat2'],
  fstatat: ['newfstatat', 'fstatat64', 'statx'],
  faccessat: ['faccessat', 'faccessat2'],
  readlinkat: ['readlinkat'],
  lstat: ['lstat', 'lstat64'],
  truncate: ['truncate', 'truncate64'],
  rename: ['rename'],
  rmdir: ['rmdir'],
  renameat: ['renameat', 'renameat2'],
  link: ['link'],
  linkat: ['linkat'],
  symlink: ['symlink'],
  symlinkat: ['symlinkat'],
  unlink: ['unlink'],
  unlinkat: ['unlinkat'],
  mkdir: ['mkdir'],
  mkdirat: ['mkdirat'],
  mkfifo: ['mknod'], // Linux makes FIFOs with mknod
  mkfifoat: ['mknodat'],
  mknod: ['mknod'],
  mknodat: ['mknodat'],
  __getcwd: ['getcwd'],
  getdents: ['getdents', 'getdents64'],
  getfsstat: [], // Linux reads /proc/self/mounts
  statfs: ['statfs', 'statfs64'],
  fstatfs: ['fstatfs', 'fstatfs64'],
  pathconf: [], // a libc function on Linux

  // tty
  revoke: ['vhangup'],

  // fattr, chown
  utimes: ['utimes', 'utime'],
  futimes: ['utimensat', 'utimensat_time64'], // glibc's futimes calls utimensat
  utimensat: ['utimensat', 'utimensat_time64'],
  futimens: ['utimensat', 'utimensat_time64'],
  chmod: ['chmod'],
  fchmod: ['fchmod'],
  fchmodat: ['fchmodat'],
  chflags: [], // file flags are an ioctl (FS_IOC_SETFLAGS) on Linux
  chflagsat: [],
  fchflags: [],
  chown: ['chown', 'chown32'],
  fchownat: ['fchownat'],
  lchown: ['lchown', 'lchown32'],
  fchown: ['fchown', 'fchown32'],

  // inet, unix, dns
  socket: ['socket'],
  connect: ['connect'],
  bind: ['bind'],
  getsockname: ['getsockname'],
  listen: ['listen'],
  accept4: ['accept4'],
  accept: ['accept'],
  getpeername: ['getpeername'],

  // flock, vminfo
  flock: ['flock'],
  swapctl: [], // its listing is /proc/swaps on Linux
};

/** The Linux names for a list of OpenBSD syscalls, each once, in order. */
export function linuxSyscallsFor(openbsd: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of openbsd) for (const linux of OPENBSD_TO_LINUX[name] ?? []) out.add(linux);
  return [...out];
}

const flagName = (promise: string) => promise.toUpperCase();

export function pledgeReferenceGrouping(
  opts: { kernel?: string; policy?: Policy } = {},
): ReferenceImport {
  const groups = [
    {
      source: 'pledge (always permitted)',
      flag: 'ALWAYS',
      description: 'What pledge permits under any promise',
      syscalls: linuxSyscallsFor(PLEDGE_ALWAYS_SYSCALLS),
    },
    ...Object.entries(PLEDGE_PROMISE_SYSCALLS).map(([promise, openbsd]) => ({
      source: `pledge "${promise}"`,
      flag: flagName(promise),
      description: `OpenBSD pledge's "${promise}" promise`,
      syscalls: linuxSyscallsFor(openbsd),
    })),
  ];
  return buildReferenceGrouping(groups, opts);
}
