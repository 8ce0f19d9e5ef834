/* SPDX-License-Identifier: GPL-2.0 */
/*
 * binfmt_macho: run x86_64 Mach-O executables on Linux.
 * Declarations shared by the module's files.
 */
#ifndef BINFMT_MACHO_H
#define BINFMT_MACHO_H

#include <linux/binfmts.h>
#include <linux/sched.h>
#include <linux/mm_types.h>

/* XNU's 64-bit commpage: one read-only page shared by every Mach-O task. */
#define MACHO_COMMPAGE_BASE	0x00007fffffe00000UL

extern struct linux_binfmt macho_format;

/*
 * A Mach-O task is one whose mm was set up by our loader (set_binfmt()).
 * Cheap enough for the syscall probes; stable while current runs.
 */
static __always_inline bool current_is_macho(void)
{
	struct mm_struct *mm = current->mm;

	return mm && mm->binfmt == &macho_format;
}

/* commpage.c */
int macho_commpage_init(void);
void macho_commpage_exit(void);
int macho_commpage_map(void);

/* stack.c */
int macho_create_tables(struct linux_binprm *bprm, unsigned long mh_addr,
			unsigned long *sp_out);

/* hook.c */
int macho_hook_init(void);
void macho_hook_exit(void);
int macho_hooks_get(void);
void macho_hooks_get_more(void);
void macho_hooks_put(void);
bool macho_hooks_active(void);

#endif /* BINFMT_MACHO_H */
