// SPDX-License-Identifier: GPL-2.0
/*
 * loop: the system-call loops of `make bench`, built as a static Mach-O
 * (XNU numbers) and as a static ELF (Linux numbers) from this one source.
 *
 *   loop getpid N             N x getpid
 *   loop write N              N x write(/dev/null, 1 byte)
 *   loop fstat N              N x fstat (XNU fstat64: the sleepable path)
 *   loop copy N SRC DST       N x (read 64 KiB from SRC, write it to DST)
 *   loop wait                 read stdin until EOF (keeps a process alive)
 *
 * Every timed mode first runs N/10 untimed iterations (QEMU TCG translates
 * the code on first use), then prints the rdtsc ticks of the N timed ones
 * as one decimal line on stdout. The driver (bench.c) converts ticks to
 * ns with its own calibration; exec and setup are outside the timing.
 * Exit status: 0, or 1 if a call failed (the figure would be meaningless).
 */
#include "sys.h"

#define CHUNK	65536

static char buf[CHUNK] __attribute__((aligned(4096)));

void macho_main(long *sp);

static unsigned long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((unsigned long)hi << 32) | lo;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static long atol_(const char *s)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static void put_ulong(unsigned long v)
{
	char s[24];
	int i = sizeof(s);

	s[--i] = '\n';
	do {
		s[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	sys3(NR_write, 1, (long)(s + i), sizeof(s) - i);
}

static void fail(void)
{
	sys3(NR_write, 2, (long)"loop: a system call failed\n", 27);
	sys_exit(1);
}

/* n calls of nr(a1, a2, a3); 0 if every one returned >= 0 */
static int calls(long n, long nr, long a1, long a2, long a3)
{
	long bad = 0;

	for (long i = 0; i < n; i++)
		bad |= sys3(nr, a1, a2, a3);
	return bad < 0;
}

static int copy(long n, long in, long out)
{
	for (long i = 0; i < n; i++) {
		if (sys3(NR_read, in, (long)buf, CHUNK) != CHUNK)
			return 1;
		if (sys3(NR_write, out, (long)buf, CHUNK) != CHUNK)
			return 1;
	}
	return 0;
}

void macho_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	long n, nr, fd = 0, out = 0, warm;
	unsigned long t0, t1;
	int bad;

	if (argc < 2)
		sys_exit(2);
	if (streq(argv[1], "wait")) {
		while (sys3(NR_read, 0, (long)buf, 1) > 0)
			;
		sys_exit(0);
	}
	if (argc < 3)
		sys_exit(2);
	n = atol_(argv[2]);
	warm = n / 10;
	if (streq(argv[1], "copy")) {
		if (argc < 5)
			sys_exit(2);
		fd = sys3(NR_open, (long)argv[3], B_O_RDONLY, 0);
		out = sys3(NR_open, (long)argv[4],
			   B_O_WRONLY | B_O_CREAT | B_O_TRUNC, 0644);
		if (fd < 0 || out < 0)
			fail();
		/* no warm-up pass: that would change the file offsets */
		t0 = rdtsc();
		bad = copy(n, fd, out);
		t1 = rdtsc();
	} else {
		if (streq(argv[1], "getpid")) {
			nr = NR_getpid;
		} else if (streq(argv[1], "write")) {
			nr = NR_write;
			fd = sys3(NR_open, (long)"/dev/null", B_O_WRONLY, 0);
		} else if (streq(argv[1], "fstat")) {
			nr = NR_fstat;
			fd = sys3(NR_open, (long)"/dev/null", B_O_RDONLY, 0);
		} else {
			sys_exit(2);
		}
		if (fd < 0)
			fail();
		/* write: 1 byte of buf; fstat: buf is the stat buffer */
		bad = calls(warm, nr, fd, (long)buf, 1);
		t0 = rdtsc();
		bad |= calls(n, nr, fd, (long)buf, 1);
		t1 = rdtsc();
	}
	if (bad)
		fail();
	put_ulong(t1 - t0);
	sys_exit(0);
}
