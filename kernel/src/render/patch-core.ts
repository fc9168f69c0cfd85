import type { Grouping } from '@dust/model';
import { type ExecPolicy, execPolicyOf, flagsByBit } from './c-source';
import { flagsTableHeader, TABLE_PATH } from './flags-table';
import type { Edit, PatchSpec } from './types';

// The contexts below are Linux 6.1 (Debian linux-source-6.1) text at the given
// lines; kernel/test/render-kernel.test.ts checks them against the real tree.

/** include/linux/seccomp.h: struct seccomp's flags field and the seccomp_flags_exec() hook. */
const SECCOMP_H_EDITS: Edit[] = [
  {
    line: 28,
    before: ` * @mode:  indicates one of the valid values above for controlled
 *         system calls available to a process.
 * @filter: must always point to a valid seccomp-filter or NULL as it is
`,
    after: ` * @mode:  indicates one of the valid values above for controlled
 *         system calls available to a process.
 * @flags: the SECCOMP_FLAG_* bits held in SECCOMP_MODE_FLAGS; once in that
 *         mode they can only ever be reduced.
 * @exec_drop: the held flags dropped at the next execve() under the
 *             "per-task" exec policy; it only ever grows.
 * @filter: must always point to a valid seccomp-filter or NULL as it is
`,
  },
  {
    line: 37,
    before: `\tint mode;
\tatomic_t filter_count;
\tstruct seccomp_filter *filter;
};

#ifdef CONFIG_HAVE_ARCH_SECCOMP_FILTER
`,
    after: `\tint mode;
\tatomic_t filter_count;
\tstruct seccomp_filter *filter;
#ifdef CONFIG_SECCOMP_FLAGS
\tu32 flags;
\tu32 exec_drop;
#endif
};

#ifdef CONFIG_HAVE_ARCH_SECCOMP_FILTER
`,
  },
  {
    line: 55,
    before: `extern long prctl_set_seccomp(unsigned long, void __user *);

static inline int seccomp_mode(struct seccomp *s)
`,
    after: `long prctl_set_seccomp(unsigned long seccomp_mode, void __user *filter,
\t\t       unsigned long exec_drop);

static inline int seccomp_mode(struct seccomp *s)
`,
  },
  {
    line: 82,
    before: `static inline long prctl_set_seccomp(unsigned long arg2, char __user *arg3)
{
`,
    after: `static inline long prctl_set_seccomp(unsigned long arg2, char __user *arg3,
\t\t\t\t     unsigned long arg4)
{
`,
  },
  {
    line: 90,
    before: `}
#endif /* CONFIG_SECCOMP */

#ifdef CONFIG_SECCOMP_FILTER
extern void seccomp_filter_release(struct task_struct *tsk);
`,
    after: `}
#endif /* CONFIG_SECCOMP */

#ifdef CONFIG_SECCOMP_FLAGS
void seccomp_flags_exec(void);
#else
static inline void seccomp_flags_exec(void) { }
#endif /* CONFIG_SECCOMP_FLAGS */

#ifdef CONFIG_SECCOMP_FILTER
extern void seccomp_filter_release(struct task_struct *tsk);
`,
  },
];

const EXEC_EDITS: Edit[] = [
  {
    line: 1344,
    before: `\tme->personality &= ~bprm->per_clear;

\tclear_syscall_work_syscall_user_dispatch(me);

\tif (bprm->secureexec) {
`,
    after: `\tme->personality &= ~bprm->per_clear;

\tclear_syscall_work_syscall_user_dispatch(me);
\tseccomp_flags_exec();

\tif (bprm->secureexec) {
`,
  },
];

// Linux 6.1 kernel/sys.c, lines 2476-2478: the fourth prctl() argument reaches seccomp.
const SYS_EDITS: Edit[] = [
  {
    line: 2476,
    before: `\tcase PR_SET_SECCOMP:
\t\terror = prctl_set_seccomp(arg2, (char __user *)arg3);
\t\tbreak;
`,
    after: `\tcase PR_SET_SECCOMP:
\t\terror = prctl_set_seccomp(arg2, (char __user *)arg3, arg4);
\t\tbreak;
`,
  },
];

// Linux 6.1 fs/proc/array.c, lines 339-344: the seccomp lines of /proc/<pid>/status.
const PROC_STATUS_EDITS: Edit[] = [
  {
    line: 339,
    before: `\tseq_put_decimal_ull(m, "\\nSeccomp:\\t", p->seccomp.mode);
#ifdef CONFIG_SECCOMP_FILTER
\tseq_put_decimal_ull(m, "\\nSeccomp_filters:\\t",
\t\t\t    atomic_read(&p->seccomp.filter_count));
#endif
#endif
`,
    after: `\tseq_put_decimal_ull(m, "\\nSeccomp:\\t", p->seccomp.mode);
#ifdef CONFIG_SECCOMP_FLAGS
\tseq_printf(m, "\\nSeccomp_flags:\\t%08x", READ_ONCE(p->seccomp.flags));
#endif
#ifdef CONFIG_SECCOMP_FILTER
\tseq_put_decimal_ull(m, "\\nSeccomp_filters:\\t",
\t\t\t    atomic_read(&p->seccomp.filter_count));
#endif
#endif
`,
  },
];

const FLAGS_ENTRY = `
#ifdef CONFIG_SECCOMP_FLAGS
/*
 * prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags, ...) must reach
 * seccomp_set_mode_flags() even when no held flag permits prctl: dropping
 * flags always succeeds there, and asking for more fails with -EPERM.
 */
static bool seccomp_flags_is_set_flags(int this_syscall)
{
#ifdef __NR_prctl
\tunsigned long args[6];

\tif (this_syscall != __NR_prctl)
\t\treturn false;
\tsyscall_get_arguments(current, current_pt_regs(), args);
\t/* sys_prctl() takes its option as an int: compare what it will see. */
\treturn (int)args[0] == PR_SET_SECCOMP &&
\t       args[1] == SECCOMP_MODE_FLAGS;
#else
\treturn false;
#endif
}

static void __secure_computing_flags(int this_syscall)
{
\tconst unsigned int size = ARRAY_SIZE(seccomp_flags_mask);
\tu32 flags = READ_ONCE(current->seccomp.flags);

\t/* Compat system calls get the base set only. */
\tif (!in_compat_syscall()) {
\t\tif ((unsigned int)this_syscall < size &&
\t\t    (seccomp_flags_mask[array_index_nospec(this_syscall, size)] & flags))
\t\t\treturn;
\t\tif (seccomp_flags_is_set_flags(this_syscall))
\t\t\treturn;
\t}
\tif (seccomp_strict_allowed(this_syscall))
\t\treturn;

\t/*
\t * Unlike strict mode, kill the whole process, as SECCOMP_RET_KILL_PROCESS
\t * does: the other threads must not run on in a process whose state a
\t * killed thread may have left half changed.
\t */
\tcurrent->seccomp.mode = SECCOMP_MODE_DEAD;
\tseccomp_log(this_syscall, SIGKILL, SECCOMP_RET_KILL_PROCESS, true);
\tdo_group_exit(SIGKILL);
}
#endif /* CONFIG_SECCOMP_FLAGS */
`;

// Linux 6.1 kernel/seccomp.c, lines 1007-1027: strict mode's check.
const STRICT_BEFORE = `static void __secure_computing_strict(int this_syscall)
{
\tconst int *allowed_syscalls = mode1_syscalls;
#ifdef CONFIG_COMPAT
\tif (in_compat_syscall())
\t\tallowed_syscalls = get_compat_mode1_syscalls();
#endif
\tdo {
\t\tif (*allowed_syscalls == this_syscall)
\t\t\treturn;
\t} while (*++allowed_syscalls != -1);

#ifdef SECCOMP_DEBUG
\tdump_stack();
#endif
\tcurrent->seccomp.mode = SECCOMP_MODE_DEAD;
\tseccomp_log(this_syscall, SIGKILL, SECCOMP_RET_KILL_THREAD, true);
\tdo_exit(SIGKILL);
}

#ifndef CONFIG_HAVE_ARCH_SECCOMP_FILTER
`;

/* The base set check moves into a helper that flags mode shares. */
const STRICT_AFTER = `/* Is this_syscall in the base set of strict mode (and of flags mode)? */
static bool seccomp_strict_allowed(int this_syscall)
{
\tconst int *allowed_syscalls = mode1_syscalls;
#ifdef CONFIG_COMPAT
\tif (in_compat_syscall())
\t\tallowed_syscalls = get_compat_mode1_syscalls();
#endif
\tdo {
\t\tif (*allowed_syscalls == this_syscall)
\t\t\treturn true;
\t} while (*++allowed_syscalls != -1);
\treturn false;
}

static void __secure_computing_strict(int this_syscall)
{
\tif (seccomp_strict_allowed(this_syscall))
\t\treturn;

#ifdef SECCOMP_DEBUG
\tdump_stack();
#endif
\tcurrent->seccomp.mode = SECCOMP_MODE_DEAD;
\tseccomp_log(this_syscall, SIGKILL, SECCOMP_RET_KILL_THREAD, true);
\tdo_exit(SIGKILL);
}
${FLAGS_ENTRY}
#ifndef CONFIG_HAVE_ARCH_SECCOMP_FILTER
`;

const SET_MODE_FLAGS = `
#ifdef CONFIG_SECCOMP_FLAGS
/**
 * seccomp_set_mode_flags: enter SECCOMP_MODE_FLAGS, or drop flags in it
 * @flags: the SECCOMP_FLAG_* bits to hold
 * @exec_drop: the bits of @flags to drop at the next execve(); only the
 *             "per-task" exec policy accepts a non-zero value
 *
 * Entering needs no_new_privs or CAP_SYS_ADMIN, as filter mode does, and
 * disables the TSC as strict mode does.  Once in flags mode a subset of the
 * held flags always succeeds, and anything else fails: a task can never
 * regain a flag.  The exec drop set, like the flags, only ever shrinks what
 * the task may do: over the flags still held it may grow, never lose a bit.
 *
 * Returns 0 on success, -EINVAL for unknown flags, an @exec_drop outside
 * @flags (or any under another exec policy), another mode or a compat
 * system call, -EACCES without privilege, or -EPERM when asking for flags
 * not held or for keeping across execve() a flag already set to be dropped.
 */
static long seccomp_set_mode_flags(unsigned long flags, unsigned long exec_drop)
{
\tconst unsigned long seccomp_mode = SECCOMP_MODE_FLAGS;
\tbool privileged;
\tlong ret = -EINVAL;

\t/*
\t * The flags name native system calls: a compat caller (32-bit, x32,
\t * int 0x80) would hold flags that none of its calls can use.
\t */
\tif (in_compat_syscall())
\t\treturn -EINVAL;
\tif (flags & ~SECCOMP_FLAGS_VALID)
\t\treturn -EINVAL;
\t/* Under "keep" and "reset-to-base" a task cannot believe it dropped any. */
\tif (exec_drop && !SECCOMP_FLAGS_EXEC_PER_TASK)
\t\treturn -EINVAL;
\tif (exec_drop & ~flags)
\t\treturn -EINVAL;

\t/* Only entering flags mode needs privilege; the task never leaves it. */
\tprivileged = READ_ONCE(current->seccomp.mode) == seccomp_mode ||
\t\t     task_no_new_privs(current) ||
\t\t     ns_capable_noaudit(current_user_ns(), CAP_SYS_ADMIN);

\tspin_lock_irq(&current->sighand->siglock);

\tif (current->seccomp.mode == seccomp_mode) {
\t\tret = -EPERM;
\t\tif (flags & ~(unsigned long)current->seccomp.flags)
\t\t\tgoto out;
\t\tif (current->seccomp.exec_drop & flags & ~exec_drop)
\t\t\tgoto out;
\t\tWRITE_ONCE(current->seccomp.flags, flags);
\t\tcurrent->seccomp.exec_drop = exec_drop;
\t\tret = 0;
\t\tgoto out;
\t}

\tif (!seccomp_may_assign_mode(seccomp_mode))
\t\tgoto out;

\tret = -EACCES;
\tif (!privileged)
\t\tgoto out;

#ifdef TIF_NOTSC
\tdisable_TSC();
#endif
\t/* The flags must be in place before the syscall work flag is set. */
\tWRITE_ONCE(current->seccomp.flags, flags);
\tcurrent->seccomp.exec_drop = exec_drop;
\tseccomp_assign_mode(current, seccomp_mode, 0);
\tret = 0;

out:
\tspin_unlock_irq(&current->sighand->siglock);

\treturn ret;
}

/*
 * Called by begin_new_exec() past the point of no return: with the
 * "reset-to-base" exec policy the new program holds no flags, with
 * "per-task" it holds those not in the task's exec drop set, which is then
 * empty, and with "keep" (exec_drop is always 0) it holds them all.
 */
void seccomp_flags_exec(void)
{
\tu32 flags;

\tif (current->seccomp.mode != SECCOMP_MODE_FLAGS)
\t\treturn;

\tspin_lock_irq(&current->sighand->siglock);
\tflags = current->seccomp.flags & ~current->seccomp.exec_drop;
\tWRITE_ONCE(current->seccomp.flags, SECCOMP_FLAGS_EXEC_RESET ? 0 : flags);
\tcurrent->seccomp.exec_drop = 0;
\tspin_unlock_irq(&current->sighand->siglock);
}
#endif /* CONFIG_SECCOMP_FLAGS */
`;

const SET_STRICT_END = `\tret = 0;

out:
\tspin_unlock_irq(&current->sighand->siglock);

\treturn ret;
}

#ifdef CONFIG_SECCOMP_FILTER
`;

/** Inserts `text` into `snippet` right after its first occurrence of `marker`. */
function insertAfter(snippet: string, marker: string, text: string): string {
  const at = snippet.indexOf(marker);
  if (at < 0) throw new Error(`marker not in snippet: ${marker}`);
  return snippet.slice(0, at + marker.length) + text + snippet.slice(at + marker.length);
}

const SECCOMP_C_EDITS: Edit[] = [
  {
    line: 12,
    before: ` * Mode 1 uses a fixed list of allowed system calls.
 * Mode 2 allows user-defined system call filters in the form
 *        of Berkeley Packet Filters/Linux Socket Filters.
 */
#define pr_fmt(fmt) "seccomp: " fmt
`,
    after: ` * Mode 1 uses a fixed list of allowed system calls.
 * Mode 2 allows user-defined system call filters in the form
 *        of Berkeley Packet Filters/Linux Socket Filters.
 * Mode 3 allows the base set of mode 1 plus the system calls permitted by
 *        the flags a task holds; flags can be dropped, never regained.
 */
#define pr_fmt(fmt) "seccomp: " fmt
`,
  },
  {
    line: 31,
    before: `
/* Not exposed in headers: strictly internal use only. */
#define SECCOMP_MODE_DEAD\t(SECCOMP_MODE_FILTER + 1)

#ifdef CONFIG_HAVE_ARCH_SECCOMP_FILTER
#include <asm/syscall.h>
#endif

#ifdef CONFIG_SECCOMP_FILTER
`,
    after: `
/* Not exposed in headers: strictly internal use only. */
#define SECCOMP_MODE_DEAD\t(SECCOMP_MODE_FLAGS + 1)

#ifdef CONFIG_HAVE_ARCH_SECCOMP_FILTER
#include <asm/syscall.h>
#endif

#ifdef CONFIG_SECCOMP_FLAGS
#include "seccomp_flags_table.h"
#endif

#ifdef CONFIG_SECCOMP_FILTER
`,
  },
  { line: 1007, before: STRICT_BEFORE, after: STRICT_AFTER },
  {
    line: 1339,
    before: `\tcase SECCOMP_MODE_FILTER:
\t\treturn __seccomp_filter(this_syscall, sd, false);
\t/* Surviving SECCOMP_RET_KILL_* must be proactively impossible. */
\tcase SECCOMP_MODE_DEAD:
`,
    after: `\tcase SECCOMP_MODE_FILTER:
\t\treturn __seccomp_filter(this_syscall, sd, false);
#ifdef CONFIG_SECCOMP_FLAGS
\tcase SECCOMP_MODE_FLAGS:
\t\t__secure_computing_flags(this_syscall);  /* may call do_exit */
\t\treturn 0;
#endif
\t/* Surviving SECCOMP_RET_KILL_* must be proactively impossible. */
\tcase SECCOMP_MODE_DEAD:
`,
  },
  {
    line: 1378,
    before: SET_STRICT_END,
    after: insertAfter(SET_STRICT_END, '\treturn ret;\n}\n', SET_MODE_FLAGS),
  },
  {
    line: 2014,
    before: ` * @filter: optional struct sock_fprog for use with SECCOMP_MODE_FILTER
 *
 * Returns 0 on success or -EINVAL on failure.
 */
long prctl_set_seccomp(unsigned long seccomp_mode, void __user *filter)
{
`,
    after: ` * @filter: optional struct sock_fprog for use with SECCOMP_MODE_FILTER
 * @exec_drop: for SECCOMP_MODE_FLAGS, the flags to drop at the next execve()
 *
 * Returns 0 on success or -EINVAL on failure.
 */
long prctl_set_seccomp(unsigned long seccomp_mode, void __user *filter,
\t\t       unsigned long exec_drop)
{
`,
  },
  {
    line: 2033,
    before: `\tcase SECCOMP_MODE_FILTER:
\t\top = SECCOMP_SET_MODE_FILTER;
\t\tuargs = filter;
\t\tbreak;
\tdefault:
\t\treturn -EINVAL;
`,
    after: `\tcase SECCOMP_MODE_FILTER:
\t\top = SECCOMP_SET_MODE_FILTER;
\t\tuargs = filter;
\t\tbreak;
#ifdef CONFIG_SECCOMP_FLAGS
\tcase SECCOMP_MODE_FLAGS:
\t\t/* The third prctl() argument is the flags value itself. */
\t\treturn seccomp_set_mode_flags((unsigned long)filter, exec_drop);
#endif
\tdefault:
\t\treturn -EINVAL;
`,
  },
];

const EXEC_POLICY_TEXT: Record<ExecPolicy, string[]> = {
  keep: [
    'applies, "keep": the flags survive execve(), as seccomp filters do;',
    'begin_new_exec() calls seccomp_flags_exec(), which leaves them alone.',
    'A non-zero fourth prctl() argument (the per-task exec drop set of',
    'another policy) fails with -EINVAL.',
  ],
  'per-task': [
    'applies, "per-task", after pledge\'s execpromises: the fourth argument of',
    'prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags, exec_drop) is the set of',
    'flags dropped at the next execve(), so the new program holds',
    'flags & ~exec_drop. It is a drop set because unused prctl() arguments',
    'are 0 and every existing caller passes 0: 0 keeps all flags. Bits',
    'outside flags fail with -EINVAL; a later call may add bits to the drop',
    'set but not remove any still held (-EPERM). The set lives in struct',
    'seccomp beside the flags, so a forked child inherits it;',
    'seccomp_flags_exec() in begin_new_exec() applies it and clears it.',
    'kernel/sys.c now passes arg4 to prctl_set_seccomp(), which strict and',
    'filter mode ignore as before.',
  ],
  'reset-to-base': [
    'applies, "reset-to-base": begin_new_exec() clears the flags, so the new',
    'program runs with the base set only. A non-zero fourth prctl() argument',
    '(the per-task exec drop set of another policy) fails with -EINVAL.',
  ],
};

/** Patch 2: the flags mode in kernel/seccomp.c, the exec hook and the generated table. */
export function corePatch(grouping: Grouping): PatchSpec {
  const flags = flagsByBit(grouping.flags);
  const exec = execPolicyOf(grouping);
  const body = [
    'Implement SECCOMP_MODE_FLAGS. prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS,',
    'flags) enters the mode; like filter mode it needs no_new_privs or',
    'CAP_SYS_ADMIN, and unknown bits fail with -EINVAL. In flags mode the same',
    'call with a subset of the held flags always succeeds (a task can always',
    'drop flags); asking for any flag not held fails with -EPERM. That call',
    'is let through at system call entry even when no held flag permits',
    'prctl(): the arguments are read with syscall_get_arguments(), since x86',
    'passes no seccomp_data.',
    '',
    'Entering disables the TSC where the architecture can (TIF_NOTSC), as',
    'strict mode does, so that "no flags" means exactly what strict mode',
    'allows. Entering from a compat system call (32-bit, x32, int 0x80) fails',
    'with -EINVAL: the flags name native system calls.',
    '',
    'At system call entry a call runs when it is in the base set of strict',
    'mode or when seccomp_flags_mask[nr] & flags is non-zero: one load and',
    'one predicted branch. Compat system calls get the base set only.',
    'Anything else kills the whole process with SIGKILL, as',
    'SECCOMP_RET_KILL_PROCESS does (do_group_exit()), not only the thread as',
    'strict mode does: the other threads must not run on after one of them',
    'was stopped half way.',
    '',
    'The held flags appear in /proc/<pid>/status as "Seccomp_flags:", in hex,',
    'next to "Seccomp:" and "Seccomp_filters:", so that tools and',
    'checkpoint/restore can read them back.',
    '',
    'The flags live in struct seccomp, which copy_seccomp() copies: a forked',
    'child inherits them. On execve() the exec policy of this grouping',
    ...EXEC_POLICY_TEXT[exec],
    '',
    'The per-system-call mask table is generated into',
    `${TABLE_PATH}, which only kernel/seccomp.c includes; every`,
    'entry is guarded by its __NR_* macro, so one table serves every',
    'architecture.',
    '',
    'SECCOMP_MODE_DEAD moves to SECCOMP_MODE_FLAGS + 1, since mode 3 is now',
    'taken.',
    '',
    flags.length === 0
      ? 'The table is empty: no flag permits any system call yet.'
      : `The table covers ${countSyscalls(grouping)} system calls in ${flags.length === 1 ? '1 flag' : `${flags.length} flags`}.`,
  ].join('\n');
  return {
    subject: 'seccomp: add the flags mode (SECCOMP_MODE_FLAGS)',
    body,
    changes: [
      { kind: 'modify', path: 'fs/exec.c', edits: EXEC_EDITS },
      { kind: 'modify', path: 'fs/proc/array.c', edits: PROC_STATUS_EDITS },
      { kind: 'modify', path: 'include/linux/seccomp.h', edits: SECCOMP_H_EDITS },
      { kind: 'modify', path: 'kernel/seccomp.c', edits: SECCOMP_C_EDITS },
      { kind: 'modify', path: 'kernel/sys.c', edits: SYS_EDITS },
      { kind: 'new', path: TABLE_PATH, content: flagsTableHeader(grouping) },
    ],
  };
}

function countSyscalls(grouping: Grouping): number {
  return new Set(grouping.flags.flatMap((f) => f.syscalls)).size;
}
