// SPDX-License-Identifier: GPL-2.0
/*
 * proc_mem_read PID ADDR LEN: read LEN bytes at ADDR (hex) of process PID
 * through /proc/PID/mem and print them as a string, or print the errno
 * name of the failing open/pread and exit 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[64], buf[256];
	unsigned long addr;
	size_t len;
	ssize_t n;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PID ADDR LEN\n", argv[0]);
		return 2;
	}
	addr = strtoul(argv[2], NULL, 16);
	len = strtoul(argv[3], NULL, 0);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	snprintf(path, sizeof(path), "/proc/%s/mem", argv[1]);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("open: %s\n", strerrorname_np(errno));
		return 1;
	}
	n = pread(fd, buf, len, (off_t)addr);
	if (n < 0) {
		printf("pread: %s\n", strerrorname_np(errno));
		return 1;
	}
	buf[n] = 0;
	printf("%s\n", buf);
	return 0;
}
