// SPDX-License-Identifier: GPL-2.0
/*
 * Dust boot test: /exec-probe, executed by a child that is in flags mode.
 *
 * Built without libc (-nostdlib -ffreestanding -fno-stack-protector): a libc
 * start-up issues syscalls of its own (arch_prctl, brk, …) that the flags
 * under test may rightly forbid. The only syscalls made here are write (base
 * set), exit (base set) and the one the parent asks for.
 *
 * Usage: /exec-probe FD call NR   -> reports B, calls NR with -1 arguments, reports A
 *        /exec-probe FD prctl MASK -> reports B, then R with the prctl result
 * Records are the same {int32 tag, int32 value} pairs init.c reads.
 */
#include <stdint.h>

#define NR_WRITE 1
#define NR_EXIT 60
#define NR_PRCTL 157
#define PR_SET_SECCOMP 22
#define SECCOMP_MODE_FLAGS 3

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static long parse_long(const char *s)
{
	long v = 0;
	int neg = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void put(long fd, int tag, long value)
{
	int32_t rec[2] = { tag, (int32_t)value };

	sys6(NR_WRITE, fd, (long)rec, sizeof(rec), 0, 0, 0);
}

__attribute__((noreturn, used)) void probe_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	long fd, arg;

	if (argc < 4)
		for (;;)
			sys6(NR_EXIT, 2, 0, 0, 0, 0, 0);
	fd = parse_long(argv[1]);
	arg = parse_long(argv[3]);
	put(fd, 'B', 0);
	if (same(argv[2], "call")) {
		sys6(arg, -1, -1, -1, -1, -1, -1);
		put(fd, 'A', 0);
	} else if (same(argv[2], "prctl")) {
		put(fd, 'R', sys6(NR_PRCTL, PR_SET_SECCOMP, SECCOMP_MODE_FLAGS, arg, 0, 0, 0));
	}
	for (;;)
		sys6(NR_EXIT, 0, 0, 0, 0, 0, 0);
}

__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	xor %rbp, %rbp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call probe_main\n"
	"	hlt\n");
