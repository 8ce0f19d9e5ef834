/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry point for the freestanding static test programs. The kernel starts
 * an LC_UNIXTHREAD image with rsp pointing at argc (XNU's layout: argc,
 * argv[], NULL, envp[], NULL, apple[], NULL). Hand that pointer to C
 * untouched, so the program can check its alignment itself, then call
 * macho_main(sp) on a 16-byte aligned stack as the SysV ABI requires.
 */
	.text
	.globl	_start
_start:
	movq	%rsp, %rdi
	andq	$-16, %rsp
	xorl	%ebp, %ebp		/* end of the frame chain */
	callq	_macho_main
	ud2				/* macho_main exits */
