/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-width types and errno values for code shared by the kernel module,
 * KUnit and userspace (tools, fuzzers): the same source builds in both.
 */
#ifndef BINFMT_MACHO_TYPES_H
#define BINFMT_MACHO_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <linux/types.h>	/* the uapi __u8 ... __s64 */
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;
#endif

#endif /* BINFMT_MACHO_TYPES_H */
