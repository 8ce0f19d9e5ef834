// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_getpid N: the userspace alternative to binfmt_macho's in-kernel
 * translation, as a baseline. A seccomp filter returns SECCOMP_RET_TRAP for
 * the XNU getpid number (0x2000014) and a SIGSYS handler emulates it: the
 * Linux getpid, result in rax, CF cleared (the XNU success convention).
 * Then the same loop as loop.c's "getpid" mode (raw `syscall` of the XNU
 * number), N/10 untimed and N timed; prints the rdtsc ticks of the timed
 * ones. A plain static ELF: the module plays no part in it.
 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define XNU_getpid	0x2000014L
#define X86_EFLAGS_CF	0x1

static void sigsys(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;

	(void)sig;
	if (si->si_syscall != XNU_getpid)
		abort();
	uc->uc_mcontext.gregs[REG_RAX] = syscall(SYS_getpid);
	uc->uc_mcontext.gregs[REG_EFL] &= ~X86_EFLAGS_CF;
}

static void install(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, XNU_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sigsys;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGSYS, &sa, NULL) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("seccomp_getpid: setup");
		exit(1);
	}
}

static long xnu_getpid(void)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "0"(XNU_getpid)
			 : "rcx", "r11", "memory", "cc");
	return r;
}

static unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((unsigned long)hi << 32) | lo;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 0, pid = getpid(), bad = 0;
	unsigned long t0, t1;

	install();
	for (long i = 0; i < n / 10; i++)
		bad |= xnu_getpid() != pid;
	t0 = rdtsc();
	for (long i = 0; i < n; i++)
		bad |= xnu_getpid() != pid;
	t1 = rdtsc();
	if (bad) {
		fprintf(stderr, "seccomp_getpid: emulated getpid returned a wrong pid\n");
		return 1;
	}
	printf("%lu\n", t1 - t0);
	return 0;
}
