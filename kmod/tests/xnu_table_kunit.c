// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for xnu_syscalls.tbl itself: expanded here with macros of
 * our own that record every column (handler names as strings), so the
 * table's shape and the facts in it are checked without the module's
 * handlers or dispatch code.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/unistd.h>
#include <kunit/test.h>

#include "kunit_oot.h"
#include "xnu_table.h"

struct tbl_row {
	int cls;
	int nr;
	const char *name;
	int nargs;
	const char *args;
	int how;
	int linux_nr;
	const char *fn;		/* fix or handler, "NULL" for none */
};

#define UNIMPL			.how = XNU_UNIMPL, .linux_nr = -1, .fn = "NULL"
#define RENUMBER(lnr, fix)	.how = XNU_RENUMBER, .linux_nr = (lnr), .fn = #fix
#define PROBE(f)		.how = XNU_PROBE, .linux_nr = -1, .fn = #f
#define SLEEP(f)		.how = XNU_SLEEP, .linux_nr = -1, .fn = #f
#define XNU_ROW(c, n, nm, na, proto) \
	.cls = (c), .nr = (n), .name = #nm, .nargs = (na), .args = (proto)
#define XNU_MACH(n, nm, na, proto, how) \
	{ XNU_ROW(XNU_CLASS_MACH, n, nm, na, proto), how },
#define XNU_BSD(n, nm, na, proto, how) \
	{ XNU_ROW(XNU_CLASS_BSD, n, nm, na, proto), how },
#define XNU_MDEP(n, nm, na, proto, how) \
	{ XNU_ROW(XNU_CLASS_MDEP, n, nm, na, proto), how },

static const struct tbl_row rows[] = {
#include "xnu_syscalls.tbl"
};

static const struct tbl_row *find(int cls, int nr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		if (rows[i].cls == cls && rows[i].nr == nr)
			return &rows[i];
	return NULL;
}

static int class_max(int cls)
{
	switch (cls) {
	case XNU_CLASS_MACH:
		return XNU_MACH_MAX;
	case XNU_CLASS_BSD:
		return XNU_BSD_MAX;
	case XNU_CLASS_MDEP:
		return XNU_MDEP_MAX;
	default:
		return 0;
	}
}

static void tbl_sorted_unique(struct kunit *test)
{
	size_t i;

	KUNIT_ASSERT_GT(test, ARRAY_SIZE(rows), 0UL);
	KUNIT_EXPECT_EQ(test, rows[0].cls, XNU_CLASS_MACH);
	for (i = 1; i < ARRAY_SIZE(rows); i++) {
		const struct tbl_row *a = &rows[i - 1], *b = &rows[i];

		/* classes in rax order, numbers strictly rising in a class */
		KUNIT_EXPECT_TRUE_MSG(test, a->cls < b->cls ||
				      (a->cls == b->cls && a->nr < b->nr),
				      "%s (%d/%d) before %s (%d/%d)", a->name,
				      a->cls, a->nr, b->name, b->cls, b->nr);
	}
}

static void tbl_in_range(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct tbl_row *r = &rows[i];

		KUNIT_EXPECT_GT_MSG(test, class_max(r->cls), 0, "%s", r->name);
		KUNIT_EXPECT_GE_MSG(test, r->nr, 0, "%s", r->name);
		KUNIT_EXPECT_LT_MSG(test, r->nr, class_max(r->cls), "%s",
				    r->name);
		/* BSD calls pass at most 8 arguments (6 in registers) */
		KUNIT_EXPECT_GE_MSG(test, r->nargs, 0, "%s", r->name);
		KUNIT_EXPECT_LE_MSG(test, r->nargs,
				    r->cls == XNU_CLASS_BSD ? 8 : 9, "%s",
				    r->name);
	}
}

static void tbl_names_unique(struct kunit *test)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		KUNIT_EXPECT_GT_MSG(test, strlen(rows[i].name), 0UL,
				    "%d/%d", rows[i].cls, rows[i].nr);
		for (j = i + 1; j < ARRAY_SIZE(rows); j++)
			KUNIT_EXPECT_STRNEQ_MSG(test, rows[i].name,
						rows[j].name, "%d/%d and %d/%d",
						rows[i].cls, rows[i].nr,
						rows[j].cls, rows[j].nr);
	}
}

/* nargs is the number of arguments in the prototype string */
static void tbl_nargs_match_prototype(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const struct tbl_row *r = &rows[i];
		const char *p;
		int n;

		if (!strcmp(r->args, "void")) {
			n = 0;
		} else {
			n = *r->args ? 1 : 0;
			for (p = r->args; *p; p++)
				n += *p == ',';
		}
		KUNIT_EXPECT_EQ_MSG(test, r->nargs, n, "%s(%s)", r->name,
				    r->args);
	}
}

static void tbl_counts(struct kunit *test)
{
	int per_class[XNU_CLASS_DIAG + 1] = { 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		per_class[rows[i].cls]++;
	kunit_info(test, "Mach %d, BSD %d, machdep %d entries",
		   per_class[XNU_CLASS_MACH], per_class[XNU_CLASS_BSD],
		   per_class[XNU_CLASS_MDEP]);
	KUNIT_EXPECT_GE(test, per_class[XNU_CLASS_BSD], 400);
	KUNIT_EXPECT_GE(test, per_class[XNU_CLASS_MACH], 50);
	KUNIT_EXPECT_GE(test, per_class[XNU_CLASS_MDEP], 1);
	KUNIT_EXPECT_EQ(test, per_class[XNU_CLASS_NONE], 0);
	KUNIT_EXPECT_EQ(test, per_class[XNU_CLASS_DIAG], 0);
}

static void tbl_well_known_names(struct kunit *test)
{
	static const struct { int cls, nr; const char *name; } known[] = {
		{ XNU_CLASS_BSD, 1, "exit" }, { XNU_CLASS_BSD, 2, "fork" },
		{ XNU_CLASS_BSD, 3, "read" }, { XNU_CLASS_BSD, 4, "write" },
		{ XNU_CLASS_BSD, 5, "open" }, { XNU_CLASS_BSD, 6, "close" },
		{ XNU_CLASS_BSD, 59, "execve" },
		{ XNU_CLASS_BSD, 202, "sysctl" },
		{ XNU_CLASS_BSD, 360, "bsdthread_create" },
		{ XNU_CLASS_BSD, 366, "bsdthread_register" },
		{ XNU_CLASS_BSD, 372, "thread_selfid" },
		{ XNU_CLASS_BSD, 500, "getentropy" },
		{ XNU_CLASS_BSD, 515, "ulock_wait" },
		{ XNU_CLASS_MACH, 26, "mach_reply_port" },
		{ XNU_CLASS_MACH, 28, "task_self_trap" },
		{ XNU_CLASS_MACH, 31, "mach_msg_trap" },
		{ XNU_CLASS_MACH, 89, "mach_timebase_info_trap" },
		{ XNU_CLASS_MDEP, 3, "thread_set_tsd_base" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		const struct tbl_row *r = find(known[i].cls, known[i].nr);

		KUNIT_EXPECT_NOT_NULL_MSG(test, r, "%s", known[i].name);
		if (r)
			KUNIT_EXPECT_STREQ(test, r->name, known[i].name);
	}
}

/* obsolete numbers have no line: they are ENOSYS without a name */
static void tbl_holes(struct kunit *test)
{
	static const int bsd_holes[] = { 0, 8, 11, 17, 19, 40, 62, 63, 64 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bsd_holes); i++)
		KUNIT_EXPECT_NULL_MSG(test, find(XNU_CLASS_BSD, bsd_holes[i]),
				      "BSD %d", bsd_holes[i]);
	KUNIT_EXPECT_NULL(test, find(XNU_CLASS_MACH, 30));
	KUNIT_EXPECT_NULL(test, find(XNU_CLASS_MDEP, 2));
}

#define SLICE(c, n, nm, h, lnr, f) { XNU_CLASS_##c, n, nm, XNU_##h, lnr, f }

/* The first implemented slice, as promised to the lead's handlers. */
static void tbl_first_slice(struct kunit *test)
{
	static const struct {
		int cls, nr;
		const char *name;
		int how, linux_nr;
		const char *fn;
	} slice[] = {
		SLICE(BSD, 1, "exit", RENUMBER, __NR_exit_group, "NULL"),
		SLICE(BSD, 3, "read", RENUMBER, __NR_read, "NULL"),
		SLICE(BSD, 4, "write", RENUMBER, __NR_write, "NULL"),
		SLICE(BSD, 5, "open", RENUMBER, __NR_open, "xnu_fix_open"),
		SLICE(BSD, 6, "close", RENUMBER, __NR_close, "NULL"),
		SLICE(BSD, 20, "getpid", RENUMBER, __NR_getpid, "NULL"),
		SLICE(BSD, 24, "getuid", RENUMBER, __NR_getuid, "NULL"),
		SLICE(BSD, 25, "geteuid", RENUMBER, __NR_geteuid, "NULL"),
		SLICE(BSD, 39, "getppid", RENUMBER, __NR_getppid, "NULL"),
		SLICE(BSD, 43, "getegid", RENUMBER, __NR_getegid, "NULL"),
		SLICE(BSD, 47, "getgid", RENUMBER, __NR_getgid, "NULL"),
		SLICE(BSD, 73, "munmap", RENUMBER, __NR_munmap, "NULL"),
		SLICE(BSD, 74, "mprotect", RENUMBER, __NR_mprotect,
		      "xnu_fix_mprotect"),
		SLICE(BSD, 116, "gettimeofday", SLEEP, -1,
		      "xnu_sys_gettimeofday"),
		SLICE(BSD, 197, "mmap", RENUMBER, __NR_mmap, "xnu_fix_mmap"),
		SLICE(BSD, 199, "lseek", RENUMBER, __NR_lseek, "NULL"),
		SLICE(BSD, 327, "issetugid", PROBE, -1, "xnu_sys_issetugid"),
		SLICE(BSD, 338, "stat64", SLEEP, -1, "xnu_sys_stat64"),
		SLICE(BSD, 339, "fstat64", SLEEP, -1, "xnu_sys_fstat64"),
		SLICE(BSD, 340, "lstat64", SLEEP, -1, "xnu_sys_lstat64"),
		SLICE(BSD, 372, "thread_selfid", RENUMBER, __NR_gettid, "NULL"),
		SLICE(BSD, 396, "read_nocancel", RENUMBER, __NR_read, "NULL"),
		SLICE(BSD, 397, "write_nocancel", RENUMBER, __NR_write, "NULL"),
		SLICE(BSD, 398, "open_nocancel", RENUMBER, __NR_open,
		      "xnu_fix_open"),
		SLICE(BSD, 399, "close_nocancel", RENUMBER, __NR_close, "NULL"),
		SLICE(BSD, 463, "openat", RENUMBER, __NR_openat,
		      "xnu_fix_openat"),
		SLICE(BSD, 500, "getentropy", SLEEP, -1, "xnu_sys_getentropy"),
		SLICE(MACH, 89, "mach_timebase_info_trap", SLEEP, -1,
		      "xnu_mach_timebase_info"),
		SLICE(MDEP, 3, "thread_set_tsd_base", RENUMBER, __NR_arch_prctl,
		      "xnu_fix_set_tsd_base"),
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(slice); i++) {
		const struct tbl_row *r = find(slice[i].cls, slice[i].nr);

		KUNIT_EXPECT_NOT_NULL_MSG(test, r, "%s", slice[i].name);
		if (!r)
			continue;
		KUNIT_EXPECT_STREQ(test, r->name, slice[i].name);
		KUNIT_EXPECT_EQ_MSG(test, r->how, slice[i].how, "%s", r->name);
		KUNIT_EXPECT_EQ_MSG(test, r->linux_nr, slice[i].linux_nr, "%s",
				    r->name);
		KUNIT_EXPECT_STREQ_MSG(test, r->fn, slice[i].fn, "%s", r->name);
	}
}

/* arguments the first slice's fixes rewrite are where they expect */
static const struct tbl_row *get(struct kunit *test, int cls, int nr)
{
	const struct tbl_row *r = find(cls, nr);

	KUNIT_ASSERT_NOT_NULL_MSG(test, r, "%d/%d", cls, nr);
	return r;
}

static void tbl_slice_prototypes(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, get(test, XNU_CLASS_BSD, 5)->args,
			   "user_addr_t path, int flags, int mode");
	KUNIT_EXPECT_STREQ(test, get(test, XNU_CLASS_BSD, 463)->args,
			   "int fd, user_addr_t path, int flags, int mode");
	KUNIT_EXPECT_STREQ(test, get(test, XNU_CLASS_BSD, 197)->args,
			   "caddr_ut addr, size_ut len, int prot, int flags, int fd, off_t pos");
	KUNIT_EXPECT_EQ(test, get(test, XNU_CLASS_BSD, 74)->nargs, 3);
	KUNIT_EXPECT_EQ(test, get(test, XNU_CLASS_MACH, 31)->nargs, 7);
	KUNIT_EXPECT_EQ(test, get(test, XNU_CLASS_MDEP, 3)->nargs, 1);
}

static struct kunit_case xnu_table_cases[] = {
	KUNIT_CASE(tbl_sorted_unique),
	KUNIT_CASE(tbl_in_range),
	KUNIT_CASE(tbl_names_unique),
	KUNIT_CASE(tbl_nargs_match_prototype),
	KUNIT_CASE(tbl_counts),
	KUNIT_CASE(tbl_well_known_names),
	KUNIT_CASE(tbl_holes),
	KUNIT_CASE(tbl_first_slice),
	KUNIT_CASE(tbl_slice_prototypes),
	{}
};

static struct kunit_suite xnu_table_suite = {
	.name = "xnu_table",
	.test_cases = xnu_table_cases,
};

kunit_oot_test_suites(&xnu_table_suite);

MODULE_DESCRIPTION("KUnit tests for the binfmt_macho XNU syscall table");
MODULE_LICENSE("GPL");
