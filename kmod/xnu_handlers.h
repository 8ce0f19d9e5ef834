/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Argument fixes and handlers named by xnu_syscalls.tbl. Fixes run in the
 * sys_enter probe (no sleeping, no user memory) and return 0 or -errno;
 * PROBE handlers too; SLEEP handlers run as the syscall. Handlers return
 * a Linux-style value or -errno (Mach traps: a kern_return_t).
 */
#ifndef BINFMT_MACHO_XNU_HANDLERS_H
#define BINFMT_MACHO_XNU_HANDLERS_H

struct pt_regs;

/* xnu_fix.c */
int xnu_fix_open(struct pt_regs *regs);
int xnu_fix_openat(struct pt_regs *regs);
int xnu_fix_mmap(struct pt_regs *regs);
int xnu_fix_mprotect(struct pt_regs *regs);
int xnu_fix_set_tsd_base(struct pt_regs *regs);

/* bsd_stat.c */
long xnu_sys_stat64(struct pt_regs *regs);
long xnu_sys_lstat64(struct pt_regs *regs);
long xnu_sys_fstat64(struct pt_regs *regs);

/* bsd_misc.c */
long xnu_sys_gettimeofday(struct pt_regs *regs);
long xnu_sys_getentropy(struct pt_regs *regs);
long xnu_sys_issetugid(struct pt_regs *regs);

/* mach_time.c */
long xnu_mach_timebase_info(struct pt_regs *regs);

#endif /* BINFMT_MACHO_XNU_HANDLERS_H */
