// SPDX-License-Identifier: GPL-2.0
/*
 * Run the module's Mach-O parser on files, the way the loader does:
 * macho_probe() on the first 256 bytes (bprm->buf), then
 * macho_header_size() and macho_parse() on the selected image. Prints one
 * line per file, "FILE: ok ..." or "FILE: ENOEXEC" (etc.). Exit status 1
 * if any file failed to parse, 2 on usage or I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "macho_parser.h"
#include "macho_format.h"

#define PROBE_LEN	256	/* BINPRM_BUF_SIZE */
#define MAX_FILE	(256UL << 20)

static const char *errname(int err)
{
	switch (err) {
	case -ENOEXEC:
		return "ENOEXEC";
	case -E2BIG:
		return "E2BIG";
	case -ENOMEM:
		return "ENOMEM";
	case -EIO:
		return "EIO";
	default:
		return "E?";
	}
}

static unsigned char *read_file(const char *path, size_t *size)
{
	unsigned char *buf = NULL;
	size_t cap = 0, len = 0, n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	do {
		if (len == cap) {
			unsigned char *nbuf;

			cap = cap ? cap * 2 : 65536;
			nbuf = cap > MAX_FILE ? NULL : realloc(buf, cap);
			if (!nbuf) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = len;
	return buf;
}

static void print_image(const unsigned char *cmds, const struct macho_image *img)
{
	const char *dyld = macho_dylinker_path(cmds, img);

	printf(" %s%s entry=%s:0x%llx segs=%u vm=[0x%llx,0x%llx)",
	       img->filetype == MH_DYLINKER ? "dylinker" : "execute",
	       img->pie ? " pie" : "",
	       img->entry_kind == MACHO_ENTRY_MAIN ? "main" : "thread",
	       (unsigned long long)img->entry_addr, img->nsegs,
	       (unsigned long long)img->vm_start,
	       (unsigned long long)img->vm_end);
	if (img->pagezero_size)
		printf(" pagezero=0x%llx",
		       (unsigned long long)img->pagezero_size);
	if (dyld)
		printf(" dylinker=%s", dyld);
}

/* An exact-size copy, so that ASan catches any read past @len. */
static unsigned char *dup_exact(const unsigned char *p, size_t len)
{
	unsigned char *d = malloc(len ? len : 1);

	if (d)
		memcpy(d, p, len);
	return d;
}

static int probe(const unsigned char *buf, size_t size,
		 struct macho_slice *slice)
{
	size_t len = size < PROBE_LEN ? size : PROBE_LEN;
	unsigned char *head = dup_exact(buf, len);
	int ret;

	if (!head)
		return -ENOMEM;
	ret = macho_probe(head, len, size, slice);
	free(head);
	if (ret == -E2BIG)	/* the loader may read the whole table */
		ret = macho_probe(buf, size, size, slice);
	return ret;
}

/* 0 if parsed, else a negative errno; prints the rest of the line. */
static int parse(const unsigned char *buf, size_t size)
{
	struct macho_slice slice;
	struct macho_image *img = NULL;
	unsigned char *cmds = NULL;
	long hsize;
	int ret;

	ret = probe(buf, size, &slice);
	if (ret)
		return ret;
	hsize = macho_header_size(buf + slice.offset, slice.size);
	if (hsize < 0)
		return hsize;
	if ((unsigned long)hsize > slice.size)
		return -ENOEXEC;

	img = malloc(sizeof(*img));
	cmds = dup_exact(buf + slice.offset, hsize);
	ret = -ENOMEM;
	if (img && cmds)
		ret = macho_parse(cmds, hsize, slice.size,
				  macho_rd32(cmds + 12), img);
	if (!ret) {
		printf(": ok%s", slice.fat ? " fat" : "");
		if (slice.fat)
			printf("@0x%llx", (unsigned long long)slice.offset);
		print_image(cmds, img);
	}
	free(cmds);
	free(img);
	return ret;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		size_t size = 0;
		unsigned char *buf = read_file(argv[i], &size);
		int ret;

		if (!buf) {
			printf("%s: cannot read\n", argv[i]);
			status = 2;
			continue;
		}
		printf("%s", argv[i]);
		ret = parse(buf, size);
		if (ret) {
			printf(": %s\n", errname(ret));
			if (!status)
				status = 1;
		} else {
			printf("\n");
		}
		free(buf);
	}
	return status;
}
