/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XNU system call table: one declarative description
 * (xnu_syscalls.tbl) from which dispatch (xnu_table.c), diagnostics (the
 * ENOSYS log line) and docs/syscalls.md (scripts/gen-syscalls-doc.sh) are
 * all generated, so what is implemented is always visible and true.
 *
 * xnu_syscalls.tbl is a list of X-macro lines, one per call:
 *
 *   XNU_BSD (nr, name, nargs, "C prototype arguments", how)
 *   XNU_MACH(nr, name, nargs, "C prototype arguments", how)   rax = 0x1000000 | nr
 *                  (syscall_sw.h lists the trap numbers negated)
 *   XNU_MDEP(nr, name, nargs, "C prototype arguments", how)
 *
 * where how is one of:
 *   UNIMPL                   known to XNU, not implemented: ENOSYS + log
 *   RENUMBER(linux_nr, fix)  run Linux syscall linux_nr; fix (or NULL)
 *                            rewrites the argument registers in the probe
 *                            (no sleeping, no user memory) and returns 0
 *                            or a negative errno that fails the call
 *   PROBE(fn)                fn(regs) runs in the probe and returns the
 *                            result (no sleeping, no user memory)
 *   SLEEP(fn)                fn(regs) runs as the syscall itself, in
 *                            process context (may sleep and fault)
 *
 * Results are Linux style (value or -errno); the sys_exit probe applies
 * the XNU convention of the class (see xnu_return.c).
 */
#ifndef BINFMT_MACHO_XNU_TABLE_H
#define BINFMT_MACHO_XNU_TABLE_H

#include <linux/types.h>

struct pt_regs;

enum xnu_class {
	XNU_CLASS_NONE = 0,	/* a Linux number */
	XNU_CLASS_MACH = 1,
	XNU_CLASS_BSD = 2,
	XNU_CLASS_MDEP = 3,
	XNU_CLASS_DIAG = 4,
};

#define XNU_CLASS_SHIFT		24
#define XNU_CLASS_OF(nr)	((unsigned long)(nr) >> XNU_CLASS_SHIFT)
#define XNU_NUMBER_OF(nr)	((unsigned long)(nr) & 0xffffffUL)
#define XNU_SYSCALL_NR(cls, n)	(((unsigned long)(cls) << XNU_CLASS_SHIFT) | (n))

enum xnu_how {
	XNU_UNIMPL = 0,
	XNU_RENUMBER,
	XNU_PROBE,
	XNU_SLEEP,
};

typedef int (*xnu_fix_fn)(struct pt_regs *regs);
typedef long (*xnu_handler_fn)(struct pt_regs *regs);

struct xnu_syscall {
	const char *name;	/* NULL: no such call in XNU */
	const char *args;	/* prototype arguments, for logs and docs */
	u8 nargs;
	u8 how;			/* enum xnu_how */
	u16 linux_nr;		/* XNU_RENUMBER */
	union {
		xnu_fix_fn fix;		/* XNU_RENUMBER (may be NULL) */
		xnu_handler_fn handler;	/* XNU_PROBE, XNU_SLEEP */
	};
};

/* Highest number + 1 of each class's table. */
#define XNU_BSD_MAX	576
#define XNU_MACH_MAX	128
#define XNU_MDEP_MAX	8

/* The entry for a full XNU syscall number (class and number), or NULL. */
const struct xnu_syscall *xnu_syscall_lookup(unsigned long nr);

/* "BSD", "Mach", "machdep", "diag" or "Linux" for log lines. */
const char *xnu_class_name(unsigned long cls);

#endif /* BINFMT_MACHO_XNU_TABLE_H */
