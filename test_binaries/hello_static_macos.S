/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest useful static Mach-O: write(1, "Hello, World!\n", 14) and
 * exit(0) through raw XNU BSD system calls (rax = 0x2000000 | number). It
 * starts from LC_UNIXTHREAD, so no dyld and no libSystem are involved.
 * A failed or short write exits with status 1.
 */
#define SYS_exit	0x2000001
#define SYS_write	0x2000004

	.text
	.globl	_start
_start:
	movl	$SYS_write, %eax
	movl	$1, %edi
	leaq	msg(%rip), %rsi
	movl	$msg_len, %edx
	syscall
	jc	1f			/* XNU: CF set means rax is an errno */
	cmpq	$msg_len, %rax
	jne	1f
	xorl	%edi, %edi
	jmp	2f
1:	movl	$1, %edi
2:	movl	$SYS_exit, %eax
	syscall
	hlt				/* exit does not return */

	.section __TEXT,__const
msg:	.ascii	"Hello, World!\n"
	.set	msg_len, . - msg
