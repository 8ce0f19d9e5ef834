// SPDX-License-Identifier: GPL-2.0
/*
 * Replays inputs through the fuzz harness without libFuzzer (for `make
 * test`, and for triage under a debugger): each argument is a file, or a
 * directory whose regular files are all run. The harness traps on a
 * violated postcondition and the sanitizers abort on a report, so getting
 * to the end means every input passed. Prints one line per input.
 */
#define _GNU_SOURCE	/* asprintf */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_INPUT	(64UL << 20)

/* 0 if run, -1 if it could not be read. */
static int run_file(const char *path)
{
	struct stat st;
	uint8_t *buf;
	FILE *f;
	size_t n;

	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) || !S_ISREG(st.st_mode) ||
	    (unsigned long)st.st_size > REPLAY_MAX_INPUT) {
		fprintf(stderr, "%s: cannot read\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	/* exact size, as libFuzzer does, so ASan sees any overread */
	buf = malloc(st.st_size ? st.st_size : 1);
	n = buf ? fread(buf, 1, st.st_size, f) : 0;
	fclose(f);
	if (n != (size_t)st.st_size) {
		fprintf(stderr, "%s: short read\n", path);
		free(buf);
		return -1;
	}
	printf("%s (%zu bytes)\n", path, n);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

static int cmp_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Number of inputs run, or -1. */
static int run_path(const char *path)
{
	struct dirent **ents;
	struct stat st;
	int n, i, runs = 0, bad = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "%s: not found\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path) ? -1 : 1;
	n = scandir(path, &ents, NULL, cmp_names);
	if (n < 0) {
		fprintf(stderr, "%s: cannot list\n", path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		char *p;

		if (ents[i]->d_name[0] != '.' &&
		    asprintf(&p, "%s/%s", path, ents[i]->d_name) >= 0) {
			if (!stat(p, &st) && S_ISREG(st.st_mode)) {
				if (run_file(p))
					bad = 1;
				else
					runs++;
			}
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return bad ? -1 : runs;
}

int main(int argc, char **argv)
{
	int i, n, total = 0, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		n = run_path(argv[i]);
		if (n < 0)
			bad = 1;
		else
			total += n;
	}
	printf("replayed %d inputs%s\n", total, bad ? ", some unreadable" : "");
	return bad ? 2 : 0;
}
