// SPDX-License-Identifier: GPL-2.0
/*
 * Dispatch tables generated from xnu_syscalls.tbl (format: xnu_table.h),
 * indexed by the number within each class.
 */
#include <linux/kernel.h>
#include <linux/nospec.h>
#include <asm/unistd.h>

#include "xnu_handlers.h"
#include "xnu_table.h"

#define UNIMPL			.how = XNU_UNIMPL
#define RENUMBER(nr, fn)	.how = XNU_RENUMBER, .linux_nr = (nr), .fix = (fn)
#define PROBE(fn)		.how = XNU_PROBE, .handler = (fn)
#define SLEEP(fn)		.how = XNU_SLEEP, .handler = (fn)
#define XNU_ENTRY(nr, nm, na, proto, how) \
	[nr] = { .name = #nm, .args = proto, .nargs = (na), how },
#define XNU_IGNORE(...)

static const struct xnu_syscall xnu_bsd_table[XNU_BSD_MAX] = {
#define XNU_BSD		XNU_ENTRY
#define XNU_MACH	XNU_IGNORE
#define XNU_MDEP	XNU_IGNORE
#include "xnu_syscalls.tbl"
#undef XNU_BSD
#undef XNU_MACH
#undef XNU_MDEP
};

static const struct xnu_syscall xnu_mach_table[XNU_MACH_MAX] = {
#define XNU_BSD		XNU_IGNORE
#define XNU_MACH	XNU_ENTRY
#define XNU_MDEP	XNU_IGNORE
#include "xnu_syscalls.tbl"
#undef XNU_BSD
#undef XNU_MACH
#undef XNU_MDEP
};

static const struct xnu_syscall xnu_mdep_table[XNU_MDEP_MAX] = {
#define XNU_BSD		XNU_IGNORE
#define XNU_MACH	XNU_IGNORE
#define XNU_MDEP	XNU_ENTRY
#include "xnu_syscalls.tbl"
#undef XNU_BSD
#undef XNU_MACH
#undef XNU_MDEP
};

static const struct xnu_syscall *table_entry(const struct xnu_syscall *table,
					     unsigned long size,
					     unsigned long n)
{
	if (n >= size)
		return NULL;
	n = array_index_nospec(n, size);
	return table[n].name ? &table[n] : NULL;
}

const struct xnu_syscall *xnu_syscall_lookup(unsigned long nr)
{
	unsigned long n = XNU_NUMBER_OF(nr);

	if (nr >> 32)
		return NULL;
	switch (XNU_CLASS_OF(nr)) {
	case XNU_CLASS_BSD:
		return table_entry(xnu_bsd_table, XNU_BSD_MAX, n);
	case XNU_CLASS_MACH:
		return table_entry(xnu_mach_table, XNU_MACH_MAX, n);
	case XNU_CLASS_MDEP:
		return table_entry(xnu_mdep_table, XNU_MDEP_MAX, n);
	default:
		return NULL;
	}
}

const char *xnu_class_name(unsigned long cls)
{
	switch (cls) {
	case XNU_CLASS_MACH:
		return "Mach";
	case XNU_CLASS_BSD:
		return "BSD";
	case XNU_CLASS_MDEP:
		return "machdep";
	case XNU_CLASS_DIAG:
		return "diag";
	default:
		return "Linux";
	}
}
