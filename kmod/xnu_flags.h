/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XNU -> Linux flag translation for open, *at, mmap and mprotect. Pure C
 * (macho_types.h): built into the module, KUnit and userspace tools. Every
 * function returns 0 or a negative Linux errno; only registers' values go
 * in and out, so all of them are safe in the syscall probes.
 */
#ifndef BINFMT_MACHO_XNU_FLAGS_H
#define BINFMT_MACHO_XNU_FLAGS_H

#include "macho_types.h"

/* bsd/sys/fcntl.h (xnu-11417) */
#define XNU_O_RDONLY		0x00000000
#define XNU_O_WRONLY		0x00000001
#define XNU_O_RDWR		0x00000002
#define XNU_O_ACCMODE		0x00000003
#define XNU_O_NONBLOCK		0x00000004
#define XNU_O_APPEND		0x00000008
#define XNU_O_SHLOCK		0x00000010
#define XNU_O_EXLOCK		0x00000020
#define XNU_O_ASYNC		0x00000040
#define XNU_O_SYNC		0x00000080	/* also O_FSYNC */
#define XNU_O_NOFOLLOW		0x00000100
#define XNU_O_CREAT		0x00000200
#define XNU_O_TRUNC		0x00000400
#define XNU_O_EXCL		0x00000800
#define XNU_O_RESOLVE_BENEATH	0x00001000
#define XNU_O_EVTONLY		0x00008000
#define XNU_O_NOCTTY		0x00020000
#define XNU_O_DIRECTORY		0x00100000
#define XNU_O_SYMLINK		0x00200000
#define XNU_O_DSYNC		0x00400000
#define XNU_O_CLOEXEC		0x01000000
#define XNU_O_CLOFORK		0x08000000
#define XNU_O_NOFOLLOW_ANY	0x20000000
#define XNU_O_EXEC		0x40000000
#define XNU_O_SEARCH		(XNU_O_EXEC | XNU_O_DIRECTORY)

#define XNU_AT_FDCWD		(-2)

/* bsd/sys/mman.h (xnu-11417) */
#define XNU_PROT_READ		0x01
#define XNU_PROT_WRITE		0x02
#define XNU_PROT_EXEC		0x04

#define XNU_MAP_SHARED		0x00001
#define XNU_MAP_PRIVATE		0x00002
#define XNU_MAP_FIXED		0x00010
#define XNU_MAP_RENAME		0x00020
#define XNU_MAP_NORESERVE	0x00040
#define XNU_MAP_RESERVED0080	0x00080
#define XNU_MAP_NOEXTEND	0x00100
#define XNU_MAP_HASSEMAPHORE	0x00200
#define XNU_MAP_NOCACHE		0x00400
#define XNU_MAP_JIT		0x00800
#define XNU_MAP_ANON		0x01000
#define XNU_MAP_RESILIENT_CODESIGN 0x02000
#define XNU_MAP_RESILIENT_MEDIA	0x04000
#define XNU_MAP_32BIT		0x08000
#define XNU_MAP_TRANSLATED_ALLOW_EXECUTE 0x20000
#define XNU_MAP_UNIX03		0x40000
#define XNU_MAP_TPRO		0x80000

/*
 * Linux x86_64 uapi values, spelled out because userspace and kernel
 * headers disagree on what they define (O_PATH, FASYNC, __O_SYNC); the
 * kernel build checks them against the kernel's own.
 */
#define LINUX_O_WRONLY		00000001
#define LINUX_O_RDWR		00000002
#define LINUX_O_CREAT		00000100
#define LINUX_O_EXCL		00000200
#define LINUX_O_NOCTTY		00000400
#define LINUX_O_TRUNC		00001000
#define LINUX_O_APPEND		00002000
#define LINUX_O_NONBLOCK	00004000
#define LINUX_O_DSYNC		00010000
#define LINUX_FASYNC		00020000
#define LINUX_O_DIRECTORY	00200000
#define LINUX_O_NOFOLLOW	00400000
#define LINUX_O_CLOEXEC		02000000
#define LINUX_O_SYNC		04010000	/* __O_SYNC | O_DSYNC */
#define LINUX_O_PATH		010000000

#define LINUX_AT_FDCWD		(-100)

#define LINUX_PROT_READ		0x1
#define LINUX_PROT_WRITE	0x2
#define LINUX_PROT_EXEC		0x4

#define LINUX_MAP_SHARED	0x0001
#define LINUX_MAP_PRIVATE	0x0002
#define LINUX_MAP_FIXED		0x0010
#define LINUX_MAP_ANONYMOUS	0x0020
#define LINUX_MAP_32BIT		0x0040
#define LINUX_MAP_NORESERVE	0x4000

/* open(2)/openat(2) flags; XNU's own EINVAL cases are checked too. */
int xnu_open_flags_to_linux(u32 xnu_flags, u32 *linux_flags);

/* The dirfd of an *at() call: AT_FDCWD differs, everything else is kept. */
int xnu_at_fd_to_linux(s32 fd);

/* mmap(2) flags (the prot argument goes through xnu_prot_to_linux()). */
int xnu_mmap_flags_to_linux(u32 xnu_flags, u32 *linux_flags);

/* mmap(2)/mprotect(2) protection. */
int xnu_prot_to_linux(u32 xnu_prot, u32 *linux_prot);

#endif /* BINFMT_MACHO_XNU_FLAGS_H */
