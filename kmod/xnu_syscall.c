// SPDX-License-Identifier: GPL-2.0
/*
 * The XNU system call personality of Mach-O tasks.
 *
 * sys_enter probe (preemption disabled: no sleeping, no user memory):
 *   - RENUMBER: fix the argument registers, then let the Linux syscall run.
 *     The number becomes XNU_MARK(class) | linux_nr: the kernel dispatches
 *     on the low 32 bits only, and the mark in the high bits tells sys_exit
 *     which return convention applies - and survives a signal restart,
 *     which re-issues orig_ax as the call.
 *   - PROBE: run the handler here and skip the call (orig_ax = -1).
 *   - SLEEP: stash the XNU number in ax and renumber to XNU_HOST_NR; the
 *     ftrace hook (hook.c) sends the call to xnu_sleepable_dispatch().
 *   - anything else (unknown, unimplemented, a Linux number, int $0x80):
 *     fail it with ENOSYS the XNU way and log it once (rate-limited).
 *
 * sys_exit probe: apply XNU's return convention, except to -ERESTART*,
 * which belong to the signal code (it restarts or turns them into EINTR).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <asm/processor-flags.h>
#include <asm/syscall.h>

#include "binfmt_macho.h"
#include "mach_errors.h"
#include "xnu_errno.h"
#include "xnu_syscall.h"
#include "xnu_table.h"

#define XNU_MARK_MAGIC		0x584e55ULL	/* "XNU" */
#define XNU_MARK(cls)		((XNU_MARK_MAGIC << 40) | ((u64)(cls) << 32))
#define XNU_MARK_CLASS(v)	(((v) >> 32) & 0xff)
#define XNU_BSD_ENOSYS		78

static bool xnu_is_marked(u64 nr)
{
	return (nr >> 40) == XNU_MARK_MAGIC;
}

/* An XNU number: class in bits 24-31, nothing above. */
static bool xnu_is_xnu_number(u64 nr)
{
	return !(nr >> 32) && XNU_CLASS_OF(nr) != XNU_CLASS_NONE;
}

static bool xnu_is_restart(long ret)
{
	return ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK;
}

/*
 * Keep the SYSRET fast path: the syscall instruction already clobbered r11
 * with rflags, and the exit path only uses SYSRET while r11 == flags.
 */
static void xnu_set_carry(struct pt_regs *regs, bool carry)
{
	if (carry)
		regs->flags |= X86_EFLAGS_CF;
	else
		regs->flags &= ~X86_EFLAGS_CF;
	regs->r11 = regs->flags;
}

static long mach_error_from_linux(long err)
{
	switch (err) {
	case -EFAULT:
		return KERN_INVALID_ADDRESS;
	case -ENOMEM:
		return KERN_RESOURCE_SHORTAGE;
	case -EINVAL:
		return KERN_INVALID_ARGUMENT;
	case -EPERM:
	case -EACCES:
		return KERN_NO_ACCESS;
	default:
		return KERN_FAILURE;
	}
}

/*
 * Store the Linux-style result @ret (value or -errno) in XNU form:
 * BSD calls set CF and a positive BSD errno on error and clear CF on
 * success; Mach traps and machine-dependent calls return a kern_return_t
 * and leave CF alone.
 */
static void xnu_set_result(struct pt_regs *regs, unsigned long cls, long ret)
{
	bool failed = IS_ERR_VALUE(ret);

	switch (cls) {
	case XNU_CLASS_MACH:
	case XNU_CLASS_MDEP:
		regs->ax = failed ? mach_error_from_linux(ret) : ret;
		break;
	default:
		regs->ax = failed ? xnu_errno_from_linux((int)-ret) : ret;
		xnu_set_carry(regs, failed);
		break;
	}
}

/* Fail the call without running anything. */
static void xnu_skip(struct pt_regs *regs, unsigned long cls, long ret)
{
	regs->orig_ax = -1;
	xnu_set_result(regs, cls, ret);
}

static void xnu_report_unimplemented(const struct pt_regs *regs, u64 nr,
				     const struct xnu_syscall *sc)
{
	unsigned long cls = xnu_is_xnu_number(nr) ? XNU_CLASS_OF(nr) : 0;

	pr_warn_ratelimited("%s[%d]: unimplemented %s syscall %#llx (%s) args %#lx %#lx %#lx %#lx %#lx %#lx at rip %#lx: ENOSYS\n",
			    current->comm, task_pid_nr(current),
			    in_ia32_syscall() ? "int80" : xnu_class_name(cls),
			    nr, sc ? sc->name : "unknown", regs->di, regs->si,
			    regs->dx, regs->r10, regs->r8, regs->r9,
			    regs->ip);
}

static void xnu_fail_nosys(struct pt_regs *regs, u64 nr,
			   const struct xnu_syscall *sc)
{
	unsigned long cls = xnu_is_xnu_number(nr) ? XNU_CLASS_OF(nr) : 0;

	xnu_report_unimplemented(regs, nr, sc);
	regs->orig_ax = -1;
	if (cls == XNU_CLASS_MACH || cls == XNU_CLASS_MDEP) {
		regs->ax = KERN_INVALID_ARGUMENT;
	} else {
		regs->ax = XNU_BSD_ENOSYS;
		xnu_set_carry(regs, true);
	}
}

void xnu_sys_enter(void *data, struct pt_regs *regs, long id)
{
	const struct xnu_syscall *sc;
	u64 nr;
	int err;

	if (likely(!current_is_macho()))
		return;
	nr = regs->orig_ax;
	if (unlikely(in_ia32_syscall())) {
		xnu_fail_nosys(regs, nr, NULL);
		return;
	}
	/* A renumbered call restarted by the signal code: run it again. */
	if (xnu_is_marked(nr))
		return;
	/*
	 * -ERESTART_RESTARTBLOCK restarts as restart_syscall(); all calls
	 * that can return it are BSD ones.
	 */
	if (nr == __NR_restart_syscall) {
		regs->orig_ax = XNU_MARK(XNU_CLASS_BSD) | nr;
		return;
	}

	sc = xnu_is_xnu_number(nr) ? xnu_syscall_lookup(nr) : NULL;
	switch (sc ? sc->how : XNU_UNIMPL) {
	case XNU_RENUMBER:
		err = sc->fix ? sc->fix(regs) : 0;
		if (err)
			xnu_skip(regs, XNU_CLASS_OF(nr), err);
		else
			regs->orig_ax = XNU_MARK(XNU_CLASS_OF(nr)) | sc->linux_nr;
		break;
	case XNU_PROBE:
		xnu_skip(regs, XNU_CLASS_OF(nr), sc->handler(regs));
		break;
	case XNU_SLEEP:
		regs->ax = nr;
		regs->orig_ax = XNU_HOST_NR;
		break;
	default:
		xnu_fail_nosys(regs, nr, sc);
		break;
	}
}

void xnu_sys_exit(void *data, struct pt_regs *regs, long ret)
{
	u64 nr;

	if (likely(!current_is_macho()))
		return;
	nr = regs->orig_ax;
	ret = regs->ax;
	if (xnu_is_restart(ret))
		return;
	if (xnu_is_marked(nr))
		xnu_set_result(regs, XNU_MARK_CLASS(nr), ret);
	else if (xnu_is_xnu_number(nr))
		xnu_set_result(regs, XNU_CLASS_OF(nr), ret);
	/* else: skipped (-1), or a Linux exec that just made us a Mach-O */
}

bool xnu_wants_sleepable(const struct pt_regs *regs)
{
	return regs->orig_ax == XNU_HOST_NR && current_is_macho() &&
	       !in_ia32_syscall() && xnu_is_xnu_number(regs->ax);
}

/*
 * The ftrace hook "returns" here instead of into the host syscall, with its
 * arguments: we run as the syscall itself, preemptible, and may sleep,
 * fault on user memory and return -ERESTART* like any syscall.
 */
long xnu_sleepable_dispatch(const struct pt_regs *cregs)
{
	struct pt_regs *regs = (struct pt_regs *)cregs;
	unsigned long nr = regs->ax;
	const struct xnu_syscall *sc = xnu_syscall_lookup(nr);

	/* sys_exit, ptrace and a restart see the XNU number */
	regs->orig_ax = nr;
	/* cannot fail: the probe sends only valid SLEEP calls here */
	if (!sc || sc->how != XNU_SLEEP)
		return -EINVAL;
	return sc->handler(regs);
}
