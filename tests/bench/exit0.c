// SPDX-License-Identifier: GPL-2.0
/*
 * exit0: the smallest program, built as a static Mach-O and as a static
 * ELF from this one source (sys.h), so that exec+exit latency compares
 * the two loaders and nothing else.
 */
#include "sys.h"

void macho_main(long *sp);

void macho_main(long *sp)
{
	(void)sp;
	sys_exit(0);
}
