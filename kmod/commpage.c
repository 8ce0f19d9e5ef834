// SPDX-License-Identifier: GPL-2.0
/*
 * The XNU commpage: one page at 0x7fffffe00000 that Apple's libSystem reads
 * without a system call (CPU capabilities, CPU count, page shifts, memory
 * size, and the time base mach_absolute_time() computes from the TSC).
 *
 * Like XNU, one page is shared read-only by every Mach-O task. It is
 * mapped through an anonymous-inode file whose mmap refuses write access,
 * so a task can neither write it nor mprotect() it writable, and it shows
 * up in /proc/PID/maps as "anon_inode:[macho_commpage]".
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/cpumask.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/timekeeping.h>
#include <asm/cpufeature.h>
#include <asm/msr.h>
#include <asm/tsc.h>

#include "binfmt_macho.h"
#include "compat.h"

/*
 * Offsets and values from XNU's osfmk/i386/cpu_capabilities.h; CAP_X is
 * Apple's kX (e.g. CAP_HAS_SSE4_1 is kHasSSE4_1).
 */
#define COMM_PAGE_SIGNATURE		0x000
#define COMM_PAGE_CPU_CAPABILITIES64	0x010
#define COMM_PAGE_VERSION		0x01e
#define COMM_PAGE_THIS_VERSION		14
#define COMM_PAGE_CPU_CAPABILITIES	0x020
#define COMM_PAGE_NCPUS			0x022
#define COMM_PAGE_CACHE_LINESIZE	0x026
#define COMM_PAGE_ACTIVE_CPUS		0x034
#define COMM_PAGE_PHYSICAL_CPUS		0x035
#define COMM_PAGE_LOGICAL_CPUS		0x036
#define COMM_PAGE_MEMORY_SIZE		0x038
#define COMM_PAGE_KERNEL_PAGE_SHIFT	0x04d
#define COMM_PAGE_USER_PAGE_SHIFT_64	0x04e
#define COMM_PAGE_NT_TSC_BASE		0x050
#define COMM_PAGE_NT_SCALE		0x058
#define COMM_PAGE_NT_SHIFT		0x05c
#define COMM_PAGE_NT_NS_BASE		0x060
#define COMM_PAGE_NT_GENERATION		0x068

#define CAP_HAS_MMX			0x00000001ULL
#define CAP_HAS_SSE			0x00000002ULL
#define CAP_HAS_SSE2		0x00000004ULL
#define CAP_HAS_SSE3		0x00000008ULL
#define CAP_CACHE64		0x00000020ULL
#define CAP_FAST_THREAD_LOCAL_STORAGE	0x00000080ULL
#define CAP_HAS_SUPPLEMENTAL_SSE3	0x00000100ULL
#define CAP_64_BIT			0x00000200ULL
#define CAP_HAS_SSE4_1		0x00000400ULL
#define CAP_HAS_SSE4_2		0x00000800ULL
#define CAP_HAS_AES			0x00001000ULL
#define CAP_UP			0x00008000ULL
#define CAP_NUM_CPUS_SHIFT		16
#define CAP_HAS_AVX1_0		0x01000000ULL
#define CAP_HAS_RDRAND		0x02000000ULL
#define CAP_HAS_F16_C		0x04000000ULL
#define CAP_HAS_ENFSTRG		0x08000000ULL
#define CAP_HAS_FMA			0x10000000ULL
#define CAP_HAS_AVX2_0		0x20000000ULL
#define CAP_HAS_BMI1		0x40000000ULL
#define CAP_HAS_BMI2		0x80000000ULL
#define CAP_HAS_RTM			0x0000000100000000ULL
#define CAP_HAS_HLE			0x0000000200000000ULL
#define CAP_HAS_ADX			0x0000000400000000ULL
#define CAP_HAS_RDSEED		0x0000000800000000ULL
#define CAP_HAS_AVX512_F		0x0000004000000000ULL

static struct page *commpage;

static void commpage_put(void *base, unsigned int off, const void *v, size_t n)
{
	memcpy((u8 *)base + off, v, n);
}

#define COMMPAGE_SET(base, off, type, val)			\
	do {							\
		type __v = (val);				\
		commpage_put(base, off, &__v, sizeof(__v));	\
	} while (0)

static u64 commpage_cpu_capabilities(unsigned int ncpus)
{
	static const struct { u16 feature; u64 bit; } map[] = {
		{ X86_FEATURE_MMX, CAP_HAS_MMX },
		{ X86_FEATURE_XMM, CAP_HAS_SSE },
		{ X86_FEATURE_XMM2, CAP_HAS_SSE2 },
		{ X86_FEATURE_XMM3, CAP_HAS_SSE3 },
		{ X86_FEATURE_SSSE3, CAP_HAS_SUPPLEMENTAL_SSE3 },
		{ X86_FEATURE_LM, CAP_64_BIT },
		{ X86_FEATURE_XMM4_1, CAP_HAS_SSE4_1 },
		{ X86_FEATURE_XMM4_2, CAP_HAS_SSE4_2 },
		{ X86_FEATURE_AES, CAP_HAS_AES },
		{ X86_FEATURE_AVX, CAP_HAS_AVX1_0 },
		{ X86_FEATURE_RDRAND, CAP_HAS_RDRAND },
		{ X86_FEATURE_F16C, CAP_HAS_F16_C },
		{ X86_FEATURE_ERMS, CAP_HAS_ENFSTRG },
		{ X86_FEATURE_FMA, CAP_HAS_FMA },
		{ X86_FEATURE_AVX2, CAP_HAS_AVX2_0 },
		{ X86_FEATURE_BMI1, CAP_HAS_BMI1 },
		{ X86_FEATURE_BMI2, CAP_HAS_BMI2 },
		{ X86_FEATURE_RTM, CAP_HAS_RTM },
		{ X86_FEATURE_HLE, CAP_HAS_HLE },
		{ X86_FEATURE_ADX, CAP_HAS_ADX },
		{ X86_FEATURE_RDSEED, CAP_HAS_RDSEED },
		{ X86_FEATURE_AVX512F, CAP_HAS_AVX512_F },
	};
	u64 caps = CAP_CACHE64 | CAP_FAST_THREAD_LOCAL_STORAGE;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (boot_cpu_has(map[i].feature))
			caps |= map[i].bit;
	caps |= (u64)min(ncpus, 255U) << CAP_NUM_CPUS_SHIFT;
	if (ncpus == 1)
		caps |= CAP_UP;
	return caps;
}

/*
 * mach_absolute_time() on x86_64 computes
 *   ((rdtsc - NT_TSC_BASE) << NT_SHIFT) * NT_SCALE >> 32) + NT_NS_BASE
 * and spins while NT_GENERATION is 0, so the time base must be valid.
 * We publish one static conversion: nanoseconds of CLOCK_MONOTONIC at
 * module load plus TSC ticks scaled by the calibrated TSC frequency.
 */
static void commpage_fill_time(void *base)
{
	u64 scale;

	if (!boot_cpu_has(X86_FEATURE_TSC) || !tsc_khz) {
		pr_warn("no usable TSC: mach_absolute_time() will not work\n");
		return;
	}
	scale = div_u64(1000000ULL << 32, tsc_khz);
	if (scale > U32_MAX) {
		pr_warn("TSC at %u kHz is too slow for the XNU time base\n",
			tsc_khz);
		return;
	}
	COMMPAGE_SET(base, COMM_PAGE_NT_TSC_BASE, u64, rdtsc_ordered());
	COMMPAGE_SET(base, COMM_PAGE_NT_NS_BASE, u64, ktime_get_ns());
	COMMPAGE_SET(base, COMM_PAGE_NT_SCALE, u32, (u32)scale);
	COMMPAGE_SET(base, COMM_PAGE_NT_SHIFT, u32, 0);
	COMMPAGE_SET(base, COMM_PAGE_NT_GENERATION, u32, 1);
}

static void commpage_fill(void *base)
{
	static const char signature[16] = "commpage 64-bit";
	unsigned int ncpus = min(num_online_cpus(), 255U);
	unsigned int possible = min(num_possible_cpus(), 255U);
	u64 caps = commpage_cpu_capabilities(ncpus);

	commpage_put(base, COMM_PAGE_SIGNATURE, signature, sizeof(signature));
	COMMPAGE_SET(base, COMM_PAGE_CPU_CAPABILITIES64, u64, caps);
	COMMPAGE_SET(base, COMM_PAGE_VERSION, u16, COMM_PAGE_THIS_VERSION);
	COMMPAGE_SET(base, COMM_PAGE_CPU_CAPABILITIES, u32, (u32)caps);
	COMMPAGE_SET(base, COMM_PAGE_NCPUS, u8, ncpus);
	COMMPAGE_SET(base, COMM_PAGE_CACHE_LINESIZE, u16,
		     boot_cpu_data.x86_clflush_size ?: 64);
	COMMPAGE_SET(base, COMM_PAGE_ACTIVE_CPUS, u8, ncpus);
	COMMPAGE_SET(base, COMM_PAGE_PHYSICAL_CPUS, u8, possible);
	COMMPAGE_SET(base, COMM_PAGE_LOGICAL_CPUS, u8, possible);
	COMMPAGE_SET(base, COMM_PAGE_MEMORY_SIZE, u64,
		     (u64)totalram_pages() << PAGE_SHIFT);
	COMMPAGE_SET(base, COMM_PAGE_KERNEL_PAGE_SHIFT, u8, PAGE_SHIFT);
	COMMPAGE_SET(base, COMM_PAGE_USER_PAGE_SHIFT_64, u8, PAGE_SHIFT);
	commpage_fill_time(base);
}

static vm_fault_t commpage_fault(struct vm_fault *vmf)
{
	if (vmf->pgoff)
		return VM_FAULT_SIGBUS;
	get_page(commpage);
	vmf->page = commpage;
	return 0;
}

/*
 * Every Mach-O mm maps the commpage exactly once, so its mapping carries
 * the mm's reference on the syscall probes (hook.c): taken when it is
 * created or copied by fork, dropped when the mm is torn down.
 */
static void commpage_vm_open(struct vm_area_struct *vma)
{
	macho_hooks_get_more();
}

static void commpage_vm_close(struct vm_area_struct *vma)
{
	/*
	 * A task that unmaps its own commpage keeps running as a Mach-O task:
	 * keep its reference for good (the probes then stay registered; the
	 * safe direction). Only the teardown of a dead mm releases it.
	 */
	if (atomic_read(&vma->vm_mm->mm_users))
		return;
	macho_hooks_put();
}

/* Moving it would break the count above and XNU's fixed address. */
static int commpage_vm_mremap(struct vm_area_struct *vma)
{
	return -EINVAL;
}

static const struct vm_operations_struct commpage_vm_ops = {
	.open = commpage_vm_open,
	.close = commpage_vm_close,
	.mremap = commpage_vm_mremap,
	.fault = commpage_fault,
};

static int commpage_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != PAGE_SIZE ||
	    (vma->vm_flags & (VM_WRITE | VM_EXEC)))
		return -EPERM;
	/* Nobody may make it writable or executable later either. */
	vm_flags_mod(vma, VM_DONTEXPAND | VM_DONTDUMP,
		     VM_MAYWRITE | VM_MAYEXEC);
	vma->vm_ops = &commpage_vm_ops;
	macho_hooks_get_more();
	return 0;
}

/*
 * Each mapping holds its file, and the file pins the module (.owner) until
 * its last fput() - which may run deferred, after the mm is gone.
 */
static const struct file_operations commpage_fops = {
	.owner = THIS_MODULE,
	.mmap = commpage_mmap,
};

/* Map the commpage into current->mm during exec. */
int macho_commpage_map(void)
{
	struct file *file;
	unsigned long addr;
	int ret;

	/* The probes must be on before the new image runs. */
	ret = macho_hooks_get();
	if (ret)
		return ret;
	file = anon_inode_getfile("[macho_commpage]", &commpage_fops, NULL,
				  O_RDONLY);
	if (IS_ERR(file)) {
		macho_hooks_put();
		return PTR_ERR(file);
	}
	addr = vm_mmap(file, MACHO_COMMPAGE_BASE, PAGE_SIZE, PROT_READ,
		       MAP_SHARED | MAP_FIXED, 0);
	fput(file);	/* the mapping keeps its own reference */
	macho_hooks_put();	/* ... and its own probe reference */
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	return addr == MACHO_COMMPAGE_BASE ? 0 : -ENOMEM;
}

int macho_commpage_init(void)
{
	commpage = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!commpage)
		return -ENOMEM;
	commpage_fill(page_address(commpage));
	return 0;
}

void macho_commpage_exit(void)
{
	/*
	 * Unload is only possible once no commpage file (and so no mapping)
	 * exists: each one pins the module.
	 */
	__free_page(commpage);
}
