/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 kernel-mode NEON sections for the arch glue (kernel only). */
#ifndef _KCRYPTO_ARM64_SIMD_H
#define _KCRYPTO_ARM64_SIMD_H

#include <asm/neon.h>
#include <asm/simd.h>

/* False in hardirq context or with interrupts disabled. */
#define kcrypto_simd_usable()	may_use_simd()

#ifdef KCRYPTO_HAVE_ARM64_NEON_STATE
/*
 * 7.x: the caller provides the buffer that keeps its NEON registers while
 * it is preempted or interrupted by a softirq that uses NEON, on its stack
 * (as scoped_ksimd() does).  kcrypto_simd_begin() is one declaration that
 * defines the buffer and enters the section; kcrypto_simd_end() must
 * follow in the same block, and a block holds at most one section.
 */
#define kcrypto_simd_begin()						\
	struct user_fpsimd_state __kcrypto_neon_buf __uninitialized,	\
		*__kcrypto_neon_st = (kernel_neon_begin(&__kcrypto_neon_buf), \
				      &__kcrypto_neon_buf)
#define kcrypto_simd_end()	kernel_neon_end(__kcrypto_neon_st)
#else
#define kcrypto_simd_begin()	kernel_neon_begin()
#define kcrypto_simd_end()	kernel_neon_end()
#endif

#endif /* _KCRYPTO_ARM64_SIMD_H */
