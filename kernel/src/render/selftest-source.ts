import type { Flag, Grouping } from '@dust/model';
import { BASE_SYSCALLS } from '@dust/model';
import { ALSO_UNSAFE_IN_SELFTEST, UNSAFE_WITH_JUNK_ARGUMENTS } from '../syscall-safety';
import {
  alignColumn,
  cIdentifier,
  execPolicyOf,
  flagMacro,
  flagsByBit,
  orLines,
  padWithTabs,
} from './c-source';
import { cBlockComment } from './text';

export const SELFTEST_NAME = 'seccomp_flags_test';

/**
 * Calls the selftest never makes as samples: the shared set of calls unsafe
 * with junk arguments, plus the extras only the selftest leaves out (see
 * ../syscall-safety.ts). Every other sample is called with all arguments -1,
 * which fails harmlessly.
 */
const UNSAFE_SAMPLES: ReadonlySet<string> = new Set([
  ...UNSAFE_WITH_JUNK_ARGUMENTS,
  ...ALSO_UNSAFE_IN_SELFTEST,
]);

/** Harmless calls used to check that a call outside the held flags kills. */
const PROBES = [
  'getppid',
  'getpid',
  'getuid',
  'getgid',
  'geteuid',
  'getegid',
  'gettid',
  'sched_yield',
  'getpgrp',
  'getpriority',
  'times',
  'umask',
  'uname',
  'getcwd',
];

const MAX_SAMPLES = 8;

/**
 * What a statically linked glibc program (this selftest, exec'd again) calls
 * before main() and to malloc() a few MB, on x86_64 (strace, glibc 2.36): the
 * flags kept across execve must grant them all for the per-task exec test.
 * Early in the test boot getrandom() fails with EAGAIN and malloc() seeds
 * from clock_gettime() instead, a system call there (ptrace in the guest).
 */
const PROGRAM_START = [
  'arch_prctl',
  'brk',
  'clock_gettime',
  'getrandom',
  'mmap',
  'mprotect',
  'munmap',
  'prlimit64',
  'readlink',
  'rseq',
  'set_robust_list',
  'set_tid_address',
];

function guardedList(name: string, syscalls: string[]): string[] {
  return [
    `static const long ${name}[] = {`,
    ...syscalls.flatMap((s) => [`#ifdef __NR_${cIdentifier(s)}`, `\t__NR_${s},`, '#endif']),
    '\t-1',
    '};',
  ];
}

function samplesOf(flag: Flag): string[] {
  const base = new Set<string>(BASE_SYSCALLS);
  return [...flag.syscalls]
    .sort()
    .filter((s) => !UNSAFE_SAMPLES.has(s) && !base.has(s))
    .slice(0, MAX_SAMPLES);
}

function probesOutside(flag: Flag): string[] {
  return PROBES.filter((p) => !flag.syscalls.includes(p));
}

function variant(flag: Flag): string[] {
  const id = cIdentifier(flag.name);
  return [
    ...guardedList(`${id}_samples`, samplesOf(flag)),
    ...guardedList(`${id}_outside`, probesOutside(flag)),
    '',
    `FIXTURE_VARIANT_ADD(flag, ${id}) {`,
    `\t.flag = ${flagMacro(flag)},`,
    `\t.samples = ${id}_samples,`,
    `\t.outside = ${id}_outside,`,
    '};',
    '',
  ];
}

function fallbackDefines(flags: Flag[]): string[] {
  if (flags.length === 0) return [];
  const column = alignColumn(flags.map((f) => `#define ${flagMacro(f)}`));
  return flags.flatMap((f) => [
    `#ifndef ${flagMacro(f)}`,
    ...cBlockComment(f.description),
    `${padWithTabs(`#define ${flagMacro(f)}`, column)}_BITUL(${f.bit})`,
    '#endif',
  ]);
}

/** The fork used by the inheritance test: a flag permitting fork, or clone. */
function forkCall(flags: Flag[]): { flag: Flag; nr: string; probe: string } | undefined {
  for (const call of ['fork', 'clone']) {
    const flag = flags.find((f) => f.syscalls.includes(call));
    const probe = flag ? probesOutside(flag)[0] : undefined;
    if (flag && probe) return { flag, nr: call, probe };
  }
  return undefined;
}

/**
 * The per-task exec test's drop set: the first flag (by bit) with a probe call
 * no other flag grants, such that the others still run a program. The reason
 * when there is none.
 */
function execDrop(flags: Flag[]): { flag: Flag; probe: string } | string {
  if (!flags.some((f) => f.syscalls.includes('execve'))) return 'no flag grants execve';
  for (const flag of flags) {
    const kept = new Set(flags.filter((f) => f !== flag).flatMap((f) => f.syscalls));
    const probe = PROBES.find((p) => flag.syscalls.includes(p) && !kept.has(p));
    if (probe && PROGRAM_START.every((c) => kept.has(c))) return { flag, probe };
  }
  return 'no flag to drop: the others must grant what a program starts with';
}

const EXEC_HELPER = `
#define EXEC_HELPER\t"exec-helper"
#define EXEC_MEMORY\t(4UL << 20)
#define EXEC_TOUCHED\t'm'

/*
 * The exec'd half of exec_drops_the_dropped_flags: this program run again,
 * before main(). It allocates and touches a few MB (the C library's start-up
 * and malloc() must run with the kept flags), reports with the last byte it
 * wrote, then makes a call only the dropped flag permits.
 */
__attribute__((constructor)) static void exec_helper(int argc, char **argv)
{
\tint ready, go;
\tchar *memory;
\tchar c = 0;

\tif (argc != 4 || strcmp(argv[1], EXEC_HELPER))
\t\treturn;
\tready = atoi(argv[2]);
\tgo = atoi(argv[3]);
\tmemory = malloc(EXEC_MEMORY);
\tif (!memory)
\t\tsyscall(__NR_exit, 1);
\tmemset(memory, EXEC_TOUCHED, EXEC_MEMORY);
\tsyscall(__NR_write, ready, memory + EXEC_MEMORY - 1, 1);
\tsyscall(__NR_read, go, &c, 1);
\tsyscall(EXEC_DROP_PROBE);
\tsyscall(__NR_write, ready, "a", 1);
\tsyscall(__NR_exit, 0);
}
`;

const EXEC_DROP_TESTS = `
/* The exec drop set grows and never shrinks over the held flags. */
TEST(exec_drop_only_grows)
{
\tconst unsigned long lowest = SECCOMP_FLAGS_ALL & -SECCOMP_FLAGS_ALL;
\tint status = 0;
\tpid_t pid;

\tif (SECCOMP_FLAGS_ALL == 0)
\t\tSKIP(return, "no flags to drop");
\tpid = fork();
\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tif (enter_flags_mode(SECCOMP_FLAGS_ALL))
\t\t\tchild_exit(NOT_ENTERED);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL, lowest, 0))
\t\t\tchild_exit(1);
\t\t/* Keeping across execve() a flag set to be dropped: EPERM. */
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL, 0, 0) != -1 ||
\t\t    errno != EPERM)
\t\t\tchild_exit(2);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL,
\t\t\t  SECCOMP_FLAGS_ALL, 0))
\t\t\tchild_exit(3);
\t\t/* Dropping at exec a flag not held: EINVAL. */
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL & ~lowest,
\t\t\t  SECCOMP_FLAGS_ALL, 0) != -1 || errno != EINVAL)
\t\t\tchild_exit(4);
\t\tchild_exit(0);
\t}
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));
}
`;

function execDropsTest(drop: ReturnType<typeof execDrop>): string[] {
  if (typeof drop === 'string') {
    return `TEST(exec_drops_the_dropped_flags)
{
\tSKIP(return, "${drop}");
}
`.split('\n');
  }
  const probe = cIdentifier(drop.probe);
  return [
    `#define EXEC_DROP\t\t${flagMacro(drop.flag)}`,
    `#define EXEC_DROP_PROBE\t__NR_${probe}`,
    ...EXEC_HELPER.split('\n'),
    ...`/*
 * execve() drops the flags the task set to drop: the new program runs, with
 * the kept flags in /proc/<pid>/status, and a call of the dropped flag kills
 * it.
 */
TEST(exec_drops_the_dropped_flags)
{
\tconst unsigned long kept = SECCOMP_FLAGS_ALL & ~EXEC_DROP;
\tchar fd_ready[16], fd_go[16], c = 0;
\tchar *const argv[] = { "${SELFTEST_NAME}", EXEC_HELPER, fd_ready, fd_go, NULL };
\tchar *const envp[] = { NULL };
\tint ready[2], go[2], status = 0;
\tpid_t pid;

\tif (status_flags(getpid()) == -2)
\t\tSKIP(return, "no /proc");
\tASSERT_EQ(0, pipe(ready));
\tASSERT_EQ(0, pipe(go));
\tsnprintf(fd_ready, sizeof(fd_ready), "%d", ready[1]);
\tsnprintf(fd_go, sizeof(fd_go), "%d", go[0]);
\tpid = fork();
\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tclose(ready[0]);
\t\tclose(go[1]);
\t\tif (enter_flags_mode(SECCOMP_FLAGS_ALL) ||
\t\t    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL, EXEC_DROP, 0))
\t\t\tchild_exit(NOT_ENTERED);
\t\tsyscall(__NR_execve, "/proc/self/exe", argv, envp);
\t\tchild_exit(NOT_ENTERED);
\t}
\tclose(ready[1]);
\tclose(go[0]);
\tASSERT_EQ(1, read(ready[0], &c, 1)) {
\t\twaitpid(pid, &status, 0);
\t\tTH_LOG("the new program did not report (wait status %#x)", status);
\t}
\tEXPECT_EQ(EXEC_TOUCHED, c);
\tEXPECT_EQ(kept, status_flags(pid));
\tASSERT_EQ(1, write(go[1], "g", 1));
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tEXPECT_TRUE(killed(status)) {
\t\tTH_LOG("${probe} after execve: wait status %#x", status);
\t}
\tEXPECT_EQ(0, read(ready[0], &c, 1));
}
`.split('\n'),
  ];
}

const EXEC_DROP_NEEDS_PER_TASK = `
/* Only the per-task exec policy takes a drop set: elsewhere it is EINVAL. */
TEST(exec_drop_needs_the_per_task_policy)
{
\tconst unsigned long lowest = SECCOMP_FLAGS_ALL & -SECCOMP_FLAGS_ALL;
\tconst unsigned long drop = lowest ? lowest : 1UL;
\tint status = 0;
\tpid_t pid = fork();

\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tif (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
\t\t\t_exit(1);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL, drop, 0) != -1)
\t\t\tchild_exit(2);
\t\tif (errno != EINVAL)
\t\t\t_exit(3);
\t\t_exit(prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 ? 0 : 4);
\t}
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));
}
`;

/** The exec policy's tests: the drop set under per-task, its refusal elsewhere. */
function execTests(grouping: Grouping, flags: Flag[]): string[] {
  // The blocks before end with a blank line.
  if (execPolicyOf(grouping) !== 'per-task')
    return EXEC_DROP_NEEDS_PER_TASK.trimStart().split('\n');
  return [...EXEC_DROP_TESTS.trimStart().split('\n'), ...execDropsTest(execDrop(flags))];
}

const COMMON = `
/* Exit status of a child that could not enter flags mode. */
#define NOT_ENTERED 99

static int enter_flags_mode(unsigned long flags)
{
\tif (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
\t\treturn -1;
\treturn prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, flags, 0, 0);
}

/* Only the base set is sure to run in flags mode: leave with exit, not exit_group. */
static void child_exit(int code)
{
\tsyscall(__NR_exit, code);
}

/* Wait status of a child that holds flags and makes system call nr. */
static int call_holding(unsigned long flags, long nr)
{
\tint status = 0;
\tpid_t pid = fork();

\tif (pid == 0) {
\t\tif (enter_flags_mode(flags))
\t\t\tchild_exit(NOT_ENTERED);
\t\tsyscall(nr, -1L, -1L, -1L, -1L, -1L, -1L);
\t\tchild_exit(0);
\t}
\tif (pid < 0 || waitpid(pid, &status, 0) != pid)
\t\treturn -1;
\treturn status;
}

static bool killed(int status)
{
\treturn status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

static bool survived(int status)
{
\treturn status != -1 && WIFEXITED(status) && WEXITSTATUS(status) != NOT_ENTERED;
}

TEST(no_flags_is_strict_mode)
{
\tASSERT_TRUE(survived(call_holding(0, __NR_write)));
\tASSERT_TRUE(killed(call_holding(0, __NR_getppid)));
}

TEST(unknown_bits_fail_with_einval)
{
\tunsigned long unknown = ~SECCOMP_FLAGS_ALL;
\tint status = 0;
\tpid_t pid;

\tif (unknown == 0)
\t\tSKIP(return, "every bit is a flag");
\tpid = fork();
\tif (pid == 0) {
\t\tif (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
\t\t\t_exit(1);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, unknown, 0, 0) != -1)
\t\t\t_exit(2);
\t\t_exit(errno == EINVAL ? 0 : 3);
\t}
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));
}

static void *wait_forever(void *arg)
{
\tint fd = *(int *)arg;

\tif (write(fd, "r", 1) == 1)
\t\tfor (;;)
\t\t\tpause();
\treturn NULL;
}

/*
 * One thread's violation ends the whole process, as SECCOMP_RET_KILL_PROCESS
 * does: the other thread (not in flags mode) must not run on.
 */
TEST(violation_kills_the_whole_process)
{
\tint fds[2], status = 0, waited_ms = 0;
\tpthread_t thread;
\tchar c;
\tpid_t pid;

\tASSERT_EQ(0, pipe(fds));
\tpid = fork();
\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tif (pthread_create(&thread, NULL, wait_forever, &fds[1]) ||
\t\t    read(fds[0], &c, 1) != 1 || enter_flags_mode(0))
\t\t\t_exit(NOT_ENTERED);
\t\tsyscall(__NR_getppid);
\t\tchild_exit(0);
\t}
\twhile (waitpid(pid, &status, WNOHANG) == 0 && waited_ms < 5000) {
\t\tusleep(10000);
\t\twaited_ms += 10;
\t}
\tif (waited_ms >= 5000) {
\t\tkill(pid, SIGKILL);
\t\twaitpid(pid, &status, 0);
\t}
\tASSERT_LT(waited_ms, 5000) {
\t\tTH_LOG("the other thread ran on after the violation");
\t}
\tASSERT_TRUE(killed(status)) {
\t\tTH_LOG("wait status %#x", status);
\t}
}

/* Entering flags mode disables the time stamp counter, as strict mode does. */
TEST(entering_disables_the_tsc)
{
#if TEST_X86_64
\tint status = 0;
\tpid_t pid = fork();

\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tif (enter_flags_mode(0))
\t\t\tchild_exit(NOT_ENTERED);
\t\t__asm__ volatile("rdtsc" : : : "eax", "edx");
\t\tchild_exit(0);
\t}
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFSIGNALED(status)) {
\t\tTH_LOG("rdtsc ran in flags mode (wait status %#x)", status);
\t}
\tASSERT_EQ(SIGSEGV, WTERMSIG(status));
#else
\tSKIP(return, "the time stamp counter is tested on x86_64 only");
#endif
}

#if TEST_X86_64
/* A 32-bit system call through int 0x80 from this 64-bit task. */
static int int80(long nr, long a, long b, long c)
{
\tlong ret;

\t__asm__ volatile("int $0x80"
\t\t\t : "=a"(ret)
\t\t\t : "a"(nr), "b"(a), "c"(b), "d"(c)
\t\t\t : "memory", "r8", "r9", "r10", "r11");
\treturn (int)ret;
}

#define I386_NR_GETPID 20
#define I386_NR_PRCTL 172
#endif

/* Entering from a compat system call fails with EINVAL and leaves seccomp off. */
TEST(compat_entry_fails_with_einval)
{
#if TEST_X86_64
\tint status = 0;
\tpid_t pid = fork();

\tASSERT_LE(0, pid);
\tif (pid == 0)
\t\t_exit(int80(I386_NR_GETPID, 0, 0, 0) == getpid() ? 0 : 1);
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tif (WIFSIGNALED(status))
\t\tSKIP(return, "no 32-bit system calls here (IA32_EMULATION off)");
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));

\tpid = fork();
\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tif (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
\t\t\t_exit(1);
\t\tif (int80(I386_NR_PRCTL, PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, 0) != -EINVAL)
\t\t\tchild_exit(2);
\t\t_exit(prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 0 ? 0 : 3);
\t}
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status)) {
\t\tTH_LOG("wait status %#x", status);
\t}
\tASSERT_EQ(0, WEXITSTATUS(status));
#else
\tSKIP(return, "int 0x80 is tested on x86_64 only");
#endif
}

/* The Seccomp_flags: value of /proc/<pid>/status: -1 without the line, -2 without /proc. */
static long status_flags(pid_t pid)
{
\tchar path[64], line[256];
\tunsigned long value;
\tlong found = -1;
\tFILE *f;

\tsnprintf(path, sizeof(path), "/proc/%d/status", pid);
\tf = fopen(path, "r");
\tif (!f)
\t\treturn -2;
\twhile (found == -1 && fgets(line, sizeof(line), f))
\t\tif (sscanf(line, "Seccomp_flags: %lx", &value) == 1)
\t\t\tfound = (long)value;
\tfclose(f);
\treturn found;
}

/* /proc/<pid>/status shows the flags held, and what remains after a drop. */
TEST(proc_status_shows_the_held_flags)
{
\tconst unsigned long lowest = SECCOMP_FLAGS_ALL & -SECCOMP_FLAGS_ALL;
\tint ready[2], go[2], status = 0;
\tchar c = 0;
\tpid_t pid;

\tif (status_flags(getpid()) == -2)
\t\tSKIP(return, "no /proc");
\tASSERT_EQ(0, status_flags(getpid()));
\tASSERT_EQ(0, pipe(ready));
\tASSERT_EQ(0, pipe(go));
\tpid = fork();
\tASSERT_LE(0, pid);
\tif (pid == 0) {
\t\tif (enter_flags_mode(SECCOMP_FLAGS_ALL))
\t\t\tchild_exit(NOT_ENTERED);
\t\tsyscall(__NR_write, ready[1], "h", 1);
\t\tsyscall(__NR_read, go[0], &c, 1);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, lowest, 0, 0))
\t\t\tchild_exit(1);
\t\tsyscall(__NR_write, ready[1], "d", 1);
\t\tsyscall(__NR_read, go[0], &c, 1);
\t\tchild_exit(0);
\t}
\tASSERT_EQ(1, read(ready[0], &c, 1));
\tEXPECT_EQ(SECCOMP_FLAGS_ALL, status_flags(pid));
\tASSERT_EQ(1, write(go[1], "g", 1));
\tASSERT_EQ(1, read(ready[0], &c, 1));
\tEXPECT_EQ(lowest, status_flags(pid));
\tASSERT_EQ(1, write(go[1], "g", 1));
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));
}

TEST(drop_succeeds_regain_fails_with_eperm)
{
\tint status = 0;
\tpid_t pid;

\tif (SECCOMP_FLAGS_ALL == 0)
\t\tSKIP(return, "no flags to drop");
\tpid = fork();
\tif (pid == 0) {
\t\tif (enter_flags_mode(SECCOMP_FLAGS_ALL))
\t\t\tchild_exit(NOT_ENTERED);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, 0, 0, 0))
\t\t\tchild_exit(1);
\t\tif (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, SECCOMP_FLAGS_ALL, 0, 0) != -1)
\t\t\tchild_exit(2);
\t\tchild_exit(errno == EPERM ? 0 : 3);
\t}
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));
}
`;

const FLAG_FIXTURE = `
FIXTURE(flag) {};

FIXTURE_VARIANT(flag) {
\tunsigned long flag;
\t/* -1 terminated; only the calls this architecture has */
\tconst long *samples;
\tconst long *outside;
};

FIXTURE_SETUP(flag) {}
FIXTURE_TEARDOWN(flag) {}
`;

const FLAG_TESTS = `
TEST_F(flag, permits_its_system_calls)
{
\tint i;

\tfor (i = 0; variant->samples[i] != -1; i++) {
\t\tint status = call_holding(variant->flag, variant->samples[i]);

\t\tEXPECT_TRUE(survived(status)) {
\t\t\tTH_LOG("system call %ld: wait status %#x", variant->samples[i], status);
\t\t}
\t}
}

TEST_F(flag, kills_other_system_calls)
{
\tif (variant->outside[0] == -1)
\t\tSKIP(return, "the flag permits every probe call");
\tASSERT_TRUE(killed(call_holding(variant->flag, variant->outside[0])));
}
`;

function forkTest(flags: Flag[]): string[] {
  const call = forkCall(flags);
  if (!call) return [];
  const nr = `__NR_${call.nr}`;
  const spawn = call.nr === 'fork' ? `syscall(${nr})` : `syscall(${nr}, SIGCHLD, 0L, 0L, 0L, 0L)`;
  return `
/* A child forked in flags mode holds its parent's flags: ${call.probe} kills it. */
TEST(fork_inherits_the_flags)
{
#if defined(${nr}) && defined(__NR_${call.probe})
\tint status = 0, fds[2];
\tchar c;
\tpid_t pid;

\tif (${flagMacro(call.flag)} & (1UL << 31) && 0)
\t\treturn;
\tASSERT_EQ(0, pipe(fds));
\tpid = fork();
\tif (pid == 0) {
\t\tclose(fds[0]);
\t\tif (enter_flags_mode(${flagMacro(call.flag)}))
\t\t\tchild_exit(NOT_ENTERED);
\t\tif (${spawn} == 0) {
\t\t\tsyscall(__NR_write, fds[1], "r", 1);
\t\t\tsyscall(__NR_${call.probe});
\t\t\tsyscall(__NR_write, fds[1], "a", 1);
\t\t}
\t\tchild_exit(0);
\t}
\tclose(fds[1]);
\tASSERT_EQ(pid, waitpid(pid, &status, 0));
\tASSERT_TRUE(WIFEXITED(status));
\tASSERT_EQ(0, WEXITSTATUS(status));
\tASSERT_EQ(1, read(fds[0], &c, 1));
\tASSERT_EQ('r', c);
\tASSERT_EQ(0, read(fds[0], &c, 1));
#else
\tSKIP(return, "no ${call.nr} or ${call.probe} on this architecture");
#endif
}
`.split('\n');
}

/** tools/testing/selftests/seccomp/seccomp_flags_test.c for this grouping. */
export function selftestSource(grouping: Grouping): string {
  const flags = flagsByBit(grouping.flags);
  const all =
    flags.length === 0
      ? ['#define SECCOMP_FLAGS_ALL\t0UL']
      : orLines('#define SECCOMP_FLAGS_ALL\t(', flags.map(flagMacro), '\t\t\t ', 80).map(
          (l, i, lines) => (i === lines.length - 1 ? `${l})` : `${l} \\`),
        );
  return [
    '// SPDX-License-Identifier: GPL-2.0',
    '/*',
    ' * Tests of seccomp flags mode (SECCOMP_MODE_FLAGS), generated by Dust with',
    ' * the flags they test: per flag, sample system calls run and a call outside',
    ' * the flag kills; no flags behave like strict mode (the TSC included);',
    ' * a violation kills the whole process; flags can be dropped and never',
    ' * regained; unknown bits and compat entry fail; /proc/<pid>/status shows',
    ' * the flags; a forked child inherits them; under the per-task exec policy',
    ' * the drop set only grows and execve() drops it (a program that allocates',
    ' * memory runs on the kept flags), under the others it is refused.',
    ' * Sample calls get -1 for every argument, which fails harmlessly.',
    ' */',
    '#define _GNU_SOURCE',
    '#include <errno.h>',
    '#include <pthread.h>',
    '#include <signal.h>',
    '#include <stdbool.h>',
    '#include <stdio.h>',
    '#include <stdlib.h>',
    '#include <string.h>',
    '#include <sys/prctl.h>',
    '#include <sys/syscall.h>',
    '#include <sys/wait.h>',
    '#include <unistd.h>',
    '#include <linux/const.h>',
    '#include <linux/seccomp.h>',
    '#if __has_include("linux/seccomp_flags.h")',
    '#include <linux/seccomp_flags.h>',
    '#endif',
    '',
    '#include "../kselftest_harness.h"',
    '',
    '/* rdtsc and int 0x80 (a compat system call) are tested on x86_64. */',
    '#ifdef __x86_64__',
    '#define TEST_X86_64\t1',
    '#else',
    '#define TEST_X86_64\t0',
    '#endif',
    '',
    '#ifndef SECCOMP_MODE_FLAGS',
    '#define SECCOMP_MODE_FLAGS\t3',
    '#endif',
    ...fallbackDefines(flags),
    '',
    ...all,
    ...COMMON.split('\n'),
    ...(flags.length > 0 ? FLAG_FIXTURE.split('\n') : []),
    ...flags.flatMap(variant),
    ...(flags.length > 0 ? FLAG_TESTS.split('\n') : []),
    ...forkTest(flags),
    ...execTests(grouping, flags),
    'TEST_HARNESS_MAIN',
    '',
  ].join('\n');
}
