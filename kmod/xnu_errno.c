// SPDX-License-Identifier: GPL-2.0
/*
 * Linux -> XNU errno translation (the sys_exit probe's half of the BSD
 * return convention). Pure C: the same file builds in the kernel, KUnit and
 * userspace. Linux errno names below 134 are the uapi values in both worlds
 * (glibc's <errno.h> takes them from <linux/errno.h>), so the table is
 * indexed by them directly; the kernel-internal codes >= 512 have no
 * userspace names and are spelled out here.
 */
#include "macho_types.h"
#include "xnu_errno.h"

/* include/linux/errno.h: kernel-internal codes, never uapi. */
#define LINUX_ERESTARTSYS		512
#define LINUX_ERESTARTNOINTR		513
#define LINUX_ERESTARTNOHAND		514
#define LINUX_ENOIOCTLCMD		515
#define LINUX_ERESTART_RESTARTBLOCK	516
#define LINUX_EPROBE_DEFER		517
#define LINUX_EOPENSTALE		518
#define LINUX_ENOPARAM			519
#define LINUX_EBADHANDLE		521
#define LINUX_ENOTSYNC			522
#define LINUX_EBADCOOKIE		523
#define LINUX_ENOTSUPP			524
#define LINUX_ETOOSMALL			525
#define LINUX_ESERVERFAULT		526
#define LINUX_EBADTYPE			527
#define LINUX_EJUKEBOX			528
#define LINUX_EIOCBQUEUED		529
#define LINUX_ERECALLCONFLICT		530
#define LINUX_ENOGRACE			531

#ifdef __KERNEL__
#include <linux/build_bug.h>
static_assert(LINUX_ERESTARTSYS == ERESTARTSYS);
static_assert(LINUX_ERESTARTNOINTR == ERESTARTNOINTR);
static_assert(LINUX_ERESTARTNOHAND == ERESTARTNOHAND);
static_assert(LINUX_ENOIOCTLCMD == ENOIOCTLCMD);
static_assert(LINUX_ERESTART_RESTARTBLOCK == ERESTART_RESTARTBLOCK);
static_assert(LINUX_EPROBE_DEFER == EPROBE_DEFER);
static_assert(LINUX_EOPENSTALE == EOPENSTALE);
static_assert(LINUX_ENOPARAM == ENOPARAM);
static_assert(LINUX_EBADHANDLE == EBADHANDLE);
static_assert(LINUX_ENOTSYNC == ENOTSYNC);
static_assert(LINUX_EBADCOOKIE == EBADCOOKIE);
static_assert(LINUX_ENOTSUPP == ENOTSUPP);
static_assert(LINUX_ETOOSMALL == ETOOSMALL);
static_assert(LINUX_ESERVERFAULT == ESERVERFAULT);
static_assert(LINUX_EBADTYPE == EBADTYPE);
static_assert(LINUX_EJUKEBOX == EJUKEBOX);
static_assert(LINUX_EIOCBQUEUED == EIOCBQUEUED);
static_assert(LINUX_ERECALLCONFLICT == ERECALLCONFLICT);
static_assert(LINUX_ENOGRACE == ENOGRACE);
#endif

#define LINUX_ERRNO_MAX		133	/* EHWPOISON */

/*
 * uapi ENOSYS (38); checkpatch reserves the name for "bad syscall number",
 * which is the one meaning XNU gives its ENOSYS too.
 */
#define LINUX_ENOSYS		38

/*
 * Indexed by Linux errno. 0 marks the two numbers Linux never assigned
 * (41 and 58: EWOULDBLOCK and EDEADLOCK are aliases of EAGAIN and EDEADLK).
 * Where XNU has no errno with the same meaning, the closest one is chosen
 * so that a program's error handling takes the right branch; each such
 * choice says why.
 */
static const u8 xnu_errno_table[LINUX_ERRNO_MAX + 1] = {
	/* 1..34 are the historical Unix values, shared except EAGAIN. */
	[EPERM] = XNU_EPERM,
	[ENOENT] = XNU_ENOENT,
	[ESRCH] = XNU_ESRCH,
	[EINTR] = XNU_EINTR,
	[EIO] = XNU_EIO,
	[ENXIO] = XNU_ENXIO,
	[E2BIG] = XNU_E2BIG,
	[ENOEXEC] = XNU_ENOEXEC,
	[EBADF] = XNU_EBADF,
	[ECHILD] = XNU_ECHILD,
	[EAGAIN] = XNU_EAGAIN,		/* 11 on Linux, 35 on XNU */
	[ENOMEM] = XNU_ENOMEM,
	[EACCES] = XNU_EACCES,
	[EFAULT] = XNU_EFAULT,
	[ENOTBLK] = XNU_ENOTBLK,
	[EBUSY] = XNU_EBUSY,
	[EEXIST] = XNU_EEXIST,
	[EXDEV] = XNU_EXDEV,
	[ENODEV] = XNU_ENODEV,
	[ENOTDIR] = XNU_ENOTDIR,
	[EISDIR] = XNU_EISDIR,
	[EINVAL] = XNU_EINVAL,
	[ENFILE] = XNU_ENFILE,
	[EMFILE] = XNU_EMFILE,
	[ENOTTY] = XNU_ENOTTY,
	[ETXTBSY] = XNU_ETXTBSY,
	[EFBIG] = XNU_EFBIG,
	[ENOSPC] = XNU_ENOSPC,
	[ESPIPE] = XNU_ESPIPE,
	[EROFS] = XNU_EROFS,
	[EMLINK] = XNU_EMLINK,
	[EPIPE] = XNU_EPIPE,
	[EDOM] = XNU_EDOM,
	[ERANGE] = XNU_ERANGE,

	[EDEADLK] = XNU_EDEADLK,	/* 35 on Linux, 11 on XNU */
	[ENAMETOOLONG] = XNU_ENAMETOOLONG,
	[ENOLCK] = XNU_ENOLCK,
	[LINUX_ENOSYS] = XNU_ENOSYS,
	[ENOTEMPTY] = XNU_ENOTEMPTY,
	[ELOOP] = XNU_ELOOP,
	[ENOMSG] = XNU_ENOMSG,
	[EIDRM] = XNU_EIDRM,
	/* STREAMS/ISDN leftovers without XNU counterparts: by meaning. */
	[ECHRNG] = XNU_EINVAL,		/* channel number out of range */
	[EL2NSYNC] = XNU_EIO,
	[EL3HLT] = XNU_EIO,
	[EL3RST] = XNU_EIO,
	[ELNRNG] = XNU_EINVAL,		/* link number out of range */
	[EUNATCH] = XNU_ENXIO,		/* protocol driver not attached */
	[ENOCSI] = XNU_EIO,
	[EL2HLT] = XNU_EIO,
	[EBADE] = XNU_EINVAL,		/* invalid exchange */
	[EBADR] = XNU_EINVAL,		/* invalid request descriptor */
	[EXFULL] = XNU_ENOSPC,		/* exchange full */
	[ENOANO] = XNU_EIO,
	[EBADRQC] = XNU_EINVAL,		/* invalid request code */
	[EBADSLT] = XNU_EINVAL,		/* invalid slot */
	[EBFONT] = XNU_EFTYPE,		/* bad font file format */
	[ENOSTR] = XNU_ENOSTR,
	/*
	 * Linux reports a missing extended attribute as ENODATA (libattr's
	 * ENOATTR is an alias); XNU has a distinct ENOATTR for exactly that,
	 * and its ENODATA (STREAMS) is practically unused.
	 */
	[ENODATA] = XNU_ENOATTR,
	[ETIME] = XNU_ETIME,
	[ENOSR] = XNU_ENOSR,
	[ENONET] = XNU_ENETDOWN,	/* machine is not on the network */
	[ENOPKG] = XNU_ENOTSUP,		/* facility (module) not available */
	[EREMOTE] = XNU_EREMOTE,
	[ENOLINK] = XNU_ENOLINK,
	[EADV] = XNU_EIO,
	[ESRMNT] = XNU_EIO,
	[ECOMM] = XNU_EIO,		/* communication error on send */
	[EPROTO] = XNU_EPROTO,
	[EMULTIHOP] = XNU_EMULTIHOP,
	[EDOTDOT] = XNU_EIO,
	[EBADMSG] = XNU_EBADMSG,
	[EOVERFLOW] = XNU_EOVERFLOW,
	[ENOTUNIQ] = XNU_EEXIST,	/* name not unique on network */
	[EBADFD] = XNU_EBADF,		/* fd in bad state: still a bad fd */
	[EREMCHG] = XNU_EADDRNOTAVAIL,	/* remote address changed */
	/* Shared library loading: XNU's exec errors say the same. */
	[ELIBACC] = XNU_EBADEXEC,
	[ELIBBAD] = XNU_EBADEXEC,
	[ELIBSCN] = XNU_EBADEXEC,
	[ELIBMAX] = XNU_EBADEXEC,
	[ELIBEXEC] = XNU_ENOEXEC,	/* cannot exec a shared library */
	[EILSEQ] = XNU_EILSEQ,
	[ERESTART] = XNU_EINTR,		/* uapi ERESTART, not ERESTARTSYS */
	[ESTRPIPE] = XNU_EPIPE,
	[EUSERS] = XNU_EUSERS,
	[ENOTSOCK] = XNU_ENOTSOCK,
	[EDESTADDRREQ] = XNU_EDESTADDRREQ,
	[EMSGSIZE] = XNU_EMSGSIZE,
	[EPROTOTYPE] = XNU_EPROTOTYPE,
	[ENOPROTOOPT] = XNU_ENOPROTOOPT,
	[EPROTONOSUPPORT] = XNU_EPROTONOSUPPORT,
	[ESOCKTNOSUPPORT] = XNU_ESOCKTNOSUPPORT,
	/*
	 * Linux has one number (95) for EOPNOTSUPP and ENOTSUP; XNU has two:
	 * ENOTSUP (45) for operations, EOPNOTSUPP (102) for sockets. Most
	 * Linux sources of 95 a Mach-O program meets (file systems, xattrs,
	 * fallocate, ioctls) are ENOTSUP's; socket-specific translations may
	 * return XNU_EOPNOTSUPP themselves.
	 */
	[EOPNOTSUPP] = XNU_ENOTSUP,
	[EPFNOSUPPORT] = XNU_EPFNOSUPPORT,
	[EAFNOSUPPORT] = XNU_EAFNOSUPPORT,
	[EADDRINUSE] = XNU_EADDRINUSE,
	[EADDRNOTAVAIL] = XNU_EADDRNOTAVAIL,
	[ENETDOWN] = XNU_ENETDOWN,
	[ENETUNREACH] = XNU_ENETUNREACH,
	[ENETRESET] = XNU_ENETRESET,
	[ECONNABORTED] = XNU_ECONNABORTED,
	[ECONNRESET] = XNU_ECONNRESET,
	[ENOBUFS] = XNU_ENOBUFS,
	[EISCONN] = XNU_EISCONN,
	[ENOTCONN] = XNU_ENOTCONN,
	[ESHUTDOWN] = XNU_ESHUTDOWN,
	[ETOOMANYREFS] = XNU_ETOOMANYREFS,
	[ETIMEDOUT] = XNU_ETIMEDOUT,
	[ECONNREFUSED] = XNU_ECONNREFUSED,
	[EHOSTDOWN] = XNU_EHOSTDOWN,
	[EHOSTUNREACH] = XNU_EHOSTUNREACH,
	[EALREADY] = XNU_EALREADY,
	[EINPROGRESS] = XNU_EINPROGRESS,
	[ESTALE] = XNU_ESTALE,
	[EUCLEAN] = XNU_EIO,		/* file system structure corrupted */
	[ENOTNAM] = XNU_EFTYPE,		/* not a XENIX named type file */
	[ENAVAIL] = XNU_ENOSPC,		/* no XENIX semaphores available */
	[EISNAM] = XNU_EFTYPE,		/* is a named type file */
	[EREMOTEIO] = XNU_EIO,
	[EDQUOT] = XNU_EDQUOT,
	[ENOMEDIUM] = XNU_ENXIO,	/* as XNU reports a drive without media */
	[EMEDIUMTYPE] = XNU_EFTYPE,	/* wrong medium type */
	[ECANCELED] = XNU_ECANCELED,
	/* Keyring/fscrypt: the key is part of the caller's credentials. */
	[ENOKEY] = XNU_ENEEDAUTH,	/* required key not available */
	[EKEYEXPIRED] = XNU_EAUTH,
	[EKEYREVOKED] = XNU_EAUTH,
	[EKEYREJECTED] = XNU_EAUTH,
	[EOWNERDEAD] = XNU_EOWNERDEAD,
	[ENOTRECOVERABLE] = XNU_ENOTRECOVERABLE,
	[ERFKILL] = XNU_EPWROFF,	/* radio switched off */
	[EHWPOISON] = XNU_EIO,		/* memory page has a hardware error */
};

/*
 * The kernel-internal codes. Most are NFS protocol errors or in-kernel
 * signals that should be converted before reaching userspace but are known
 * to leak.
 */
static int xnu_errno_from_internal(int linux_errno)
{
	switch (linux_errno) {
	case LINUX_ERESTARTSYS:		/* see xnu_errno.h */
	case LINUX_ERESTARTNOINTR:
	case LINUX_ERESTARTNOHAND:
	case LINUX_ERESTART_RESTARTBLOCK:
		return XNU_EINTR;
	case LINUX_ENOIOCTLCMD:		/* what the ioctl core makes of it */
		return XNU_ENOTTY;
	case LINUX_EPROBE_DEFER:	/* a driver bug if seen: device error */
	case LINUX_ENOTSYNC:
	case LINUX_ESERVERFAULT:
		return XNU_EIO;
	case LINUX_EOPENSTALE:
	case LINUX_EBADHANDLE:		/* NFS: illegal file handle */
		return XNU_ESTALE;
	case LINUX_ENOPARAM:		/* unknown fs_context parameter */
	case LINUX_EBADCOOKIE:		/* NFS: stale readdir cookie */
		return XNU_EINVAL;
	case LINUX_ENOTSUPP:
	case LINUX_EBADTYPE:		/* type not supported by server */
		return XNU_ENOTSUP;
	case LINUX_ETOOSMALL:		/* buffer too small, as ERANGE */
		return XNU_ERANGE;
	case LINUX_EJUKEBOX:		/* NFS: retry later */
	case LINUX_ERECALLCONFLICT:	/* NFS: conflict with recall */
		return XNU_EAGAIN;
	case LINUX_EIOCBQUEUED:		/* async I/O was queued */
		return XNU_EINPROGRESS;
	case LINUX_ENOGRACE:		/* NFS: lock reclaim refused */
		return XNU_ENOLCK;
	default:			/* 520 was never assigned */
		return 0;
	}
}

int xnu_errno_from_linux(int linux_errno)
{
	int xnu = 0;

	if (linux_errno > 0 && linux_errno <= LINUX_ERRNO_MAX)
		xnu = xnu_errno_table[linux_errno];
	else
		xnu = xnu_errno_from_internal(linux_errno);
	return xnu ? xnu : XNU_EINVAL;
}

static const char * const xnu_errno_names[XNU_ELAST + 1] = {
/* N(PERM): [XNU_EPERM] = "EPERM" */
#define N(e) \
	[XNU_E##e] = "E" #e
	N(PERM), N(NOENT), N(SRCH), N(INTR), N(IO), N(NXIO), N(2BIG),
	N(NOEXEC), N(BADF), N(CHILD), N(DEADLK), N(NOMEM), N(ACCES),
	N(FAULT), N(NOTBLK), N(BUSY), N(EXIST), N(XDEV), N(NODEV),
	N(NOTDIR), N(ISDIR), N(INVAL), N(NFILE), N(MFILE), N(NOTTY),
	N(TXTBSY), N(FBIG), N(NOSPC), N(SPIPE), N(ROFS), N(MLINK),
	N(PIPE), N(DOM), N(RANGE), N(AGAIN), N(INPROGRESS), N(ALREADY),
	N(NOTSOCK), N(DESTADDRREQ), N(MSGSIZE), N(PROTOTYPE),
	N(NOPROTOOPT), N(PROTONOSUPPORT), N(SOCKTNOSUPPORT), N(NOTSUP),
	N(PFNOSUPPORT), N(AFNOSUPPORT), N(ADDRINUSE), N(ADDRNOTAVAIL),
	N(NETDOWN), N(NETUNREACH), N(NETRESET), N(CONNABORTED),
	N(CONNRESET), N(NOBUFS), N(ISCONN), N(NOTCONN), N(SHUTDOWN),
	N(TOOMANYREFS), N(TIMEDOUT), N(CONNREFUSED), N(LOOP),
	N(NAMETOOLONG), N(HOSTDOWN), N(HOSTUNREACH), N(NOTEMPTY),
	N(PROCLIM), N(USERS), N(DQUOT), N(STALE), N(REMOTE), N(BADRPC),
	N(RPCMISMATCH), N(PROGUNAVAIL), N(PROGMISMATCH), N(PROCUNAVAIL),
	N(NOLCK), N(NOSYS), N(FTYPE), N(AUTH), N(NEEDAUTH), N(PWROFF),
	N(DEVERR), N(OVERFLOW), N(BADEXEC), N(BADARCH), N(SHLIBVERS),
	N(BADMACHO), N(CANCELED), N(IDRM), N(NOMSG), N(ILSEQ),
	N(NOATTR), N(BADMSG), N(MULTIHOP), N(NODATA), N(NOLINK),
	N(NOSR), N(NOSTR), N(PROTO), N(TIME), N(OPNOTSUPP), N(NOPOLICY),
	N(NOTRECOVERABLE), N(OWNERDEAD), N(QFULL),
#undef N
};

const char *xnu_errno_name(int xnu_errno)
{
	if (xnu_errno <= 0 || xnu_errno > XNU_ELAST)
		return NULL;
	return xnu_errno_names[xnu_errno];
}
