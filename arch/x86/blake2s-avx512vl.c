// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * BLAKE2s compression, AVX-512VL: one-instruction rotations (vprord), and
 * the message words of a round picked from the two halves of the block by
 * two vpermt2d (the block stays in two ymm registers).
 */
#include <kcrypto/cores.h>
#include "isa.h"

KCRYPTO_ISA_BEGIN("avx2,avx512f,avx512vl")
#include <immintrin.h>

#define B2S_ROR(x, n)	_mm_ror_epi32(x, n)

#define B2S_MSG(p, r, m0, m1, m2, m3)					\
	do {								\
		const __m256i __lo = _mm256_loadu_si256((const __m256i *)(p));\
		const __m256i __hi =					\
			_mm256_loadu_si256((const __m256i *)((p) + 32));\
		__m256i __p0 = _mm256_permutex2var_epi32(__lo,		\
			_mm256_load_si256((const __m256i *)		\
					  &blake2s_x86_msg[r][0]), __hi);\
		__m256i __p1 = _mm256_permutex2var_epi32(__lo,		\
			_mm256_load_si256((const __m256i *)		\
					  &blake2s_x86_msg[r][8]), __hi);\
		m0 = _mm256_castsi256_si128(__p0);			\
		m1 = _mm256_extracti128_si256(__p0, 1);			\
		m2 = _mm256_castsi256_si128(__p1);			\
		m3 = _mm256_extracti128_si256(__p1, 1);			\
	} while (0)

#include "blake2s-x86.h"

void kcrypto_blake2s_compress_avx512vl(struct kcrypto_blake2s_ctx *ctx,
				       const u8 *block, size_t nblocks,
				       u32 inc)
{
	blake2s_compress_x86(ctx, block, nblocks, inc);
}

KCRYPTO_ISA_END()
