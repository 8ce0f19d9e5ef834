// SPDX-License-Identifier: GPL-2.0
/*
 * Mach-O parser for binfmt_macho: pure C, shared by the kernel module, its
 * KUnit tests and userspace tools (see macho_parser.h for the contract).
 *
 * Every value read from the file is untrusted. All arithmetic on offsets
 * and sizes is done in u64 with overflow checks, every read is preceded by
 * a bounds check against the buffer, and loops are bounded by counts that
 * were themselves checked against the buffer size. No allocation, no
 * recursion.
 */
#include "macho_parser.h"
#include "macho_format.h"

#ifdef __KERNEL__
#include <linux/overflow.h>
#else
#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)
#endif

#define MACHO_PAGE_SIZE		0x1000ULL	/* Mach-O x86_64 page size */
#define MACHO_PAGE_MASK		(MACHO_PAGE_SIZE - 1)

/*
 * Fat files with more entries than this are taken for Java class files,
 * which share the 0xcafebabe magic: their second word is the class file
 * version, major (>= 45) in the low half. Same rule as Apple's file(1) and
 * Darling.
 */
#define MACHO_MAX_FAT_ARCH	30

/* True if [off, off + size) does not fit in @limit bytes. */
static bool macho_out_of(u64 off, u64 size, u64 limit)
{
	u64 end;

	return check_add_overflow(off, size, &end) || end > limit;
}

static bool macho_page_aligned(u64 v)
{
	return !(v & MACHO_PAGE_MASK);
}

/*
 * A fat slice we are willing to run: the whole image inside the file, not
 * overlapping the fat header and arch table (which end at @table_end), room
 * for a mach_header_64, and page aligned so the loader can mmap its
 * segments straight from the file.
 */
static int macho_check_slice(u64 offset, u64 size, u64 table_end,
			     u64 file_size)
{
	if (offset < table_end || size < MACHO_HEADER_SIZE)
		return -ENOEXEC;
	if (!macho_page_aligned(offset))
		return -ENOEXEC;
	if (macho_out_of(offset, size, file_size))
		return -ENOEXEC;
	return 0;
}

static bool macho_is_x86_64_header(const u8 *p)
{
	return MACHO_LE32(p, mach_header_64, magic) == MH_MAGIC_64 &&
	       MACHO_LE32(p, mach_header_64, cputype) == CPU_TYPE_X86_64;
}

static int macho_probe_fat(const u8 *p, size_t len, u64 file_size,
			   bool fat64, struct macho_slice *slice)
{
	u32 nfat = MACHO_BE32(p, fat_header, nfat_arch);
	u64 entsize = fat64 ? sizeof(struct fat_arch_64) :
			      sizeof(struct fat_arch);
	u64 table_end, best_off = 0, best_size = 0;
	int best_rank = 0;
	u32 i;

	/* Java class files end up here too: leave them to binfmt_misc. */
	if (nfat == 0 || nfat > MACHO_MAX_FAT_ARCH)
		return -ENOEXEC;
	/* Cannot overflow: nfat <= 30. */
	table_end = sizeof(struct fat_header) + nfat * entsize;
	if (table_end > file_size)
		return -ENOEXEC;
	if (table_end > len)
		return -E2BIG;

	/*
	 * Pick the x86_64 slice, preferring the generic subtype: a slice for
	 * a newer CPU (x86_64h) may use instructions this machine lacks.
	 */
	for (i = 0; i < nfat; i++) {
		const u8 *a = p + sizeof(struct fat_header) + i * entsize;
		u32 subtype;
		u64 off, size;
		int rank;

		if (MACHO_BE32(a, fat_arch, cputype) != CPU_TYPE_X86_64)
			continue;
		subtype = MACHO_BE32(a, fat_arch, cpusubtype) &
			  ~CPU_SUBTYPE_MASK;
		rank = subtype == CPU_SUBTYPE_X86_64_ALL ? 2 : 1;
		if (rank <= best_rank)
			continue;
		if (fat64) {
			off = MACHO_BE64(a, fat_arch_64, offset);
			size = MACHO_BE64(a, fat_arch_64, size);
		} else {
			off = MACHO_BE32(a, fat_arch, offset);
			size = MACHO_BE32(a, fat_arch, size);
		}
		best_rank = rank;
		best_off = off;
		best_size = size;
	}
	if (!best_rank)
		return -ENOEXEC;
	if (macho_check_slice(best_off, best_size, table_end, file_size))
		return -ENOEXEC;
	/*
	 * If the slice start is in the buffer, refuse anything but an x86_64
	 * mach_header_64 right away (a fat header inside a fat file, say);
	 * otherwise macho_header_size() does it when the caller reads it.
	 */
	if (!macho_out_of(best_off, MACHO_HEADER_SIZE, len) &&
	    !macho_is_x86_64_header(p + best_off))
		return -ENOEXEC;

	slice->offset = best_off;
	slice->size = best_size;
	slice->fat = true;
	return 0;
}

int macho_probe(const void *buf, size_t len, u64 file_size,
		struct macho_slice *slice)
{
	const u8 *p = buf;
	u32 magic;

	if (len > file_size)
		len = file_size;
	if (len < sizeof(struct fat_header))
		return -ENOEXEC;

	magic = macho_rd32be(p);
	if (magic == FAT_MAGIC || magic == FAT_MAGIC_64)
		return macho_probe_fat(p, len, file_size,
				       magic == FAT_MAGIC_64, slice);

	/* Thin: only 64-bit little-endian x86_64 images. */
	if (len < MACHO_HEADER_SIZE || !macho_is_x86_64_header(p))
		return -ENOEXEC;
	slice->offset = 0;
	slice->size = file_size;
	slice->fat = false;
	return 0;
}

static bool macho_filetype_ok(u32 filetype)
{
	return filetype == MH_EXECUTE || filetype == MH_DYLINKER;
}

long macho_header_size(const void *hdr, size_t len)
{
	const u8 *p = hdr;
	u32 sizeofcmds;

	if (len < MACHO_HEADER_SIZE || !macho_is_x86_64_header(p))
		return -ENOEXEC;
	if (!macho_filetype_ok(MACHO_LE32(p, mach_header_64, filetype)))
		return -ENOEXEC;
	sizeofcmds = MACHO_LE32(p, mach_header_64, sizeofcmds);
	if (sizeofcmds > MACHO_MAX_SIZEOFCMDS)
		return -ENOEXEC;
	return MACHO_HEADER_SIZE + (long)sizeofcmds;
}

/* Parser state shared by the load command handlers. */
struct macho_ctx {
	const u8 *buf;
	u32 cmds_end;		/* MACHO_HEADER_SIZE + sizeofcmds */
	u64 image_size;
	u32 filetype;
	bool have_entry;
	bool have_dylinker;
	unsigned int nsegs_seen;	/* including vmsize 0 ones */
	struct macho_image *img;
};

static int macho_do_segment(struct macho_ctx *c, u32 off, u32 cmdsize)
{
	const u8 *p = c->buf + off;
	struct macho_image *img = c->img;
	struct macho_segment *seg;
	u64 vmaddr, vmsize, fileoff, filesize, sects, end;
	u32 nsects, maxprot, initprot;

	if (cmdsize < sizeof(struct segment_command_64))
		return -ENOEXEC;
	nsects = MACHO_LE32(p, segment_command_64, nsects);
	/* Cannot overflow: nsects < 2^32, sizeof(section_64) = 80. */
	sects = (u64)nsects * sizeof(struct section_64);
	if (sects > cmdsize - sizeof(struct segment_command_64))
		return -ENOEXEC;
	if (++c->nsegs_seen > MACHO_MAX_SEGMENTS)
		return -ENOEXEC;

	vmaddr = MACHO_LE64(p, segment_command_64, vmaddr);
	vmsize = MACHO_LE64(p, segment_command_64, vmsize);
	fileoff = MACHO_LE64(p, segment_command_64, fileoff);
	filesize = MACHO_LE64(p, segment_command_64, filesize);
	maxprot = MACHO_LE32(p, segment_command_64, maxprot);
	initprot = MACHO_LE32(p, segment_command_64, initprot);

	if (macho_out_of(fileoff, filesize, c->image_size))
		return -ENOEXEC;
	if (filesize > vmsize)
		return -ENOEXEC;
	if (check_add_overflow(vmaddr, vmsize, &end) ||
	    end > MACHO_USER_ADDR_END)
		return -ENOEXEC;
	/* The loader maps file pages directly at vmaddr. */
	if (!macho_page_aligned(vmaddr) || !macho_page_aligned(fileoff))
		return -ENOEXEC;

	/* Nothing to map: validated, but not handed to the loader. */
	if (!vmsize)
		return 0;

	seg = &img->segs[img->nsegs];
	memcpy(seg->name, p + offsetof(struct segment_command_64, segname),
	       sizeof(seg->name) - 1);
	seg->name[sizeof(seg->name) - 1] = '\0';
	seg->vmaddr = vmaddr;
	seg->vmsize = vmsize;
	seg->fileoff = fileoff;
	seg->filesize = filesize;
	seg->maxprot = maxprot;
	seg->initprot = initprot;

	if (vmaddr == 0 && initprot == 0 && maxprot == 0 && filesize == 0)
		img->pagezero_size = vmsize;
	/* The first segment mapping the header and all load commands. */
	if (img->header_seg < 0 && fileoff == 0 && filesize >= c->cmds_end)
		img->header_seg = img->nsegs;
	img->nsegs++;
	return 0;
}

static int macho_do_unixthread(struct macho_ctx *c, u32 off, u32 cmdsize)
{
	const u8 *p = c->buf + off;
	u32 pos = sizeof(struct thread_command);
	bool found = false;

	if (c->have_entry)
		return -ENOEXEC;
	c->have_entry = true;

	/* (flavor, count, state[count]) tuples filling the command. */
	while (pos < cmdsize) {
		u32 flavor, count;
		const u8 *state;

		if (cmdsize - pos < 2 * sizeof(u32))
			return -ENOEXEC;
		flavor = macho_rd32(p + pos);
		count = macho_rd32(p + pos + 4);
		pos += 2 * sizeof(u32);
		/* (u64) count * 4 < 2^34: no overflow. */
		if ((u64)count * sizeof(u32) > cmdsize - pos)
			return -ENOEXEC;
		state = p + pos;
		pos += count * sizeof(u32);
		if (flavor != x86_THREAD_STATE64)
			continue;
		if (found || count != x86_THREAD_STATE64_COUNT)
			return -ENOEXEC;
		found = true;
		c->img->entry = MACHO_LE64(state, x86_thread_state64, rip);
		c->img->thread_rsp = MACHO_LE64(state, x86_thread_state64, rsp);
	}
	if (!found)
		return -ENOEXEC;
	c->img->entry_kind = MACHO_ENTRY_THREAD;
	return 0;
}

static int macho_do_main(struct macho_ctx *c, u32 off, u32 cmdsize)
{
	const u8 *p = c->buf + off;

	if (c->have_entry || cmdsize < sizeof(struct entry_point_command))
		return -ENOEXEC;
	c->have_entry = true;
	c->img->entry_kind = MACHO_ENTRY_MAIN;
	c->img->entry = MACHO_LE64(p, entry_point_command, entryoff);
	c->img->stack_size = MACHO_LE64(p, entry_point_command, stacksize);
	return 0;
}

static int macho_do_dylinker(struct macho_ctx *c, u32 off, u32 cmdsize)
{
	const u8 *p = c->buf + off;
	const u8 *nul;
	u32 name;

	/* dyld itself must not ask for a dynamic linker: no chains. */
	if (c->have_dylinker || c->filetype != MH_EXECUTE)
		return -ENOEXEC;
	c->have_dylinker = true;
	if (cmdsize < sizeof(struct dylinker_command))
		return -ENOEXEC;
	name = MACHO_LE32(p, dylinker_command, name);
	if (name < sizeof(struct dylinker_command) || name >= cmdsize)
		return -ENOEXEC;
	nul = memchr(p + name, '\0', cmdsize - name);
	if (!nul || nul == p + name || nul - (p + name) >= MACHO_MAX_PATH)
		return -ENOEXEC;
	c->img->dylinker_off = off + name;
	c->img->dylinker_len = nul - (p + name);
	return 0;
}

static int macho_do_command(struct macho_ctx *c, u32 off, u32 cmd,
			    u32 cmdsize)
{
	switch (cmd) {
	case LC_SEGMENT_64:
		return macho_do_segment(c, off, cmdsize);
	case LC_SEGMENT:	/* 32-bit segment in a 64-bit image */
		return -ENOEXEC;
	case LC_UNIXTHREAD:
		return macho_do_unixthread(c, off, cmdsize);
	case LC_MAIN:
		return macho_do_main(c, off, cmdsize);
	case LC_LOAD_DYLINKER:
		return macho_do_dylinker(c, off, cmdsize);
	default:
		/*
		 * Everything else (LC_REQ_DYLD ones included) is for dyld
		 * or tools; its cmdsize has been checked by the caller.
		 */
		return 0;
	}
}

static u64 macho_seg_end(const struct macho_segment *s)
{
	/* Cannot overflow: vmaddr + vmsize <= MACHO_USER_ADDR_END. */
	return (s->vmaddr + s->vmsize + MACHO_PAGE_MASK) & ~MACHO_PAGE_MASK;
}

static bool macho_is_pagezero(const struct macho_segment *s)
{
	return s->vmaddr == 0 && s->initprot == 0 && s->maxprot == 0 &&
	       s->filesize == 0;
}

/* Overlap check and the mapped range; the segments are page aligned. */
static int macho_check_layout(struct macho_image *img)
{
	unsigned int i, j;
	bool any = false;

	for (i = 0; i < img->nsegs; i++) {
		const struct macho_segment *a = &img->segs[i];

		for (j = i + 1; j < img->nsegs; j++) {
			const struct macho_segment *b = &img->segs[j];

			if (a->vmaddr < macho_seg_end(b) &&
			    b->vmaddr < macho_seg_end(a))
				return -ENOEXEC;
		}
		if (macho_is_pagezero(a))
			continue;
		if (!any || a->vmaddr < img->vm_start)
			img->vm_start = a->vmaddr;
		if (!any || macho_seg_end(a) > img->vm_end)
			img->vm_end = macho_seg_end(a);
		any = true;
	}
	return any ? 0 : -ENOEXEC;
}

/* Resolve the entry point to an unslid address inside executable code. */
static int macho_check_entry(struct macho_image *img)
{
	u64 addr = img->entry;
	unsigned int i;

	if (img->entry_kind == MACHO_ENTRY_MAIN &&
	    check_add_overflow(img->segs[img->header_seg].vmaddr, img->entry,
			       &addr))
		return -ENOEXEC;

	for (i = 0; i < img->nsegs; i++) {
		const struct macho_segment *s = &img->segs[i];

		if (addr >= s->vmaddr && addr - s->vmaddr < s->vmsize &&
		    (s->initprot & VM_PROT_EXECUTE)) {
			img->entry_addr = addr;
			return 0;
		}
	}
	return -ENOEXEC;
}

int macho_parse(const void *buf, size_t len, u64 image_size,
		u32 want_filetype, struct macho_image *img)
{
	struct macho_ctx c = { .buf = buf, .image_size = image_size,
			       .filetype = want_filetype, .img = img };
	u32 ncmds, sizeofcmds, off, i;
	long hsize;
	int ret;

	memset(img, 0, sizeof(*img));
	img->header_seg = -1;

	hsize = macho_header_size(buf, len);
	if (hsize < 0)
		return hsize;
	if (MACHO_LE32(c.buf, mach_header_64, filetype) != want_filetype)
		return -ENOEXEC;
	if ((u64)hsize > len || (u64)hsize > image_size)
		return -ENOEXEC;
	c.cmds_end = hsize;
	ncmds = MACHO_LE32(c.buf, mach_header_64, ncmds);
	sizeofcmds = MACHO_LE32(c.buf, mach_header_64, sizeofcmds);
	/* Each command takes at least 8 bytes; also bounds the loop. */
	if (ncmds > sizeofcmds / sizeof(struct load_command) ||
	    (!ncmds && sizeofcmds))
		return -ENOEXEC;

	img->filetype = want_filetype;
	img->flags = MACHO_LE32(c.buf, mach_header_64, flags);
	img->pie = want_filetype == MH_DYLINKER || (img->flags & MH_PIE);

	off = MACHO_HEADER_SIZE;
	for (i = 0; i < ncmds; i++) {
		const u8 *lc = c.buf + off;
		u32 cmd, cmdsize;

		if (c.cmds_end - off < sizeof(struct load_command))
			return -ENOEXEC;
		cmd = MACHO_LE32(lc, load_command, cmd);
		cmdsize = MACHO_LE32(lc, load_command, cmdsize);
		if (cmdsize < sizeof(struct load_command) || cmdsize % 8 ||
		    cmdsize > c.cmds_end - off)
			return -ENOEXEC;
		ret = macho_do_command(&c, off, cmd, cmdsize);
		if (ret)
			return ret;
		off += cmdsize;
	}

	if (img->header_seg < 0 || !c.have_entry)
		return -ENOEXEC;
	if (img->entry_kind == MACHO_ENTRY_MAIN &&
	    want_filetype == MH_EXECUTE && !c.have_dylinker)
		return -ENOEXEC;
	ret = macho_check_layout(img);
	if (ret)
		return ret;
	return macho_check_entry(img);
}
