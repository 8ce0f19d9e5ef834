/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw system calls for the benchmark programs, which are compiled twice
 * from the same source: as a static Mach-O (clang -target
 * x86_64-apple-macos11, __APPLE__ defined) and as a static ELF (gcc).
 * Only the numbers, the open(2) flags and the error convention differ;
 * every loop is the same machine code around the `syscall` instruction.
 * sys3() returns -errno on failure in both worlds.
 */
#ifndef BENCH_SYS_H
#define BENCH_SYS_H

#ifdef __APPLE__
#define NR_exit		0x2000001L
#define NR_read		0x2000003L
#define NR_write	0x2000004L
#define NR_open		0x2000005L
#define NR_close	0x2000006L
#define NR_getpid	0x2000014L
#define NR_fstat	0x2000153L	/* fstat64: a sleepable-path call */
#define B_O_RDONLY	0x0000
#define B_O_WRONLY	0x0001
#define B_O_CREAT	0x0200
#define B_O_TRUNC	0x0400
#else
#define NR_exit		60L	/* exit_group */
#define NR_read		0L
#define NR_write	1L
#define NR_open		2L
#define NR_close	3L
#define NR_getpid	39L
#define NR_fstat	5L
#define B_O_RDONLY	00
#define B_O_WRONLY	01
#define B_O_CREAT	0100
#define B_O_TRUNC	01000
#endif

static inline long sys3(long nr, long a1, long a2, long a3)
{
	long r;
#ifdef __APPLE__
	/* XNU: CF set on failure, rax = positive BSD errno */
	unsigned char cf;

	__asm__ volatile("syscall; setc %1"
			 : "=a"(r), "=r"(cf)
			 : "0"(nr), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory", "cc");
	if (cf)
		r = -r;
#else
	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "0"(nr), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory", "cc");
#endif
	return r;
}

static inline __attribute__((noreturn)) void sys_exit(int status)
{
	sys3(NR_exit, status, 0, 0);
	for (;;)
		;
}

#endif
