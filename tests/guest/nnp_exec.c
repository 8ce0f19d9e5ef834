// SPDX-License-Identifier: GPL-2.0
/* nnp_exec PATH [ARGS...]: set no_new_privs, then execve PATH. */
#include <stdio.h>
#include <unistd.h>
#include <sys/prctl.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH [ARGS...]\n", argv[0]);
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("prctl(PR_SET_NO_NEW_PRIVS)");
		return 2;
	}
	execv(argv[1], argv + 1);
	perror("execv");
	return 100;
}
