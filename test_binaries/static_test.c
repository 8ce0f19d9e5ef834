// SPDX-License-Identifier: GPL-2.0
/*
 * static_test_macos: a freestanding static Mach-O that checks the XNU
 * process contract binfmt_macho implements (initial stack, apple[] strings,
 * commpage, TSD base) and the first slice of XNU system calls, with raw
 * syscall instructions exactly as Apple's libsystem_kernel issues them.
 *
 * No libc: crt0_macos.S calls macho_main() with the initial stack pointer.
 * Output is TAP ("ok N - name", "not ok N - name # got ..., want ...", the
 * plan "1..N" last); the exit status is 0 only if every check passed.
 *
 * Modes (argv[1]):
 *   (none)    run the checks; the environment may give the expected values
 *             EXPECT_UID, EXPECT_GID and EXPECT_EXEC_PATH (else argv[0])
 *   exit N    exit(N) at once
 *   segv      write to a page made read-only: must die of SIGSEGV
 *   spin      print "spinning", then loop forever (for signals, /proc)
 *   block     print "blocking", then read stdin until EOF, exit 0
 *   args      print argc, argv[], envp[] and apple[] one per line
 *
 * The checks assume umask 022 and a writable current directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* XNU system call numbers: class << 24 | number */
#define BSD(n)			(0x2000000L | (n))
#define SYS_exit		BSD(1)
#define SYS_read		BSD(3)
#define SYS_write		BSD(4)
#define SYS_open		BSD(5)
#define SYS_close		BSD(6)
#define SYS_getpid		BSD(20)
#define SYS_getuid		BSD(24)
#define SYS_geteuid		BSD(25)
#define SYS_getppid		BSD(39)
#define SYS_getegid		BSD(43)
#define SYS_getgid		BSD(47)
#define SYS_munmap		BSD(73)
#define SYS_mprotect		BSD(74)
#define SYS_gettimeofday	BSD(116)
#define SYS_mmap		BSD(197)
#define SYS_lseek		BSD(199)
#define SYS_issetugid		BSD(327)
#define SYS_stat64		BSD(338)
#define SYS_fstat64		BSD(339)
#define SYS_lstat64		BSD(340)
#define SYS_thread_selfid	BSD(372)
#define SYS_openat		BSD(463)
#define SYS_getentropy		BSD(500)
/* Far beyond XNU's table (nsysent is below 600): never assigned. */
#define SYS_unassigned		BSD(0xffff)
#define MACH_timebase_info	0x1000059L	/* Mach trap -89 */
#define MDEP_set_tsd_base	0x3000003L
/* Linux's getpid number with no XNU class bits: must not run. */
#define LINUX_getpid		39L

/* BSD errno values (sys/errno.h); the ones above 34 differ from Linux. */
#define ENOENT		2
#define EBADF		9
#define EEXIST		17
#define ENOTDIR		20
#define EINVAL		22
#define ELOOP		62
#define ENAMETOOLONG	63
#define ENOSYS		78

/* BSD open(2) flags (sys/fcntl.h) */
#define O_RDONLY	0x0000
#define O_WRONLY	0x0001
#define O_RDWR		0x0002
#define O_APPEND	0x0008
#define O_NOFOLLOW	0x0100
#define O_CREAT		0x0200
#define O_TRUNC		0x0400
#define O_EXCL		0x0800
#define O_DIRECTORY	0x100000
#define AT_FDCWD	(-2)

#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	0x0002
#define MAP_FIXED	0x0010
#define MAP_ANON	0x1000
#define SEEK_SET	0
#define SEEK_END	2

#define S_IFMT		0170000
#define S_IFIFO		0010000
#define S_IFCHR		0020000
#define S_IFREG		0100000
#define S_IFLNK		0120000
#define S_IFSOCK	0140000

#define PAGE_SIZE	4096UL
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define COMMPAGE	0x7fffffe00000UL
/* Free in every layout binfmt_macho creates: the image sits at 4 GiB. */
#define FIXED_ADDR	0x300000000UL

/* ---------------------------------------------------------------- syscalls */

/* What an XNU system call returns: rax, the carry flag and rdx. */
struct sysret {
	long rax;
	long rdx;
	int cf;
};

/*
 * Issue a system call with the carry flag preset to @cf_in. XNU sets CF on
 * error and clears it on success, so a check of "CF clear" is only
 * meaningful if CF was set before the call, and vice versa.
 */
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
	r.rdx = a3;
	r.cf = cf;
	return r;
}

/* ARGS6(x, y) -> (long)(x), (long)(y), 0, 0, 0, 0: an argument list */
#define ARGS6(...)	ARGS6_(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define ARGS6_(a, b, c, d, e, f, ...) \
	(long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)
/* A call expected to succeed (CF preset to 1) or to fail (CF preset 0). */
#define sys(nr, ...)	xnu_call(1, nr, ARGS6(__VA_ARGS__))
#define sys_e(nr, ...)	xnu_call(0, nr, ARGS6(__VA_ARGS__))
#define sys0(nr)	xnu_call(1, nr, 0, 0, 0, 0, 0, 0)
#define sys0_e(nr)	xnu_call(0, nr, 0, 0, 0, 0, 0, 0)

static __attribute__((noreturn)) void sys_exit(int status)
{
	for (;;)
		sys(SYS_exit, status);
}

/* ------------------------------------------------------- tiny C runtime */

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

void *memset(void *s, int c, size_t n)
{
	volatile unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

static int str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* If @s starts with @prefix, the rest of @s; else NULL. */
static const char *str_prefix(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

static int mem_eq(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	while (n--)
		if (*x++ != *y++)
			return 0;
	return 1;
}

static long parse_long(const char *s, int *ok)
{
	long v = 0;
	int neg = 0;

	*ok = 0;
	if (!s)
		return 0;
	if (*s == '-')
		neg = 1, s++;
	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	*ok = 1;
	return neg ? -v : v;
}

/* "0x" followed by 1..16 lower-case hex digits; the value in *@v. */
static const char *parse_hex64(const char *s, uint64_t *v)
{
	int digits = 0;

	if (s[0] != '0' || s[1] != 'x')
		return NULL;
	*v = 0;
	for (s += 2; ; s++, digits++) {
		if (*s >= '0' && *s <= '9')
			*v = *v << 4 | (uint64_t)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			*v = *v << 4 | (uint64_t)(*s - 'a' + 10);
		else
			break;
	}
	return digits >= 1 && digits <= 16 ? s : NULL;
}

/* Minimal printf: %s %c %d %u %x %o %p %% with an optional 'l', to fd 1.
 * A line shorter than the buffer is one write(), so TAP lines from one
 * print() or check() are never torn.
 */
struct out {
	char buf[512];
	size_t len;
};

static void out_flush(struct out *o)
{
	size_t done = 0;

	while (done < o->len) {
		struct sysret r = sys(SYS_write, 1, o->buf + done,
				      o->len - done);

		if (r.cf || r.rax <= 0)
			break;
		done += (size_t)r.rax;
	}
	o->len = 0;
}

static void out_char(struct out *o, char c)
{
	if (o->len == sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
}

static void out_num(struct out *o, unsigned long v, unsigned int base,
		    int neg)
{
	char tmp[24];
	int n = 0;

	if (neg)
		out_char(o, '-');
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		out_char(o, tmp[--n]);
}

static void out_format(struct out *o, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		int is_long = 0;
		unsigned long uv;
		long sv;

		if (*fmt != '%') {
			out_char(o, *fmt);
			continue;
		}
		if (fmt[1] == 'l')
			is_long = 1, fmt++;
		switch (*++fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			/* keep a TAP line on one line */
			for (s = s ? s : "(null)"; *s; s++)
				out_char(o, *s == '\n' ? ' ' : *s);
			break;
		}
		case 'c':
			out_char(o, (char)va_arg(ap, int));
			break;
		case 'd':
			sv = is_long ? va_arg(ap, long) : va_arg(ap, int);
			out_num(o, sv < 0 ? -(unsigned long)sv : (unsigned long)sv,
				10, sv < 0);
			break;
		case 'u':
		case 'x':
		case 'o':
			uv = is_long ? va_arg(ap, unsigned long) :
			     va_arg(ap, unsigned int);
			out_num(o, uv, *fmt == 'u' ? 10 : *fmt == 'x' ? 16 : 8,
				0);
			break;
		case 'p':
			out_char(o, '0');
			out_char(o, 'x');
			out_num(o, (unsigned long)va_arg(ap, void *), 16, 0);
			break;
		case '%':
			out_char(o, '%');
			break;
		default:
			/* unknown conversion (or a '%' at the end): show it */
			out_char(o, '%');
			if (!*fmt)
				return;
			out_char(o, *fmt);
		}
	}
}

static void print_into(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_format(o, fmt, ap);
	va_end(ap);
}

static void print(const char *fmt, ...)
{
	struct out o;
	va_list ap;

	o.len = 0;
	va_start(ap, fmt);
	out_format(&o, fmt, ap);
	va_end(ap);
	out_flush(&o);
}

/* ------------------------------------------------------------------- TAP */

static int tests_run, tests_failed;

/*
 * Report one check. On failure, @why (a print() format taking the
 * remaining arguments, or NULL) explains what was seen.
 */
static int check(int ok, const char *name, const char *why, ...)
{
	struct out o;
	va_list ap;

	o.len = 0;
	tests_run++;
	if (!ok)
		tests_failed++;
	print_into(&o, "%s %d - %s", ok ? "ok" : "not ok", tests_run, name);
	if (!ok && why) {
		print_into(&o, " # ");
		va_start(ap, why);
		out_format(&o, why, ap);
		va_end(ap);
	}
	out_char(&o, '\n');
	out_flush(&o);
	return ok;
}

static void skip(const char *name, const char *reason)
{
	tests_run++;
	print("ok %d - %s # SKIP %s\n", tests_run, name, reason);
}

/* A call that must succeed: CF clear (it was set before the call). */
static int check_ok(const char *name, struct sysret r)
{
	return check(!r.cf, name, "got CF=1 errno %ld", r.rax);
}

/* A call that must fail with BSD errno @err: CF set (it was clear). */
static int check_err(const char *name, struct sysret r, long err)
{
	return check(r.cf && r.rax == err, name,
		     "got CF=%d rax=%ld, want CF=1 rax=%ld", r.cf, r.rax, err);
}

/* -------------------------------------------------------- the process */

struct proc {
	long argc;
	char **argv, **envp, **apple;
	unsigned long entry_sp;
};

static const char *get_env(const struct proc *p, const char *name)
{
	char **e;

	for (e = p->envp; *e; e++) {
		const char *v = str_prefix(*e, name);

		if (v && *v == '=')
			return v + 1;
	}
	return NULL;
}

static const char *get_apple(const struct proc *p, const char *key)
{
	char **a;

	for (a = p->apple; *a; a++) {
		const char *v = str_prefix(*a, key);

		if (v)
			return v;
	}
	return NULL;
}

/* ---------------------------------------------------- Darwin structures */

/* struct stat64 (sys/stat.h, __DARWIN_STRUCT_STAT64): 144 bytes */
struct darwin_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct darwin_stat64 {
	int32_t st_dev;				/* 0 */
	uint16_t st_mode;			/* 4 */
	uint16_t st_nlink;			/* 6 */
	uint64_t st_ino;			/* 8 */
	uint32_t st_uid;			/* 16 */
	uint32_t st_gid;			/* 20 */
	int32_t st_rdev;			/* 24 */
	int32_t pad0;
	struct darwin_timespec st_atimespec;	/* 32 */
	struct darwin_timespec st_mtimespec;	/* 48 */
	struct darwin_timespec st_ctimespec;	/* 64 */
	struct darwin_timespec st_birthtimespec; /* 80 */
	int64_t st_size;			/* 96 */
	int64_t st_blocks;			/* 104 */
	int32_t st_blksize;			/* 112 */
	uint32_t st_flags;			/* 116 */
	uint32_t st_gen;			/* 120 */
	int32_t st_lspare;			/* 124 */
	int64_t st_qspare[2];			/* 128 */
};

_Static_assert(sizeof(struct darwin_stat64) == 144, "struct stat64 size");
_Static_assert(offsetof(struct darwin_stat64, st_size) == 96, "st_size");
_Static_assert(offsetof(struct darwin_stat64, st_blksize) == 112,
	       "st_blksize");

/*
 * A stat64 buffer with a guard area behind it: the kernel must write
 * exactly 144 bytes.
 */
struct stat_buf {
	struct darwin_stat64 st;
	unsigned char guard[64];
};

#define GUARD_BYTE	0xa5

static int stat_call(long nr, long arg, struct stat_buf *b, struct sysret *r)
{
	size_t i;

	memset(b, GUARD_BYTE, sizeof(*b));
	*r = sys(nr, arg, &b->st);
	for (i = 0; i < sizeof(b->guard); i++)
		if (b->guard[i] != GUARD_BYTE)
			return 0;
	return 1;
}

struct darwin_timeval {
	int64_t tv_sec;
	int32_t tv_usec;
	int32_t pad;
};

struct mach_timebase_info {
	uint32_t numer;
	uint32_t denom;
};

/* ------------------------------------------------------------- commpage */

#define CP_SIGNATURE		0x000
#define CP_VERSION		0x01e
#define CP_NCPUS		0x022
#define CP_NT_TSC_BASE		0x050
#define CP_NT_SCALE		0x058
#define CP_NT_SHIFT		0x05c
#define CP_NT_NS_BASE		0x060
#define CP_NT_GENERATION	0x068

#define CP(type, off)	(*(volatile type *)(COMMPAGE + (off)))

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/*
 * mach_absolute_time() as Apple's libsystem_kernel computes it on x86_64
 * (mach_absolute_time.S): ((tsc - base) << shift) * scale >> 32 + ns_base,
 * retried while the generation is 0 or changes. 0 if it never settles.
 */
static uint64_t commpage_mach_absolute_time(void)
{
	int tries;

	for (tries = 0; tries < 1000000; tries++) {
		uint32_t gen = CP(uint32_t, CP_NT_GENERATION);
		uint64_t base, ns_base, delta;
		uint32_t scale, shift;

		if (!gen)
			continue;
		base = CP(uint64_t, CP_NT_TSC_BASE);
		scale = CP(uint32_t, CP_NT_SCALE);
		shift = CP(uint32_t, CP_NT_SHIFT);
		ns_base = CP(uint64_t, CP_NT_NS_BASE);
		delta = (rdtsc() - base) << shift;
		if (gen != CP(uint32_t, CP_NT_GENERATION))
			continue;
		return (uint64_t)(((unsigned __int128)delta * scale) >> 32) +
		       ns_base;
	}
	return 0;
}

static int64_t gettimeofday_us(void)
{
	struct darwin_timeval tv = { 0, 0, 0 };
	struct sysret r = sys(SYS_gettimeofday, &tv, 0, 0);

	if (r.cf)
		return -1;
	return tv.tv_sec * 1000000 + tv.tv_usec;
}

/* ------------------------------------------------------------- the checks */

static void check_stack(const struct proc *p)
{
	const char *path, *want, *v;
	uint64_t h1, h2;
	long n;

	check(p->entry_sp % 16 == 0, "rsp is 16-byte aligned at entry",
	      "rsp %% 16 = %ld", (long)(p->entry_sp % 16));
	check(p->argc >= 1 && !p->argv[p->argc],
	      "argv[argc] is NULL", "argc %ld", p->argc);
	/* apple[] starts after envp's NULL (see macho_main) */
	for (n = 0; n < 64 && p->apple[n]; n++)
		;
	check(n >= 4 && n < 64, "apple[] has 4 or more strings and a NULL",
	      "%ld entries", n);
	check(n < 64 && (char *)p->apple[0] > (char *)(p->apple + n),
	      "the strings lie above the pointer arrays", NULL);

	path = str_prefix(p->apple[0] ? p->apple[0] : "", "executable_path=");
	check(path && *path, "apple[0] is executable_path=<path>",
	      "apple[0] '%s'", p->apple[0]);
	want = get_env(p, "EXPECT_EXEC_PATH");
	if (!want)
		want = p->argv[0];
	check(path && str_eq(path, want), "executable_path is the exec path",
	      "got '%s', want '%s'", path, want);

	v = get_apple(p, "stack_guard=");
	check(v && (v = parse_hex64(v, &h1)) && !*v && h1,
	      "apple[] has stack_guard=0x<non-zero hex>", "'%s'",
	      get_apple(p, "stack_guard="));
	v = get_apple(p, "malloc_entropy=");
	check(v && (v = parse_hex64(v, &h1)) && *v == ',' &&
	      (v = parse_hex64(v + 1, &h2)) && !*v && (h1 | h2),
	      "apple[] has malloc_entropy=0x<hex>,0x<hex>", "'%s'",
	      get_apple(p, "malloc_entropy="));
	v = get_apple(p, "ptr_munge=");
	check(v && (v = parse_hex64(v, &h1)) && !*v && h1,
	      "apple[] has ptr_munge=0x<non-zero hex>", "'%s'",
	      get_apple(p, "ptr_munge="));
}

static const char test_data[] = "binfmt_macho static test data\n";

static void check_files(const struct proc *p, long pid)
{
	char name[64], buf[128], longname[300];
	struct out o;
	struct stat_buf sb, sb2;
	struct sysret r, r2;
	long fd, dirfd, uid = sys0(SYS_getuid).rax;
	long gid = sys0(SYS_getgid).rax;
	size_t i, len = sizeof(test_data) - 1;
	int guard_ok;

	/* a relative name: openat(AT_FDCWD) below must resolve it the same */
	o.len = 0;
	print_into(&o, "static_test.%ld", pid);
	memcpy(name, o.buf, o.len);
	name[o.len] = 0;

	r = sys(SYS_open, name, O_CREAT | O_TRUNC | O_RDWR, 0644);
	if (!check_ok("open(O_CREAT|O_TRUNC|O_RDWR) creates a file", r))
		return;
	fd = r.rax;
	check(fd >= 3, "open returns an fd above stdio", "fd %ld", fd);
	r = sys(SYS_write, fd, test_data, len);
	check(!r.cf && r.rax == (long)len, "write to the file",
	      "CF=%d rax=%ld", r.cf, r.rax);
	r = sys(SYS_lseek, fd, 0, SEEK_END);
	check(!r.cf && r.rax == (long)len, "lseek(SEEK_END) returns the size",
	      "CF=%d rax=%ld", r.cf, r.rax);
	r = sys(SYS_lseek, fd, 0, SEEK_SET);
	check(!r.cf && r.rax == 0, "lseek(SEEK_SET, 0)", "CF=%d rax=%ld",
	      r.cf, r.rax);
	memset(buf, 0, sizeof(buf));
	r = sys(SYS_read, fd, buf, sizeof(buf));
	check(!r.cf && r.rax == (long)len && mem_eq(buf, test_data, len),
	      "read returns what was written", "CF=%d rax=%ld", r.cf,
	      r.rax);
	r = sys(SYS_read, fd, buf, sizeof(buf));
	check(!r.cf && r.rax == 0, "read at EOF returns 0", "CF=%d rax=%ld",
	      r.cf, r.rax);

	guard_ok = stat_call(SYS_fstat64, fd, &sb, &r);
	if (check_ok("fstat64 on the file", r)) {
		check(guard_ok, "fstat64 writes exactly 144 bytes", NULL);
		check(sb.st.st_mode == (S_IFREG | 0644),
		      "fstat64 st_mode is S_IFREG|0644 (offset 4, u16)",
		      "got 0%lo", (long)sb.st.st_mode);
		check(sb.st.st_nlink == 1, "fstat64 st_nlink is 1 (offset 6)",
		      "got %ld", (long)sb.st.st_nlink);
		check(sb.st.st_size == (int64_t)len,
		      "fstat64 st_size (offset 96)", "got %ld, want %ld",
		      (long)sb.st.st_size, (long)len);
		check(sb.st.st_ino != 0, "fstat64 st_ino is set (offset 8)",
		      NULL);
		check(sb.st.st_uid == (uint32_t)uid &&
		      sb.st.st_gid == (uint32_t)gid,
		      "fstat64 st_uid/st_gid are the caller's (16, 20)",
		      "got %ld/%ld, want %ld/%ld", (long)sb.st.st_uid,
		      (long)sb.st.st_gid, uid, gid);
		check(sb.st.st_blksize > 0 && sb.st.st_blksize % 512 == 0,
		      "fstat64 st_blksize (offset 112)", "got %ld",
		      (long)sb.st.st_blksize);
		check(sb.st.st_mtimespec.tv_sec > 1600000000 &&
		      sb.st.st_mtimespec.tv_nsec >= 0 &&
		      sb.st.st_mtimespec.tv_nsec < 1000000000,
		      "fstat64 st_mtimespec is now (offset 48)", "got %ld.%ld",
		      (long)sb.st.st_mtimespec.tv_sec,
		      (long)sb.st.st_mtimespec.tv_nsec);
	}

	guard_ok = stat_call(SYS_stat64, (long)name, &sb2, &r);
	if (check_ok("stat64 on the file", r)) {
		check(guard_ok, "stat64 writes exactly 144 bytes", NULL);
		check(sb2.st.st_ino == sb.st.st_ino &&
		      sb2.st.st_dev == sb.st.st_dev &&
		      sb2.st.st_size == sb.st.st_size,
		      "stat64 and fstat64 agree", NULL);
	}

	/* mmap of the file (MAP_PRIVATE) sees the data */
	r = sys(SYS_mmap, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (check_ok("mmap(MAP_PRIVATE) of the file", r)) {
		check(mem_eq((void *)r.rax, test_data, len),
		      "the file mapping holds the file's bytes", NULL);
		check(!sys(SYS_munmap, r.rax, PAGE_SIZE).cf,
		      "munmap of the file mapping", NULL);
	}

	r = sys(SYS_close, fd);
	check(!r.cf && r.rax == 0, "close", "CF=%d rax=%ld", r.cf,
	      r.rax);
	check_err("close of a closed fd fails with EBADF",
		  sys_e(SYS_close, fd), EBADF);

	/* flag translation: O_APPEND is 0x8 on BSD, 0x400 on Linux */
	r = sys(SYS_open, name, O_WRONLY | O_APPEND);
	if (check_ok("open(O_WRONLY|O_APPEND)", r)) {
		fd = r.rax;
		sys(SYS_lseek, fd, 0, SEEK_SET);
		sys(SYS_write, fd, "+", 1);
		stat_call(SYS_fstat64, fd, &sb, &r);
		check(!r.cf && sb.st.st_size == (int64_t)len + 1,
		      "O_APPEND writes at the end", "size %ld, want %ld",
		      (long)sb.st.st_size, (long)len + 1);
		sys(SYS_close, fd);
	}

	r = sys(SYS_openat, AT_FDCWD, name, O_RDONLY);
	if (check_ok("openat(AT_FDCWD = -2, relative path)", r)) {
		memset(buf, 0, sizeof(buf));
		fd = r.rax;
		r = sys(SYS_read, fd, buf, len);
		check(!r.cf && mem_eq(buf, test_data, len),
		      "openat(AT_FDCWD) opened the same file", NULL);
		sys(SYS_close, fd);
	}
	r = sys(SYS_open, ".", O_RDONLY | O_DIRECTORY);
	if (check_ok("open(\".\", O_DIRECTORY)", r)) {
		dirfd = r.rax;
		r = sys(SYS_openat, dirfd, name, O_RDONLY);
		check_ok("openat(dirfd, relative path)", r);
		if (!r.cf)
			sys(SYS_close, r.rax);
		sys(SYS_close, dirfd);
	}

	/* errors, each with CF preset clear: the kernel must set it */
	check_err("open(O_DIRECTORY) of a regular file: ENOTDIR",
		  sys_e(SYS_open, name, O_RDONLY | O_DIRECTORY), ENOTDIR);
	check_err("open(O_CREAT|O_EXCL) of an existing file: EEXIST",
		  sys_e(SYS_open, name, O_CREAT | O_EXCL | O_RDWR, 0644),
		  EEXIST);
	check_err("open of a missing file: ENOENT",
		  sys_e(SYS_open, "/nonexistent/macho", O_RDONLY), ENOENT);
	r = sys0(SYS_getpid);
	check(!r.cf && r.rax > 0, "a success after a failure clears CF",
	      "CF=%d rax=%ld", r.cf, r.rax);
	check_err("read of a bad fd: EBADF",
		  sys_e(SYS_read, 999, buf, 1), EBADF);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	check_err("open of a 299-byte name: ENAMETOOLONG is 63 (Linux 36)",
		  sys_e(SYS_open, longname, O_RDONLY), ENAMETOOLONG);

	/* /proc/self/exe: a symlink to the Mach-O file we run from */
	guard_ok = stat_call(SYS_lstat64, (long)"/proc/self/exe", &sb, &r);
	if (r.cf && r.rax == ENOENT) {
		skip("lstat64 of a symlink is S_IFLNK", "/proc is not mounted");
	} else {
		check(!r.cf && guard_ok && (sb.st.st_mode & S_IFMT) == S_IFLNK,
		      "lstat64 of /proc/self/exe is S_IFLNK",
		      "CF=%d rax=%ld mode 0%lo", r.cf, r.rax,
		      (long)sb.st.st_mode);
		stat_call(SYS_stat64, (long)"/proc/self/exe", &sb, &r);
		stat_call(SYS_stat64, (long)get_apple(p, "executable_path="),
			  &sb2, &r2);
		check(!r.cf && !r2.cf && sb.st.st_ino == sb2.st.st_ino &&
		      (sb.st.st_mode & S_IFMT) == S_IFREG,
		      "stat64 of /proc/self/exe is the executable", NULL);
		/* O_NOFOLLOW is 0x100 on BSD, O_NOCTTY on Linux */
		check_err("open(O_NOFOLLOW) of a symlink: ELOOP is 62 (Linux 40)",
			  sys_e(SYS_open, "/proc/self/exe",
				O_RDONLY | O_NOFOLLOW), ELOOP);
	}

	guard_ok = stat_call(SYS_fstat64, 1, &sb, &r);
	i = sb.st.st_mode & S_IFMT;
	check(!r.cf && guard_ok && (i == S_IFCHR || i == S_IFIFO ||
				    i == S_IFREG || i == S_IFSOCK),
	      "fstat64 on stdout gives a file type", "CF=%d mode 0%lo",
	      r.cf, (long)sb.st.st_mode);
}

static void check_ids(const struct proc *p)
{
	static const struct {
		const char *name, *env;
		long nr;
	} ids[] = {
		{ "getuid", "EXPECT_UID", SYS_getuid },
		{ "geteuid", "EXPECT_UID", SYS_geteuid },
		{ "getgid", "EXPECT_GID", SYS_getgid },
		{ "getegid", "EXPECT_GID", SYS_getegid },
	};
	struct sysret pid = sys0(SYS_getpid), ppid = sys0(SYS_getppid), r;
	unsigned int i;

	check(!pid.cf && pid.rax > 0, "getpid > 0", "CF=%d rax=%ld",
	      (long)pid.cf, pid.rax);
	check(!ppid.cf && ppid.rax > 0 && ppid.rax != pid.rax,
	      "getppid > 0 and != getpid", "ppid %ld pid %ld", ppid.rax,
	      pid.rax);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		int ok;
		long want = parse_long(get_env(p, ids[i].env), &ok);

		r = sys0(ids[i].nr);

		if (!ok) {
			skip(ids[i].name, "expected id not in the environment");
			continue;
		}
		check(!r.cf && r.rax == want, ids[i].name, "got %ld, want %ld",
		      r.rax, want);
	}
	r = sys0(SYS_issetugid);
	check(!r.cf && r.rax == 0, "issetugid() == 0", "CF=%d rax=%ld", r.cf,
	      r.rax);
	r = sys0(SYS_thread_selfid);
	check(!r.cf && r.rax > 0, "thread_selfid() > 0", "CF=%d rax=%ld",
	      r.cf, r.rax);
}

static void check_memory(void)
{
	volatile unsigned char *m;
	struct sysret r;
	size_t i;
	int zero = 1, same = 1;

	r = sys(SYS_mmap, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANON, -1, 0);
	if (!check_ok("mmap(MAP_PRIVATE|MAP_ANON, fd -1)", r))
		return;
	m = (volatile unsigned char *)r.rax;
	check(r.rax % PAGE_SIZE == 0 && r.rax < (long)COMMPAGE,
	      "anonymous mapping is page aligned, below the commpage",
	      "addr %lx", r.rax);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		zero &= m[i] == 0;
	check(zero, "anonymous mapping is zero-filled", NULL);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		m[i] = (unsigned char)(i * 7);
	for (i = 0; i < 2 * PAGE_SIZE; i++)
		same &= m[i] == (unsigned char)(i * 7);
	check(same, "anonymous mapping is readable and writable", NULL);
	check_ok("mprotect(PROT_READ)",
		 sys(SYS_mprotect, m, PAGE_SIZE, PROT_READ));
	check(m[5] == 35, "a read-only page still reads", NULL);
	check_ok("munmap", sys(SYS_munmap, m, 2 * PAGE_SIZE));

	r = sys(SYS_mmap, FIXED_ADDR, PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANON | MAP_FIXED, -1, 0);
	check(!r.cf && r.rax == (long)FIXED_ADDR,
	      "mmap(MAP_FIXED) maps at the given address", "CF=%d rax=%lx",
	      r.cf, r.rax);
	if (!r.cf) {
		*(volatile long *)FIXED_ADDR = 42;
		check(*(volatile long *)FIXED_ADDR == 42,
		      "MAP_FIXED mapping is writable", NULL);
		sys(SYS_munmap, FIXED_ADDR, PAGE_SIZE);
	}
	check_err("mmap of a bad fd: EBADF",
		  sys_e(SYS_mmap, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 999, 0),
		  EBADF);
}

static void check_time_and_entropy(void)
{
	struct darwin_timeval tv = { 0, -1, 0 };
	unsigned char ent[300];
	uint64_t mach_time = 0;
	struct sysret r;
	int nonzero = 0;
	size_t i;

	r = sys(SYS_gettimeofday, &tv, 0, &mach_time);
	check(!r.cf && r.rax == 0, "gettimeofday returns 0", "CF=%d rax=%ld",
	      r.cf, r.rax);
	check(tv.tv_sec > 1600000000 && tv.tv_usec >= 0 &&
	      tv.tv_usec < 1000000, "gettimeofday fills *tp",
	      "tv_sec %ld tv_usec %ld", (long)tv.tv_sec, (long)tv.tv_usec);
	check(mach_time != 0,
	      "gettimeofday stores mach_absolute_time via its 3rd argument",
	      NULL);

	memset(ent, 0, sizeof(ent));
	r = sys(SYS_getentropy, ent, 32);
	for (i = 0; i < 32; i++)
		nonzero |= ent[i];
	check(!r.cf && r.rax == 0 && nonzero, "getentropy(buf, 32)",
	      "CF=%d rax=%ld", r.cf, r.rax);
	check(ent[32] == 0, "getentropy writes only 32 bytes", NULL);
	check_err("getentropy(buf, 257): EINVAL",
		  sys_e(SYS_getentropy, ent, 257), EINVAL);
}

static void check_machdep_and_mach(void)
{
	static uint64_t tsd[4] = {
		0x1122334455667788ULL, 0x99aabbccddeeff00ULL, 0, 0
	};
	struct mach_timebase_info tb = { 0xffffffff, 0xffffffff };
	uint64_t gs0 = 0, gs8 = 0;
	struct sysret r;

	r = sys(MDEP_set_tsd_base, tsd);
	__asm__ volatile("movq %%gs:0, %0\n\tmovq %%gs:8, %1"
			 : "=r"(gs0), "=r"(gs8));
	check(gs0 == tsd[0] && gs8 == tsd[1],
	      "thread_set_tsd_base: %gs:0 and %gs:8 read the TSD buffer",
	      "got %lx %lx", gs0, gs8);

	/* a Mach trap returns a kern_return_t; CF means nothing */
	r = sys(MACH_timebase_info, &tb);
	check(r.rax == 0, "mach_timebase_info_trap returns KERN_SUCCESS",
	      "rax %ld", r.rax);
	check(tb.numer == 1 && tb.denom == 1,
	      "mach_timebase_info is 1/1 (nanoseconds)", "got %ld/%ld",
	      (long)tb.numer, (long)tb.denom);
}

static void check_commpage(void)
{
	static const char sig[16] = "commpage 64-bit";
	int64_t t0, t1;
	uint64_t m0, m1, dm, dt;

	check(mem_eq((const void *)COMMPAGE, sig, sizeof(sig)),
	      "commpage signature \"commpage 64-bit\" at 0x7fffffe00000",
	      NULL);
	check(CP(uint16_t, CP_VERSION) != 0, "commpage version is set",
	      NULL);
	check(CP(uint8_t, CP_NCPUS) >= 1, "commpage ncpus >= 1", "got %ld",
	      (long)CP(uint8_t, CP_NCPUS));
	if (!check(CP(uint32_t, CP_NT_GENERATION) != 0,
		   "commpage time generation is non-zero", NULL))
		return;
	check(CP(uint32_t, CP_NT_SCALE) != 0, "commpage time scale is set",
	      NULL);

	/*
	 * mach_absolute_time must advance like the wall clock: sample both
	 * across ~20 ms of busy looping.
	 */
	t0 = gettimeofday_us();
	m0 = commpage_mach_absolute_time();
	do
		t1 = gettimeofday_us();
	while (t1 >= 0 && t1 - t0 < 20000);
	m1 = commpage_mach_absolute_time();
	check(m0 && m1 > m0, "commpage mach_absolute_time increases",
	      "%lu then %lu", m0, m1);
	dm = m1 - m0;
	dt = (uint64_t)(t1 - t0) * 1000;
	check(t0 > 0 && m1 > m0 && dm > dt / 2 && dm < dt * 2,
	      "mach_absolute_time delta matches gettimeofday's (x0.5..x2)",
	      "%lu ns vs %lu ns", dm, dt);
}

static void check_unknown_calls(long pid)
{
	struct sysret r;

	check_err("an unassigned BSD syscall: ENOSYS (78)",
		  sys_e(SYS_unassigned, 1, 2, 3), ENOSYS);
	r = sys0_e(LINUX_getpid);
	check(r.cf && r.rax == ENOSYS && r.rax != pid,
	      "a Linux syscall number (39, getpid) gives ENOSYS",
	      "CF=%d rax=%ld (pid %ld)", r.cf, r.rax, pid);
}

/* --------------------------------------------------------------- modes */

static __attribute__((noreturn)) void mode_segv(void)
{
	struct sysret r;

	r = sys(SYS_mmap, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANON, -1, 0);
	if (r.cf) {
		print("segv: mmap failed: errno %ld\n", r.rax);
		sys_exit(2);
	}
	*(volatile int *)r.rax = 1;
	if (sys(SYS_mprotect, r.rax, PAGE_SIZE, PROT_READ).cf) {
		print("segv: mprotect failed\n");
		sys_exit(2);
	}
	print("segv: writing to a read-only page\n");
	*(volatile int *)r.rax = 2;
	print("segv: the write did not fault\n");
	sys_exit(1);
}

static __attribute__((noreturn)) void mode_spin(void)
{
	volatile unsigned long n = 0;

	print("spinning pid=%ld\n", sys0(SYS_getpid).rax);
	for (;;)
		n++;
}

static __attribute__((noreturn)) void mode_block(void)
{
	char c;
	struct sysret r;

	print("blocking pid=%ld\n", sys0(SYS_getpid).rax);
	do
		r = sys(SYS_read, 0, &c, 1);
	while (!r.cf && r.rax > 0);
	sys_exit(r.cf ? 1 : 0);
}

static __attribute__((noreturn)) void mode_args(const struct proc *p)
{
	long i;

	print("argc=%ld\n", p->argc);
	for (i = 0; i < p->argc; i++)
		print("argv[%ld]=%s\n", i, p->argv[i]);
	for (i = 0; p->envp[i]; i++)
		print("envp[%ld]=%s\n", i, p->envp[i]);
	for (i = 0; p->apple[i]; i++)
		print("apple[%ld]=%s\n", i, p->apple[i]);
	sys_exit(0);
}

void __attribute__((noreturn)) macho_main(unsigned long *sp);

void __attribute__((noreturn)) macho_main(unsigned long *sp)
{
	struct proc p;
	const char *mode;
	long pid, n;
	int ok;

	p.entry_sp = (unsigned long)sp;
	p.argc = (long)sp[0];
	p.argv = (char **)(sp + 1);
	p.envp = p.argv + p.argc + 1;
	for (n = 0; p.envp[n]; n++)
		;
	p.apple = p.envp + n + 1;

	mode = p.argc > 1 ? p.argv[1] : "";
	if (str_eq(mode, "exit")) {
		n = parse_long(p.argc > 2 ? p.argv[2] : NULL, &ok);
		sys_exit(ok ? (int)n : 2);
	}
	if (str_eq(mode, "segv"))
		mode_segv();
	if (str_eq(mode, "spin"))
		mode_spin();
	if (str_eq(mode, "block"))
		mode_block();
	if (str_eq(mode, "args"))
		mode_args(&p);
	if (*mode) {
		print("usage: %s [exit N|segv|spin|block|args]\n", p.argv[0]);
		sys_exit(2);
	}

	for (n = 0; p.apple[n]; n++)
		print("# apple[%ld] = %s\n", n, p.apple[n]);
	pid = sys0(SYS_getpid).rax;
	check_stack(&p);
	check_ids(&p);
	check_files(&p, pid);
	check_memory();
	check_time_and_entropy();
	check_machdep_and_mach();
	check_commpage();
	check_unknown_calls(pid);
	print("1..%d\n", tests_run);
	if (tests_failed)
		print("# %d of %d checks failed\n", tests_failed, tests_run);
	sys_exit(tests_failed ? 1 : 0);
}
