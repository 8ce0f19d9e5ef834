// SPDX-License-Identifier: GPL-2.0
/*
 * The initial stack of a Mach-O task, laid out as XNU's exec does
 * (bsd/kern/kern_exec.c, exec_copyout_strings):
 *
 *	sp ->	mach_header address	(only when dyld starts the task)
 *		argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... envp[envc - 1], NULL
 *		apple[0] ... apple[n - 1], NULL
 *		apple strings, argument and environment strings
 *
 * The argument and environment strings are already on the stack (the exec
 * core copied them); we add the apple[] strings, which carry the
 * executable path and the per-process secrets libSystem expects.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "binfmt_macho.h"

#define APPLE_STRINGS_MAX	4

struct apple_strings {
	char *str[APPLE_STRINGS_MAX];
	unsigned int count;
};

static void apple_strings_free(struct apple_strings *as)
{
	while (as->count)
		kfree(as->str[--as->count]);
}

/*
 * Random 64-bit secret with a zero low byte, like XNU's stack guard: a
 * string overflow then cannot reproduce the canary.
 */
static u64 random_guard(void)
{
	return get_random_u64() & ~0xffULL;
}

static int apple_strings_build(struct apple_strings *as, const char *path)
{
	char *s[APPLE_STRINGS_MAX];
	unsigned int i;

	s[0] = kasprintf(GFP_KERNEL, "executable_path=%s", path);
	s[1] = kasprintf(GFP_KERNEL, "stack_guard=0x%llx", random_guard());
	s[2] = kasprintf(GFP_KERNEL, "malloc_entropy=0x%llx,0x%llx",
			 get_random_u64(), get_random_u64());
	s[3] = kasprintf(GFP_KERNEL, "ptr_munge=0x%llx", random_guard());
	for (i = 0; i < APPLE_STRINGS_MAX; i++)
		as->str[as->count++] = s[i];
	for (i = 0; i < APPLE_STRINGS_MAX; i++)
		if (!s[i])
			return -ENOMEM;
	return 0;
}

/* Store the pointers to @count consecutive strings starting at *@p. */
static int put_string_array(u64 __user **sp, unsigned long *p, int count)
{
	while (count-- > 0) {
		long len = strnlen_user((const char __user *)*p, MAX_ARG_STRLEN);

		if (!len || len > MAX_ARG_STRLEN)
			return -EINVAL;
		if (put_user((u64)*p, (*sp)++))
			return -EFAULT;
		*p += len;
	}
	return put_user(0, (*sp)++) ? -EFAULT : 0;
}

/*
 * Build the stack below bprm->p. @mh_addr is the main image's mach_header
 * for dyld, 0 for a static image. Returns the new stack pointer in @sp_out.
 */
int macho_create_tables(struct linux_binprm *bprm, unsigned long mh_addr,
			unsigned long *sp_out)
{
	struct mm_struct *mm = current->mm;
	struct apple_strings as = { };
	unsigned long p = bprm->p, strings, items;
	u64 __user *sp;
	unsigned int i;
	int ret;

	ret = apple_strings_build(&as, bprm->filename);
	if (ret)
		goto out;

	/* apple strings go just below the argument strings */
	for (i = as.count; i-- > 0; ) {
		size_t len = strlen(as.str[i]) + 1;

		p -= len;
		if (copy_to_user((void __user *)p, as.str[i], len)) {
			ret = -EFAULT;
			goto out;
		}
	}
	strings = p;

	items = (mh_addr ? 1 : 0) + 1 + (bprm->argc + 1) + (bprm->envc + 1) +
		(as.count + 1);
	sp = (u64 __user *)round_down(p - items * sizeof(u64), 16);
	*sp_out = (unsigned long)sp;

	if (mh_addr && put_user((u64)mh_addr, sp++)) {
		ret = -EFAULT;
		goto out;
	}
	if (put_user((u64)bprm->argc, sp++)) {
		ret = -EFAULT;
		goto out;
	}
	p = mm->arg_start;
	ret = put_string_array(&sp, &p, bprm->argc);
	if (ret)
		goto out;
	mm->arg_end = p;
	mm->env_start = p;
	ret = put_string_array(&sp, &p, bprm->envc);
	if (ret)
		goto out;
	mm->env_end = p;
	p = strings;
	ret = put_string_array(&sp, &p, as.count);
out:
	apple_strings_free(&as);
	return ret;
}
