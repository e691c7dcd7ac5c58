/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Compiler compatibility for the x86_64 cores (GCC and clang, kernel and
 * userspace), so that the algorithm files need no #ifdef:
 *
 *   KCRYPTO_ISA_BEGIN("avx2,bmi2")	functions up to KCRYPTO_ISA_END()
 *   KCRYPTO_ISA_END()			may use these ISA extensions
 *   KCRYPTO_UNROLL(5)			unroll the next loop completely
 *
 * GCC takes "#pragma GCC target"; clang ignores that pragma and wants
 * "#pragma clang attribute" with the target attribute instead.  Both
 * compilers (GCC >= 12) accept __builtin_shufflevector(), which the cores
 * use instead of GCC's __builtin_shuffle().
 */
#ifndef _KCRYPTO_X86_ISA_H
#define _KCRYPTO_X86_ISA_H

#define KCRYPTO_PRAGMA(x)	_Pragma(#x)

/*
 * <immintrin.h> pulls in <mm_malloc.h>, which needs <stdlib.h>, absent in
 * the kernel; the cores never use _mm_malloc().  Include guards of GCC's
 * and clang's copies.
 */
#ifndef _MM_MALLOC_H_INCLUDED
#define _MM_MALLOC_H_INCLUDED
#endif
#ifndef __MM_MALLOC_H
#define __MM_MALLOC_H
#endif

/*
 * KCRYPTO_UNROLL(n) before a loop with a small constant trip count: fully
 * unrolled, arrays of vectors indexed by the loop counter become
 * registers instead of stack slots (GCC -O2 does not always unroll).
 */
#ifdef __clang__
#define KCRYPTO_UNROLL(n)	KCRYPTO_PRAGMA(unroll n)
#else
#define KCRYPTO_UNROLL(n)	KCRYPTO_PRAGMA(GCC unroll n)
#endif

#ifdef __clang__
#define KCRYPTO_ISA_BEGIN(isa)						\
	KCRYPTO_PRAGMA(clang attribute push(__attribute__((target(isa))),\
					     apply_to = function))
#define KCRYPTO_ISA_END()	KCRYPTO_PRAGMA(clang attribute pop)
#else
/* Back to the command-line options: the cores use no other pragma. */
#define KCRYPTO_ISA_BEGIN(isa)	KCRYPTO_PRAGMA(GCC target(isa))
#define KCRYPTO_ISA_END()	KCRYPTO_PRAGMA(GCC reset_options)
#endif

#endif /* _KCRYPTO_X86_ISA_H */
