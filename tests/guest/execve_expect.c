// SPDX-License-Identifier: GPL-2.0
/*
 * execve_expect ERRNO PATH [ARG...]
 *
 * Check that execve(PATH, [PATH, ARG...], environ) fails with ERRNO (a name
 * such as ENOEXEC, or a number). Exit 0 if it does, 1 if it fails with
 * another errno or succeeds, 2 on usage errors.
 *
 * Shells cannot do this: on ENOEXEC, busybox sh (like POSIX sh) runs the
 * file as a shell script instead of reporting the error. The execve happens
 * in a child, so a file that is wrongly accepted cannot take over this
 * process: the child reports its errno through a close-on-exec pipe, and
 * an empty pipe means the exec succeeded.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXEC_TIMEOUT	20	/* seconds a wrongly accepted image may run */

static const struct {
	const char *name;
	int value;
} errnos[] = {
#define E(x) { #x, x }
	E(EPERM), E(ENOENT), E(EIO), E(E2BIG), E(ENOEXEC), E(EBADF),
	E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY), E(ENOTDIR), E(EISDIR),
	E(EINVAL), E(ETXTBSY), E(EFBIG), E(ENAMETOOLONG), E(ELOOP),
	E(EOVERFLOW), E(ELIBBAD), E(ENOSYS),
#undef E
};

static const char *errno_name(int value)
{
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].value == value)
			return errnos[i].name;
	return "?";
}

static int errno_value(const char *name)
{
	char *end;
	long v;
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	v = strtol(name, &end, 10);
	return (*name && !*end && v > 0 && v < 4096) ? (int)v : -1;
}

static pid_t child;

static void on_alarm(int sig)
{
	(void)sig;
	if (child > 0)
		kill(child, SIGKILL);
}

int main(int argc, char **argv)
{
	int want, got, status, fds[2];
	ssize_t n;

	if (argc < 3) {
		fprintf(stderr, "usage: %s ERRNO PATH [ARG...]\n", argv[0]);
		return 2;
	}
	want = errno_value(argv[1]);
	if (want < 0) {
		fprintf(stderr, "%s: unknown errno '%s'\n", argv[0], argv[1]);
		return 2;
	}
	if (pipe2(fds, O_CLOEXEC)) {
		perror("pipe2");
		return 2;
	}
	fflush(NULL);
	child = fork();
	if (child < 0) {
		perror("fork");
		return 2;
	}
	if (child == 0) {
		/* the new image's argv[0] is PATH */
		execve(argv[2], argv + 2, environ);
		got = errno;
		if (write(fds[1], &got, sizeof(got)) != sizeof(got))
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	signal(SIGALRM, on_alarm);
	alarm(EXEC_TIMEOUT);
	do
		n = read(fds[0], &got, sizeof(got));
	while (n < 0 && errno == EINTR);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	alarm(0);

	if (n == sizeof(got)) {
		printf("execve_expect: %s: expected %s (%d), got %s (%d)\n",
		       argv[2], errno_name(want), want, errno_name(got), got);
		return got == want ? 0 : 1;
	}
	printf("execve_expect: %s: expected %s (%d), but execve succeeded; ",
	       argv[2], errno_name(want), want);
	if (WIFEXITED(status))
		printf("the program exited with status %d\n",
		       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("the program was killed by signal %d%s\n",
		       WTERMSIG(status),
		       WTERMSIG(status) == SIGKILL ? " (timeout?)" : "");
	else
		printf("wait status %#x\n", status);
	return 1;
}
