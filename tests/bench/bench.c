// SPDX-License-Identifier: GPL-2.0
/*
 * bench BINDIR [ROUNDS]: the guest side of `make bench` (docs/PERFORMANCE.md).
 *
 * Runs in the test VM as root with binfmt_macho.ko loaded ($MACHO_KO names
 * it). Every figure is a ratio of two medians measured in this one boot,
 * the two sides interleaved round by round so that drift of the (shared,
 * emulated) machine hits both alike. Under QEMU TCG only the ratios mean
 * something; the ns are printed so that a ratio can be checked.
 *
 * Timing: exec+exit latency is wall time (CLOCK_MONOTONIC) around
 * fork/execve/waitpid loops here, EXEC_TOTAL execs per side split over the
 * rounds. The syscall loops time themselves with
 * rdtsc (loop.c, the same source built as Mach-O and ELF) and print ticks,
 * converted with a calibration done here, so exec and setup stay outside.
 *
 * State of the probes (kmod/hook.c): they are registered only while a
 * Mach-O mm exists, and then slow down every syscall of the system. So
 * the Linux side of each Mach-O/ELF pair runs with the probes off (what a
 * Linux program costs on a host with no Mach-O program running), the
 * Mach-O side with a Mach-O "wait" process holding them on, and the cost
 * to Linux processes is measured in the three states: module unloaded,
 * loaded and idle, loaded with a Mach-O process alive.
 *
 * Output: a table, then one line per figure:
 *   BENCH name=N ratio=R base_ns=B test_ns=T target=X status=PASS|MISS|INFO
 *   BENCH name=N status=NOT_AVAILABLE reason="..."
 * Exit: 0 when every figure was measured (a missed target is not an
 * error of the benchmark), 1 when something failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXROUNDS	32
#define EXEC_TOTAL	2000		/* per side, over all rounds */
#define GETPID_ITERS	200000
#define WRITE_ITERS	100000
#define FSTAT_ITERS	100000
#define SECCOMP_ITERS	20000
#define COPY_CHUNKS	4096		/* x 64 KiB = 256 MiB */
#define COPY_SRC	"/tmp/bench-copy.src"
#define COPY_DST	"/tmp/bench-copy.dst"
#define PARAM		"/sys/module/binfmt_macho/parameters/"
#define LINGER_MS	"100"

static const char *bindir;
static double ns_per_tick;
static int rounds = 5;
static int exec_iters;		/* per round: EXEC_TOTAL / rounds, rounded up */

enum fig {
	F_EXEC, F_GETPID, F_WRITE, F_FSTAT, F_COPY, F_SECCOMP,
	F_LOADED, F_RUNNING, NFIG
};

static const struct figure {
	const char *name, *what, *base, *test;
	double target;		/* 0: informative */
} figs[NFIG] = {
	[F_EXEC] = { "exec_exit", "fork+execve+wait of a program that exits 0",
		     "static ELF", "static Mach-O", 1.25 },
	[F_GETPID] = { "xnu_getpid", "getpid round trip",
		       "Linux getpid (ELF)", "XNU getpid (Mach-O)", 1.3 },
	[F_WRITE] = { "xnu_write_devnull", "write 1 byte to /dev/null",
		      "Linux write (ELF)", "XNU write (Mach-O)", 1.3 },
	[F_FSTAT] = { "xnu_fstat64_sleepable", "fstat of /dev/null",
		      "Linux fstat (ELF)", "XNU fstat64 (Mach-O, sleepable path)", 0 },
	[F_COPY] = { "file_copy_256M", "copy 256 MiB tmpfs file, 64 KiB read/write",
		     "ELF", "Mach-O", 1.02 },
	[F_SECCOMP] = { "xnu_getpid_vs_seccomp", "XNU getpid: in-kernel vs seccomp SIGSYS emulation",
			"seccomp trap + SIGSYS handler (ELF)", "binfmt_macho (Mach-O)", 1.0 },
	[F_LOADED] = { "linux_getpid_module_idle", "Linux getpid, module loaded, no Mach-O process",
		       "module not loaded", "module loaded, probes off", 1.03 },
	[F_RUNNING] = { "linux_getpid_macho_running", "Linux getpid, module loaded, a Mach-O process alive",
			"module not loaded", "module loaded, probes on", 1.03 },
};

/* per figure, per round: [0] base, [1] test, ns per unit */
static double sample[NFIG][2][MAXROUNDS];
static int nsample[NFIG];

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	exit(1);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((unsigned long)hi << 32) | lo;
}

/* ns per rdtsc tick, against CLOCK_MONOTONIC over 200 ms */
static double calibrate(void)
{
	double t0 = now_ns();
	unsigned long c0 = rdtsc(), c1;
	struct timespec d = { 0, 200000000 };

	nanosleep(&d, NULL);
	c1 = rdtsc();
	return (now_ns() - t0) / (double)(c1 - c0);
}

static void path_of(char *buf, size_t len, const char *prog)
{
	if (snprintf(buf, len, "%s/%s", bindir, prog) >= (int)len)
		die("path too long");
}

static void check_status(const char *what, int st)
{
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		die("%s: %s %d", what, WIFEXITED(st) ? "exit status" : "killed by signal",
		    WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

/* Run BINDIR/prog args..., return the ticks it prints (loop.c contract). */
static double run_ticks(const char *prog, char *const args[])
{
	char path[4096], out[64];
	char *argv[8];
	int p[2], st, i;
	ssize_t n, got = 0;
	pid_t pid;

	path_of(path, sizeof(path), prog);
	argv[0] = path;
	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	if (pipe(p))
		die("pipe: %m");
	pid = fork();
	if (pid < 0)
		die("fork: %m");
	if (!pid) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(path, argv);
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += n;
	close(p[0]);
	out[got] = 0;
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid: %m");
	check_status(path, st);
	if (!got)
		die("%s printed nothing", path);
	return strtod(out, NULL);
}

/* ns per call of `prog mode iters` */
static double loop_ns(const char *prog, const char *mode, long iters)
{
	char n[24];
	char *args[] = { (char *)mode, n, NULL };

	snprintf(n, sizeof(n), "%ld", iters);
	return run_ticks(prog, args) * ns_per_tick / iters;
}

static double seccomp_ns(long iters)
{
	char n[24];
	char *args[] = { n, NULL };

	snprintf(n, sizeof(n), "%ld", iters);
	return run_ticks("seccomp_getpid", args) * ns_per_tick / iters;
}

/* ns per 64 KiB chunk of the 256 MiB copy */
static double copy_ns(const char *prog)
{
	char n[24];
	char *args[] = { "copy", n, COPY_SRC, COPY_DST, NULL };
	double ns;

	snprintf(n, sizeof(n), "%d", COPY_CHUNKS);
	ns = run_ticks(prog, args) * ns_per_tick / COPY_CHUNKS;
	unlink(COPY_DST);	/* tmpfs: give the memory back */
	return ns;
}

/* Wall ns per fork+execve+waitpid of BINDIR/prog, iters times. */
static double exec_ns(const char *prog, int iters)
{
	char path[4096];
	char *argv[] = { path, NULL }, *envp[] = { NULL };
	double t0;
	int i, st;
	pid_t pid;

	path_of(path, sizeof(path), prog);
	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		pid = fork();
		if (pid < 0)
			die("fork: %m");
		if (!pid) {
			execve(path, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid)
			die("waitpid: %m");
		check_status(path, st);
	}
	return (now_ns() - t0) / iters;
}

static void make_copy_source(void)
{
	static char buf[1 << 16];
	int fd, i;

	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)(i * 131 + 7);
	fd = open(COPY_SRC, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("%s: %m", COPY_SRC);
	for (i = 0; i < COPY_CHUNKS; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			die("%s: %m", COPY_SRC);
	close(fd);
}

/* ---- module and probe state --------------------------------------------- */

static int read_param(const char *name, char *buf, size_t len)
{
	int fd = open(name, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static void write_param(const char *name, const char *val)
{
	int fd = open(name, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		die("%s: %m", name);
	close(fd);
}

/* Wait (up to 10 s) until probes_active reads Y or N. */
static void wait_probes(char want)
{
	char v[8];
	int i;

	for (i = 0; i < 1000; i++) {
		if (read_param(PARAM "probes_active", v, sizeof(v)))
			die("cannot read " PARAM "probes_active: %m");
		if (v[0] == want)
			return;
		usleep(10000);
	}
	die("probes_active stuck at %c, wanted %c", v[0], want);
}

static void shell(const char *cmd)
{
	int st = system(cmd);

	if (st == -1)
		die("system: %m");
	check_status(cmd, st);
}

/* A Mach-O process that exists until its stdin closes: holds the probes on. */
struct waiter {
	pid_t pid;
	int fd;
};

static struct waiter macho_start(void)
{
	char path[4096];
	char *argv[] = { path, "wait", NULL };
	struct waiter w;
	int p[2];

	path_of(path, sizeof(path), "loop_macos");
	if (pipe(p))
		die("pipe: %m");
	w.pid = fork();
	if (w.pid < 0)
		die("fork: %m");
	if (!w.pid) {
		dup2(p[0], 0);
		close(p[0]);
		close(p[1]);
		execv(path, argv);
		_exit(127);
	}
	close(p[0]);
	w.fd = p[1];
	wait_probes('Y');
	return w;
}

static void macho_stop(struct waiter w)
{
	int st;

	close(w.fd);
	if (waitpid(w.pid, &st, 0) != w.pid)
		die("waitpid: %m");
	check_status("loop_macos wait", st);
}

/* ---- the rounds ---------------------------------------------------------- */

static void put(enum fig f, int side, double v)
{
	sample[f][side][nsample[f]] = v;
}

/* Mach-O against ELF: the ELF side with no Mach-O process (probes off). */
static void pair_round(void)
{
	struct waiter w;

	wait_probes('N');
	put(F_EXEC, 0, exec_ns("exit0_elf", exec_iters));
	put(F_GETPID, 0, loop_ns("loop_elf", "getpid", GETPID_ITERS));
	put(F_WRITE, 0, loop_ns("loop_elf", "write", WRITE_ITERS));
	put(F_FSTAT, 0, loop_ns("loop_elf", "fstat", FSTAT_ITERS));
	put(F_COPY, 0, copy_ns("loop_elf"));
	put(F_SECCOMP, 0, seccomp_ns(SECCOMP_ITERS));

	w = macho_start();
	put(F_EXEC, 1, exec_ns("exit0_macos", exec_iters));
	put(F_GETPID, 1, loop_ns("loop_macos", "getpid", GETPID_ITERS));
	put(F_SECCOMP, 1, sample[F_GETPID][1][nsample[F_GETPID]]);
	put(F_WRITE, 1, loop_ns("loop_macos", "write", WRITE_ITERS));
	put(F_FSTAT, 1, loop_ns("loop_macos", "fstat", FSTAT_ITERS));
	put(F_COPY, 1, copy_ns("loop_macos"));
	macho_stop(w);
	nsample[F_EXEC]++, nsample[F_GETPID]++, nsample[F_WRITE]++;
	nsample[F_FSTAT]++, nsample[F_COPY]++, nsample[F_SECCOMP]++;
}

/* Linux getpid: module unloaded / loaded and idle / loaded, Mach-O alive. */
static void module_round(const char *ko)
{
	char cmd[4200];
	struct waiter w;
	double unloaded;

	wait_probes('N');
	shell("rmmod binfmt_macho");
	unloaded = loop_ns("loop_elf", "getpid", GETPID_ITERS);
	snprintf(cmd, sizeof(cmd), "insmod '%s'", ko);
	shell(cmd);
	write_param(PARAM "probes_linger_ms", LINGER_MS);
	put(F_LOADED, 0, unloaded);
	put(F_LOADED, 1, loop_ns("loop_elf", "getpid", GETPID_ITERS));
	w = macho_start();
	put(F_RUNNING, 0, unloaded);
	put(F_RUNNING, 1, loop_ns("loop_elf", "getpid", GETPID_ITERS));
	macho_stop(w);
	nsample[F_LOADED]++, nsample[F_RUNNING]++;
}

/* ---- report ---------------------------------------------------------------- */

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
	double s[MAXROUNDS];

	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static const char *unit(enum fig f)
{
	return f == F_EXEC ? "ns/exec" : f == F_COPY ? "ns/64KiB" : "ns/call";
}

static void report(void)
{
	double b, t, r;
	const char *st;
	enum fig f;
	int i;

	printf("\n%-28s %12s %12s %7s %7s  %s\n", "figure", "base", "test",
	       "ratio", "target", "status");
	for (f = 0; f < NFIG; f++) {
		b = median(sample[f][0], nsample[f]);
		t = median(sample[f][1], nsample[f]);
		r = t / b;
		st = !figs[f].target ? "INFO" : r <= figs[f].target ? "PASS" : "MISS";
		printf("%-28s %12.1f %12.1f %7.3f ", figs[f].name, b, t, r);
		if (figs[f].target)
			printf("%7.2f", figs[f].target);
		else
			printf("%7s", "-");
		printf("  %s  (%s)\n", st, unit(f));
		printf("    %s: base = %s, test = %s\n", figs[f].what, figs[f].base,
		       figs[f].test);
		if (f == F_COPY)
			printf("    throughput: ELF %.0f MiB/s, Mach-O %.0f MiB/s\n",
			       65536 / b * 1e9 / (1 << 20), 65536 / t * 1e9 / (1 << 20));
	}
	printf("%-28s %12s %12s %7s %7s  %s\n", "dyld_hello", "-", "-", "-", "1.0",
	       "NOT_AVAILABLE");
	printf("    dynamic hello vs glibc dynamic ELF: no dyld runtime yet (issue #4)\n");
	printf("\nper-round samples (base / test):\n");
	for (f = 0; f < NFIG; f++) {
		printf("  %-28s", figs[f].name);
		for (i = 0; i < nsample[f]; i++)
			printf(" %.0f/%.0f", sample[f][0][i], sample[f][1][i]);
		printf("\n");
	}
	printf("\n");
	for (f = 0; f < NFIG; f++) {
		b = median(sample[f][0], nsample[f]);
		t = median(sample[f][1], nsample[f]);
		r = t / b;
		printf("BENCH name=%s ratio=%.3f base_ns=%.1f test_ns=%.1f unit=%s rounds=%d",
		       figs[f].name, r, b, t, unit(f), nsample[f]);
		if (figs[f].target)
			printf(" target=%.2f status=%s\n", figs[f].target,
			       r <= figs[f].target ? "PASS" : "MISS");
		else
			printf(" target=none status=INFO\n");
	}
	printf("BENCH name=dyld_hello status=NOT_AVAILABLE target=1.00 "
	       "reason=\"no dyld/open runtime yet (issue #4): dynamic Mach-O programs cannot run\"\n");
}

int main(int argc, char **argv)
{
	const char *ko = getenv("MACHO_KO");
	char v[64], old_linger[16];
	int r;

	if (argc < 2)
		die("usage: bench BINDIR [ROUNDS]");
	bindir = argv[1];
	if (argc > 2)
		rounds = atoi(argv[2]);
	if (rounds < 1 || rounds > MAXROUNDS)
		die("ROUNDS must be 1..%d", MAXROUNDS);
	/* an exec costs ~10 ms under a loaded TCG: spread them over the rounds */
	exec_iters = (EXEC_TOTAL + rounds - 1) / rounds;
	if (!ko || access(ko, R_OK))
		die("MACHO_KO does not name the module");
	if (read_param(PARAM "probes_active", v, sizeof(v)) ||
	    read_param(PARAM "probes_linger_ms", old_linger, sizeof(old_linger)))
		die("binfmt_macho is not loaded (no " PARAM ")");
	/* fall back to probes-off quickly between the two sides of a pair */
	write_param(PARAM "probes_linger_ms", LINGER_MS);

	ns_per_tick = calibrate();
	printf("bench: kernel %s, %d rounds (%d execs per side each), rdtsc %.3f ns/tick\n",
	       (read_param("/proc/sys/kernel/osrelease", v, sizeof(v)), strtok(v, "\n")),
	       rounds, exec_iters, ns_per_tick);
	make_copy_source();
	for (r = 0; r < rounds; r++) {
		fprintf(stderr, "bench: round %d/%d\n", r + 1, rounds);
		pair_round();
		module_round(ko);
	}
	unlink(COPY_SRC);
	/* ticks vs ns drift check: the calibration must hold over the run */
	printf("bench: rdtsc recalibrated at the end: %.3f ns/tick\n", calibrate());
	old_linger[strcspn(old_linger, "\n")] = 0;
	write_param(PARAM "probes_linger_ms", old_linger);
	report();
	return 0;
}
