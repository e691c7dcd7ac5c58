// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * BLAKE2s compression, AVX (SSSE3-class instructions, VEX encoded):
 * rotations by 16 and 8 are byte shuffles, by 12 and 7 shifts; message
 * words are gathered with vpinsrd straight from the block.
 */
#include <kcrypto/cores.h>
#include "isa.h"

KCRYPTO_ISA_BEGIN("avx")
#include <immintrin.h>

#define B2S_ROR(x, n)							\
	((n) == 16 ? _mm_shuffle_epi8(x, _mm_setr_epi8(2, 3, 0, 1,	\
		6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)) :		\
	 (n) == 8 ? _mm_shuffle_epi8(x, _mm_setr_epi8(1, 2, 3, 0,	\
		5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12)) :		\
	 _mm_or_si128(_mm_srli_epi32(x, n), _mm_slli_epi32(x, 32 - (n))))

#define B2S_W(p, r, i)	((int)get_unaligned_le32((p) + 4 * blake2s_x86_msg[r][i]))
#define B2S_MSG(p, r, m0, m1, m2, m3)					\
	do {								\
		m0 = _mm_setr_epi32(B2S_W(p, r, 0), B2S_W(p, r, 1),	\
				    B2S_W(p, r, 2), B2S_W(p, r, 3));	\
		m1 = _mm_setr_epi32(B2S_W(p, r, 4), B2S_W(p, r, 5),	\
				    B2S_W(p, r, 6), B2S_W(p, r, 7));	\
		m2 = _mm_setr_epi32(B2S_W(p, r, 8), B2S_W(p, r, 9),	\
				    B2S_W(p, r, 10), B2S_W(p, r, 11));	\
		m3 = _mm_setr_epi32(B2S_W(p, r, 12), B2S_W(p, r, 13),	\
				    B2S_W(p, r, 14), B2S_W(p, r, 15));	\
	} while (0)

#include "blake2s-x86.h"

void kcrypto_blake2s_compress_avx(struct kcrypto_blake2s_ctx *ctx,
				  const u8 *block, size_t nblocks, u32 inc)
{
	blake2s_compress_x86(ctx, block, nblocks, inc);
}

KCRYPTO_ISA_END()
