// strace's syscall classes as a reference grouping: one flag per class, in
// strace(1)'s order. The classes overlap on purpose (%%stat holds %stat,
// %lstat and %fstat; %desc holds most of %network), as a syscall may sit in
// several flags.
import type { Policy } from '../grouping';
import { buildReferenceGrouping, type ReferenceImport } from './build-grouping';
import { STRACE_CLASSES } from './strace-classes';
import { STRACE_CLASS_MEMBERS, STRACE_VERSION } from './strace-classes.data';

export { STRACE_CLASSES, STRACE_VERSION };

export function straceReferenceGrouping(
  opts: { kernel?: string; policy?: Policy } = {},
): ReferenceImport {
  return buildReferenceGrouping(
    STRACE_CLASSES.map((cls) => ({
      source: `strace ${cls.spelling}`,
      flag: cls.flag,
      description: `${cls.description} (strace ${cls.spelling})`,
      syscalls: STRACE_CLASS_MEMBERS[cls.spelling] ?? [],
    })),
    opts,
  );
}
