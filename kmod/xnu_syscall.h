/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The XNU system call personality: what the sys_enter/sys_exit probes and
 * the sleepable dispatcher (xnu_syscall.c) share with the hook setup
 * (hook.c).
 */
#ifndef BINFMT_MACHO_XNU_SYSCALL_H
#define BINFMT_MACHO_XNU_SYSCALL_H

#include <linux/ptrace.h>
#include <asm/unistd.h>

/*
 * The Linux system call a sleepable XNU handler borrows: the sys_enter
 * probe renumbers the call to it (with the XNU number stashed in ax) and
 * an ftrace hook on its entry sends Mach-O tasks to xnu_sleepable_dispatch.
 * getsid() has no side effects should anything ever reach it unredirected.
 */
#define XNU_HOST_NR		__NR_getsid
#define XNU_HOST_SYMBOL		"__x64_sys_getsid"

void xnu_sys_enter(void *data, struct pt_regs *regs, long id);
void xnu_sys_exit(void *data, struct pt_regs *regs, long ret);
long xnu_sleepable_dispatch(const struct pt_regs *regs);

/* True if @regs is a call the ftrace hook must send to the dispatcher. */
bool xnu_wants_sleepable(const struct pt_regs *regs);

#endif /* BINFMT_MACHO_XNU_SYSCALL_H */
