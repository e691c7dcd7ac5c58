// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, AVX2: eight blocks per pass in ymm registers; a tail of
 * up to four blocks takes the 128-bit path (half the work of a pass).
 * Rotations by 16 and 8 are byte shuffles (vpshufb); by 12 and 7, shifts.
 */
#include <kcrypto/cores.h>

#pragma GCC push_options
#pragma GCC target("avx2")
#ifndef _MM_MALLOC_H_INCLUDED
#define _MM_MALLOC_H_INCLUDED	/* needs <stdlib.h>, absent in the kernel */
#endif
#include <immintrin.h>

#define CHACHA_ROLX(x, n)						\
	((n) == 16 ? _mm_shuffle_epi8(x, _mm_setr_epi8(2, 3, 0, 1,	\
		6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)) :		\
	 (n) == 8 ? _mm_shuffle_epi8(x, _mm_setr_epi8(3, 0, 1, 2,	\
		7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)) :		\
	 _mm_or_si128(_mm_slli_epi32(x, n), _mm_srli_epi32(x, 32 - (n))))

#define CHACHA_ROLY(x, n)						\
	((n) == 16 ? _mm256_shuffle_epi8(x, _mm256_setr_epi8(2, 3, 0, 1,\
		6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,		\
		2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)) :\
	 (n) == 8 ? _mm256_shuffle_epi8(x, _mm256_setr_epi8(3, 0, 1, 2,	\
		7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,		\
		3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)) :\
	 _mm256_or_si256(_mm256_slli_epi32(x, n),			\
			 _mm256_srli_epi32(x, 32 - (n))))

#define CHACHA_WANT_YMM
#define CHACHA_PAIRS	/* 16 registers */
#include "chacha-x86.h"

/*
 * The tails get their own stack frames: inlined next to the main loop (or
 * to each other), their spill slots would add up with those of the loop.
 */
static noinline void chacha_tail8(u32 *state, u8 *dst, const u8 *src,
				  size_t len, int nrounds)
{
	chacha_x8(state, dst, src, len, nrounds);
}

static noinline void chacha_tail(u32 *state, u8 *dst, const u8 *src,
				 size_t len, int nrounds)
{
	if (len <= KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x1(state, dst, src, len, nrounds);
		return;
	}
	if (len > 4 * KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_tail8(state, dst, src, len, nrounds);
	else
		chacha_x4(state, dst, src, len, nrounds);
}

void kcrypto_chacha_crypt_avx2(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds)
{
	while (len >= 8 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x8(st->x, dst, src, 8 * KCRYPTO_CHACHA_BLOCK_SIZE,
			  nrounds);
		dst += 8 * KCRYPTO_CHACHA_BLOCK_SIZE;
		src += 8 * KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= 8 * KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len)
		chacha_tail(st->x, dst, src, len, nrounds);
}

#pragma GCC pop_options
