// SPDX-License-Identifier: GPL-2.0
/*
 * stat64, lstat64, fstat64: Linux's struct kstat converted to XNU's
 * 64-bit-inode struct stat (struct stat64, 144 bytes on x86_64).
 */
#include <linux/build_bug.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/namei.h>
#include <linux/ptrace.h>
#include <linux/stat.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/cred.h>

#include "xnu_handlers.h"

struct xnu_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

struct xnu_stat64 {
	s32 st_dev;
	u16 st_mode;
	u16 st_nlink;
	u64 st_ino;
	u32 st_uid;
	u32 st_gid;
	s32 st_rdev;
	s32 __pad0;
	struct xnu_timespec st_atimespec;
	struct xnu_timespec st_mtimespec;
	struct xnu_timespec st_ctimespec;
	struct xnu_timespec st_birthtimespec;
	s64 st_size;
	s64 st_blocks;
	s32 st_blksize;
	u32 st_flags;
	u32 st_gen;
	s32 st_lspare;
	s64 st_qspare[2];
};

static_assert(sizeof(struct xnu_stat64) == 144);

/* BSD file flags (sys/stat.h) for the Linux attributes that match */
#define XNU_UF_IMMUTABLE	0x00000002
#define XNU_UF_APPEND		0x00000004
#define XNU_UF_COMPRESSED	0x00000020

/* XNU's makedev(): 8-bit major, 24-bit minor */
static s32 xnu_encode_dev(dev_t dev)
{
	return (s32)(((MAJOR(dev) & 0xff) << 24) | (MINOR(dev) & 0xffffff));
}

static struct xnu_timespec xnu_timespec(struct timespec64 ts)
{
	return (struct xnu_timespec){ .tv_sec = ts.tv_sec,
				      .tv_nsec = ts.tv_nsec };
}

static int xnu_copy_stat64(const struct kstat *st, void __user *ubuf)
{
	struct user_namespace *ns = current_user_ns();
	struct xnu_stat64 xs = {
		.st_dev = xnu_encode_dev(st->dev),
		.st_mode = st->mode,
		.st_nlink = min_t(u32, st->nlink, U16_MAX),
		.st_ino = st->ino,
		.st_uid = from_kuid_munged(ns, st->uid),
		.st_gid = from_kgid_munged(ns, st->gid),
		.st_rdev = xnu_encode_dev(st->rdev),
		.st_atimespec = xnu_timespec(st->atime),
		.st_mtimespec = xnu_timespec(st->mtime),
		.st_ctimespec = xnu_timespec(st->ctime),
		/* no birth time: the oldest time we know, as HFS+ would */
		.st_birthtimespec = xnu_timespec((st->result_mask & STATX_BTIME) ?
						 st->btime : st->ctime),
		.st_size = st->size,
		.st_blocks = st->blocks,
		.st_blksize = st->blksize,
	};

	if (st->attributes & STATX_ATTR_IMMUTABLE)
		xs.st_flags |= XNU_UF_IMMUTABLE;
	if (st->attributes & STATX_ATTR_APPEND)
		xs.st_flags |= XNU_UF_APPEND;
	if (st->attributes & STATX_ATTR_COMPRESSED)
		xs.st_flags |= XNU_UF_COMPRESSED;
	return copy_to_user(ubuf, &xs, sizeof(xs)) ? -EFAULT : 0;
}

static long xnu_stat_path(struct pt_regs *regs, unsigned int lookup_flags)
{
	const char __user *upath = (const char __user *)regs->di;
	struct kstat st;
	struct path path;
	int err;

	err = user_path_at(AT_FDCWD, upath, lookup_flags, &path);
	if (err)
		return err;
	err = vfs_getattr(&path, &st, STATX_BASIC_STATS | STATX_BTIME,
			  AT_STATX_SYNC_AS_STAT);
	path_put(&path);
	if (err)
		return err;
	return xnu_copy_stat64(&st, (void __user *)regs->si);
}

/* stat64(path, buf) */
long xnu_sys_stat64(struct pt_regs *regs)
{
	return xnu_stat_path(regs, LOOKUP_FOLLOW);
}

/* lstat64(path, buf) */
long xnu_sys_lstat64(struct pt_regs *regs)
{
	return xnu_stat_path(regs, 0);
}

/* fstat64(fd, buf) */
long xnu_sys_fstat64(struct pt_regs *regs)
{
	struct file *file = fget((unsigned int)regs->di);
	struct kstat st;
	int err;

	if (!file)
		return -EBADF;
	err = vfs_getattr(&file->f_path, &st, STATX_BASIC_STATS | STATX_BTIME,
			  AT_STATX_SYNC_AS_STAT);
	fput(file);
	if (err)
		return err;
	return xnu_copy_stat64(&st, (void __user *)regs->si);
}
