// Groupings used by the API tests: real Linux 6.1 syscall names.
import type { Grouping } from '@dust/model';

export function grouping(flags: Grouping['flags']): Grouping {
  return {
    schema: 'dust.grouping/v1',
    kernel: '6.1',
    policy: { fork: 'inherit', exec: 'keep' },
    flags,
  };
}

export const FILE_READ = {
  name: 'FILE_READ',
  bit: 0,
  description: 'Open and read files',
  syscalls: ['openat', 'close', 'lseek', 'pread64'],
};

export const CLOCK = {
  name: 'CLOCK',
  bit: 1,
  description: 'Read the clocks',
  syscalls: ['nanosleep', 'getpid'],
};

export const TIMERS = {
  name: 'TIMERS',
  bit: 2,
  description: 'Interval timers',
  syscalls: ['getitimer', 'setitimer'],
};
