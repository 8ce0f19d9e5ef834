/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the supported kernels (Debian 6.1 and 6.12), keyed on
 * what the kernel headers provide (probed by Kbuild), not on version numbers.
 */
#ifndef BINFMT_MACHO_COMPAT_H
#define BINFMT_MACHO_COMPAT_H

#include <linux/mm.h>

#ifndef HAVE_VM_FLAGS_MOD	/* vm_flags became read-only in 6.3 */
static inline void vm_flags_mod(struct vm_area_struct *vma,
				unsigned long set, unsigned long clear)
{
	vma->vm_flags |= set;
	vma->vm_flags &= ~clear;
}

static inline void vm_flags_clear(struct vm_area_struct *vma,
				  unsigned long flags)
{
	vma->vm_flags &= ~flags;
}
#endif

#endif /* BINFMT_MACHO_COMPAT_H */
