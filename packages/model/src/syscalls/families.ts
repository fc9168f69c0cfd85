/**
 * Syscall families: names that are variants of ONE call, differing only by ABI
 * (32-bit widths, 64-bit time, a newer struct layout) so that a libc picks one or
 * the other depending on the architecture. Granting one variant without the
 * others makes a flag behave differently per arch, which the validator reports
 * as SYSCALL_FAMILY_SPLIT.
 *
 * This is data, not code: the validator has no per-name special cases. Only
 * variants a libc really uses on a supported arch belong here; obsolete calls
 * (oldstat, olduname, sigaction…) are left out on purpose, since every sensible
 * grouping omits them and a warning about them would be noise. `statx` is not
 * a variant: it exists on every arch and is a call of its own.
 *
 * Every member must be a syscall name of the Linux 6.1 tables (a test checks it),
 * and a name belongs to at most one family.
 */
export interface SyscallFamily {
  /** The call's usual (64-bit) name, used in messages. */
  readonly call: string;
  /** Every table name that implements this call on some arch or ABI. */
  readonly members: readonly string[];
}

/** Why variants exist; the key of each family list below. */
const LARGE_FILE_AND_STRUCT_VARIANTS: readonly (readonly string[])[] = [
  // glibc >= 2.33 and musl implement fstat() as fstatat(fd, "", AT_EMPTY_PATH):
  // newfstatat (64-bit) / fstatat64 (32-bit) is what fstat really calls.
  ['fstat', 'fstat64', 'newfstatat', 'fstatat64'],
  ['stat', 'stat64'],
  ['lstat', 'lstat64'],
  ['statfs', 'statfs64'],
  ['fstatfs', 'fstatfs64'],
  ['truncate', 'truncate64'],
  ['ftruncate', 'ftruncate64'],
  ['fcntl', 'fcntl64'],
  ['lseek', '_llseek'],
  ['mmap', 'mmap2'],
  ['sendfile', 'sendfile64'],
  ['fadvise64', 'fadvise64_64', 'arm_fadvise64_64'],
  ['sync_file_range', 'sync_file_range2', 'arm_sync_file_range'],
  ['getdents', 'getdents64'],
  ['select', '_newselect'],
  ['getrlimit', 'ugetrlimit'],
  // i386 returns from non-SA_SIGINFO handlers with sigreturn.
  ['rt_sigreturn', 'sigreturn'],
];

/** 32-bit arches have a time32 and a time64 (y2038-safe) entry for each of these. */
const TIME64_VARIANTS: readonly (readonly string[])[] = [
  ['clock_gettime', 'clock_gettime64'],
  ['clock_settime', 'clock_settime64'],
  ['clock_adjtime', 'clock_adjtime64'],
  ['clock_getres', 'clock_getres_time64'],
  ['clock_nanosleep', 'clock_nanosleep_time64'],
  ['timer_gettime', 'timer_gettime64'],
  ['timer_settime', 'timer_settime64'],
  ['timerfd_gettime', 'timerfd_gettime64'],
  ['timerfd_settime', 'timerfd_settime64'],
  ['futex', 'futex_time64'],
  ['io_pgetevents', 'io_pgetevents_time64'],
  ['mq_timedsend', 'mq_timedsend_time64'],
  ['mq_timedreceive', 'mq_timedreceive_time64'],
  ['ppoll', 'ppoll_time64'],
  ['pselect6', 'pselect6_time64'],
  ['recvmmsg', 'recvmmsg_time64'],
  ['rt_sigtimedwait', 'rt_sigtimedwait_time64'],
  ['sched_rr_get_interval', 'sched_rr_get_interval_time64'],
  ['semtimedop', 'semtimedop_time64'],
  ['utimensat', 'utimensat_time64'],
];

/** i386 and arm have 16-bit uid/gid calls and the 32-bit `*32` ones libcs use. */
const UID32_VARIANTS: readonly (readonly string[])[] = [
  ['getuid', 'getuid32'],
  ['geteuid', 'geteuid32'],
  ['getgid', 'getgid32'],
  ['getegid', 'getegid32'],
  ['setuid', 'setuid32'],
  ['setgid', 'setgid32'],
  ['setreuid', 'setreuid32'],
  ['setregid', 'setregid32'],
  ['setresuid', 'setresuid32'],
  ['setresgid', 'setresgid32'],
  ['getresuid', 'getresuid32'],
  ['getresgid', 'getresgid32'],
  ['getgroups', 'getgroups32'],
  ['setgroups', 'setgroups32'],
  ['chown', 'chown32'],
  ['fchown', 'fchown32'],
  ['lchown', 'lchown32'],
  ['setfsuid', 'setfsuid32'],
  ['setfsgid', 'setfsgid32'],
];

export const SYSCALL_FAMILIES: readonly SyscallFamily[] = Object.freeze(
  [...LARGE_FILE_AND_STRUCT_VARIANTS, ...TIME64_VARIANTS, ...UID32_VARIANTS].map(
    (members): SyscallFamily => Object.freeze({ call: members[0] ?? '', members }),
  ),
);

const FAMILY_BY_MEMBER: ReadonlyMap<string, SyscallFamily> = new Map(
  SYSCALL_FAMILIES.flatMap((family) => family.members.map((m) => [m, family] as const)),
);

/** The family `name` belongs to, or undefined when it has no variants. */
export function familyOf(name: string): SyscallFamily | undefined {
  return FAMILY_BY_MEMBER.get(name);
}
