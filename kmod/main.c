// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_macho: module entry points. The binfmt handler (loader.c) is
 * registered last, once everything a Mach-O task needs (the commpage and
 * the syscall personality hooks) is in place, and unregistered first.
 *
 * Every Mach-O mm holds a reference on this module (set_binfmt()), so the
 * module cannot be unloaded while a Mach-O process exists.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>

#include "binfmt_macho.h"

#define BINFMT_MACHO_VERSION "0.1.0"

static int __init binfmt_macho_init(void)
{
	int ret;

	ret = macho_commpage_init();
	if (ret)
		return ret;
	ret = macho_hook_init();
	if (ret) {
		macho_commpage_exit();
		return ret;
	}
	register_binfmt(&macho_format);
	pr_info("version " BINFMT_MACHO_VERSION " loaded\n");
	return 0;
}

static void __exit binfmt_macho_exit(void)
{
	unregister_binfmt(&macho_format);
	macho_hook_exit();
	macho_commpage_exit();
}

module_init(binfmt_macho_init);
module_exit(binfmt_macho_exit);

MODULE_DESCRIPTION("Run x86_64 Mach-O executables with XNU system call translation");
MODULE_AUTHOR("binfmt_macho developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(BINFMT_MACHO_VERSION);
/* request_module("binfmt-%04x") keys: bytes 2-3 of MH_MAGIC_64 and FAT_MAGIC */
MODULE_ALIAS("binfmt-feed");
MODULE_ALIAS("binfmt-beba");
