/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XNU (BSD) errno values and the Linux -> XNU errno translation. Pure C:
 * built into the module, KUnit and userspace tools alike.
 */
#ifndef BINFMT_MACHO_XNU_ERRNO_H
#define BINFMT_MACHO_XNU_ERRNO_H

/* bsd/sys/errno.h (xnu-11417), the values a Mach-O program sees. */
enum xnu_errno {
	XNU_EPERM = 1,
	XNU_ENOENT = 2,
	XNU_ESRCH = 3,
	XNU_EINTR = 4,
	XNU_EIO = 5,
	XNU_ENXIO = 6,
	XNU_E2BIG = 7,
	XNU_ENOEXEC = 8,
	XNU_EBADF = 9,
	XNU_ECHILD = 10,
	XNU_EDEADLK = 11,
	XNU_ENOMEM = 12,
	XNU_EACCES = 13,
	XNU_EFAULT = 14,
	XNU_ENOTBLK = 15,
	XNU_EBUSY = 16,
	XNU_EEXIST = 17,
	XNU_EXDEV = 18,
	XNU_ENODEV = 19,
	XNU_ENOTDIR = 20,
	XNU_EISDIR = 21,
	XNU_EINVAL = 22,
	XNU_ENFILE = 23,
	XNU_EMFILE = 24,
	XNU_ENOTTY = 25,
	XNU_ETXTBSY = 26,
	XNU_EFBIG = 27,
	XNU_ENOSPC = 28,
	XNU_ESPIPE = 29,
	XNU_EROFS = 30,
	XNU_EMLINK = 31,
	XNU_EPIPE = 32,
	XNU_EDOM = 33,
	XNU_ERANGE = 34,
	XNU_EAGAIN = 35,
	XNU_EINPROGRESS = 36,
	XNU_EALREADY = 37,
	XNU_ENOTSOCK = 38,
	XNU_EDESTADDRREQ = 39,
	XNU_EMSGSIZE = 40,
	XNU_EPROTOTYPE = 41,
	XNU_ENOPROTOOPT = 42,
	XNU_EPROTONOSUPPORT = 43,
	XNU_ESOCKTNOSUPPORT = 44,
	XNU_ENOTSUP = 45,
	XNU_EPFNOSUPPORT = 46,
	XNU_EAFNOSUPPORT = 47,
	XNU_EADDRINUSE = 48,
	XNU_EADDRNOTAVAIL = 49,
	XNU_ENETDOWN = 50,
	XNU_ENETUNREACH = 51,
	XNU_ENETRESET = 52,
	XNU_ECONNABORTED = 53,
	XNU_ECONNRESET = 54,
	XNU_ENOBUFS = 55,
	XNU_EISCONN = 56,
	XNU_ENOTCONN = 57,
	XNU_ESHUTDOWN = 58,
	XNU_ETOOMANYREFS = 59,
	XNU_ETIMEDOUT = 60,
	XNU_ECONNREFUSED = 61,
	XNU_ELOOP = 62,
	XNU_ENAMETOOLONG = 63,
	XNU_EHOSTDOWN = 64,
	XNU_EHOSTUNREACH = 65,
	XNU_ENOTEMPTY = 66,
	XNU_EPROCLIM = 67,
	XNU_EUSERS = 68,
	XNU_EDQUOT = 69,
	XNU_ESTALE = 70,
	XNU_EREMOTE = 71,
	XNU_EBADRPC = 72,
	XNU_ERPCMISMATCH = 73,
	XNU_EPROGUNAVAIL = 74,
	XNU_EPROGMISMATCH = 75,
	XNU_EPROCUNAVAIL = 76,
	XNU_ENOLCK = 77,
	XNU_ENOSYS = 78,
	XNU_EFTYPE = 79,
	XNU_EAUTH = 80,
	XNU_ENEEDAUTH = 81,
	XNU_EPWROFF = 82,
	XNU_EDEVERR = 83,
	XNU_EOVERFLOW = 84,
	XNU_EBADEXEC = 85,
	XNU_EBADARCH = 86,
	XNU_ESHLIBVERS = 87,
	XNU_EBADMACHO = 88,
	XNU_ECANCELED = 89,
	XNU_EIDRM = 90,
	XNU_ENOMSG = 91,
	XNU_EILSEQ = 92,
	XNU_ENOATTR = 93,
	XNU_EBADMSG = 94,
	XNU_EMULTIHOP = 95,
	XNU_ENODATA = 96,
	XNU_ENOLINK = 97,
	XNU_ENOSR = 98,
	XNU_ENOSTR = 99,
	XNU_EPROTO = 100,
	XNU_ETIME = 101,
	XNU_EOPNOTSUPP = 102,
	XNU_ENOPOLICY = 103,
	XNU_ENOTRECOVERABLE = 104,
	XNU_EOWNERDEAD = 105,
	XNU_EQFULL = 106,
	XNU_ELAST = 106,
};

/*
 * The XNU errno for a positive Linux errno (1..133, or one of the kernel's
 * internal codes 512..531): always a valid XNU errno, 1..XNU_ELAST.
 *
 * -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND and
 * -ERESTART_RESTARTBLOCK are not errors but requests to the signal code
 * (restart the call or report EINTR), which must see them unchanged: the
 * caller never passes them here. If one arrives anyway it becomes EINTR,
 * the result userspace would see had the call not been restarted.
 *
 * Anything else (0, negative, unused or unknown numbers) is a caller bug;
 * it becomes EINVAL rather than 0, so a failed call never looks like a
 * success.
 */
int xnu_errno_from_linux(int linux_errno);

/* "ENOENT" etc. for an XNU errno, or NULL if there is no such errno. */
const char *xnu_errno_name(int xnu_errno);

#endif /* BINFMT_MACHO_XNU_ERRNO_H */
