// SPDX-License-Identifier: GPL-2.0
/*
 * exec_storm WORKERS SECONDS EXPECTED PROG [ARG...]
 *
 * Stress exec/exit: fork WORKERS workers; until SECONDS have passed, each
 * repeatedly forks a child that execve()s PROG with its stdout on a pipe,
 * reads everything the child prints, and reaps it. A run is good if the
 * child exited with status 0 and printed exactly EXPECTED (a trailing
 * newline is ignored). With N workers, up to N children run PROG at once.
 *
 * Every child is accounted for: each worker reports (started, good, bad)
 * to the parent through a pipe, and the parent checks that all WORKERS
 * reported, that every started child was reaped as good or bad, and prints
 *     exec_storm: workers=W/W runs=N good=G bad=B
 * Exit 0 only if every worker reported, B == 0 and N > 0. The first few
 * bad runs are described on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct report {
	long started, good, bad;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One exec of PROG; 1 if it exited 0 printing exactly @want. */
static int one_run(char **argv, const char *want, int worker, long *bad)
{
	char out[512];
	size_t len = 0;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(fds[1], 1);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			len += n;
	close(fds[0]);
	out[len] = '\0';
	if (len && out[len - 1] == '\n')
		out[--len] = '\0';
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	    !strcmp(out, want))
		return 1;
	if (*bad < 3)
		fprintf(stderr, "exec_storm: worker %d: pid %d: status %#x, "
			"output '%s'\n", worker, pid, status, out);
	return 0;
}

static void worker(int id, double deadline, const char *want, char **argv,
		   int report_fd)
{
	struct report r = { 0, 0, 0 };
	int ret;

	while (now() < deadline) {
		ret = one_run(argv, want, id, &r.bad);
		if (ret < 0) {		/* fork/pipe failed: try again */
			usleep(1000);
			continue;
		}
		r.started++;
		if (ret)
			r.good++;
		else
			r.bad++;
	}
	if (write(report_fd, &r, sizeof(r)) != sizeof(r))
		_exit(3);
	_exit(0);
}

int main(int argc, char **argv)
{
	struct report sum = { 0, 0, 0 }, r;
	int workers, seconds, fds[2], reported = 0, i;
	double deadline;
	ssize_t n;

	if (argc < 5 || (workers = atoi(argv[1])) <= 0 ||
	    (seconds = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: %s WORKERS SECONDS EXPECTED PROG "
			"[ARG...]\n", argv[0]);
		return 2;
	}
	/* reports are 24 bytes, below PIPE_BUF: writes do not interleave */
	if (pipe(fds)) {
		perror("pipe");
		return 2;
	}
	deadline = now() + seconds;
	for (i = 0; i < workers; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fork");
			break;
		}
		if (pid == 0) {
			close(fds[0]);
			worker(i, deadline, argv[3], argv + 4, fds[1]);
		}
	}
	close(fds[1]);
	while ((n = read(fds[0], &r, sizeof(r))) == sizeof(r) ||
	       (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		reported++;
		sum.started += r.started;
		sum.good += r.good;
		sum.bad += r.bad;
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	printf("exec_storm: workers=%d/%d runs=%ld good=%ld bad=%ld\n",
	       reported, workers, sum.started, sum.good, sum.bad);
	if (sum.good + sum.bad != sum.started)
		printf("exec_storm: %ld runs unaccounted for\n",
		       sum.started - sum.good - sum.bad);
	return reported == workers && sum.bad == 0 && sum.started > 0 &&
	       sum.good == sum.started ? 0 : 1;
}
