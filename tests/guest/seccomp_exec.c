// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp_exec FILTER PATH [ARGS...]: install a seccomp filter, then
 * execve PATH. FILTER is "allow-all" (a filter that allows everything) or
 * "deny-write" (a denylist: write(2) fails with EPERM, all else allowed -
 * exactly the kind of filter XNU translation could slip past, since the
 * filter sees 0x2000004, not write).
 * If execve fails, exits 100 + errno (under deny-write, nothing can be
 * printed: write(2) is what the filter denies), e.g. 101 for EPERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

static int install(const char *which)
{
	struct sock_filter allow_all[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter deny_write[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_write, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog;

	if (!strcmp(which, "allow-all")) {
		prog.len = sizeof(allow_all) / sizeof(allow_all[0]);
		prog.filter = allow_all;
	} else if (!strcmp(which, "deny-write")) {
		prog.len = sizeof(deny_write) / sizeof(deny_write[0]);
		prog.filter = deny_write;
	} else {
		fprintf(stderr, "unknown filter %s\n", which);
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		perror("seccomp");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s allow-all|deny-write PATH [ARGS...]\n",
			argv[0]);
		return 2;
	}
	if (install(argv[1]))
		return 2;
	execv(argv[2], argv + 2);
	return 100 + (errno & 0x7f);
}
