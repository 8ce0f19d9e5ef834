/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mach-O on-disk format: the subset binfmt_macho reads. Our own definitions
 * with Apple's names and values (from <mach-o/loader.h>, <mach-o/fat.h>,
 * <mach/machine.h>, <mach/vm_prot.h> and <mach/i386/thread_status.h>).
 *
 * Mach-O images are little-endian on x86_64; fat headers are big-endian.
 * Never dereference these structures in place: the buffer may be unaligned.
 * Read single fields with the macho_rd*() helpers at offsetof() of the
 * field; the structures are only used for offsets and sizes. All of them
 * have natural alignment without padding, so no __packed is needed (the
 * static_asserts below check the sizes).
 */
#ifndef BINFMT_MACHO_FORMAT_H
#define BINFMT_MACHO_FORMAT_H

#include "macho_types.h"

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/stddef.h>
#else
#include <assert.h>
#include <stddef.h>
#endif

/* <mach/machine.h> */
#define CPU_ARCH_ABI64		0x01000000
#define CPU_TYPE_X86		7
#define CPU_TYPE_X86_64		(CPU_TYPE_X86 | CPU_ARCH_ABI64)	/* 0x01000007 */
#define CPU_TYPE_ARM		12
#define CPU_TYPE_ARM64		(CPU_TYPE_ARM | CPU_ARCH_ABI64)	/* 0x0100000c */
#define CPU_SUBTYPE_MASK	0xff000000	/* capability bits */
#define CPU_SUBTYPE_X86_64_ALL	3
#define CPU_SUBTYPE_X86_64_H	8		/* Haswell and later */

/* <mach/vm_prot.h> */
#define VM_PROT_NONE		0x0
#define VM_PROT_READ		0x1
#define VM_PROT_WRITE		0x2
#define VM_PROT_EXECUTE		0x4
#define VM_PROT_ALL		(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)

/* <mach-o/loader.h>: magic numbers as read little-endian */
#define MH_MAGIC		0xfeedface	/* 32-bit image */
#define MH_CIGAM		0xcefaedfe	/* 32-bit, other endianness */
#define MH_MAGIC_64		0xfeedfacf
#define MH_CIGAM_64		0xcffaedfe

/* mach_header_64.filetype */
#define MH_OBJECT		0x1
#define MH_EXECUTE		0x2
#define MH_DYLIB		0x6
#define MH_DYLINKER		0x7
#define MH_BUNDLE		0x8

/* mach_header_64.flags */
#define MH_NOUNDEFS		0x1
#define MH_DYLDLINK		0x4
#define MH_TWOLEVEL		0x80
#define MH_PIE			0x200000

/* load_command.cmd */
#define LC_REQ_DYLD		0x80000000	/* dyld must understand it */
#define LC_SEGMENT		0x1		/* 32-bit segment */
#define LC_SYMTAB		0x2
#define LC_THREAD		0x4
#define LC_UNIXTHREAD		0x5
#define LC_DYSYMTAB		0xb
#define LC_LOAD_DYLIB		0xc
#define LC_ID_DYLIB		0xd
#define LC_LOAD_DYLINKER	0xe
#define LC_ID_DYLINKER		0xf
#define LC_SEGMENT_64		0x19
#define LC_UUID			0x1b
#define LC_DYLD_INFO_ONLY	(0x22 | LC_REQ_DYLD)
#define LC_MAIN			(0x28 | LC_REQ_DYLD)	/* 0x80000028 */
#define LC_SOURCE_VERSION	0x2a
#define LC_BUILD_VERSION	0x32

struct mach_header_64 {
	u32 magic;
	u32 cputype;
	u32 cpusubtype;
	u32 filetype;
	u32 ncmds;
	u32 sizeofcmds;
	u32 flags;
	u32 reserved;
};

struct load_command {
	u32 cmd;
	u32 cmdsize;		/* includes this header; multiple of 8 */
};

struct segment_command_64 {
	u32 cmd;		/* LC_SEGMENT_64 */
	u32 cmdsize;		/* includes nsects * struct section_64 */
	char segname[16];
	u64 vmaddr;
	u64 vmsize;
	u64 fileoff;
	u64 filesize;
	u32 maxprot;		/* vm_prot_t */
	u32 initprot;
	u32 nsects;
	u32 flags;
};

struct section_64 {
	char sectname[16];
	char segname[16];
	u64 addr;
	u64 size;
	u32 offset;
	u32 align;
	u32 reloff;
	u32 nreloc;
	u32 flags;
	u32 reserved1;
	u32 reserved2;
	u32 reserved3;
};

/* LC_LOAD_DYLINKER / LC_ID_DYLINKER; the path follows, NUL-terminated. */
struct dylinker_command {
	u32 cmd;
	u32 cmdsize;
	u32 name;		/* lc_str: offset from the command start */
};

/* LC_MAIN */
struct entry_point_command {
	u32 cmd;
	u32 cmdsize;		/* 24 */
	u64 entryoff;		/* file (= __TEXT) offset of main() */
	u64 stacksize;		/* initial stack size, 0 = default */
};

/*
 * LC_THREAD / LC_UNIXTHREAD: followed by (flavor, count, u32 state[count])
 * tuples up to cmdsize.
 */
struct thread_command {
	u32 cmd;
	u32 cmdsize;
};

/* <mach/i386/thread_status.h> */
#define x86_THREAD_STATE64		4
#define x86_THREAD_STATE64_COUNT	42	/* in u32 units */

struct x86_thread_state64 {
	u64 rax, rbx, rcx, rdx, rdi, rsi, rbp, rsp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rip, rflags, cs, fs, gs;
};

/* <mach-o/fat.h>: all fields big-endian on disk */
#define FAT_MAGIC		0xcafebabe
#define FAT_CIGAM		0xbebafeca
#define FAT_MAGIC_64		0xcafebabf
#define FAT_CIGAM_64		0xbfbafeca

struct fat_header {
	u32 magic;
	u32 nfat_arch;
};

struct fat_arch {
	u32 cputype;
	u32 cpusubtype;
	u32 offset;		/* of the slice in the file */
	u32 size;
	u32 align;		/* log2 */
};

struct fat_arch_64 {
	u32 cputype;
	u32 cpusubtype;
	u64 offset;
	u64 size;
	u32 align;
	u32 reserved;
};

#define MACHO_ASSERT_SIZE(type, n) \
	static_assert(sizeof(struct type) == (n), "size of struct " #type)
MACHO_ASSERT_SIZE(mach_header_64, 32);
MACHO_ASSERT_SIZE(segment_command_64, 72);
MACHO_ASSERT_SIZE(section_64, 80);
MACHO_ASSERT_SIZE(dylinker_command, 12);
MACHO_ASSERT_SIZE(entry_point_command, 24);
MACHO_ASSERT_SIZE(x86_thread_state64, x86_THREAD_STATE64_COUNT * 4);
MACHO_ASSERT_SIZE(fat_header, 8);
MACHO_ASSERT_SIZE(fat_arch, 20);
MACHO_ASSERT_SIZE(fat_arch_64, 32);

/* Byte-wise loads: alignment and host endianness do not matter. */
static inline u32 macho_rd32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 macho_rd64(const u8 *p)
{
	return (u64)macho_rd32(p) | (u64)macho_rd32(p + 4) << 32;
}

static inline u32 macho_rd32be(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | (u32)p[3];
}

static inline u64 macho_rd64be(const u8 *p)
{
	return (u64)macho_rd32be(p) << 32 | (u64)macho_rd32be(p + 4);
}

/* Field @f of on-disk struct @type at byte pointer @p. */
#define MACHO_LE32(p, type, f)	macho_rd32((p) + offsetof(struct type, f))
#define MACHO_LE64(p, type, f)	macho_rd64((p) + offsetof(struct type, f))
#define MACHO_BE32(p, type, f)	macho_rd32be((p) + offsetof(struct type, f))
#define MACHO_BE64(p, type, f)	macho_rd64be((p) + offsetof(struct type, f))

#endif /* BINFMT_MACHO_FORMAT_H */
