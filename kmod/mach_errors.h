/* SPDX-License-Identifier: GPL-2.0 */
/* kern_return_t values (XNU osfmk/mach/kern_return.h) */
#ifndef BINFMT_MACHO_MACH_ERRORS_H
#define BINFMT_MACHO_MACH_ERRORS_H

#define KERN_SUCCESS		0
#define KERN_INVALID_ADDRESS	1
#define KERN_PROTECTION_FAILURE	2
#define KERN_NO_SPACE		3
#define KERN_INVALID_ARGUMENT	4
#define KERN_FAILURE		5
#define KERN_RESOURCE_SHORTAGE	6
#define KERN_NO_ACCESS		8

#endif /* BINFMT_MACHO_MACH_ERRORS_H */
