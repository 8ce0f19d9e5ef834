// SPDX-License-Identifier: GPL-2.0
/*
 * xnu_from_linux: an ordinary Linux process must be untouched by
 * binfmt_macho. XNU-numbered syscalls get Linux's -ENOSYS, and the host
 * syscall the module hooks for Mach-O tasks (getsid) keeps its meaning.
 * Prints TAP; exit 0 if every check passes.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int failures, count;

static void check(int ok, const char *what, long got)
{
	count++;
	printf("%sok %d - %s", ok ? "" : "not ", count, what);
	if (!ok)
		printf(" # got %ld", got);
	printf("\n");
	failures += !ok;
}

static long raw_syscall(long nr, long a0)
{
	long ret;

	asm volatile ("syscall" : "=a"(ret) : "a"(nr), "D"(a0)
		      : "rcx", "r11", "memory");
	return ret;
}

/* In a child that leads a new session, getsid(0) must be its own pid. */
static long getsid_in_new_session(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (setsid() < 0)
			_exit(2);
		_exit(raw_syscall(SYS_getsid, 0) == getpid() ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	long r;

	r = raw_syscall(0x2000014, 0);	/* XNU getpid */
	check(r == -ENOSYS, "XNU getpid from a Linux process is -ENOSYS", r);
	r = raw_syscall(0x1000059, 0);	/* Mach mach_timebase_info_trap */
	check(r == -ENOSYS, "Mach trap from a Linux process is -ENOSYS", r);
	r = raw_syscall(0x3000003, 0);	/* machdep set TSD base */
	check(r == -ENOSYS, "machdep call from a Linux process is -ENOSYS", r);
	r = raw_syscall(SYS_getpid, 0);
	check(r == getpid(), "Linux getpid still works", r);
	r = getsid_in_new_session();
	check(r == 0, "Linux getsid (the hooked host syscall) still works", r);
	r = raw_syscall(SYS_getsid, 0x7fffffff);
	check(r == -ESRCH, "getsid of a missing pid is still -ESRCH", r);
	printf("1..%d\n", count);
	return failures ? 1 : 0;
}
