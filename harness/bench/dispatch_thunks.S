/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The external thunks that -mindirect-branch=thunk-extern and
 * -mfunction-return=thunk-extern call, for dispatch_shapes.c.
 *
 * __x86_indirect_thunk_<reg>: a retpoline.  The call pushes a return
 * address whose speculative target is the pause/lfence trap; the real
 * target is written over it and reached with ret, so the indirect branch
 * predictor is never consulted.
 *
 * __x86_return_thunk: a jump to a plain ret, the kernel's thunk as built
 * (before boot patching); the retbleed/SRSO untraining sequences cost more
 * and are not modelled here.
 */
	.text

.macro KD_THUNK reg
	.globl __x86_indirect_thunk_\reg
	.type __x86_indirect_thunk_\reg, @function
	.p2align 5
__x86_indirect_thunk_\reg:
	call 2f
1:	pause
	lfence
	jmp 1b
2:	mov %\reg, (%rsp)
	ret
	.size __x86_indirect_thunk_\reg, . - __x86_indirect_thunk_\reg
.endm

	KD_THUNK rax
	KD_THUNK rbx
	KD_THUNK rcx
	KD_THUNK rdx
	KD_THUNK rsi
	KD_THUNK rdi
	KD_THUNK rbp
	KD_THUNK r8
	KD_THUNK r9
	KD_THUNK r10
	KD_THUNK r11
	KD_THUNK r12
	KD_THUNK r13
	KD_THUNK r14
	KD_THUNK r15

	.globl __x86_return_thunk
	.type __x86_return_thunk, @function
	.p2align 5
__x86_return_thunk:
	ret
	int3
	.size __x86_return_thunk, . - __x86_return_thunk

	.section .note.GNU-stack, "", @progbits
