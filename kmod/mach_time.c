// SPDX-License-Identifier: GPL-2.0
/* Mach time traps */
#include <linux/ptrace.h>
#include <linux/uaccess.h>

#include "mach_errors.h"
#include "xnu_handlers.h"

/* XNU's mach_timebase_info_data_t: a fraction converting ticks to ns */
struct mach_timebase_info {
	u32 numerator;
	u32 denominator;
};

/*
 * mach_timebase_info_trap(info): absolute time is in nanoseconds (the
 * commpage time base), so the ratio is 1/1 as on Intel Macs. (XNU ignores
 * a failing copyout here; reporting it costs nothing and helps debugging.)
 */
long xnu_mach_timebase_info(struct pt_regs *regs)
{
	static const struct mach_timebase_info info = { 1, 1 };

	if (copy_to_user((void __user *)regs->di, &info, sizeof(info)))
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}
