// SPDX-License-Identifier: GPL-2.0
/* gettimeofday, getentropy, issetugid */
#include <linux/ptrace.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/time.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "xnu_handlers.h"

/* XNU's 64-bit struct timeval: long tv_sec, int tv_usec, 4 bytes padding */
struct xnu_timeval {
	s64 tv_sec;
	s32 tv_usec;
	s32 __pad;
};

struct xnu_timezone {
	s32 tz_minuteswest;
	s32 tz_dsttime;
};

/*
 * gettimeofday(tp, tzp, mach_absolute_time): fills the non-NULL ones and
 * returns 0. The third value is the time base the commpage publishes
 * (CLOCK_MONOTONIC nanoseconds), taken as close to tp as we can.
 */
long xnu_sys_gettimeofday(struct pt_regs *regs)
{
	void __user *utp = (void __user *)regs->di;
	void __user *utz = (void __user *)regs->si;
	u64 __user *uabs = (u64 __user *)regs->dx;
	struct timespec64 now;
	u64 abs_time;

	ktime_get_real_ts64(&now);
	abs_time = ktime_get_ns();
	if (utp) {
		struct xnu_timeval tv = {
			.tv_sec = now.tv_sec,
			.tv_usec = now.tv_nsec / NSEC_PER_USEC,
		};

		if (copy_to_user(utp, &tv, sizeof(tv)))
			return -EFAULT;
	}
	if (utz) {
		struct xnu_timezone tz = {
			.tz_minuteswest = sys_tz.tz_minuteswest,
			.tz_dsttime = sys_tz.tz_dsttime,
		};

		if (copy_to_user(utz, &tz, sizeof(tz)))
			return -EFAULT;
	}
	if (uabs && put_user(abs_time, uabs))
		return -EFAULT;
	return 0;
}

#define XNU_GETENTROPY_MAX	256

/* getentropy(buf, size): at most 256 bytes, all or nothing */
long xnu_sys_getentropy(struct pt_regs *regs)
{
	u8 buf[XNU_GETENTROPY_MAX];
	size_t size = regs->si;
	long ret = 0;

	if (size > XNU_GETENTROPY_MAX)
		return -EINVAL;
	get_random_bytes(buf, size);
	if (copy_to_user((void __user *)regs->di, buf, size))
		ret = -EFAULT;
	memzero_explicit(buf, sizeof(buf));
	return ret;
}

/*
 * issetugid(): XNU answers 1 for a process that exec'd set-id or changed
 * its credentials since (P_SUGID). Linux tracks exactly that as the mm's
 * dumpability, which exec and commit_creds() drop for such processes.
 */
long xnu_sys_issetugid(struct pt_regs *regs)
{
	return get_dumpable(current->mm) != SUID_DUMP_USER;
}
