// SPDX-License-Identifier: GPL-2.0
/*
 * The binfmt handler: loads an x86_64 Mach-O executable (thin, or the
 * x86_64 slice of a fat file) into a fresh mm, in the order of
 * fs/binfmt_elf.c's load_elf_binary(): validate everything first (before
 * the point of no return a malformed file only costs an -ENOEXEC), then
 * begin_new_exec() -> setup_new_exec() -> setup_arg_pages() -> segments ->
 * set_binfmt() -> commpage -> stack -> finalize_exec() -> start_thread().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/personality.h>
#include <linux/ptrace.h>
#include <linux/random.h>
#include <linux/sched/task_stack.h>
#include <linux/seccomp.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <asm/elf.h>

#include "binfmt_macho.h"
#include "compat.h"
#include "macho_format.h"
#include "macho_parser.h"

/*
 * The stack sits just below the commpage, randomised over 16 GiB (as the
 * ELF stack is), minus a margin that keeps it clear of mmap_base, which
 * Linux places at least stack rlimit + 16 GiB + guard gap below TASK_SIZE.
 */
#define MACHO_STACK_TOP		(MACHO_COMMPAGE_BASE - PAGE_SIZE)
#define MACHO_STACK_RND_SIZE	(SZ_16G - SZ_16M)
/* Images must end below the lowest possible stack region. */
#define MACHO_IMAGE_END		(MACHO_STACK_TOP - SZ_16G - SZ_64M)
/* PIE images slide by up to 256 MiB (16 bits of page entropy). */
#define MACHO_SLIDE_PAGES	BIT(16)

struct macho_load {
	struct macho_slice slice;
	struct macho_image img;
	void *cmds;		/* mach_header_64 + load commands */
	long cmds_len;
	unsigned long slide;
};

static int vm_prot_to_mmap(u32 vmprot)
{
	return (vmprot & VM_PROT_READ ? PROT_READ : 0) |
	       (vmprot & VM_PROT_WRITE ? PROT_WRITE : 0) |
	       (vmprot & VM_PROT_EXECUTE ? PROT_EXEC : 0);
}

/* The parser's definition (macho_parser.h): no access now or ever. */
static bool segment_is_pagezero(const struct macho_segment *seg)
{
	return seg->vmaddr == 0 && seg->filesize == 0 && seg->initprot == 0 &&
	       seg->maxprot == 0;
}

/* Read the image's header and load commands and validate them. */
static int macho_read_image(struct linux_binprm *bprm, struct macho_load *ld)
{
	u64 file_size = i_size_read(file_inode(bprm->file));
	size_t buf_len = min_t(u64, file_size, BINPRM_BUF_SIZE);
	u8 hdr[MACHO_HEADER_SIZE];
	loff_t pos;
	ssize_t n;
	int ret;

	/* the parser also guarantees a page-aligned slice (mappable offsets) */
	ret = macho_probe(bprm->buf, buf_len, file_size, &ld->slice);
	if (ret)
		return -ENOEXEC;

	pos = ld->slice.offset;
	n = kernel_read(bprm->file, hdr, sizeof(hdr), &pos);
	if (n != sizeof(hdr))
		return n < 0 ? n : -ENOEXEC;
	ld->cmds_len = macho_header_size(hdr, sizeof(hdr));
	if (ld->cmds_len < 0)
		return -ENOEXEC;

	ld->cmds = kvmalloc(ld->cmds_len, GFP_KERNEL);
	if (!ld->cmds)
		return -ENOMEM;
	pos = ld->slice.offset;
	n = kernel_read(bprm->file, ld->cmds, ld->cmds_len, &pos);
	if (n != ld->cmds_len)
		return n < 0 ? n : -ENOEXEC;
	return macho_parse(ld->cmds, ld->cmds_len, ld->slice.size, MH_EXECUTE,
			   &ld->img);
}

/*
 * seccomp filters judge syscall numbers, and a Mach-O task's filter would
 * see XNU numbers: a denylist that refuses write(2) would let 0x2000004
 * through, and we would then run write(2). Until the translated call can
 * be put before the filter, a task under seccomp may not become Mach-O.
 * (It cannot install a filter afterwards: seccomp() and prctl() are Linux
 * calls, and a TSYNC from a sibling waits for cred_guard_mutex, which exec
 * holds until the siblings are gone.)
 */
static bool macho_seccomp_confined(void)
{
#ifdef CONFIG_SECCOMP
	return READ_ONCE(current->seccomp.mode) != SECCOMP_MODE_DISABLED;
#else
	return false;
#endif
}

/* Checks that need the whole picture; still before the point of no return. */
static int macho_check_image(struct linux_binprm *bprm, struct macho_load *ld)
{
	const char *dylinker = macho_dylinker_path(ld->cmds, &ld->img);

	if (macho_seccomp_confined()) {
		pr_info_ratelimited("%*pE: refused under seccomp: its filter would see XNU syscall numbers\n",
				    (int)strlen(bprm->filename), bprm->filename);
		return -EPERM;
	}

	if (dylinker) {
		/* Runtime files (the dyld lookup) come with the runtime table. */
		pr_info_ratelimited("%*pE: needs dynamic linker %*pE, which is not available\n",
				    (int)strlen(bprm->filename), bprm->filename,
				    (int)strlen(dylinker), dylinker);
		return -ENOENT;
	}
	if (ld->img.vm_end + MACHO_SLIDE_PAGES * PAGE_SIZE > MACHO_IMAGE_END) {
		pr_info_ratelimited("%*pE: image reaches into the stack area\n",
				    (int)strlen(bprm->filename), bprm->filename);
		return -ENOEXEC;
	}
	return 0;
}

/*
 * __PAGEZERO: reserve it with no access and no way to mprotect() it, so
 * that truncated pointers fault as on macOS. For PIE images it grows by
 * the slide, as XNU does, instead of moving. Addresses below
 * vm.mmap_min_addr cannot be mapped by unprivileged tasks, but need no
 * reservation either: start at the lowest address we are allowed to map.
 */
static int macho_reserve_pagezero(u64 size)
{
	unsigned long start, addr;

	for (start = 0; start < size; start = start ? start * 2 : PAGE_SIZE) {
		addr = vm_mmap(NULL, start, size - start, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
			       MAP_NORESERVE, 0);
		if (!IS_ERR_VALUE(addr))
			return 0;
		if (addr != -EPERM && addr != -EACCES)
			return (int)addr;
	}
	return 0;
}

/* Mach-O maxprot: drop the VM_MAY* bits a segment's maxprot denies. */
static void macho_apply_maxprot(unsigned long start, unsigned long end,
				u32 maxprot)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long clear = 0;

	if (!(maxprot & VM_PROT_READ))
		clear |= VM_MAYREAD;
	if (!(maxprot & VM_PROT_WRITE))
		clear |= VM_MAYWRITE;
	if (!(maxprot & VM_PROT_EXECUTE))
		clear |= VM_MAYEXEC;
	if (!clear)
		return;
	mmap_write_lock(mm);
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = find_vma(mm, vma->vm_end)) {
		vm_flags_clear(vma, clear);
	}
	mmap_write_unlock(mm);
}

static int macho_map_segment(struct linux_binprm *bprm, struct macho_load *ld,
			     const struct macho_segment *seg)
{
	unsigned long start = seg->vmaddr + ld->slide;
	unsigned long file_end = start + seg->filesize;
	unsigned long end = PAGE_ALIGN(start + seg->vmsize);
	int prot = vm_prot_to_mmap(seg->initprot);
	unsigned long addr;

	if (seg->filesize) {
		addr = vm_mmap(bprm->file, start, seg->filesize, prot,
			       MAP_PRIVATE | MAP_FIXED,
			       ld->slice.offset + seg->fileoff);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
		/* zero-fill the tail of the last file page (bss start) */
		if ((file_end & ~PAGE_MASK) && (prot & PROT_WRITE) &&
		    clear_user((void __user *)file_end,
			       PAGE_SIZE - (file_end & ~PAGE_MASK)))
			return -EFAULT;
	}
	if (end > PAGE_ALIGN(file_end)) {
		addr = vm_mmap(NULL, PAGE_ALIGN(file_end),
			       end - PAGE_ALIGN(file_end), prot,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	macho_apply_maxprot(start, end, seg->maxprot);
	return 0;
}

static int macho_map_image(struct linux_binprm *bprm, struct macho_load *ld)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ld->img.nsegs; i++) {
		const struct macho_segment *seg = &ld->img.segs[i];

		if (!seg->vmsize)
			continue;
		if (segment_is_pagezero(seg))
			ret = macho_reserve_pagezero(seg->vmsize + ld->slide);
		else
			ret = macho_map_segment(bprm, ld, seg);
		if (ret)
			return ret;
	}
	return 0;
}

/* set_personality_64bit() is not exported; do what it does for us. */
static void macho_set_personality(void)
{
	clear_thread_flag(TIF_ADDR32);
	current_thread_info()->status &= ~TS_COMPAT;
	current->personality &= ~READ_IMPLIES_EXEC;
	if (!(current->personality & ADDR_NO_RANDOMIZE))
		current->flags |= PF_RANDOMIZE;
}

static unsigned long macho_stack_top(void)
{
	unsigned long rnd = 0;

	if (current->flags & PF_RANDOMIZE)
		rnd = get_random_long() % (MACHO_STACK_RND_SIZE >> PAGE_SHIFT);
	return MACHO_STACK_TOP - (rnd << PAGE_SHIFT);
}

static unsigned long macho_choose_slide(const struct macho_image *img)
{
	if (!img->pie || !(current->flags & PF_RANDOMIZE))
		return 0;
	return (get_random_long() % MACHO_SLIDE_PAGES) << PAGE_SHIFT;
}

static void macho_clear_user_regs(struct pt_regs *regs)
{
	regs->ax = 0;
	regs->bx = 0;
	regs->cx = 0;
	regs->dx = 0;
	regs->si = 0;
	regs->di = 0;
	regs->bp = 0;
	regs->r8 = 0;
	regs->r9 = 0;
	regs->r10 = 0;
	regs->r11 = 0;
	regs->r12 = 0;
	regs->r13 = 0;
	regs->r14 = 0;
	regs->r15 = 0;
}

static int macho_load_binary(struct linux_binprm *bprm)
{
	struct pt_regs *regs = current_pt_regs();
	struct macho_load *ld;
	unsigned long sp, entry;
	int ret;

	ld = kzalloc(sizeof(*ld), GFP_KERNEL);
	if (!ld)
		return -ENOMEM;
	ret = macho_read_image(bprm, ld);
	if (ret) {
		if (ret == -ENOEXEC && ld->cmds)
			pr_info_ratelimited("%*pE: malformed Mach-O executable\n",
					    (int)strlen(bprm->filename),
					    bprm->filename);
		goto out;
	}
	ret = macho_check_image(bprm, ld);
	if (ret)
		goto out;

	ret = begin_new_exec(bprm);	/* point of no return */
	if (ret)
		goto out;
	macho_set_personality();
	setup_new_exec(bprm);
	ret = setup_arg_pages(bprm, macho_stack_top(), EXSTACK_DISABLE_X);
	if (ret)
		goto out;

	ld->slide = macho_choose_slide(&ld->img);
	ret = macho_map_image(bprm, ld);
	if (ret)
		goto out;

	set_binfmt(&macho_format);

	ret = macho_commpage_map();
	if (ret)
		goto out;
	ret = macho_create_tables(bprm, 0, &sp);
	if (ret)
		goto out;

	current->mm->start_stack = sp;
	current->mm->start_code = ld->img.vm_start + ld->slide;
	current->mm->start_brk = ld->img.vm_end + ld->slide;
	current->mm->brk = current->mm->start_brk;
	entry = ld->img.entry_addr + ld->slide;

	finalize_exec(bprm);
	macho_clear_user_regs(regs);
	start_thread(regs, entry, sp);
	ret = 0;
out:
	kvfree(ld->cmds);
	kfree(ld);
	return ret;
}

struct linux_binfmt macho_format = {
	.module = THIS_MODULE,
	.load_binary = macho_load_binary,
};
