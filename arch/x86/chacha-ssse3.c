// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, SSSE3: four blocks per pass in the 16 xmm registers.
 * Rotations by 16 and 8 are byte shuffles (pshufb); by 12 and 7, shifts.
 */
#include <kcrypto/cores.h>
#include "isa.h"

KCRYPTO_ISA_BEGIN("ssse3")
#include <immintrin.h>

#define CHACHA_ROLX(x, n)						\
	((n) == 16 ? _mm_shuffle_epi8(x, _mm_setr_epi8(2, 3, 0, 1,	\
		6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)) :		\
	 (n) == 8 ? _mm_shuffle_epi8(x, _mm_setr_epi8(3, 0, 1, 2,	\
		7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)) :		\
	 _mm_or_si128(_mm_slli_epi32(x, n), _mm_srli_epi32(x, 32 - (n))))

#define CHACHA_PAIRS	/* 16 registers */
#include "chacha-x86.h"

/*
 * The tail gets its own stack frame: inlined next to the main loop, its
 * spill slots would add up with those of the loop.
 */
static noinline void chacha_tail(u32 *state, u8 *dst, const u8 *src,
				 size_t len, int nrounds)
{
	if (len <= KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x1(state, dst, src, len, nrounds);
		return;
	}
	chacha_x4(state, dst, src, len, nrounds);
}

void kcrypto_chacha_crypt_ssse3(struct kcrypto_chacha_state *st, u8 *dst,
				const u8 *src, size_t len, int nrounds)
{
	while (len >= 4 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x4(st->x, dst, src, 4 * KCRYPTO_CHACHA_BLOCK_SIZE,
			  nrounds);
		dst += 4 * KCRYPTO_CHACHA_BLOCK_SIZE;
		src += 4 * KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= 4 * KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len)
		chacha_tail(st->x, dst, src, len, nrounds);
}

KCRYPTO_ISA_END()
