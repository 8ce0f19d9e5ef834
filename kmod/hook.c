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
 *
 * A registered sys_enter/sys_exit probe puts every thread of the system on
 * the slow syscall path, so the probes are registered only while Mach-O
 * tasks may run: a Mach-O exec takes a reference (macho_hooks_get) before
 * the new image can run, each Mach-O mm holds one through its commpage
 * mapping, and the probes go away (from a delayed work item) once the last
 * one has been dropped for probes_linger_ms: registering patches kernel
 * text and flags every thread, which is not something to do for every
 * short-lived Mach-O process. The ftrace hook only costs getsid() callers
 * and stays.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/workqueue.h>
#include <linux/mutex.h>
#include <linux/atomic.h>

#include "binfmt_macho.h"
#include "xnu_syscall.h"

#ifndef ftrace_regs_set_instruction_pointer	/* renamed in 6.6 */
#define ftrace_regs_set_instruction_pointer(fregs, ip) \
	ftrace_instruction_pointer_set(fregs, ip)
#endif

static struct tracepoint *tp_sys_enter, *tp_sys_exit;

static DEFINE_MUTEX(probes_lock);
static bool probes_on;			/* under probes_lock */
static atomic_t probe_users = ATOMIC_INIT(0);
static void probes_idle_work(struct work_struct *work);
static DECLARE_DELAYED_WORK(probes_idle, probes_idle_work);

static unsigned int probes_linger_ms = 10000;
module_param(probes_linger_ms, uint, 0644);
MODULE_PARM_DESC(probes_linger_ms,
		 "How long the syscall probes stay registered after the last Mach-O process exits (ms)");

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

static int probes_register(void)
{
	int ret;

	lockdep_assert_held(&probes_lock);
	if (probes_on)
		return 0;
	ret = tracepoint_probe_register(tp_sys_enter, xnu_sys_enter, NULL);
	if (ret)
		return ret;
	ret = tracepoint_probe_register(tp_sys_exit, xnu_sys_exit, NULL);
	if (ret) {
		tracepoint_probe_unregister(tp_sys_enter, xnu_sys_enter, NULL);
		tracepoint_synchronize_unregister();
		return ret;
	}
	probes_on = true;
	return 0;
}

static void probes_unregister(void)
{
	lockdep_assert_held(&probes_lock);
	if (!probes_on)
		return;
	tracepoint_probe_unregister(tp_sys_exit, xnu_sys_exit, NULL);
	tracepoint_probe_unregister(tp_sys_enter, xnu_sys_enter, NULL);
	tracepoint_synchronize_unregister();
	probes_on = false;
}

static void probes_idle_work(struct work_struct *work)
{
	mutex_lock(&probes_lock);
	if (!atomic_read(&probe_users))
		probes_unregister();
	mutex_unlock(&probes_lock);
}

/* Make sure the probes are on; may sleep. Paired with macho_hooks_put(). */
int macho_hooks_get(void)
{
	int ret;

	atomic_inc(&probe_users);
	mutex_lock(&probes_lock);
	ret = probes_register();
	mutex_unlock(&probes_lock);
	if (ret) {
		pr_err("cannot register the syscall probes (%d)\n", ret);
		macho_hooks_put();
	}
	return ret;
}

/* Another reference while one is held (fork of a Mach-O mm); atomic. */
void macho_hooks_get_more(void)
{
	atomic_inc(&probe_users);
}

/* Drop a reference; atomic context is fine. */
void macho_hooks_put(void)
{
	if (atomic_dec_and_test(&probe_users))
		mod_delayed_work(system_wq, &probes_idle,
				 msecs_to_jiffies(READ_ONCE(probes_linger_ms)));
}

/* Are the probes registered now? (diagnostics, tests) */
bool macho_hooks_active(void)
{
	return READ_ONCE(probes_on);
}

static int probes_active_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%c\n", macho_hooks_active() ? 'Y' : 'N');
}

static const struct kernel_param_ops probes_active_ops = {
	.get = probes_active_get,
};

/* /sys/module/binfmt_macho/parameters/probes_active (read-only) */
module_param_cb(probes_active, &probes_active_ops, NULL, 0444);
MODULE_PARM_DESC(probes_active,
		 "Y while the syscall probes are registered (Mach-O tasks exist)");

int macho_hook_init(void)
{
	for_each_kernel_tracepoint(find_syscall_tracepoints, NULL);
	if (!tp_sys_enter || !tp_sys_exit) {
		pr_err("kernel has no sys_enter/sys_exit tracepoints (CONFIG_FTRACE_SYSCALLS)\n");
		return -ENOENT;
	}
	return xnu_ftrace_init();
}

/* Only called once no Mach-O mm (and so no reference) is left. */
void macho_hook_exit(void)
{
	cancel_delayed_work_sync(&probes_idle);
	mutex_lock(&probes_lock);
	probes_unregister();
	mutex_unlock(&probes_lock);
	xnu_ftrace_exit();
}
