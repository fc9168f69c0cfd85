// strace's syscall classes (`strace -e trace=%file` …): which class bit of
// strace's sysent flags each one is, and what it traces, in our words after
// strace(1). The members of each class are data read from strace itself
// (strace-classes.data.ts, see the importer's comment for how to regenerate).

export interface StraceClass {
  /** As strace spells it on its command line. */
  readonly spelling: string;
  /** The flag name a reference grouping gives it. */
  readonly flag: string;
  /** The TRACE_* bit in strace's sysent flags (src/sysent.h). */
  readonly bit: number;
  readonly description: string;
}

export const STRACE_CLASSES: readonly StraceClass[] = [
  { spelling: '%file', flag: 'FILE', bit: 0o1, description: 'Calls that take a file name' },
  { spelling: '%ipc', flag: 'IPC', bit: 0o2, description: 'System V IPC calls' },
  { spelling: '%network', flag: 'NETWORK', bit: 0o4, description: 'Network calls' },
  {
    spelling: '%process',
    flag: 'PROCESS',
    bit: 0o10,
    description: 'Process life cycle: create, exec, wait, exit',
  },
  { spelling: '%signal', flag: 'SIGNAL', bit: 0o20, description: 'Signal related calls' },
  { spelling: '%desc', flag: 'DESC', bit: 0o40, description: 'Calls on file descriptors' },
  {
    spelling: '%memory',
    flag: 'MEMORY',
    bit: 0o100,
    description: 'Memory mapping calls',
  },
  { spelling: '%stat', flag: 'STAT', bit: 0o10000, description: 'stat variants' },
  { spelling: '%lstat', flag: 'LSTAT', bit: 0o20000, description: 'lstat variants' },
  { spelling: '%statfs', flag: 'STATFS', bit: 0o40000, description: 'statfs variants' },
  { spelling: '%fstatfs', flag: 'FSTATFS', bit: 0o100000, description: 'fstatfs variants' },
  {
    spelling: '%%statfs',
    flag: 'STATFS_LIKE',
    bit: 0o200000,
    description: 'Every statfs-like call (statfs, fstatfs, ustat)',
  },
  { spelling: '%fstat', flag: 'FSTAT', bit: 0o400000, description: 'fstat and fstatat variants' },
  {
    spelling: '%%stat',
    flag: 'STAT_LIKE',
    bit: 0o1000000,
    description: 'Every stat-like call (stat, lstat, fstat, statx)',
  },
  {
    spelling: '%pure',
    flag: 'PURE',
    bit: 0o2000000,
    description: 'Getters without arguments that always succeed',
  },
  {
    spelling: '%creds',
    flag: 'CREDS',
    bit: 0o10000000,
    description: 'Calls that read or change user and group ids or capabilities',
  },
  {
    spelling: '%clock',
    flag: 'CLOCK',
    bit: 0o20000000,
    description: 'Calls that read or change system clocks',
  },
];
