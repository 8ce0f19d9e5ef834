// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the Mach-O parser (kmod/macho_parser.c, included below so
 * no symbols need exporting). Fixtures are built at run time: a small
 * builder appends load commands to a zeroed buffer and keeps the header's
 * ncmds/sizeofcmds up to date; each malformed case starts from a valid
 * fixture and breaks exactly one thing.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kunit_oot.h"
#include "macho_parser.c"

#define TEXT_VM		0x100000000ULL	/* ld64's default __TEXT address */
#define IMG_SIZE	0x3000		/* __TEXT 0x2000 + __DATA 0x1000 */
#define BUF_SIZE	0x8000
#define RX		(VM_PROT_READ | VM_PROT_EXECUTE)
#define RW		(VM_PROT_READ | VM_PROT_WRITE)
#define THREAD_CMDSIZE	(8 + 8 + x86_THREAD_STATE64_COUNT * 4)

struct fx {
	struct kunit *test;
	u8 *buf;		/* the image, BUF_SIZE bytes */
	u32 end;		/* end of the load commands */
	u32 ncmds;
	u64 image_size;
	u32 filetype;
	/* offsets of the standard fixtures' commands (0 = absent) */
	u32 pagezero, text, data, thread, main, dylinker;
	struct macho_image img;
};

static void put32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void put64(u8 *p, u64 v)
{
	put32(p, v);
	put32(p + 4, v >> 32);
}

static void put32be(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put64be(u8 *p, u64 v)
{
	put32be(p, v >> 32);
	put32be(p + 4, v);
}

/* Pointer to field @f of on-disk struct @type at offset @off of @x's image. */
#define FLD(x, off, type, f)	((x)->buf + (off) + offsetof(struct type, f))
#define HDR(x, f)		FLD(x, 0, mach_header_64, f)
#define SEG(x, off, f)		FLD(x, off, segment_command_64, f)

static struct fx *fx_new(struct kunit *test, u32 filetype, u32 flags)
{
	struct fx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	x->buf = kunit_kzalloc(test, BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x->buf);
	x->test = test;
	x->end = MACHO_HEADER_SIZE;
	x->image_size = IMG_SIZE;
	x->filetype = filetype;
	put32(HDR(x, magic), MH_MAGIC_64);
	put32(HDR(x, cputype), CPU_TYPE_X86_64);
	put32(HDR(x, cpusubtype), CPU_SUBTYPE_X86_64_ALL);
	put32(HDR(x, filetype), filetype);
	put32(HDR(x, flags), flags);
	return x;
}

/* Append a zeroed command of @cmdsize bytes; returns its offset. */
static u32 fx_cmd(struct fx *x, u32 cmd, u32 cmdsize)
{
	u32 off = x->end;

	KUNIT_ASSERT_LE(x->test, off + cmdsize, (u32)BUF_SIZE);
	put32(x->buf + off, cmd);
	put32(x->buf + off + 4, cmdsize);
	x->end += cmdsize;
	x->ncmds++;
	put32(HDR(x, ncmds), x->ncmds);
	put32(HDR(x, sizeofcmds), x->end - MACHO_HEADER_SIZE);
	return off;
}

static u32 fx_seg(struct fx *x, const char *name, u64 vmaddr, u64 vmsize,
		  u64 fileoff, u64 filesize, u32 prot)
{
	u32 off = fx_cmd(x, LC_SEGMENT_64, sizeof(struct segment_command_64));

	strscpy((char *)SEG(x, off, segname), name, 16);
	put64(SEG(x, off, vmaddr), vmaddr);
	put64(SEG(x, off, vmsize), vmsize);
	put64(SEG(x, off, fileoff), fileoff);
	put64(SEG(x, off, filesize), filesize);
	put32(SEG(x, off, maxprot), prot);
	put32(SEG(x, off, initprot), prot);
	return off;
}

/* LC_UNIXTHREAD with a single x86_THREAD_STATE64. */
static u32 fx_thread(struct fx *x, u64 rip)
{
	u32 off = fx_cmd(x, LC_UNIXTHREAD, THREAD_CMDSIZE);
	u8 *state = x->buf + off + 16;

	put32(x->buf + off + 8, x86_THREAD_STATE64);
	put32(x->buf + off + 12, x86_THREAD_STATE64_COUNT);
	put64(state + offsetof(struct x86_thread_state64, rip), rip);
	return off;
}

static u32 fx_main(struct fx *x, u64 entryoff, u64 stacksize)
{
	u32 off = fx_cmd(x, LC_MAIN, sizeof(struct entry_point_command));

	put64(FLD(x, off, entry_point_command, entryoff), entryoff);
	put64(FLD(x, off, entry_point_command, stacksize), stacksize);
	return off;
}

static u32 fx_dylinker(struct fx *x, const char *path)
{
	u32 len = strlen(path) + 1;
	u32 size = ALIGN(sizeof(struct dylinker_command) + len, 8);
	u32 off = fx_cmd(x, LC_LOAD_DYLINKER, size);

	put32(FLD(x, off, dylinker_command, name),
	      sizeof(struct dylinker_command));
	memcpy(x->buf + off + sizeof(struct dylinker_command), path, len);
	return off;
}

static int fx_parse(struct fx *x)
{
	return macho_parse(x->buf, x->end, x->image_size, x->filetype,
			   &x->img);
}

static void expect_enoexec(struct fx *x)
{
	KUNIT_EXPECT_EQ(x->test, fx_parse(x), -ENOEXEC);
}

static void fx_std_segs(struct fx *x, u64 base, bool pagezero)
{
	if (pagezero)
		x->pagezero = fx_seg(x, "__PAGEZERO", 0, base, 0, 0, 0);
	x->text = fx_seg(x, "__TEXT", base, 0x2000, 0, 0x2000, RX);
	x->data = fx_seg(x, "__DATA", base + 0x2000, 0x1000, 0x2000, 0x1000,
			 RW);
}

/* Non-PIE static executable: __PAGEZERO, __TEXT, __DATA, LC_UNIXTHREAD. */
static struct fx *static_exe(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_EXECUTE, MH_NOUNDEFS);

	fx_std_segs(x, TEXT_VM, true);
	x->thread = fx_thread(x, TEXT_VM + 0x1000);
	return x;
}

/* What ld64 makes today: PIE, dyld, LC_MAIN. */
static struct fx *pie_exe(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_EXECUTE, MH_NOUNDEFS | MH_DYLDLINK |
			      MH_TWOLEVEL | MH_PIE);

	fx_std_segs(x, TEXT_VM, true);
	x->dylinker = fx_dylinker(x, "/usr/lib/dyld");
	x->main = fx_main(x, 0x1000, 0);
	return x;
}

static struct fx *dylinker_img(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_DYLINKER, MH_NOUNDEFS | MH_DYLDLINK);

	fx_std_segs(x, 0, false);
	x->thread = fx_thread(x, 0x1000);
	return x;
}

/* ---- valid images ---- */

static void static_exe_ok(struct kunit *test)
{
	struct fx *x = static_exe(test);
	struct macho_image *img = &x->img;

	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, img->filetype, (u32)MH_EXECUTE);
	KUNIT_EXPECT_FALSE(test, img->pie);
	KUNIT_EXPECT_EQ(test, img->entry_kind, MACHO_ENTRY_THREAD);
	KUNIT_EXPECT_EQ(test, img->entry, TEXT_VM + 0x1000);
	KUNIT_EXPECT_EQ(test, img->entry_addr, TEXT_VM + 0x1000);
	KUNIT_EXPECT_EQ(test, img->thread_rsp, 0ULL);
	KUNIT_ASSERT_EQ(test, img->nsegs, 3U);
	KUNIT_EXPECT_STREQ(test, img->segs[0].name, "__PAGEZERO");
	KUNIT_EXPECT_STREQ(test, img->segs[1].name, "__TEXT");
	KUNIT_EXPECT_STREQ(test, img->segs[2].name, "__DATA");
	KUNIT_EXPECT_EQ(test, img->segs[2].fileoff, 0x2000ULL);
	KUNIT_EXPECT_EQ(test, img->segs[2].initprot, (u32)RW);
	KUNIT_EXPECT_EQ(test, img->header_seg, 1);
	KUNIT_EXPECT_EQ(test, img->pagezero_size, TEXT_VM);
	KUNIT_EXPECT_EQ(test, img->vm_start, TEXT_VM);
	KUNIT_EXPECT_EQ(test, img->vm_end, TEXT_VM + 0x3000);
	KUNIT_EXPECT_EQ(test, img->dylinker_off, 0U);
	KUNIT_EXPECT_NULL(test, macho_dylinker_path(x->buf, img));
}

static void pie_exe_ok(struct kunit *test)
{
	struct fx *x = pie_exe(test);
	struct macho_image *img = &x->img;

	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_TRUE(test, img->pie);
	KUNIT_EXPECT_EQ(test, img->entry_kind, MACHO_ENTRY_MAIN);
	KUNIT_EXPECT_EQ(test, img->entry, 0x1000ULL);
	KUNIT_EXPECT_EQ(test, img->entry_addr, TEXT_VM + 0x1000);
	KUNIT_EXPECT_EQ(test, img->stack_size, 0ULL);
	KUNIT_EXPECT_EQ(test, img->dylinker_off,
			x->dylinker + (u32)sizeof(struct dylinker_command));
	KUNIT_EXPECT_EQ(test, img->dylinker_len, 13U);
	KUNIT_ASSERT_NOT_NULL(test, macho_dylinker_path(x->buf, img));
	KUNIT_EXPECT_STREQ(test, macho_dylinker_path(x->buf, img),
			   "/usr/lib/dyld");
}

static void dylinker_ok(struct kunit *test)
{
	struct fx *x = dylinker_img(test);
	struct macho_image *img = &x->img;

	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, img->filetype, (u32)MH_DYLINKER);
	KUNIT_EXPECT_TRUE(test, img->pie);
	KUNIT_EXPECT_EQ(test, img->header_seg, 0);
	KUNIT_EXPECT_EQ(test, img->pagezero_size, 0ULL);
	KUNIT_EXPECT_EQ(test, img->vm_start, 0ULL);
	KUNIT_EXPECT_EQ(test, img->vm_end, 0x3000ULL);
	KUNIT_EXPECT_EQ(test, img->entry_addr, 0x1000ULL);
}

/* dyld built as LC_MAIN needs no dylinker of its own. */
static void dylinker_lc_main_ok(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_DYLINKER, MH_DYLDLINK);

	fx_std_segs(x, 0, false);
	fx_main(x, 0x1800, 0x100000);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.entry_kind, MACHO_ENTRY_MAIN);
	KUNIT_EXPECT_EQ(test, x->img.entry_addr, 0x1800ULL);
	KUNIT_EXPECT_EQ(test, x->img.stack_size, 0x100000ULL);
}

static void header_size_ok(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	KUNIT_EXPECT_EQ(test, macho_header_size(x->buf, MACHO_HEADER_SIZE),
			(long)x->end);
}

static void unknown_commands_skipped(struct kunit *test)
{
	struct fx *x = static_exe(test);

	fx_cmd(x, LC_UUID, 24);
	fx_cmd(x, LC_BUILD_VERSION, 24);
	fx_cmd(x, LC_DYLD_INFO_ONLY, 48);
	fx_cmd(x, LC_REQ_DYLD | 0x7f, 8);	/* unknown, for dyld */
	fx_cmd(x, 0x7fff, 16);			/* unknown */
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.nsegs, 3U);
}

/* vmsize 0: validated, not returned, not part of the overlap check. */
static void segment_vmsize_zero_ignored(struct kunit *test)
{
	struct fx *x = static_exe(test);

	fx_seg(x, "__EMPTY", TEXT_VM, 0, 0x1000, 0, RW);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.nsegs, 3U);
	KUNIT_EXPECT_EQ(test, x->img.vm_end, TEXT_VM + 0x3000);
}

static void segment_vmsize_unaligned_ok(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmsize), 0x10);
	put64(SEG(x, x->data, filesize), 0x10);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.segs[2].vmsize, 0x10ULL);
	KUNIT_EXPECT_EQ(test, x->img.vm_end, TEXT_VM + 0x3000);
}

static void segment_with_sections_ok(struct kunit *test)
{
	struct fx *x = static_exe(test);
	u32 off = fx_cmd(x, LC_SEGMENT_64, sizeof(struct segment_command_64) +
			 2 * sizeof(struct section_64));

	put64(SEG(x, off, vmaddr), TEXT_VM + 0x3000);
	put64(SEG(x, off, vmsize), 0x1000);
	put32(SEG(x, off, nsects), 2);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.nsegs, 4U);
	KUNIT_EXPECT_EQ(test, x->img.vm_end, TEXT_VM + 0x4000);
}

static void max_segments_ok(struct kunit *test)
{
	struct fx *x = static_exe(test);
	int i;

	for (i = 3; i < MACHO_MAX_SEGMENTS; i++)
		fx_seg(x, "__X", TEXT_VM + 0x10000 * i, 0x1000, 0, 0, RW);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.nsegs, (unsigned int)MACHO_MAX_SEGMENTS);
}

/* Other flavors may precede x86_THREAD_STATE64; rsp is recorded. */
static void thread_multi_flavor_ok(struct kunit *test)
{
	struct fx *x = static_exe(test);
	u32 off = fx_cmd(x, LC_UNIXTHREAD, 16 + 8 + THREAD_CMDSIZE - 8);
	u8 *p = x->buf + off + 8;

	put32(x->buf + x->thread, 0x7ffe);	/* drop the standard one */
	put32(p, 6);				/* x86_EXCEPTION_STATE64 */
	put32(p + 4, 2);
	p += 16;
	put32(p, x86_THREAD_STATE64);
	put32(p + 4, x86_THREAD_STATE64_COUNT);
	put64(p + 8 + offsetof(struct x86_thread_state64, rip),
	      TEXT_VM + 0x1234);
	put64(p + 8 + offsetof(struct x86_thread_state64, rsp), 0x7000000);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.entry, TEXT_VM + 0x1234);
	KUNIT_EXPECT_EQ(test, x->img.thread_rsp, 0x7000000ULL);
}

static void dylinker_path_longest_ok(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_EXECUTE, MH_PIE);
	char *path = kunit_kzalloc(test, MACHO_MAX_PATH, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, path);
	memset(path, 'a', MACHO_MAX_PATH - 1);
	fx_std_segs(x, TEXT_VM, true);
	fx_dylinker(x, path);
	fx_main(x, 0, 0);
	KUNIT_ASSERT_EQ(test, fx_parse(x), 0);
	KUNIT_EXPECT_EQ(test, x->img.dylinker_len, MACHO_MAX_PATH - 1U);
}

/* ---- malformed headers ---- */

static void header_truncated(struct kunit *test)
{
	struct fx *x = static_exe(test);

	KUNIT_EXPECT_EQ(test, macho_parse(x->buf, MACHO_HEADER_SIZE - 1,
					  IMG_SIZE, MH_EXECUTE, &x->img),
			-ENOEXEC);
	KUNIT_EXPECT_EQ(test, macho_header_size(x->buf, MACHO_HEADER_SIZE - 1),
			-ENOEXEC);
}

static void header_bad_magic(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, magic), 0x7f454c46);
	expect_enoexec(x);
}

static void header_magic_32bit(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, magic), MH_MAGIC);
	expect_enoexec(x);
}

static void header_magic_big_endian(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, magic), MH_CIGAM_64);
	expect_enoexec(x);
}

static void header_wrong_cputype(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, cputype), CPU_TYPE_ARM64);
	expect_enoexec(x);
}

static void header_wrong_filetype(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, filetype), MH_DYLIB);
	x->filetype = MH_DYLIB;
	expect_enoexec(x);
	KUNIT_EXPECT_EQ(test, macho_header_size(x->buf, MACHO_HEADER_SIZE),
			-ENOEXEC);
}

static void header_unexpected_filetype(struct kunit *test)
{
	struct fx *x = static_exe(test);

	x->filetype = MH_DYLINKER;	/* an executable given as dyld */
	expect_enoexec(x);
}

static void ncmds_zero_with_sizeofcmds(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, ncmds), 0);
	expect_enoexec(x);
}

static void ncmds_huge(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, ncmds), 0xffffffff);
	expect_enoexec(x);
}

/* One command more than the commands area holds. */
static void ncmds_past_sizeofcmds(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, ncmds), x->ncmds + 1);
	expect_enoexec(x);
}

static void sizeofcmds_past_buffer(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, sizeofcmds), x->end - MACHO_HEADER_SIZE + 8);
	expect_enoexec(x);
}

static void sizeofcmds_over_max(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(HDR(x, sizeofcmds), MACHO_MAX_SIZEOFCMDS + 8);
	KUNIT_EXPECT_EQ(test, macho_header_size(x->buf, MACHO_HEADER_SIZE),
			-ENOEXEC);
	expect_enoexec(x);
}

static void sizeofcmds_past_image(struct kunit *test)
{
	struct fx *x = static_exe(test);

	x->image_size = x->end - 8;
	expect_enoexec(x);
}

static void cmdsize_zero(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(x->buf + x->thread + 4, 0);
	expect_enoexec(x);
}

static void cmdsize_unaligned(struct kunit *test)
{
	struct fx *x = static_exe(test);

	fx_cmd(x, LC_UUID, 24);
	put32(x->buf + x->end - 24 + 4, 20);
	expect_enoexec(x);
}

static void cmdsize_past_end(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(x->buf + x->thread + 4, THREAD_CMDSIZE + 8);
	expect_enoexec(x);
}

/* ---- malformed segments ---- */

static void seg_cmdsize_too_small(struct kunit *test)
{
	struct fx *x = static_exe(test);

	fx_cmd(x, LC_SEGMENT_64, sizeof(struct segment_command_64) - 8);
	expect_enoexec(x);
}

static void seg_nsects_past_cmdsize(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(SEG(x, x->data, nsects), 1);
	expect_enoexec(x);
}

static void seg_nsects_huge(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(SEG(x, x->data, nsects), 0xffffffff);
	expect_enoexec(x);
}

static void seg_file_past_eof(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmsize), 0x2000);
	put64(SEG(x, x->data, filesize), 0x2000);
	expect_enoexec(x);
}

static void seg_file_wrap(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, fileoff), 0xfffffffffffff000ULL);
	put64(SEG(x, x->data, filesize), 0x1000);
	expect_enoexec(x);
}

static void seg_vm_wrap(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmaddr), 0xfffffffffffff000ULL);
	put64(SEG(x, x->data, vmsize), 0x2000);
	expect_enoexec(x);
}

static void seg_vm_past_user_end(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmaddr), MACHO_USER_ADDR_END - 0x1000);
	put64(SEG(x, x->data, vmsize), 0x1001);
	expect_enoexec(x);
}

static void seg_overlap(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmaddr), TEXT_VM + 0x1000);
	expect_enoexec(x);
}

/* An unaligned vmsize still covers the rest of its last page. */
static void seg_overlap_in_last_page(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->text, vmsize), 0x2001);
	expect_enoexec(x);
}

static void seg_overlap_pagezero(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->pagezero, vmsize), TEXT_VM + 0x1000);
	expect_enoexec(x);
}

static void seg_filesize_over_vmsize(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmsize), 0x800);
	expect_enoexec(x);
}

static void seg_vmaddr_unaligned(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, vmaddr), TEXT_VM + 0x2010);
	expect_enoexec(x);
}

static void seg_fileoff_unaligned(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->data, fileoff), 0x2010);
	put64(SEG(x, x->data, filesize), 0x800);
	expect_enoexec(x);
}

static void seg_32bit_command(struct kunit *test)
{
	struct fx *x = static_exe(test);

	fx_cmd(x, LC_SEGMENT, 56);
	expect_enoexec(x);
}

/* Segments with vmsize 0 count towards the limit too. */
static void seg_too_many(struct kunit *test)
{
	struct fx *x = static_exe(test);
	int i;

	for (i = 3; i <= MACHO_MAX_SEGMENTS; i++)
		fx_seg(x, "__X", TEXT_VM + 0x10000 * i, 0, 0, 0, RW);
	expect_enoexec(x);
}

static void seg_none_maps_header(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->text, fileoff), 0x1000);
	put64(SEG(x, x->text, filesize), 0x1000);
	expect_enoexec(x);
}

/* A segment at offset 0 that stops before the end of the load commands. */
static void seg_header_short(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(SEG(x, x->text, filesize), x->end - 8);
	expect_enoexec(x);
}

/* ---- malformed entry points ---- */

static void entry_outside_segments(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(x->buf + x->thread + 16 +
	      offsetof(struct x86_thread_state64, rip), TEXT_VM + 0x10000);
	expect_enoexec(x);
}

static void entry_not_executable(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(x->buf + x->thread + 16 +
	      offsetof(struct x86_thread_state64, rip), TEXT_VM + 0x2000);
	expect_enoexec(x);
}

static void entry_in_pagezero(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put64(x->buf + x->thread + 16 +
	      offsetof(struct x86_thread_state64, rip), 0x1000);
	expect_enoexec(x);
}

static void main_entry_outside(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	put64(FLD(x, x->main, entry_point_command, entryoff), 0x10000);
	expect_enoexec(x);
}

static void main_entryoff_wrap(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	put64(FLD(x, x->main, entry_point_command, entryoff), ~0ULL);
	expect_enoexec(x);
}

static void main_cmdsize_small(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	put32(x->buf + x->main + 4, 16);
	put32(HDR(x, sizeofcmds), x->end - MACHO_HEADER_SIZE - 8);
	x->end -= 8;
	expect_enoexec(x);
}

static void main_without_dylinker(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_EXECUTE, MH_PIE);

	fx_std_segs(x, TEXT_VM, true);
	fx_main(x, 0x1000, 0);
	expect_enoexec(x);
}

static void main_and_unixthread(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	fx_thread(x, TEXT_VM + 0x1000);
	expect_enoexec(x);
}

static void main_twice(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	fx_main(x, 0x1000, 0);
	expect_enoexec(x);
}

static void unixthread_twice(struct kunit *test)
{
	struct fx *x = static_exe(test);

	fx_thread(x, TEXT_VM + 0x1000);
	expect_enoexec(x);
}

static void no_entry(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(x->buf + x->thread, LC_THREAD);	/* not an entry for us */
	expect_enoexec(x);
}

static void dylinker_no_entry(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_DYLINKER, MH_DYLDLINK);

	fx_std_segs(x, 0, false);
	expect_enoexec(x);
}

static void thread_bad_count(struct kunit *test)
{
	struct fx *x = static_exe(test);
	u32 off = fx_cmd(x, LC_UNIXTHREAD, THREAD_CMDSIZE + 8);

	put32(x->buf + x->thread, 0x7ffe);	/* drop the standard one */
	put32(x->buf + off + 8, x86_THREAD_STATE64);
	put32(x->buf + off + 12, x86_THREAD_STATE64_COUNT + 2);
	put64(x->buf + off + 16 + offsetof(struct x86_thread_state64, rip),
	      TEXT_VM + 0x1000);
	expect_enoexec(x);
}

/* dyld's layout: an entry left at 0 would be inside __TEXT. */
static void thread_no_state64(struct kunit *test)
{
	struct fx *x = dylinker_img(test);

	put32(x->buf + x->thread + 8, 1);	/* x86_THREAD_STATE32 */
	expect_enoexec(x);
}

static void thread_state64_twice(struct kunit *test)
{
	struct fx *x = static_exe(test);
	u32 off = fx_cmd(x, LC_UNIXTHREAD, 2 * THREAD_CMDSIZE - 8);
	u8 *p = x->buf + off + 8;

	put32(x->buf + x->thread, 0x7ffe);	/* drop the standard one */
	put32(p, x86_THREAD_STATE64);
	put32(p + 4, x86_THREAD_STATE64_COUNT);
	put64(p + 8 + offsetof(struct x86_thread_state64, rip),
	      TEXT_VM + 0x1000);
	p += THREAD_CMDSIZE - 8;
	put32(p, x86_THREAD_STATE64);
	put32(p + 4, x86_THREAD_STATE64_COUNT);
	put64(p + 8 + offsetof(struct x86_thread_state64, rip),
	      TEXT_VM + 0x1000);
	expect_enoexec(x);
}

static void thread_state_past_cmdsize(struct kunit *test)
{
	struct fx *x = static_exe(test);
	u32 off = fx_cmd(x, LC_UNIXTHREAD, THREAD_CMDSIZE - 8);

	put32(x->buf + x->thread, 0x7ffe);	/* drop the standard one */
	put32(x->buf + off + 8, x86_THREAD_STATE64);
	put32(x->buf + off + 12, x86_THREAD_STATE64_COUNT);
	expect_enoexec(x);
}

static void thread_count_huge(struct kunit *test)
{
	struct fx *x = static_exe(test);

	put32(x->buf + x->thread + 12, 0xffffffff);
	expect_enoexec(x);
}

/* ---- malformed LC_LOAD_DYLINKER ---- */

static void dylinker_path_not_terminated(struct kunit *test)
{
	struct fx *x = pie_exe(test);
	u32 size = macho_rd32(x->buf + x->dylinker + 4);

	memset(x->buf + x->dylinker + 12, 'a', size - 12);
	expect_enoexec(x);
}

static void dylinker_name_past_cmdsize(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	put32(FLD(x, x->dylinker, dylinker_command, name),
	      macho_rd32(x->buf + x->dylinker + 4));
	expect_enoexec(x);
}

static void dylinker_name_in_command_header(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	put32(FLD(x, x->dylinker, dylinker_command, name), 8);
	expect_enoexec(x);
}

static void dylinker_path_empty(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	x->buf[x->dylinker + 12] = '\0';
	expect_enoexec(x);
}

static void dylinker_path_too_long(struct kunit *test)
{
	struct fx *x = fx_new(test, MH_EXECUTE, MH_PIE);
	char *path = kunit_kzalloc(test, MACHO_MAX_PATH + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, path);
	memset(path, 'a', MACHO_MAX_PATH);
	fx_std_segs(x, TEXT_VM, true);
	fx_dylinker(x, path);
	fx_main(x, 0x1000, 0);
	expect_enoexec(x);
}

static void dylinker_twice(struct kunit *test)
{
	struct fx *x = pie_exe(test);

	fx_dylinker(x, "/usr/lib/dyld2");
	expect_enoexec(x);
}

static void dylinker_wants_dylinker(struct kunit *test)
{
	struct fx *x = dylinker_img(test);

	fx_dylinker(x, "/usr/lib/dyld");
	expect_enoexec(x);
}

/* ---- macho_probe(): thin ---- */

static void probe_thin_ok(struct kunit *test)
{
	struct fx *x = static_exe(test);
	struct macho_slice s;

	KUNIT_ASSERT_EQ(test, macho_probe(x->buf, 256, IMG_SIZE, &s), 0);
	KUNIT_EXPECT_EQ(test, s.offset, 0ULL);
	KUNIT_EXPECT_EQ(test, s.size, (u64)IMG_SIZE);
	KUNIT_EXPECT_FALSE(test, s.fat);
}

static void probe_too_short(struct kunit *test)
{
	struct fx *x = static_exe(test);
	struct macho_slice s;

	KUNIT_EXPECT_EQ(test, macho_probe(x->buf, 3, IMG_SIZE, &s), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, macho_probe(x->buf, 256, 31, &s), -ENOEXEC);
}

static void probe_thin_32bit(struct kunit *test)
{
	struct fx *x = static_exe(test);
	struct macho_slice s;

	put32(HDR(x, magic), MH_MAGIC);
	put32(HDR(x, cputype), CPU_TYPE_X86);
	KUNIT_EXPECT_EQ(test, macho_probe(x->buf, 256, IMG_SIZE, &s), -ENOEXEC);
	put32(HDR(x, magic), MH_CIGAM);
	KUNIT_EXPECT_EQ(test, macho_probe(x->buf, 256, IMG_SIZE, &s), -ENOEXEC);
}

static void probe_thin_other_cpu(struct kunit *test)
{
	struct fx *x = static_exe(test);
	struct macho_slice s;

	put32(HDR(x, cputype), CPU_TYPE_ARM64);
	KUNIT_EXPECT_EQ(test, macho_probe(x->buf, 256, IMG_SIZE, &s), -ENOEXEC);
	put32(HDR(x, cputype), CPU_TYPE_X86_64);
	put32(HDR(x, magic), MH_CIGAM_64);
	KUNIT_EXPECT_EQ(test, macho_probe(x->buf, 256, IMG_SIZE, &s), -ENOEXEC);
}

/* ---- macho_probe(): fat ---- */

#define SLICE_ARM	0x1000
#define SLICE_X86	0x4000
#define FAT_SIZE	(SLICE_X86 + IMG_SIZE)

struct fat {
	u8 *buf;		/* BUF_SIZE bytes */
	bool fat64;
	struct macho_slice s;
};

static void fat_arch_set(struct fat *f, u32 i, u32 cpu, u32 sub, u64 off,
			 u64 size)
{
	u8 *a;

	if (f->fat64) {
		a = f->buf + 8 + i * sizeof(struct fat_arch_64);
		put64be(a + offsetof(struct fat_arch_64, offset), off);
		put64be(a + offsetof(struct fat_arch_64, size), size);
		put32be(a + offsetof(struct fat_arch_64, align), 12);
	} else {
		a = f->buf + 8 + i * sizeof(struct fat_arch);
		put32be(a + offsetof(struct fat_arch, offset), off);
		put32be(a + offsetof(struct fat_arch, size), size);
		put32be(a + offsetof(struct fat_arch, align), 12);
	}
	put32be(a + offsetof(struct fat_arch, cputype), cpu);
	put32be(a + offsetof(struct fat_arch, cpusubtype), sub);
}

/* Universal file: arm64 slice at SLICE_ARM, x86_64 static_exe at SLICE_X86. */
static struct fat *fat_new(struct kunit *test, bool fat64)
{
	struct fat *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct fx *x = static_exe(test);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->buf = kunit_kzalloc(test, BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->buf);
	f->fat64 = fat64;
	put32be(f->buf, fat64 ? FAT_MAGIC_64 : FAT_MAGIC);
	put32be(f->buf + 4, 2);
	fat_arch_set(f, 0, CPU_TYPE_ARM64, 0, SLICE_ARM, 0x2000);
	fat_arch_set(f, 1, CPU_TYPE_X86_64, CPU_SUBTYPE_X86_64_ALL, SLICE_X86,
		     IMG_SIZE);
	put32(f->buf + SLICE_ARM, MH_MAGIC_64);
	put32(f->buf + SLICE_ARM + 4, CPU_TYPE_ARM64);
	memcpy(f->buf + SLICE_X86, x->buf, IMG_SIZE);
	return f;
}

/* What the loader does: probe bprm->buf (256 bytes). */
static int fat_probe(struct fat *f)
{
	return macho_probe(f->buf, 256, FAT_SIZE, &f->s);
}

static void fat_picks_x86_64(struct kunit *test, bool fat64)
{
	struct fat *f = fat_new(test, fat64);
	struct macho_image *img = kunit_kzalloc(test, sizeof(*img),
						GFP_KERNEL);
	long hsize;

	KUNIT_ASSERT_NOT_NULL(test, img);
	KUNIT_ASSERT_EQ(test, fat_probe(f), 0);
	KUNIT_EXPECT_TRUE(test, f->s.fat);
	KUNIT_EXPECT_EQ(test, f->s.offset, (u64)SLICE_X86);
	KUNIT_EXPECT_EQ(test, f->s.size, (u64)IMG_SIZE);
	hsize = macho_header_size(f->buf + f->s.offset, MACHO_HEADER_SIZE);
	KUNIT_ASSERT_GT(test, hsize, 0L);
	KUNIT_EXPECT_EQ(test, macho_parse(f->buf + f->s.offset, hsize,
					  f->s.size, MH_EXECUTE, img), 0);
	KUNIT_EXPECT_EQ(test, img->entry_addr, TEXT_VM + 0x1000);
}

static void fat32_picks_x86_64(struct kunit *test)
{
	fat_picks_x86_64(test, false);
}

static void fat64_picks_x86_64(struct kunit *test)
{
	fat_picks_x86_64(test, true);
}

/* x86_64h may need instructions this CPU lacks: generic x86_64 wins. */
static void fat_prefers_generic_subtype(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	memcpy(f->buf + SLICE_ARM, f->buf + SLICE_X86, 0x100);
	fat_arch_set(f, 0, CPU_TYPE_X86_64, CPU_SUBTYPE_X86_64_H, SLICE_ARM,
		     0x3000);
	KUNIT_ASSERT_EQ(test, fat_probe(f), 0);
	KUNIT_EXPECT_EQ(test, f->s.offset, (u64)SLICE_X86);
	/* ... and the capability bits of the subtype are ignored */
	fat_arch_set(f, 1, CPU_TYPE_X86_64, 0x80000000 | CPU_SUBTYPE_X86_64_H,
		     SLICE_X86, IMG_SIZE);
	KUNIT_ASSERT_EQ(test, fat_probe(f), 0);
	KUNIT_EXPECT_EQ(test, f->s.offset, (u64)SLICE_ARM);
}

static void fat_table_past_buffer(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	put32be(f->buf + 4, 20);	/* 8 + 20 * 20 > 256 */
	KUNIT_EXPECT_EQ(test, fat_probe(f), -E2BIG);
	KUNIT_EXPECT_EQ(test, macho_probe(f->buf, BUF_SIZE, FAT_SIZE, &f->s),
			0);
}

static void fat_java_class(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 256, GFP_KERNEL);
	struct macho_slice s;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	put32be(buf, 0xcafebabe);
	put32be(buf + 4, 52);		/* minor 0, major 52: Java 8 */
	KUNIT_EXPECT_EQ(test, macho_probe(buf, 256, 4096, &s), -ENOEXEC);
	put32be(buf + 4, 0xffff0041);	/* Java 21 preview */
	KUNIT_EXPECT_EQ(test, macho_probe(buf, 256, 4096, &s), -ENOEXEC);
}

static void fat_nfat_zero(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	put32be(f->buf + 4, 0);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat_nfat_huge(struct kunit *test)
{
	struct fat *f = fat_new(test, true);

	put32be(f->buf + 4, 31);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
	put32be(f->buf + 4, 0xffffffff);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat_table_past_file(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	KUNIT_EXPECT_EQ(test, macho_probe(f->buf, 256, 40, &f->s), -ENOEXEC);
}

static void fat_no_x86_64(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	put32be(f->buf + 4, 1);		/* the arm64 slice only */
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat64_no_x86_64(struct kunit *test)
{
	struct fat *f = fat_new(test, true);

	fat_arch_set(f, 1, CPU_TYPE_X86, 3, SLICE_X86, IMG_SIZE);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat_slice_past_eof(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	fat_arch_set(f, 1, CPU_TYPE_X86_64, 3, SLICE_X86, IMG_SIZE + 1);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat64_slice_past_eof(struct kunit *test)
{
	struct fat *f = fat_new(test, true);

	fat_arch_set(f, 1, CPU_TYPE_X86_64, 3, 0x100000000ULL, IMG_SIZE);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat64_slice_wrap(struct kunit *test)
{
	struct fat *f = fat_new(test, true);

	fat_arch_set(f, 1, CPU_TYPE_X86_64, 3, 0xfffffffffffff000ULL, 0x2000);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

/*
 * A slice at offset 0 overlaps the table. Probe exactly the table so that
 * the slice's header (the fat magic) is not what refuses it.
 */
static void fat_slice_over_table(struct kunit *test)
{
	struct fat *f = fat_new(test, false);
	u32 table_end = sizeof(struct fat_header) + sizeof(struct fat_arch);

	put32be(f->buf + 4, 1);
	fat_arch_set(f, 0, CPU_TYPE_X86_64, 3, 0, FAT_SIZE);
	KUNIT_EXPECT_EQ(test, macho_probe(f->buf, table_end, FAT_SIZE, &f->s),
			-ENOEXEC);
}

static void fat_slice_too_small(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	fat_arch_set(f, 1, CPU_TYPE_X86_64, 3, SLICE_X86,
		     MACHO_HEADER_SIZE - 1);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat_slice_unaligned(struct kunit *test)
{
	struct fat *f = fat_new(test, false);

	fat_arch_set(f, 1, CPU_TYPE_X86_64, 3, SLICE_X86 - 8, IMG_SIZE);
	KUNIT_EXPECT_EQ(test, fat_probe(f), -ENOEXEC);
}

static void fat_in_fat(struct kunit *test)
{
	struct fat *f = fat_new(test, false);
	struct macho_slice s;

	/* The x86_64 slice is itself a fat file. */
	memcpy(f->buf + SLICE_X86, f->buf, 256);
	KUNIT_EXPECT_EQ(test, macho_probe(f->buf, BUF_SIZE, FAT_SIZE, &s),
			-ENOEXEC);
	/* Out of the probe's reach: the header check catches it. */
	KUNIT_ASSERT_EQ(test, fat_probe(f), 0);
	KUNIT_EXPECT_EQ(test, macho_header_size(f->buf + f->s.offset,
						MACHO_HEADER_SIZE), -ENOEXEC);
}

static void fat_slice_not_x86_64(struct kunit *test)
{
	struct fat *f = fat_new(test, false);
	struct macho_slice s;

	/* The table says x86_64, the slice says arm64. */
	put32(f->buf + SLICE_X86 + 4, CPU_TYPE_ARM64);
	KUNIT_EXPECT_EQ(test, macho_probe(f->buf, BUF_SIZE, FAT_SIZE, &s),
			-ENOEXEC);
}

static struct kunit_case macho_parser_cases[] = {
	/* valid */
	KUNIT_CASE(static_exe_ok),
	KUNIT_CASE(pie_exe_ok),
	KUNIT_CASE(dylinker_ok),
	KUNIT_CASE(dylinker_lc_main_ok),
	KUNIT_CASE(header_size_ok),
	KUNIT_CASE(unknown_commands_skipped),
	KUNIT_CASE(segment_vmsize_zero_ignored),
	KUNIT_CASE(segment_vmsize_unaligned_ok),
	KUNIT_CASE(segment_with_sections_ok),
	KUNIT_CASE(max_segments_ok),
	KUNIT_CASE(thread_multi_flavor_ok),
	KUNIT_CASE(dylinker_path_longest_ok),
	KUNIT_CASE(probe_thin_ok),
	KUNIT_CASE(fat32_picks_x86_64),
	KUNIT_CASE(fat64_picks_x86_64),
	KUNIT_CASE(fat_prefers_generic_subtype),
	/* malformed: header and load command framing */
	KUNIT_CASE(header_truncated),
	KUNIT_CASE(header_bad_magic),
	KUNIT_CASE(header_magic_32bit),
	KUNIT_CASE(header_magic_big_endian),
	KUNIT_CASE(header_wrong_cputype),
	KUNIT_CASE(header_wrong_filetype),
	KUNIT_CASE(header_unexpected_filetype),
	KUNIT_CASE(ncmds_zero_with_sizeofcmds),
	KUNIT_CASE(ncmds_huge),
	KUNIT_CASE(ncmds_past_sizeofcmds),
	KUNIT_CASE(sizeofcmds_past_buffer),
	KUNIT_CASE(sizeofcmds_over_max),
	KUNIT_CASE(sizeofcmds_past_image),
	KUNIT_CASE(cmdsize_zero),
	KUNIT_CASE(cmdsize_unaligned),
	KUNIT_CASE(cmdsize_past_end),
	/* malformed: segments */
	KUNIT_CASE(seg_cmdsize_too_small),
	KUNIT_CASE(seg_nsects_past_cmdsize),
	KUNIT_CASE(seg_nsects_huge),
	KUNIT_CASE(seg_file_past_eof),
	KUNIT_CASE(seg_file_wrap),
	KUNIT_CASE(seg_vm_wrap),
	KUNIT_CASE(seg_vm_past_user_end),
	KUNIT_CASE(seg_overlap),
	KUNIT_CASE(seg_overlap_in_last_page),
	KUNIT_CASE(seg_overlap_pagezero),
	KUNIT_CASE(seg_filesize_over_vmsize),
	KUNIT_CASE(seg_vmaddr_unaligned),
	KUNIT_CASE(seg_fileoff_unaligned),
	KUNIT_CASE(seg_32bit_command),
	KUNIT_CASE(seg_too_many),
	KUNIT_CASE(seg_none_maps_header),
	KUNIT_CASE(seg_header_short),
	/* malformed: entry point */
	KUNIT_CASE(entry_outside_segments),
	KUNIT_CASE(entry_not_executable),
	KUNIT_CASE(entry_in_pagezero),
	KUNIT_CASE(main_entry_outside),
	KUNIT_CASE(main_entryoff_wrap),
	KUNIT_CASE(main_cmdsize_small),
	KUNIT_CASE(main_without_dylinker),
	KUNIT_CASE(main_and_unixthread),
	KUNIT_CASE(main_twice),
	KUNIT_CASE(unixthread_twice),
	KUNIT_CASE(no_entry),
	KUNIT_CASE(dylinker_no_entry),
	KUNIT_CASE(thread_bad_count),
	KUNIT_CASE(thread_no_state64),
	KUNIT_CASE(thread_state64_twice),
	KUNIT_CASE(thread_state_past_cmdsize),
	KUNIT_CASE(thread_count_huge),
	/* malformed: LC_LOAD_DYLINKER */
	KUNIT_CASE(dylinker_path_not_terminated),
	KUNIT_CASE(dylinker_name_past_cmdsize),
	KUNIT_CASE(dylinker_name_in_command_header),
	KUNIT_CASE(dylinker_path_empty),
	KUNIT_CASE(dylinker_path_too_long),
	KUNIT_CASE(dylinker_twice),
	KUNIT_CASE(dylinker_wants_dylinker),
	/* malformed: probe */
	KUNIT_CASE(probe_too_short),
	KUNIT_CASE(probe_thin_32bit),
	KUNIT_CASE(probe_thin_other_cpu),
	KUNIT_CASE(fat_table_past_buffer),
	KUNIT_CASE(fat_java_class),
	KUNIT_CASE(fat_nfat_zero),
	KUNIT_CASE(fat_nfat_huge),
	KUNIT_CASE(fat_table_past_file),
	KUNIT_CASE(fat_no_x86_64),
	KUNIT_CASE(fat64_no_x86_64),
	KUNIT_CASE(fat_slice_past_eof),
	KUNIT_CASE(fat64_slice_past_eof),
	KUNIT_CASE(fat64_slice_wrap),
	KUNIT_CASE(fat_slice_over_table),
	KUNIT_CASE(fat_slice_too_small),
	KUNIT_CASE(fat_slice_unaligned),
	KUNIT_CASE(fat_in_fat),
	KUNIT_CASE(fat_slice_not_x86_64),
	{}
};

static struct kunit_suite macho_parser_suite = {
	.name = "macho_parser",
	.test_cases = macho_parser_cases,
};

kunit_oot_test_suites(&macho_parser_suite);

MODULE_DESCRIPTION("KUnit tests for the binfmt_macho Mach-O parser");
MODULE_LICENSE("GPL");
