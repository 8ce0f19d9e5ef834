/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mach-O parser: pure C, no kernel dependencies beyond fixed-width types, so
 * the same source is compiled into binfmt_macho.ko, its KUnit tests and the
 * userspace tools/fuzzers. It never allocates, never reads outside the
 * buffer it is given and validates every offset, size and count before use.
 *
 * Use in two steps, because the loader only has the first bytes of the file
 * (bprm->buf) when it decides whether the file is ours:
 *   1. macho_probe() on the first bytes of the file: "not ours" (-ENOEXEC,
 *      also for Java class files and fat files without an x86_64 slice),
 *      or where the x86_64 image starts inside the file and how big it is.
 *      For a fat file it needs the whole fat_arch table in the buffer.
 *      The loader passes bprm->buf (BINPRM_BUF_SIZE = 256 bytes): enough
 *      for 12 fat_arch or 7 fat_arch_64 entries.
 *   2. macho_parse() on the image's mach_header_64 + load commands
 *      (MACHO_HEADER_SIZE + sizeofcmds bytes read from the image start).
 */
#ifndef BINFMT_MACHO_PARSER_H
#define BINFMT_MACHO_PARSER_H

#include "macho_types.h"

/* Highest address (exclusive) an image may occupy: the XNU commpage base. */
#define MACHO_USER_ADDR_END	0x00007fffffe00000ULL
/* Load commands larger than this are refused (real images use < 64 KiB). */
#define MACHO_MAX_SIZEOFCMDS	(1024U * 1024)
#define MACHO_MAX_SEGMENTS	32
#define MACHO_MAX_PATH		1024	/* dylinker path, including the NUL */
#define MACHO_HEADER_SIZE	32	/* sizeof(struct mach_header_64) */

/* What macho_probe() found at the start of the file. */
struct macho_slice {
	u64 offset;	/* of the x86_64 mach_header_64 in the file */
	u64 size;	/* bytes from offset to the end of the image */
	bool fat;	/* it came from a fat/universal file */
};

struct macho_segment {
	char name[17];		/* NUL-terminated copy of segname */
	u64 vmaddr;		/* unslid */
	u64 vmsize;
	u64 fileoff;		/* relative to the image (slice) start */
	u64 filesize;
	u32 maxprot;		/* VM_PROT_* */
	u32 initprot;
};

enum macho_entry_kind {
	MACHO_ENTRY_NONE = 0,	/* not after a successful macho_parse() */
	MACHO_ENTRY_THREAD,	/* LC_UNIXTHREAD: entry = rip (unslid vmaddr) */
	MACHO_ENTRY_MAIN,	/* LC_MAIN: entry = entryoff from __TEXT start */
};

struct macho_image {
	u32 filetype;		/* MH_EXECUTE or MH_DYLINKER */
	u32 flags;		/* MH_* header flags */
	bool pie;		/* MH_PIE set (executables) or a dylinker */
	/*
	 * Segments in load command order; segments with vmsize 0 are
	 * validated but left out (nothing to map). No two overlap.
	 */
	unsigned int nsegs;
	struct macho_segment segs[MACHO_MAX_SEGMENTS];
	/*
	 * Index in segs[] of the first segment mapping file offset 0 with
	 * the header and all load commands (filesize >= header + cmds).
	 */
	int header_seg;
	/*
	 * Lowest and highest (exclusive) vm address of the mapped segments,
	 * the __PAGEZERO one (see pagezero_size) excluded; page aligned.
	 */
	u64 vm_start;
	u64 vm_end;
	/*
	 * __PAGEZERO-style reservation (a segment at vmaddr 0 with initprot
	 * == maxprot == 0 and filesize == 0; still in segs[]), 0 if none.
	 */
	u64 pagezero_size;
	enum macho_entry_kind entry_kind;
	u64 entry;		/* see macho_entry_kind */
	/*
	 * Unslid vm address of the entry point for either kind (LC_MAIN:
	 * segs[header_seg].vmaddr + entryoff); inside a segment whose
	 * initprot has VM_PROT_EXECUTE.
	 */
	u64 entry_addr;
	u64 stack_size;		/* LC_MAIN stacksize, 0 if none */
	u64 thread_rsp;		/* LC_UNIXTHREAD rsp (0 = kernel chooses) */
	/*
	 * LC_LOAD_DYLINKER path (offset into the load-command buffer given to
	 * macho_parse, NUL-terminated inside the command); 0 if none.
	 */
	u32 dylinker_off;
	u32 dylinker_len;	/* strlen of the path */
};

/*
 * Identify the file from its first @len bytes (the whole file is @file_size
 * bytes). Returns 0 and fills @slice, or:
 *   -ENOEXEC  not a Mach-O we run (wrong magic, Java class file, 32-bit or
 *             other-CPU thin image, fat without an x86_64 slice, malformed
 *             fat header or slice outside the file);
 *   -E2BIG    a fat arch table that does not fit in @len bytes but does in
 *             the file (the caller may read more and call again, or treat
 *             it as -ENOEXEC like Darling does).
 * Fat files: nfat_arch must be 1..30 (more is taken for a Java class file,
 * whose second word is its version); of several x86_64 slices the generic
 * subtype (CPU_SUBTYPE_X86_64_ALL) wins over x86_64h, else the first. The
 * chosen slice must lie inside the file after the fat arch table, be at
 * least MACHO_HEADER_SIZE bytes and start on a 4 KiB boundary (the loader
 * mmaps from it); if its start is inside @len, it must be an x86_64
 * mach_header_64 (no fat-in-fat). The slice's own header is checked again
 * by macho_header_size() in any case. A thin image has offset 0 and
 * size @file_size.
 */
int macho_probe(const void *buf, size_t len, u64 file_size,
		struct macho_slice *slice);

/*
 * Number of bytes macho_parse() needs for the image whose first
 * MACHO_HEADER_SIZE bytes are @hdr (header + sizeofcmds), or -ENOEXEC if the
 * header is not an x86_64 MH_EXECUTE/MH_DYLINKER header or sizeofcmds is out
 * of range.
 */
long macho_header_size(const void *hdr, size_t len);

/*
 * Validate the mach_header_64 + load commands in @buf (@len bytes, at least
 * macho_header_size()) of an image of @image_size bytes, and describe it in
 * @img. @want_filetype is MH_EXECUTE or MH_DYLINKER. Returns 0 or -ENOEXEC.
 *
 * Checked: magic, cputype, filetype; ncmds/sizeofcmds against the buffer
 * and each other; every cmdsize (>= 8, multiple of 8, inside sizeofcmds);
 * segments (fileoff + filesize inside the image, no u64 wrap, filesize <=
 * vmsize, vmaddr + vmsize not wrapping and <= MACHO_USER_ADDR_END, page
 * aligned vmaddr and fileoff, no two mapped segments overlapping, nsects fit
 * in cmdsize); at most one entry command (LC_UNIXTHREAD or LC_MAIN), its
 * flavor/count, an entry point inside a segment with VM_PROT_EXECUTE;
 * executables need an entry, LC_MAIN needs LC_LOAD_DYLINKER; dylinker
 * path NUL-terminated inside its command, shorter than MACHO_MAX_PATH, at
 * most one LC_LOAD_DYLINKER; at most MACHO_MAX_SEGMENTS segments; a segment
 * must map file offset 0 (the header) so the image's mach_header is mapped.
 * Also: both filetypes need an entry (so MACHO_ENTRY_NONE is never
 * returned); an MH_DYLINKER may use LC_MAIN without a dylinker but must not
 * have LC_LOAD_DYLINKER itself; LC_SEGMENT (32-bit) is refused; unknown
 * commands, LC_REQ_DYLD ones included, are skipped (they are dyld's job).
 */
int macho_parse(const void *buf, size_t len, u64 image_size,
		u32 want_filetype, struct macho_image *img);

/* The dylinker path of a parsed image, or NULL. @buf is macho_parse's. */
static inline const char *macho_dylinker_path(const void *buf,
					      const struct macho_image *img)
{
	return img->dylinker_off ? (const char *)buf + img->dylinker_off : NULL;
}

#endif /* BINFMT_MACHO_PARSER_H */
