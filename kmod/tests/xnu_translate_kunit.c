// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the Linux -> XNU errno table and the XNU -> Linux flag
 * translations. The code under test is included, so it needs no exports.
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <kunit/test.h>

#include "kunit_oot.h"
#include "xnu_errno.c"
#include "xnu_flags.c"

/* xnu_errno */

static void errno_table_complete(struct kunit *test)
{
	int e;

	for (e = 1; e <= LINUX_ERRNO_MAX; e++) {
		int x = xnu_errno_from_linux(e);

		/* 41 and 58 were never assigned: the only holes allowed */
		if (e != 41 && e != 58)
			KUNIT_EXPECT_NE_MSG(test, xnu_errno_table[e], 0,
					    "linux errno %d has no entry", e);
		KUNIT_EXPECT_GE_MSG(test, x, 1, "linux errno %d", e);
		KUNIT_EXPECT_LE_MSG(test, x, (int)XNU_ELAST, "linux errno %d", e);
		KUNIT_EXPECT_NOT_NULL_MSG(test, xnu_errno_name(x),
					  "linux errno %d -> %d", e, x);
	}
}

/* 1..34 are the shared Unix values, except EAGAIN (Linux 11, XNU 35). */
static void errno_identity_below_35(struct kunit *test)
{
	int e;

	for (e = 1; e <= 34; e++) {
		if (e == EAGAIN)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, xnu_errno_from_linux(e), e,
				    "linux errno %d", e);
	}
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(EAGAIN), 35);
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(EDEADLK), 11);
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(EWOULDBLOCK), 35);
}

static void errno_specific_values(struct kunit *test)
{
	static const struct { int host, xnu; } cases[] = {
		{ EINPROGRESS, 36 }, { EALREADY, 37 }, { ENOTSOCK, 38 },
		{ ENAMETOOLONG, 63 }, { ELOOP, 62 }, { ENOTEMPTY, 66 },
		{ EDQUOT, 69 }, { ESTALE, 70 }, { ENOLCK, 77 }, { LINUX_ENOSYS, 78 },
		{ EOVERFLOW, 84 }, { ECANCELED, 89 }, { EIDRM, 90 },
		{ ENOMSG, 91 }, { EILSEQ, 92 }, { EBADMSG, 94 },
		{ EMULTIHOP, 95 }, { ENOLINK, 97 }, { ENOSR, 98 },
		{ ENOSTR, 99 }, { EPROTO, 100 }, { ETIME, 101 },
		{ ENOTRECOVERABLE, 104 }, { EOWNERDEAD, 105 },
		{ ETIMEDOUT, 60 }, { ECONNREFUSED, 61 }, { EADDRINUSE, 48 },
		{ ECONNRESET, 54 }, { EHOSTUNREACH, 65 }, { EUSERS, 68 },
		/* closest meanings (see xnu_errno.c) */
		{ ENODATA, 93 }, { EOPNOTSUPP, 45 }, { EREMOTEIO, 5 },
		{ ECHRNG, 22 }, { EKEYEXPIRED, 80 }, { ENOKEY, 81 },
		{ EBADFD, 9 }, { ERFKILL, 82 }, { ELIBBAD, 85 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, xnu_errno_from_linux(cases[i].host),
				    cases[i].xnu, "linux errno %d",
				    cases[i].host);
}

static void errno_kernel_internal(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(ENOTSUPP), XNU_ENOTSUP);
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(ENOIOCTLCMD), XNU_ENOTTY);
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(EBADCOOKIE), XNU_EINVAL);
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(EJUKEBOX), XNU_EAGAIN);
	/* never passed by the caller; if they are, EINTR */
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(ERESTARTSYS), XNU_EINTR);
	KUNIT_EXPECT_EQ(test, xnu_errno_from_linux(ERESTART_RESTARTBLOCK),
			XNU_EINTR);
}

static void errno_out_of_range(struct kunit *test)
{
	static const int bad[] = { 0, -1, -EINVAL, 41, 58, 134, 511, 520, 532,
				   4095, INT_MAX, INT_MIN };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, xnu_errno_from_linux(bad[i]),
				    XNU_EINVAL, "input %d", bad[i]);
}

static void errno_names(struct kunit *test)
{
	int e;

	for (e = 1; e <= XNU_ELAST; e++)
		KUNIT_EXPECT_NOT_NULL_MSG(test, xnu_errno_name(e), "%d", e);
	KUNIT_EXPECT_STREQ(test, xnu_errno_name(XNU_EAGAIN), "EAGAIN");
	KUNIT_EXPECT_STREQ(test, xnu_errno_name(2), "ENOENT");
	KUNIT_EXPECT_STREQ(test, xnu_errno_name(7), "E2BIG");
	KUNIT_EXPECT_STREQ(test, xnu_errno_name(102), "EOPNOTSUPP");
	KUNIT_EXPECT_STREQ(test, xnu_errno_name(106), "EQFULL");
	KUNIT_EXPECT_NULL(test, xnu_errno_name(0));
	KUNIT_EXPECT_NULL(test, xnu_errno_name(107));
	KUNIT_EXPECT_NULL(test, xnu_errno_name(-1));
}

/* xnu_flags */

static u32 open_ok(struct kunit *test, u32 xnu)
{
	u32 out = 0xdeadbeef;

	KUNIT_EXPECT_EQ_MSG(test, xnu_open_flags_to_linux(xnu, &out), 0,
			    "xnu open flags %#x", xnu);
	return out;
}

static int open_err(u32 xnu)
{
	u32 out;

	return xnu_open_flags_to_linux(xnu, &out);
}

static void open_access_modes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, open_ok(test, 0), (u32)O_RDONLY);
	KUNIT_EXPECT_EQ(test, open_ok(test, 1), (u32)O_WRONLY);
	KUNIT_EXPECT_EQ(test, open_ok(test, 2), (u32)O_RDWR);
	KUNIT_EXPECT_EQ(test, open_err(3), -EINVAL);
	KUNIT_EXPECT_EQ(test, open_err(3 | 0x200), -EINVAL);
}

static void open_each_bit(struct kunit *test)
{
	static const struct { u32 xnu, host; } bits[] = {
		{ 0x4, O_NONBLOCK }, { 0x8, O_APPEND }, { 0x40, FASYNC },
		{ 0x80, O_SYNC }, { 0x100, O_NOFOLLOW }, { 0x200, O_CREAT },
		{ 0x400, O_TRUNC }, { 0x800, O_EXCL }, { 0x20000, O_NOCTTY },
		{ 0x100000, O_DIRECTORY }, { 0x400000, O_DSYNC },
		{ 0x1000000, O_CLOEXEC },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bits); i++)
		KUNIT_EXPECT_EQ_MSG(test, open_ok(test, bits[i].xnu),
				    bits[i].host, "xnu bit %#x", bits[i].xnu);
}

static void open_combined(struct kunit *test)
{
	/* fopen("w"), fopen("a+"), a typical libSystem openat */
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x1 | 0x200 | 0x400),
			(u32)(O_WRONLY | O_CREAT | O_TRUNC));
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x2 | 0x200 | 0x8),
			(u32)(O_RDWR | O_CREAT | O_APPEND));
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x100000 | 0x1000000 | 0x4),
			(u32)(O_DIRECTORY | O_CLOEXEC | O_NONBLOCK));
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x2 | 0x200 | 0x800 | 0x1000000),
			(u32)(O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC));
}

static void open_refused_and_ignored(struct kunit *test)
{
	/* XNU's own EINVALs */
	KUNIT_EXPECT_EQ(test, open_err(0x200 | 0x100000), -EINVAL);
	KUNIT_EXPECT_EQ(test, open_err(0x20000000 | 0x100), -EINVAL);
	KUNIT_EXPECT_EQ(test, open_err(0x40000000 | 0x1), -EINVAL);
	/* valid on XNU, not doable by a renumbered open */
	KUNIT_EXPECT_EQ(test, open_err(0x10), -EOPNOTSUPP);	/* O_SHLOCK */
	KUNIT_EXPECT_EQ(test, open_err(0x20), -EOPNOTSUPP);	/* O_EXLOCK */
	KUNIT_EXPECT_EQ(test, open_err(0x200000), -EOPNOTSUPP); /* O_SYMLINK */
	KUNIT_EXPECT_EQ(test, open_err(0x20000000), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, open_err(0x1000), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, open_err(0x08000000), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, open_err(0x40000000 | 0x200), -EOPNOTSUPP);
	/* ignored, as XNU ignores them: O_EVTONLY, F* internal, unknown */
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x8000), 0U);
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x02000000 | 0x10000000), 0U);
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x1 | 0x2000 | 0x4000 | 0x80000000),
			(u32)O_WRONLY);
	/* O_EXEC and O_SEARCH become O_PATH */
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x40000000), (u32)O_PATH);
	KUNIT_EXPECT_EQ(test, open_ok(test, 0x40000000 | 0x100000 | 0x1000000),
			(u32)(O_PATH | O_DIRECTORY | O_CLOEXEC));
}

static void at_fdcwd(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xnu_at_fd_to_linux(-2), AT_FDCWD);
	KUNIT_EXPECT_EQ(test, xnu_at_fd_to_linux(0), 0);
	KUNIT_EXPECT_EQ(test, xnu_at_fd_to_linux(17), 17);
	KUNIT_EXPECT_EQ(test, xnu_at_fd_to_linux(-1), -1);
	/* -100 is a bad fd on XNU and must not become Linux's AT_FDCWD */
	KUNIT_EXPECT_NE(test, xnu_at_fd_to_linux(-100), AT_FDCWD);
	KUNIT_EXPECT_LT(test, xnu_at_fd_to_linux(-100), 0);
}

static u32 mmap_ok(struct kunit *test, u32 xnu)
{
	u32 out = 0xdeadbeef;

	KUNIT_EXPECT_EQ_MSG(test, xnu_mmap_flags_to_linux(xnu, &out), 0,
			    "xnu mmap flags %#x", xnu);
	return out;
}

static int mmap_err(u32 xnu)
{
	u32 out;

	return xnu_mmap_flags_to_linux(xnu, &out);
}

static void mmap_flags(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x1), (u32)MAP_SHARED);
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2), (u32)MAP_PRIVATE);
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2 | 0x10),
			(u32)(MAP_PRIVATE | MAP_FIXED));
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2 | 0x40),
			(u32)(MAP_PRIVATE | MAP_NORESERVE));
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2 | 0x8000),
			(u32)(MAP_PRIVATE | MAP_32BIT));
	/* neither: private (as XNU); both: shared, never SHARED_VALIDATE */
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0), (u32)MAP_PRIVATE);
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x3), (u32)MAP_SHARED);
	/* hints XNU accepts: no Linux bit may leak (0x20 is MAP_ANONYMOUS) */
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2 | 0x20 | 0x80 | 0x100 | 0x200 |
				      0x400 | 0x20000 | 0x40000),
			(u32)MAP_PRIVATE);
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2 | 0x80000), (u32)MAP_PRIVATE);
	/* unknown bits and XNU's own EINVALs */
	KUNIT_EXPECT_EQ(test, mmap_err(0x2 | 0x10000), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_err(0x2 | 0x100000), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_err(0x80000000), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_err(0x40000), -EINVAL);	/* UNIX03 */
	KUNIT_EXPECT_EQ(test, mmap_err(0x2 | 0x1000 | 0x2000), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x2 | 0x2000), (u32)MAP_PRIVATE);
	/* RESILIENT_MEDIA is dropped from shared mappings, as by XNU */
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x1 | 0x4000), (u32)MAP_SHARED);
}

static void mmap_anon_and_jit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x1000 | 0x2),
			(u32)(MAP_ANONYMOUS | MAP_PRIVATE));
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x1000 | 0x1),
			(u32)(MAP_ANONYMOUS | MAP_SHARED));
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x1000 | 0x2 | 0x10),
			(u32)(MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED));
	/* MAP_JIT: anonymous private only */
	KUNIT_EXPECT_EQ(test, mmap_ok(test, 0x800 | 0x1000 | 0x2),
			(u32)(MAP_ANONYMOUS | MAP_PRIVATE));
	KUNIT_EXPECT_EQ(test, mmap_err(0x800 | 0x2), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_err(0x800 | 0x1000 | 0x1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_err(0x800 | 0x1000 | 0x2 | 0x10), -EINVAL);
	KUNIT_EXPECT_EQ(test, mmap_err(0x800 | 0x1000 | 0x2 | 0x80000),
			-EINVAL);
}

static void prot_values(struct kunit *test)
{
	u32 x, out;

	for (x = 0; x <= 7; x++) {
		out = 0xdeadbeef;
		KUNIT_EXPECT_EQ(test, xnu_prot_to_linux(x, &out), 0);
		KUNIT_EXPECT_EQ(test, out, x);
	}
	KUNIT_EXPECT_EQ(test, PROT_READ | PROT_WRITE | PROT_EXEC, 7);
	/* XNU masks other bits off: so do we, and no Linux-only bit leaks */
	KUNIT_EXPECT_EQ(test, xnu_prot_to_linux(0x20 | 0x1, &out), 0);
	KUNIT_EXPECT_EQ(test, out, (u32)PROT_READ);
	KUNIT_EXPECT_EQ(test, xnu_prot_to_linux(PROT_GROWSDOWN | 0x8 | 0x3,
						&out), 0);
	KUNIT_EXPECT_EQ(test, out, (u32)(PROT_READ | PROT_WRITE));
}

static struct kunit_case xnu_errno_cases[] = {
	KUNIT_CASE(errno_table_complete),
	KUNIT_CASE(errno_identity_below_35),
	KUNIT_CASE(errno_specific_values),
	KUNIT_CASE(errno_kernel_internal),
	KUNIT_CASE(errno_out_of_range),
	KUNIT_CASE(errno_names),
	{}
};

static struct kunit_suite xnu_errno_suite = {
	.name = "xnu_errno",
	.test_cases = xnu_errno_cases,
};

static struct kunit_case xnu_flags_cases[] = {
	KUNIT_CASE(open_access_modes),
	KUNIT_CASE(open_each_bit),
	KUNIT_CASE(open_combined),
	KUNIT_CASE(open_refused_and_ignored),
	KUNIT_CASE(at_fdcwd),
	KUNIT_CASE(mmap_flags),
	KUNIT_CASE(mmap_anon_and_jit),
	KUNIT_CASE(prot_values),
	{}
};

static struct kunit_suite xnu_flags_suite = {
	.name = "xnu_flags",
	.test_cases = xnu_flags_cases,
};

kunit_oot_test_suites(&xnu_errno_suite, &xnu_flags_suite);

MODULE_DESCRIPTION("KUnit tests for binfmt_macho errno and flag translation");
MODULE_LICENSE("GPL");
