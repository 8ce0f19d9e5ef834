// SPDX-License-Identifier: GPL-2.0
/*
 * Argument fixes for calls that run as Linux syscalls: rewrite registers
 * holding BSD flag values into Linux ones. They run in the sys_enter
 * probe, so they only touch registers. A call restarted after a signal is
 * not fixed again (its registers are already in Linux form).
 */
#include <linux/mm.h>
#include <linux/ptrace.h>
#include <asm/prctl.h>

#include "xnu_flags.h"
#include "xnu_handlers.h"

/* open(path, flags, mode) */
int xnu_fix_open(struct pt_regs *regs)
{
	u32 flags;
	int err = xnu_open_flags_to_linux((u32)regs->si, &flags);

	if (!err)
		regs->si = flags;
	return err;
}

/* openat(fd, path, flags, mode) */
int xnu_fix_openat(struct pt_regs *regs)
{
	u32 flags;
	int err = xnu_open_flags_to_linux((u32)regs->dx, &flags);

	if (err)
		return err;
	regs->di = (unsigned long)(long)xnu_at_fd_to_linux((s32)regs->di);
	regs->dx = flags;
	return 0;
}

/* mmap(addr, len, prot, flags, fd, pos) */
int xnu_fix_mmap(struct pt_regs *regs)
{
	u32 prot, flags;
	int err;

	err = xnu_prot_to_linux((u32)regs->dx, &prot);
	if (err)
		return err;
	err = xnu_mmap_flags_to_linux((u32)regs->r10, &flags);
	if (err)
		return err;
	regs->dx = prot;
	regs->r10 = flags;
	return 0;
}

/* mprotect(addr, len, prot) */
int xnu_fix_mprotect(struct pt_regs *regs)
{
	u32 prot;
	int err = xnu_prot_to_linux((u32)regs->dx, &prot);

	if (!err)
		regs->dx = prot;
	return err;
}

/*
 * thread_set_tsd_base(base) -> arch_prctl(ARCH_SET_GS, base): libSystem
 * keeps its thread-specific data at %gs. Like XNU, a non-canonical base
 * silently becomes 0 instead of failing.
 */
int xnu_fix_set_tsd_base(struct pt_regs *regs)
{
	unsigned long base = regs->di;

	if (base >= TASK_SIZE_MAX)
		base = 0;
	regs->di = ARCH_SET_GS;
	regs->si = base;
	return 0;
}
