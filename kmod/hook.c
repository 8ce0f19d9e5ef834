// SPDX-License-Identifier: GPL-2.0
/*
 * Hooking the system call path of Mach-O tasks with exported APIs only
 * (see docs/ARCHITECTURE.md for the measurements behind the choice):
 *
 *  - the sys_enter and sys_exit tracepoints (found with
 *    for_each_kernel_tracepoint(), as Falco does): the entry code re-reads
 *    the syscall number after sys_enter, so the probe can renumber an XNU
 *    call to a Linux one, or skip it with -1 and a result;
 *  - an ftrace_ops with IPMODIFY on the entry of the host syscall
 *    (XNU_HOST_SYMBOL): the probe renumbers calls whose handler must sleep
 *    or touch user memory to it, and the ftrace callback redirects Mach-O
 *    tasks to xnu_sleepable_dispatch(), which runs as the syscall itself.
 *
 * Order: the ftrace hook before the probes (a renumbered call must never
 * reach the real host syscall), and the reverse on the way out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "binfmt_macho.h"
#include "xnu_syscall.h"

#ifndef ftrace_regs_set_instruction_pointer	/* renamed in 6.6 */
#define ftrace_regs_set_instruction_pointer(fregs, ip) \
	ftrace_instruction_pointer_set(fregs, ip)
#endif

static struct tracepoint *tp_sys_enter, *tp_sys_exit;

/*
 * Runs in the ftrace trampoline on every call of the host syscall: a leaf
 * that only reads current's registers, so it can neither sleep nor recurse.
 */
static void notrace xnu_ftrace_redirect(unsigned long ip,
					unsigned long parent_ip,
					struct ftrace_ops *op,
					struct ftrace_regs *fregs)
{
	unsigned long target = (unsigned long)xnu_sleepable_dispatch;

	if (xnu_wants_sleepable(task_pt_regs(current)))
		ftrace_regs_set_instruction_pointer(fregs, target);
}

/*
 * PERMANENT: with ftrace disabled by sysctl a renumbered call would run the
 * real getsid() instead of its handler, so refuse that sysctl while loaded.
 */
static struct ftrace_ops xnu_ftrace_ops = {
	.func = xnu_ftrace_redirect,
	.flags = FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT
#ifndef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
		 | FTRACE_OPS_FL_SAVE_REGS
#endif
		 ,
};

static void find_syscall_tracepoints(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sys_enter"))
		tp_sys_enter = tp;
	else if (!strcmp(tp->name, "sys_exit"))
		tp_sys_exit = tp;
}

static int xnu_ftrace_init(void)
{
	static unsigned char host[] = XNU_HOST_SYMBOL;
	int ret;

	/* An empty filter would trace every function: never register one. */
	ret = ftrace_set_filter(&xnu_ftrace_ops, host, strlen(host), 1);
	if (ret) {
		pr_err("cannot hook %s (%d): is ftrace available?\n", host, ret);
		return ret;
	}
	ret = register_ftrace_function(&xnu_ftrace_ops);
	if (ret) {
		pr_err("cannot hook %s (%d): already modified by a livepatch or another module?\n",
		       host, ret);
		ftrace_free_filter(&xnu_ftrace_ops);
	}
	return ret;
}

static void xnu_ftrace_exit(void)
{
	unregister_ftrace_function(&xnu_ftrace_ops);
	ftrace_free_filter(&xnu_ftrace_ops);
}

int macho_hook_init(void)
{
	int ret;

	for_each_kernel_tracepoint(find_syscall_tracepoints, NULL);
	if (!tp_sys_enter || !tp_sys_exit) {
		pr_err("kernel has no sys_enter/sys_exit tracepoints (CONFIG_FTRACE_SYSCALLS)\n");
		return -ENOENT;
	}
	ret = xnu_ftrace_init();
	if (ret)
		return ret;
	ret = tracepoint_probe_register(tp_sys_enter, xnu_sys_enter, NULL);
	if (ret)
		goto err_ftrace;
	ret = tracepoint_probe_register(tp_sys_exit, xnu_sys_exit, NULL);
	if (ret)
		goto err_enter;
	return 0;

err_enter:
	tracepoint_probe_unregister(tp_sys_enter, xnu_sys_enter, NULL);
	tracepoint_synchronize_unregister();
err_ftrace:
	xnu_ftrace_exit();
	return ret;
}

void macho_hook_exit(void)
{
	tracepoint_probe_unregister(tp_sys_exit, xnu_sys_exit, NULL);
	tracepoint_probe_unregister(tp_sys_enter, xnu_sys_enter, NULL);
	tracepoint_synchronize_unregister();
	xnu_ftrace_exit();
}
