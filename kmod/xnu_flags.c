// SPDX-License-Identifier: GPL-2.0
/*
 * XNU -> Linux flag translation. Each XNU bit is translated, ignored where
 * XNU itself ignores it or it is only a hint, or refused where Linux cannot
 * honour it from a register rewrite; the reasons are given bit by bit.
 * XNU behaviour cited is that of open1()/vn_open_auth() (bsd/vfs),
 * mmap()/mprotect() (bsd/kern/kern_mman.c) in xnu-11417.
 */
#include "macho_types.h"
#include "xnu_flags.h"

#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
static_assert(LINUX_O_WRONLY == O_WRONLY && LINUX_O_RDWR == O_RDWR);
static_assert(LINUX_O_CREAT == O_CREAT && LINUX_O_EXCL == O_EXCL);
static_assert(LINUX_O_NOCTTY == O_NOCTTY && LINUX_O_TRUNC == O_TRUNC);
static_assert(LINUX_O_APPEND == O_APPEND && LINUX_O_NONBLOCK == O_NONBLOCK);
static_assert(LINUX_O_DSYNC == O_DSYNC && LINUX_FASYNC == FASYNC);
static_assert(LINUX_O_DIRECTORY == O_DIRECTORY);
static_assert(LINUX_O_NOFOLLOW == O_NOFOLLOW);
static_assert(LINUX_O_CLOEXEC == O_CLOEXEC && LINUX_O_SYNC == O_SYNC);
static_assert(LINUX_O_PATH == O_PATH);
static_assert(LINUX_AT_FDCWD == AT_FDCWD);
static_assert(LINUX_PROT_READ == PROT_READ && LINUX_PROT_WRITE == PROT_WRITE);
static_assert(LINUX_PROT_EXEC == PROT_EXEC);
static_assert(LINUX_MAP_SHARED == MAP_SHARED);
static_assert(LINUX_MAP_PRIVATE == MAP_PRIVATE);
static_assert(LINUX_MAP_FIXED == MAP_FIXED);
static_assert(LINUX_MAP_ANONYMOUS == MAP_ANONYMOUS);
static_assert(LINUX_MAP_32BIT == MAP_32BIT);
static_assert(LINUX_MAP_NORESERVE == MAP_NORESERVE);
#else
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct xnu_flag_map {
	u32 xnu;
	u32 host;
};

/* Open flags with a Linux bit of the same meaning. */
static const struct xnu_flag_map open_flag_map[] = {
	{ XNU_O_NONBLOCK, LINUX_O_NONBLOCK },
	{ XNU_O_APPEND, LINUX_O_APPEND },
	/* Linux's open() ignores FASYNC (fcntl sets it); so does XNU's. */
	{ XNU_O_ASYNC, LINUX_FASYNC },
	{ XNU_O_SYNC, LINUX_O_SYNC },
	{ XNU_O_NOFOLLOW, LINUX_O_NOFOLLOW },
	{ XNU_O_CREAT, LINUX_O_CREAT },
	{ XNU_O_TRUNC, LINUX_O_TRUNC },
	{ XNU_O_EXCL, LINUX_O_EXCL },
	{ XNU_O_NOCTTY, LINUX_O_NOCTTY },
	{ XNU_O_DIRECTORY, LINUX_O_DIRECTORY },
	{ XNU_O_DSYNC, LINUX_O_DSYNC },
	{ XNU_O_CLOEXEC, LINUX_O_CLOEXEC },
};

/*
 * Valid XNU open flags that a renumbered Linux open cannot honour, so the
 * call fails with EOPNOTSUPP rather than silently doing less:
 * - O_SHLOCK/O_EXLOCK take a flock() atomically with the open; a later
 *   flock() from a sleepable handler would not be atomic.
 * - O_SYMLINK opens the link itself for I/O (e.g. to read its xattrs);
 *   O_PATH|O_NOFOLLOW gives an fd that cannot be read: not equivalent.
 * - O_NOFOLLOW_ANY and O_RESOLVE_BENEATH restrict the whole path walk:
 *   openat2()'s RESOLVE_NO_SYMLINKS/RESOLVE_BENEATH, which needs an
 *   open_how struct in user memory (a sleepable handler, later).
 * - O_CLOFORK: Linux has no close-on-fork; dropping it would leak the fd
 *   into children the program meant to keep it from.
 */
#define XNU_O_UNSUPPORTED (XNU_O_SHLOCK | XNU_O_EXLOCK | XNU_O_SYMLINK | \
			   XNU_O_NOFOLLOW_ANY | XNU_O_RESOLVE_BENEATH | \
			   XNU_O_CLOFORK)

/*
 * O_PATH keeps only these; any other effect requested with O_EXEC would be
 * silently lost.
 */
#define XNU_O_EXEC_LOSSY (XNU_O_CREAT | XNU_O_TRUNC | XNU_O_EXCL | \
			  XNU_O_APPEND)

/*
 * Everything else is ignored, as XNU's open1() ignores it: O_EVTONLY (an
 * fd used only for kqueue notifications, which on XNU does not keep its
 * volume busy: Linux has no such fd), FENCRYPTED/FUNENCRYPTED (cleared by
 * open1()) and bits XNU does not define (FFLAGS() passes them through and
 * they are masked off the file's flags).
 */
int xnu_open_flags_to_linux(u32 xnu_flags, u32 *linux_flags)
{
	u32 accmode = xnu_flags & XNU_O_ACCMODE;
	u32 out = 0;
	size_t i;

	/* open1(): O_ACCMODE is not a mode; O_EXEC excludes read/write. */
	if (accmode == XNU_O_ACCMODE)
		return -EINVAL;
	if (accmode != XNU_O_RDONLY && (xnu_flags & XNU_O_EXEC))
		return -EINVAL;
	/* vn_open_auth() */
	if ((xnu_flags & XNU_O_NOFOLLOW_ANY) && (xnu_flags & XNU_O_NOFOLLOW))
		return -EINVAL;
	if ((xnu_flags & XNU_O_CREAT) && (xnu_flags & XNU_O_DIRECTORY))
		return -EINVAL;

	if (xnu_flags & XNU_O_UNSUPPORTED)
		return -EOPNOTSUPP;

	if (accmode == XNU_O_WRONLY)
		out |= LINUX_O_WRONLY;
	else if (accmode == XNU_O_RDWR)
		out |= LINUX_O_RDWR;

	for (i = 0; i < ARRAY_SIZE(open_flag_map); i++)
		if (xnu_flags & open_flag_map[i].xnu)
			out |= open_flag_map[i].host;

	/*
	 * O_EXEC (execute only; with O_DIRECTORY it is O_SEARCH) -> O_PATH:
	 * an fd that can be passed to fexecve()/execveat() or used as the
	 * dirfd of *at() calls but not read or written, as on XNU. The
	 * permission check moves from open to use (exec and lookups through
	 * the fd still check it), so nothing is granted that XNU would deny.
	 * O_PATH|O_NOFOLLOW opens a final symlink instead of failing with
	 * ELOOP; harmless, since such an fd cannot be executed either.
	 */
	if (xnu_flags & XNU_O_EXEC) {
		if (xnu_flags & XNU_O_EXEC_LOSSY)
			return -EOPNOTSUPP;
		out = LINUX_O_PATH |
		      (out & (LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW |
			      LINUX_O_CLOEXEC));
	}

	*linux_flags = out;
	return 0;
}

int xnu_at_fd_to_linux(s32 fd)
{
	if (fd == XNU_AT_FDCWD)
		return LINUX_AT_FDCWD;
	/*
	 * -100 is just a bad descriptor on XNU (EBADF), but AT_FDCWD on
	 * Linux: keep it bad.
	 */
	if (fd == LINUX_AT_FDCWD)
		return -1;
	return fd;
}

/* What XNU's mmap() accepts (for programs built with a 2020+ SDK). */
#define XNU_MAP_KNOWN (XNU_MAP_SHARED | XNU_MAP_PRIVATE | XNU_MAP_FIXED | \
		       XNU_MAP_RENAME | XNU_MAP_NORESERVE | \
		       XNU_MAP_RESERVED0080 | XNU_MAP_NOEXTEND | \
		       XNU_MAP_HASSEMAPHORE | XNU_MAP_NOCACHE | XNU_MAP_JIT | \
		       XNU_MAP_ANON | XNU_MAP_RESILIENT_CODESIGN | \
		       XNU_MAP_RESILIENT_MEDIA | XNU_MAP_32BIT | \
		       XNU_MAP_TRANSLATED_ALLOW_EXECUTE | XNU_MAP_UNIX03 | \
		       XNU_MAP_TPRO)

#define XNU_MAP_RESILIENT (XNU_MAP_RESILIENT_CODESIGN | XNU_MAP_RESILIENT_MEDIA)

/*
 * Translated: SHARED, PRIVATE, FIXED, ANON, NORESERVE, 32BIT (Linux keeps
 * such mappings below 2 GiB, inside XNU's 4 GiB promise). Ignored after
 * XNU's own validity checks:
 * - RENAME, RESERVED0080, NOEXTEND, HASSEMAPHORE: accepted and unused by
 *   XNU; NOCACHE: a page cache hint.
 * - JIT: on x86_64 only marks the region as allowed to be RWX under the
 *   hardened runtime; Linux has no such restriction.
 * - RESILIENT_CODESIGN/MEDIA: survive code signing or media errors; there
 *   is no code signing here, and I/O errors still raise SIGBUS.
 * - TRANSLATED_ALLOW_EXECUTE: Rosetta only, ignored by x86_64 XNU.
 * - TPRO: enforced by arm64 pmaps only; an ordinary mapping on x86_64.
 * - UNIX03: stricter argument checks (zero length, unaligned offset) that
 *   Linux applies anyway.
 * The prot-dependent checks of RESILIENT_CODESIGN and TPRO (EPERM) are not
 * repeated: neither has an effect here.
 */
int xnu_mmap_flags_to_linux(u32 xnu_flags, u32 *linux_flags)
{
	u32 out;

	if (xnu_flags & ~XNU_MAP_KNOWN)
		return -EINVAL;
	if ((xnu_flags & XNU_MAP_UNIX03) &&
	    !(xnu_flags & (XNU_MAP_SHARED | XNU_MAP_PRIVATE)))
		return -EINVAL;
	if ((xnu_flags & XNU_MAP_JIT) &&
	    ((xnu_flags & (XNU_MAP_FIXED | XNU_MAP_SHARED | XNU_MAP_RESILIENT |
			   XNU_MAP_TPRO)) || !(xnu_flags & XNU_MAP_ANON)))
		return -EINVAL;
	/* XNU drops RESILIENT_MEDIA from shared mappings before this check */
	if ((xnu_flags & XNU_MAP_SHARED) &&
	    (xnu_flags & XNU_MAP_RESILIENT) == XNU_MAP_RESILIENT_MEDIA)
		xnu_flags &= ~XNU_MAP_RESILIENT_MEDIA;
	if ((xnu_flags & XNU_MAP_RESILIENT) &&
	    (xnu_flags & (XNU_MAP_ANON | XNU_MAP_JIT | XNU_MAP_TPRO)))
		return -EINVAL;

	/*
	 * XNU only tests MAP_SHARED: both bits mean shared, neither (allowed
	 * without UNIX03) means private. Linux refuses neither and reads both
	 * as MAP_SHARED_VALIDATE.
	 */
	out = (xnu_flags & XNU_MAP_SHARED) ? LINUX_MAP_SHARED : LINUX_MAP_PRIVATE;
	if (xnu_flags & XNU_MAP_FIXED)
		out |= LINUX_MAP_FIXED;
	/* The fd of an anonymous XNU mapping is a VM tag; Linux ignores it. */
	if (xnu_flags & XNU_MAP_ANON)
		out |= LINUX_MAP_ANONYMOUS;
	if (xnu_flags & XNU_MAP_NORESERVE)
		out |= LINUX_MAP_NORESERVE;
	if (xnu_flags & XNU_MAP_32BIT)
		out |= LINUX_MAP_32BIT;

	*linux_flags = out;
	return 0;
}

/*
 * PROT_READ/WRITE/EXEC have the same values. XNU masks every other bit off
 * (vm_sanitize_prot_bsd(); VM_PROT_TRUSTED and VM_PROT_STRIP_READ only
 * matter to code signing and execute-only arm64 pages) instead of failing:
 * do the same, which also keeps Linux-only bits (PROT_SEM,
 * PROT_GROWSDOWN/UP) out of reach.
 */
int xnu_prot_to_linux(u32 xnu_prot, u32 *linux_prot)
{
	*linux_prot = xnu_prot &
		      (XNU_PROT_READ | XNU_PROT_WRITE | XNU_PROT_EXEC);
	return 0;
}
