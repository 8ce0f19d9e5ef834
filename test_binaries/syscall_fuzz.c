// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_fuzz: issue random XNU system calls at binfmt_macho's syscall
 * personality for a bounded time (issue #5, item 4).
 *
 *     syscall_fuzz SECONDS [SEED [MAXCALLS]]
 *
 * Freestanding static Mach-O (crt0_macos.S starts it, like static_test).
 * It prints "seed=0x..." first, so a run that upsets the kernel can be
 * replayed with the same SEED, then fires calls until SECONDS have passed
 * (by XNU gettimeofday) or MAXCALLS were made, prints a summary line that
 * starts with "syscall_fuzz: done" and exits 0. The kernel has to survive;
 * what each call returns is not checked (the calls are nonsense on purpose).
 *
 * Each call: a random class (1 Mach, 2 BSD, 3 machine-dependent, 4
 * diagnostics, 0 = Linux numbering, or a random rax with garbage in the
 * high 32 bits), a number (a call of the implemented slice half the time,
 * else any), the carry flag preset at random, and six arguments drawn from
 * NULL and small integers, file descriptors, kernel addresses, non-canonical
 * addresses, the commpage, an unmapped and a read-only page, and a scratch
 * buffer.
 *
 * What keeps the fuzzer alive without hiding anything from the kernel:
 *   - calls that would end it, block it forever, or reach other processes
 *     are never made (deny_*() below); all are ENOSYS today, the list keeps
 *     the fuzzer valid as the slice grows;
 *   - memory-management calls (munmap, mprotect, mmap, ...) get their user
 *     address forced into a playground region it owns, so they cannot unmap
 *     or remap its text, stack or the pages it reads itself; kernel and
 *     non-canonical addresses pass unchanged;
 *   - no pointer to its stack or its own data is ever passed: the kernel
 *     may write into the scratch buffer and the playground, nothing else;
 *   - fds 0-2 are never passed as the fd argument of fd calls (stdin would
 *     block, garbage on stdout would flood the test log);
 *   - thread_set_tsd_base may point %gs anywhere: this program never uses
 *     %gs.
 * Run it in a scratch directory with stdin from /dev/null: random open()
 * calls may create files with random names there.
 */
#include <stdarg.h>
#include <stdint.h>

#define BSD(n)		(0x2000000L | (n))
#define MACH(n)		(0x1000000L | (n))
#define MDEP(n)		(0x3000000L | (n))

#define SYS_exit		BSD(1)
#define SYS_write		BSD(4)
#define SYS_munmap		BSD(73)
#define SYS_mprotect		BSD(74)
#define SYS_gettimeofday	BSD(116)
#define SYS_mmap		BSD(197)
#define SYS_getentropy		BSD(500)

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	0x0002
#define MAP_ANON	0x1000

#define PAGE_SIZE	4096UL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define USER_END	0x0000800000000000UL	/* first non-canonical */
#define COMMPAGE	0x00007fffffe00000UL

#define BUF_SIZE	(64 * 1024UL)
#define PLAY_SIZE	(1024 * 1024UL)
#define MMAP_MAX_LEN	(16 * 1024 * 1024UL)

struct sysret {
	long rax;
	int cf;
};

static struct sysret xnu_call(int cf_in, long nr, long a1, long a2, long a3,
			      long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	struct sysret r;
	unsigned char cf;

	__asm__ volatile("btl $0, %k[cfin]\n\t"
			 "syscall\n\t"
			 "setc %[cf]"
			 : "+a"(nr), "+D"(a1), "+S"(a2), "+d"(a3),
			   "+r"(r10), "+r"(r8), "+r"(r9), [cf] "=qm"(cf)
			 : [cfin] "r"(cf_in)
			 : "rcx", "r11", "memory", "cc");
	r.rax = nr;
	r.cf = cf;
	return r;
}

static struct sysret sys3(long nr, long a1, long a2, long a3)
{
	return xnu_call(0, nr, a1, a2, a3, 0, 0, 0);
}

static struct sysret sys6(long nr, long a1, long a2, long a3, long a4,
			  long a5, long a6)
{
	return xnu_call(0, nr, a1, a2, a3, a4, a5, a6);
}

/* ------------------------------------------------------------- output */

static void put(const char *s, unsigned long len)
{
	sys3(SYS_write, 1, (long)s, (long)len);
}

/* printf subset: %s, %lu, %lx (unsigned long), %d (int). */
static void print(const char *fmt, ...)
{
	char buf[256], tmp[24];
	unsigned long n = 0, v, base;
	va_list ap;
	int i;

	va_start(ap, fmt);
	for (; *fmt && n < sizeof(buf) - 24; fmt++) {
		if (*fmt != '%') {
			buf[n++] = *fmt;
			continue;
		}
		fmt++;
		if (*fmt == 's') {
			const char *s = va_arg(ap, const char *);

			while (*s && n < sizeof(buf) - 24)
				buf[n++] = *s++;
			continue;
		}
		if (*fmt == 'd') {
			int d = va_arg(ap, int);

			if (d < 0) {
				buf[n++] = '-';
				v = -(long)d;
			} else {
				v = d;
			}
			base = 10;
		} else {
			fmt++;		/* 'l' */
			v = va_arg(ap, unsigned long);
			base = *fmt == 'x' ? 16 : 10;
		}
		i = 0;
		do {
			tmp[i++] = "0123456789abcdef"[v % base];
			v /= base;
		} while (v);
		while (i)
			buf[n++] = tmp[--i];
	}
	va_end(ap);
	put(buf, n);
}

static int parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0, base = 10, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static void __attribute__((noreturn)) do_exit(int status)
{
	for (;;)
		sys3(SYS_exit, status, 0, 0);
}

/* ------------------------------------------------------------- random */

static uint64_t rng_state;

static uint64_t rnd(void)		/* xorshift64* */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

/* ------------------------------------------------------------- memory */

static unsigned long buf;	/* RW scratch buffer: the kernel may write */
static unsigned long play;	/* playground for the mm calls */
static unsigned long ro_page;	/* PROT_READ page, then ... */
static unsigned long gone_page;	/* ... an unmapped page, then ... */
static unsigned long none_page;	/* ... a PROT_NONE page */

static unsigned long map_anon(unsigned long len, int prot)
{
	struct sysret r = sys6(SYS_mmap, 0, (long)len, prot,
			       MAP_PRIVATE | MAP_ANON, -1, 0);

	if (r.cf) {
		print("syscall_fuzz: setup: mmap failed: %d\n", (int)r.rax);
		do_exit(2);
	}
	return r.rax;
}

static void setup_memory(void)
{
	unsigned long pages = map_anon(3 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	const char *s = "/tmp/syscall_fuzz/./file\0.\0/dev/null\0";
	unsigned long i;

	buf = map_anon(BUF_SIZE, PROT_READ | PROT_WRITE);
	play = map_anon(PLAY_SIZE, PROT_READ | PROT_WRITE);
	ro_page = pages;
	gone_page = pages + PAGE_SIZE;
	none_page = pages + 2 * PAGE_SIZE;
	/* a path-like string at the start of the read-only page */
	for (i = 0; i < 38; i++)
		((char *)ro_page)[i] = s[i];
	if (sys3(SYS_mprotect, ro_page, PAGE_SIZE, PROT_READ).cf ||
	    sys3(SYS_munmap, gone_page, PAGE_SIZE, 0).cf ||
	    sys3(SYS_mprotect, none_page, PAGE_SIZE, PROT_NONE).cf) {
		print("syscall_fuzz: setup: mprotect/munmap failed\n");
		do_exit(2);
	}
}

/* Refill the scratch buffer now and then: garbage, or a short path. */
static void scribble(void)
{
	static const char *const paths[] = {
		".", "..", "/", "/dev/null", "/tmp", "fuzzfile", "/proc/self",
		"", "/nonexistent/x",
	};
	unsigned long i, n = below(256);
	char *b = (char *)buf;

	if (below(2)) {
		const char *p = paths[below(ARRAY_SIZE(paths))];

		for (i = 0; p[i]; i++)
			b[i] = p[i];
		b[i] = 0;
		return;
	}
	for (i = 0; i < n; i++)
		b[i] = (char)rnd();
}

/* ------------------------------------------------------------- arguments */

static long pick_pointer(void)
{
	switch (below(22)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 0xfff;
	case 3: return 0x1000;			/* __PAGEZERO */
	case 4: return ro_page;
	case 5: return ro_page + PAGE_SIZE - below(16);	/* runs off it */
	case 6: return gone_page + below(PAGE_SIZE);
	case 7: return none_page;
	case 8: return buf;
	case 9: return buf + below(BUF_SIZE);
	case 10: return buf + BUF_SIZE - below(16);	/* runs off it */
	case 11: return play + below(PLAY_SIZE);
	case 12: return 0xffff800000000000L;	/* direct map */
	case 13: return 0xffffffff81000000L;	/* kernel text */
	case 14: return 0xffffffffff600000L;	/* vsyscall page */
	case 15: return -1L;
	case 16: return -4096L;
	case 17: return USER_END;		/* non-canonical */
	case 18: return 0x8000000000000000L;	/* non-canonical */
	case 19: return USER_END - PAGE_SIZE;	/* top user page */
	case 20: return COMMPAGE + below(PAGE_SIZE);	/* read-only */
	default: return 0xdead0000beef0000L;	/* non-canonical */
	}
}

static long pick_int(void)
{
	static const long ints[] = {
		0, 1, 2, 3, 4, 7, 8, 16, 0x7f, 0xff, 0x100, 0x1000, 0x10000,
		0x7fffffff, 0x80000000L, 0xffffffffL, -1, -2, -4096,
		0x7fffffffffffffffL, (long)0x8000000000000000UL,
	};

	switch (below(4)) {
	case 0: return below(64);
	case 1: return (long)rnd();
	case 2: return (long)(rnd() & 0xffffffff);
	default: return ints[below(ARRAY_SIZE(ints))];
	}
}

static long pick_fd(void)
{
	switch (below(6)) {
	case 0: return -1;
	case 1: return 1000000;
	case 2: return 0x7fffffff;
	default: return 3 + below(16);
	}
}

static long pick_arg(void)
{
	switch (below(10)) {
	case 0: case 1: case 2: return pick_pointer();
	case 3: case 4: case 5: return pick_int();
	case 6: case 7: return pick_fd();
	default: return (long)rnd();
	}
}

/* ------------------------------------------------------------- numbers */

/* The implemented first slice (docs/syscalls.md), minus exit. */
static const long implemented[] = {
	MACH(89), BSD(3), BSD(4), BSD(5), BSD(6), BSD(20), BSD(24),
	BSD(25), BSD(39), BSD(43), BSD(47), BSD(73), BSD(74), BSD(116),
	BSD(197), BSD(199), BSD(327), BSD(338), BSD(339), BSD(340),
	BSD(372), BSD(396), BSD(397), BSD(398), BSD(399), BSD(463),
	BSD(500), MDEP(3),
};

static int in(long n, const short *list, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		if (list[i] == n)
			return 1;
	return 0;
}

/*
 * BSD calls never made: they end the process (exit, execve, abort...),
 * make processes (fork, vfork, posix_spawn), act on other processes (kill,
 * ptrace, reboot, pid_suspend/resume/hibernate/shutdown_sockets), or can
 * block forever (wait4/waitid, select/pselect/poll, sigsuspend/sigwait,
 * accept, recv*, flock, fcntl F_SETLKW, kevent*, semaphores, msgrcv,
 * aio_suspend), _nocancel variants included.
 */
static const short deny_bsd[] = {
	1, 2, 7, 26, 27, 29, 30, 37, 55, 59, 66, 92, 93, 111, 131, 147,
	173, 230, 244, 255, 258, 261, 270, 271, 315, 328, 330, 334, 358,
	361, 363, 369, 374, 380, 394, 395, 400, 401, 403, 404, 406, 407,
	410, 416, 417, 419, 420, 421, 422, 423, 433, 434, 435, 436, 521,
	526,
};

/* Mach traps never made: message receive, waits, sleeps. */
static const short deny_mach[] = {
	31, 32, 36, 37, 38, 39, 47, 61, 62, 90,
};

/*
 * Linux numbers never made, although a Mach-O task must get ENOSYS for
 * every one (static_test checks that): if that check ever regressed, these
 * would kill the fuzzer or the guest instead of reporting. exit, exit_group,
 * kill, tkill, tgkill, reboot, fork, vfork, clone, clone3, execve,
 * execveat, pause, rt_sigsuspend, ptrace, pidfd_send_signal, wait4,
 * waitid, kexec_load, kexec_file_load, delete_module, init_module,
 * finit_module.
 */
static const short deny_linux[] = {
	60, 231, 62, 200, 234, 169, 57, 58, 56, 435, 59, 322, 34, 130,
	101, 424, 61, 247, 246, 320, 176, 175, 313,
};

/* BSD calls whose first argument is a file descriptor. */
static const short fd_first[] = {
	3, 4, 6, 90, 92, 95, 96, 97, 98, 116, 120, 121, 131, 153, 154,
	189, 199, 201, 339, 396, 397, 399, 406,
};

/* BSD calls that take a user address range first (mm calls). */
static const short mm_calls[] = {
	65, 73, 74, 75, 78, 197, 203, 204, 250,
};

static int denied(long nr)
{
	long low = nr & 0xffffffffL;	/* what Linux entry code looks at */
	long cls = low >> 24, n = low & 0xffffff;

	switch (cls) {
	case 0: return in(n, deny_linux, ARRAY_SIZE(deny_linux));
	case 1: return in(n, deny_mach, ARRAY_SIZE(deny_mach));
	case 2: return in(n, deny_bsd, ARRAY_SIZE(deny_bsd));
	default: return 0;
	}
}

static long pick_number(void)
{
	long nr = 0;

	switch (below(10)) {
	case 0: case 1: case 2: case 3:
		return implemented[below(ARRAY_SIZE(implemented))];
	case 4: return MACH(below(128));
	case 5: case 6: return BSD(below(560));
	case 7: return MDEP(below(8)) | (below(4) ? 0 : below(0x1000000));
	case 8:
		switch (below(3)) {
		case 0: return below(470);			/* Linux */
		case 1: return 0x4000000L | below(16);		/* diag */
		default: return (long)(below(256) << 24) | below(0x1000000);
		}
	default:
		/* garbage in the high 32 bits, sometimes a real call below */
		nr = below(2) ? implemented[below(ARRAY_SIZE(implemented))] :
				(long)(rnd() & 0xffffffff);
		return (long)(rnd() << 32) | nr;
	}
}

/* Make the arguments safe for the fuzzer itself (see the top comment). */
static void sanitize(long nr, long *a)
{
	long low = nr & 0xffffffffL, n = low & 0xffffff;
	unsigned long off, len;

	if ((low >> 24) != 2)
		return;
	if (in(n, fd_first, ARRAY_SIZE(fd_first)) &&
	    (unsigned long)a[0] <= 2)
		a[0] += 3;
	if (n == 90 && (unsigned long)a[1] <= 2)	/* dup2's target */
		a[1] += 3;
	if (!in(n, mm_calls, ARRAY_SIZE(mm_calls)))
		return;
	if ((unsigned long)a[0] < USER_END) {
		off = below(PLAY_SIZE / PAGE_SIZE) * PAGE_SIZE +
		      (below(8) ? 0 : below(PAGE_SIZE));
		a[0] = play + off;
		len = PLAY_SIZE - (off & ~(PAGE_SIZE - 1));
		if ((unsigned long)a[1] > len)
			a[1] = below(len + 1);
	} else if (n == 197 && (unsigned long)a[1] > MMAP_MAX_LEN) {
		a[1] = below(MMAP_MAX_LEN);
	}
	/* mmap without a usable hint still allocates: bound its size */
	if (n == 197 && (unsigned long)a[1] > MMAP_MAX_LEN)
		a[1] = below(MMAP_MAX_LEN);
}

/* ------------------------------------------------------------- main */

static long now_seconds(void)
{
	struct { long sec; int usec; } tv = { 0, 0 };

	if (sys3(SYS_gettimeofday, (long)&tv, 0, 0).cf)
		return -1;
	return tv.sec;
}

static uint64_t entropy_seed(void)
{
	uint64_t seed = 0;
	unsigned int lo, hi;

	if (!sys3(SYS_getentropy, (long)&seed, sizeof(seed), 0).cf && seed)
		return seed;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32 | lo) ^ 0x9e3779b97f4a7c15ULL;
}

void macho_main(long *sp);

void macho_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	unsigned long seconds, seed, maxcalls = ~0UL, calls, i;
	unsigned long by_class[6] = { 0 }, failed = 0, enosys = 0;
	long start, deadline, nr, a[6];
	struct sysret r;

	if (argc < 2 || argc > 4 || parse_ulong(argv[1], &seconds) ||
	    (argc > 2 && parse_ulong(argv[2], &seed)) ||
	    (argc > 3 && parse_ulong(argv[3], &maxcalls))) {
		print("usage: syscall_fuzz SECONDS [SEED [MAXCALLS]]\n");
		do_exit(2);
	}
	if (argc <= 2)
		seed = entropy_seed();
	rng_state = seed ? seed : 1;
	print("seed=0x%lx seconds=%lu maxcalls=%lu\n", seed, seconds,
	      maxcalls);

	setup_memory();
	start = now_seconds();
	deadline = start < 0 ? -1 : start + (long)seconds;
	if (start < 0)
		print("syscall_fuzz: gettimeofday failed: bounded by "
		      "MAXCALLS only\n");
	if (start < 0 && maxcalls == ~0UL)
		maxcalls = 1000000;

	for (calls = 0; calls < maxcalls; calls++) {
		if (!(calls & 1023) && deadline >= 0 &&
		    now_seconds() >= deadline)
			break;
		if (!(calls & 63))
			scribble();
		do
			nr = pick_number();
		while (denied(nr));
		for (i = 0; i < 6; i++)
			a[i] = pick_arg();
		sanitize(nr, a);
		r = xnu_call((int)below(2), nr, a[0], a[1], a[2], a[3], a[4],
			     a[5]);
		i = (nr & 0xffffffffL) >> 24;
		by_class[i < 5 ? i : 5]++;
		if (r.cf) {
			failed++;
			if (r.rax == 78)
				enosys++;
		}
	}
	print("syscall_fuzz: done: calls=%lu seconds=%d failed=%lu "
	      "enosys=%lu\n", calls,
	      start < 0 ? -1 : (int)(now_seconds() - start), failed, enosys);
	print("syscall_fuzz: by class: linux=%lu mach=%lu bsd=%lu mdep=%lu "
	      "diag=%lu other=%lu\n", by_class[0], by_class[1], by_class[2],
	      by_class[3], by_class[4], by_class[5]);
	do_exit(0);
}
