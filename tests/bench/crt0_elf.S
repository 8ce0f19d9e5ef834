/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ELF twin of test_binaries/crt0_macos.S: the Linux kernel also starts a
 * static ELF with rsp pointing at argc, argv[], NULL, envp[], NULL, so the
 * same C entry point macho_main(sp) serves both builds. No libc: the ELF
 * and the Mach-O run the same instructions from _start on.
 */
	.text
	.globl	_start
_start:
	movq	%rsp, %rdi
	andq	$-16, %rsp
	xorl	%ebp, %ebp
	callq	macho_main
	ud2
	.section .note.GNU-stack,"",@progbits
