// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for kmod/macho_parser.c, the same source the module
 * compiles (linked in, see mk/fuzz.mk). One input is one file handed to
 * execve(): it goes through the parser the way kmod/loader.c
 * macho_read_image() does it, and every successful parse must satisfy the
 * contract of macho_parser.h, checked here independently of the parser's
 * own code. A violated postcondition is a crash (__builtin_trap()), just
 * as an ASan or UBSan report is.
 *
 * Every buffer handed to the parser is an exact-size heap copy, so that
 * ASan catches a read even one byte past what the loader would have.
 *
 * Built twice: with -fsanitize=fuzzer for `make fuzz`, and with
 * replay_main.c (no libFuzzer) to replay tests/fuzz/regressions/ and the
 * fixtures in `make test`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "macho_parser.h"
#include "macho_format.h"

#define PROBE_LEN	256	/* BINPRM_BUF_SIZE: what bprm->buf holds */
#define PAGE_MASK_4K	0xfffULL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Say what broke before trapping: a bare trap is hard to triage. */
#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: postcondition failed: %s\n", \
				__FILE__, __LINE__, #cond);		\
			__builtin_trap();				\
		}							\
	} while (0)

static void *dup_exact(const u8 *p, size_t len)
{
	void *d = malloc(len ? len : 1);

	if (!d)
		abort();	/* not a finding: the harness itself failed */
	memcpy(d, p, len);
	return d;
}

/* [off, off + len) inside @limit, without u64 wrap. */
static int inside(u64 off, u64 len, u64 limit)
{
	u64 end;

	return !__builtin_add_overflow(off, len, &end) && end <= limit;
}

static int is_pagezero(const struct macho_segment *s)
{
	return s->vmaddr == 0 && s->initprot == 0 && s->maxprot == 0 &&
	       s->filesize == 0;
}

static u64 seg_end_rounded(const struct macho_segment *s)
{
	return (s->vmaddr + s->vmsize + PAGE_MASK_4K) & ~PAGE_MASK_4K;
}

static void check_slice(const struct macho_slice *sl, u64 file_size)
{
	CHECK(inside(sl->offset, sl->size, file_size));
	if (!sl->fat) {
		CHECK(sl->offset == 0 && sl->size == file_size);
		return;
	}
	/* after the fat header, mappable, room for a mach_header_64 */
	CHECK(sl->offset >= sizeof(struct fat_header));
	CHECK(!(sl->offset & PAGE_MASK_4K));
	CHECK(sl->size >= MACHO_HEADER_SIZE);
}

static void check_segments(const struct macho_image *img, long hsize,
			   u64 image_size)
{
	unsigned int i, j;
	int any = 0;

	CHECK(img->nsegs >= 1 && img->nsegs <= MACHO_MAX_SEGMENTS);
	for (i = 0; i < img->nsegs; i++) {
		const struct macho_segment *s = &img->segs[i];

		CHECK(s->name[sizeof(s->name) - 1] == '\0');
		CHECK(s->vmsize > 0);	/* vmsize 0 ones are left out */
		CHECK(s->filesize <= s->vmsize);
		CHECK(inside(s->fileoff, s->filesize, image_size));
		CHECK(inside(s->vmaddr, s->vmsize, MACHO_USER_ADDR_END));
		CHECK(!(s->vmaddr & PAGE_MASK_4K));
		CHECK(!(s->fileoff & PAGE_MASK_4K));
		for (j = i + 1; j < img->nsegs; j++) {
			const struct macho_segment *t = &img->segs[j];

			CHECK(seg_end_rounded(s) <= t->vmaddr ||
			      seg_end_rounded(t) <= s->vmaddr);
		}
		if (is_pagezero(s)) {
			CHECK(img->pagezero_size == s->vmsize);
			continue;
		}
		CHECK(img->vm_start <= s->vmaddr);
		CHECK(seg_end_rounded(s) <= img->vm_end);
		any = 1;
	}
	CHECK(any);
	CHECK(img->vm_start < img->vm_end);
	CHECK(!(img->vm_start & PAGE_MASK_4K) && !(img->vm_end & PAGE_MASK_4K));
	CHECK(img->vm_end <= MACHO_USER_ADDR_END);

	/* header_seg: the first segment mapping header + load commands */
	CHECK(img->header_seg >= 0 && (unsigned int)img->header_seg < img->nsegs);
	for (i = 0; i < img->nsegs; i++) {
		const struct macho_segment *s = &img->segs[i];
		int maps_header = s->fileoff == 0 && s->filesize >= (u64)hsize;

		if (i == (unsigned int)img->header_seg) {
			CHECK(maps_header);
			break;
		}
		CHECK(!maps_header);
	}
}

static void check_entry(const struct macho_image *img)
{
	const struct macho_segment *h = &img->segs[img->header_seg];
	unsigned int i;
	int found = 0;

	switch (img->entry_kind) {
	case MACHO_ENTRY_THREAD:
		CHECK(img->entry_addr == img->entry);
		CHECK(img->stack_size == 0);
		break;
	case MACHO_ENTRY_MAIN:
		CHECK(img->entry_addr - h->vmaddr == img->entry &&
		      img->entry_addr >= h->vmaddr);
		CHECK(img->thread_rsp == 0);
		break;
	default:
		CHECK(!"macho_parse() succeeded without an entry point");
	}
	CHECK(img->vm_start <= img->entry_addr && img->entry_addr < img->vm_end);
	for (i = 0; i < img->nsegs; i++) {
		const struct macho_segment *s = &img->segs[i];

		if (img->entry_addr >= s->vmaddr &&
		    img->entry_addr - s->vmaddr < s->vmsize &&
		    (s->initprot & VM_PROT_EXECUTE))
			found = 1;
	}
	CHECK(found);
}

static void check_dylinker(const u8 *cmds, long hsize,
			   const struct macho_image *img)
{
	const char *path = macho_dylinker_path(cmds, img);

	if (img->entry_kind == MACHO_ENTRY_MAIN &&
	    img->filetype == MH_EXECUTE)
		CHECK(path);	/* LC_MAIN needs dyld to run */
	if (!path) {
		CHECK(img->dylinker_len == 0);
		return;
	}
	CHECK(img->filetype == MH_EXECUTE);	/* no dyld chains */
	CHECK(img->dylinker_off >= MACHO_HEADER_SIZE +
				   sizeof(struct dylinker_command));
	CHECK(img->dylinker_len >= 1 && img->dylinker_len < MACHO_MAX_PATH);
	/* the NUL is inside the buffer, and it is the first one */
	CHECK((u64)img->dylinker_off + img->dylinker_len < (u64)hsize);
	CHECK(path[img->dylinker_len] == '\0');
	CHECK(!memchr(path, '\0', img->dylinker_len));
}

/*
 * Walk the load commands again, independently of the parser (which has
 * accepted them, so they are well formed): segs[] must be exactly the
 * LC_SEGMENT_64 with a vmsize, in order and field for field; there is one
 * entry command of the kind reported; the dylinker path lies inside the
 * only LC_LOAD_DYLINKER.
 */
static void check_commands(const u8 *cmds, long hsize,
			   const struct macho_image *img)
{
	u32 ncmds = MACHO_LE32(cmds, mach_header_64, ncmds);
	u32 off = MACHO_HEADER_SIZE, i, cmd, cmdsize;
	unsigned int nsegs = 0, nentry = 0, ndylinker = 0;

	for (i = 0; i < ncmds; i++, off += cmdsize) {
		const u8 *lc = cmds + off;

		CHECK(inside(off, sizeof(struct load_command), hsize));
		cmd = MACHO_LE32(lc, load_command, cmd);
		cmdsize = MACHO_LE32(lc, load_command, cmdsize);
		CHECK(cmdsize >= 8 && !(cmdsize % 8) &&
		      inside(off, cmdsize, hsize));
		if (cmd == LC_SEGMENT_64 &&
		    MACHO_LE64(lc, segment_command_64, vmsize)) {
			const struct macho_segment *s = &img->segs[nsegs];

			CHECK(++nsegs <= img->nsegs);
			CHECK(!strncmp(s->name, (const char *)lc +
				       offsetof(struct segment_command_64,
						segname), 16));
			CHECK(s->vmaddr == MACHO_LE64(lc, segment_command_64, vmaddr));
			CHECK(s->vmsize == MACHO_LE64(lc, segment_command_64, vmsize));
			CHECK(s->fileoff == MACHO_LE64(lc, segment_command_64, fileoff));
			CHECK(s->filesize == MACHO_LE64(lc, segment_command_64, filesize));
			CHECK(s->maxprot == MACHO_LE32(lc, segment_command_64, maxprot));
			CHECK(s->initprot == MACHO_LE32(lc, segment_command_64, initprot));
		} else if (cmd == LC_UNIXTHREAD) {
			CHECK(img->entry_kind == MACHO_ENTRY_THREAD);
			nentry++;
		} else if (cmd == LC_MAIN) {
			CHECK(img->entry_kind == MACHO_ENTRY_MAIN);
			nentry++;
		} else if (cmd == LC_LOAD_DYLINKER) {
			CHECK(img->dylinker_off >= off + sizeof(struct dylinker_command));
			CHECK(img->dylinker_off + img->dylinker_len < off + cmdsize);
			ndylinker++;
		} else {
			CHECK(cmd != LC_SEGMENT);
		}
	}
	CHECK(nsegs == img->nsegs);
	CHECK(nentry == 1);
	CHECK(ndylinker == (img->dylinker_off != 0));
}

static void check_image(const u8 *cmds, long hsize, u64 image_size,
			u32 want, const struct macho_image *img)
{
	u32 flags = MACHO_LE32(cmds, mach_header_64, flags);

	CHECK(img->filetype == want);
	CHECK(MACHO_LE32(cmds, mach_header_64, filetype) == want);
	CHECK(img->flags == flags);
	CHECK(img->pie == (want == MH_DYLINKER || (flags & MH_PIE) != 0));
	CHECK((u64)hsize <= image_size);
	check_segments(img, hsize, image_size);
	check_entry(img);
	check_dylinker(cmds, hsize, img);
	check_commands(cmds, hsize, img);
}

/*
 * macho_parse() for one filetype on the loader's exact buffer, plus two
 * properties of a pure function: the same result again, and the same
 * result when the buffer goes on past the load commands (the parser must
 * not look beyond MACHO_HEADER_SIZE + sizeofcmds). Returns the result.
 */
static int parse_one(const u8 *cmds, long hsize, const u8 *image,
		     u64 avail, u64 image_size, u32 want)
{
	struct macho_image *img = malloc(sizeof(*img));
	struct macho_image *again = malloc(sizeof(*again));
	int ret, ret2;

	if (!img || !again)
		abort();
	ret = macho_parse(cmds, hsize, image_size, want, img);
	CHECK(ret == 0 || ret == -ENOEXEC);
	if (!ret)
		check_image(cmds, hsize, image_size, want, img);

	ret2 = macho_parse(cmds, hsize, image_size, want, again);
	CHECK(ret2 == ret);
	CHECK(ret || !memcmp(img, again, sizeof(*img)));

	ret2 = macho_parse(image, avail, image_size, want, again);
	CHECK(ret2 == ret);
	CHECK(ret || !memcmp(img, again, sizeof(*img)));

	free(again);
	free(img);
	return ret;
}

/*
 * kmod/loader.c macho_read_image(): probe, then kernel_read() the
 * 32-byte header at the slice start, macho_header_size(), kernel_read()
 * header + load commands, macho_parse(). A short read ends it there
 * (-ENOEXEC), as in the loader.
 */
static void load(const u8 *file, u64 file_size,
		 const struct macho_slice *sl)
{
	u64 avail = file_size - sl->offset;	/* what kernel_read() gets */
	u8 *hdr, *cmds;
	long hsize;
	int ok_exec, ok_dyld;

	if (avail < MACHO_HEADER_SIZE)
		return;
	hdr = dup_exact(file + sl->offset, MACHO_HEADER_SIZE);
	hsize = macho_header_size(hdr, MACHO_HEADER_SIZE);
	free(hdr);
	CHECK(hsize == -ENOEXEC ||
	      (hsize >= MACHO_HEADER_SIZE &&
	       hsize <= MACHO_HEADER_SIZE + (long)MACHO_MAX_SIZEOFCMDS));
	if (hsize < 0 || avail < (u64)hsize)
		return;

	cmds = dup_exact(file + sl->offset, hsize);
	/* the loader asks for MH_EXECUTE; dyld will be loaded as MH_DYLINKER */
	ok_exec = !parse_one(cmds, hsize, file + sl->offset, avail, sl->size,
			     MH_EXECUTE);
	ok_dyld = !parse_one(cmds, hsize, file + sl->offset, avail, sl->size,
			     MH_DYLINKER);
	CHECK(!(ok_exec && ok_dyld));
	free(cmds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size < PROBE_LEN ? size : PROBE_LEN;
	u8 *head = dup_exact(data, len);
	struct macho_slice sl;
	int ret;

	ret = macho_probe(head, len, size, &sl);
	free(head);
	CHECK(ret == 0 || ret == -ENOEXEC || ret == -E2BIG);
	if (ret == -E2BIG) {
		/*
		 * The loader gives up here (-ENOEXEC); macho_parser.h allows
		 * a caller to read the whole fat table and probe again, and
		 * that must not ask for more.
		 */
		u8 *all = dup_exact(data, size);

		ret = macho_probe(all, size, size, &sl);
		free(all);
		CHECK(ret == 0 || ret == -ENOEXEC);
	}
	if (ret)
		return 0;
	check_slice(&sl, size);
	load(data, size, &sl);
	return 0;
}
