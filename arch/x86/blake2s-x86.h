/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * BLAKE2s compression on 128-bit vectors (RFC 7693), shared by the ISA
 * files blake2s-avx.c and blake2s-avx512vl.c.
 *
 * The 4x4 state is kept as four rows a, b, c, d (one xmm register each),
 * so the four G functions of a column (or diagonal) step run in the four
 * lanes.  One message block is one chain of dependent rounds, so the time
 * per block is the latency of that chain; everything else (message
 * permutation, diagonal shuffles) is arranged to stay off it:
 *
 *  - a + m is added before b arrives: a = (a + m) + b;
 *  - to go to the diagonals, rows a, c and d are rotated, never b (the
 *    last row produced by a step): lane j then works on
 *    (a[j-1], b[j], c[j+1], d[j+2]), i.e. G(4 + (j + 3) % 4);
 *  - the message words are taken in that lane order (blake2s_x86_msg).
 *
 * The includer sets the ISA with KCRYPTO_ISA_BEGIN() first and defines
 *
 *   B2S_ROR(x, n)			rotate each 32-bit lane right by n
 *   B2S_MSG(block, r, m0, m1, m2, m3)	the four message vectors of round r
 */
#ifndef _KCRYPTO_X86_BLAKE2S_X86_H
#define _KCRYPTO_X86_BLAKE2S_X86_H

#include <kcrypto/blake2s.h>

/* The cores (blake2s-cores.c lists them). */
void kcrypto_blake2s_compress_avx512vl(struct kcrypto_blake2s_ctx *ctx,
				       const u8 *block, size_t nblocks,
				       u32 inc);
void kcrypto_blake2s_compress_avx(struct kcrypto_blake2s_ctx *ctx,
				  const u8 *block, size_t nblocks, u32 inc);

/* The rest only for the ISA files, after their target pragma. */
#ifdef B2S_ROR

/*
 * Per round r, word indices of the message vectors: the sigma[r] entries
 * of the first G inputs of the columns (m0), the second ones (m1), then of
 * the diagonals in lane order G7, G4, G5, G6 (m2, m3).
 */
static const u32 blake2s_x86_msg[10][16] __aligned(64) = {
	{ 0, 2, 4, 6, 1, 3, 5, 7, 14, 8, 10, 12, 15, 9, 11, 13 },
	{ 14, 4, 9, 13, 10, 8, 15, 6, 5, 1, 0, 11, 3, 12, 2, 7 },
	{ 11, 12, 5, 15, 8, 0, 2, 13, 9, 10, 3, 7, 4, 14, 6, 1 },
	{ 7, 3, 13, 11, 9, 1, 12, 14, 15, 2, 5, 4, 8, 6, 10, 0 },
	{ 9, 5, 2, 10, 0, 7, 4, 15, 3, 14, 11, 6, 13, 1, 12, 8 },
	{ 2, 6, 0, 8, 12, 10, 11, 3, 1, 4, 7, 15, 9, 13, 5, 14 },
	{ 12, 1, 14, 4, 5, 15, 13, 10, 8, 0, 6, 9, 11, 7, 3, 2 },
	{ 13, 7, 12, 3, 11, 14, 1, 9, 2, 5, 15, 8, 10, 0, 4, 6 },
	{ 6, 14, 11, 0, 15, 9, 3, 8, 10, 12, 13, 1, 5, 2, 7, 4 },
	{ 10, 8, 7, 1, 2, 4, 6, 5, 13, 15, 9, 3, 0, 11, 14, 12 },
};

/*
 * Keep a + m as written: the compiler would otherwise reassociate to
 * (a + b) + m and put the second add on the chain.
 */
#define B2S_PIN(x)	__asm__("" : "+x" (x))

/* Half a G in every lane: rotations (r1, r2) are (16, 12) or (8, 7). */
#define B2S_HALF(m, r1, r2)						\
	do {								\
		a = _mm_add_epi32(a, m);				\
		B2S_PIN(a);						\
		a = _mm_add_epi32(a, b);				\
		d = B2S_ROR(_mm_xor_si128(d, a), r1);			\
		c = _mm_add_epi32(c, d);				\
		b = B2S_ROR(_mm_xor_si128(b, c), r2);			\
	} while (0)

#define B2S_ROUND(r)							\
	do {								\
		__m128i m0, m1, m2, m3;					\
									\
		B2S_MSG(block, r, m0, m1, m2, m3);			\
		B2S_HALF(m0, 16, 12);					\
		B2S_HALF(m1, 8, 7);					\
		a = _mm_shuffle_epi32(a, _MM_SHUFFLE(2, 1, 0, 3));	\
		c = _mm_shuffle_epi32(c, _MM_SHUFFLE(0, 3, 2, 1));	\
		d = _mm_shuffle_epi32(d, _MM_SHUFFLE(1, 0, 3, 2));	\
		B2S_HALF(m2, 16, 12);					\
		B2S_HALF(m3, 8, 7);					\
		a = _mm_shuffle_epi32(a, _MM_SHUFFLE(0, 3, 2, 1));	\
		c = _mm_shuffle_epi32(c, _MM_SHUFFLE(2, 1, 0, 3));	\
		d = _mm_shuffle_epi32(d, _MM_SHUFFLE(1, 0, 3, 2));	\
	} while (0)

/* Same contract as kcrypto_blake2s_compress_generic(). */
static __always_inline void blake2s_compress_x86(struct kcrypto_blake2s_ctx *ctx,
						 const u8 *block,
						 size_t nblocks, u32 inc)
{
	const __m128i iv0 = _mm_setr_epi32(0x6a09e667, 0xbb67ae85,
					   0x3c6ef372, 0xa54ff53a);
	const __m128i iv1 = _mm_setr_epi32(0x510e527f, 0x9b05688c,
					   0x1f83d9ab, 0x5be0cd19);
	__m128i h0 = _mm_loadu_si128((const __m128i *)&ctx->h[0]);
	__m128i h1 = _mm_loadu_si128((const __m128i *)&ctx->h[4]);
	u32 t0 = ctx->t[0], t1 = ctx->t[1];

	while (nblocks--) {
		__m128i a = h0, b = h1, c = iv0, d;

		/* 64-bit byte counter in two words. */
		t0 += inc;
		t1 += t0 < inc;
		d = _mm_xor_si128(iv1, _mm_setr_epi32(t0, t1, ctx->f[0],
						      ctx->f[1]));
		B2S_ROUND(0);
		B2S_ROUND(1);
		B2S_ROUND(2);
		B2S_ROUND(3);
		B2S_ROUND(4);
		B2S_ROUND(5);
		B2S_ROUND(6);
		B2S_ROUND(7);
		B2S_ROUND(8);
		B2S_ROUND(9);
		h0 = _mm_xor_si128(h0, _mm_xor_si128(a, c));
		h1 = _mm_xor_si128(h1, _mm_xor_si128(b, d));
		block += KCRYPTO_BLAKE2S_BLOCK_SIZE;
	}
	_mm_storeu_si128((__m128i *)&ctx->h[0], h0);
	_mm_storeu_si128((__m128i *)&ctx->h[4], h1);
	ctx->t[0] = t0;
	ctx->t[1] = t1;
}

#endif /* B2S_ROR */

#endif /* _KCRYPTO_X86_BLAKE2S_X86_H */
