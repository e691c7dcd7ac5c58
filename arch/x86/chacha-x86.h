/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ChaCha keystream on x86_64 vector registers, shared by the ISA files
 * (chacha-ssse3.c, chacha-avx2.c, chacha-avx512vl.c, chacha-avx512.c).
 *
 * Each vector register holds one state word of 4, 8 or 16 independent
 * blocks (one block per 32-bit lane, consecutive counters), so the rounds
 * need no shuffles at all; a transpose at the end turns words back into
 * blocks.  The includer sets the ISA with KCRYPTO_ISA_BEGIN() first (the
 * functions here take the target of the file) and defines:
 *
 *   CHACHA_ROLX(x, n)	rotate each 32-bit lane of an __m128i left by n
 *   CHACHA_ROLY(x, n)	same for __m256i (only with CHACHA_WANT_YMM)
 *   CHACHA_WANT_YMM	to get the 8-block ymm function
 *   CHACHA_ROUNDS_Y(n)	optionally, the n rounds of the 8-block function on
 *			x0..x15 (default: CHACHA_DOUBLEROUND in C)
 *   CHACHA_MASKED	when AVX-512BW byte masks may finish a partial tail
 *   CHACHA_PAIRS	to run quarter rounds two at a time (16 registers)
 *
 * A call handles 1..N blocks' worth of bytes (the last block may be
 * partial) and advances the 32-bit counter by the number of blocks used;
 * the per-lane counter add wraps modulo 2^32 like the generic code.
 */
#ifndef _KCRYPTO_X86_CHACHA_X86_H
#define _KCRYPTO_X86_CHACHA_X86_H

#include <kcrypto/chacha.h>

/* The cores (chacha-cores.c lists them). */
void kcrypto_chacha_crypt_avx512(struct kcrypto_chacha_state *st, u8 *dst,
				 const u8 *src, size_t len, int nrounds);
void kcrypto_chacha_crypt_avx512vl(struct kcrypto_chacha_state *st, u8 *dst,
				   const u8 *src, size_t len, int nrounds);
void kcrypto_chacha_crypt_avx2(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds);
void kcrypto_chacha_crypt_ssse3(struct kcrypto_chacha_state *st, u8 *dst,
				const u8 *src, size_t len, int nrounds);

/* The rest only for the ISA files, after their target pragma. */
#ifdef CHACHA_ROLX

/* a += b; d ^= a; d <<<= n -- one quarter of a quarter round. */
#define CHACHA_STEP(ADD, XOR, ROL, a, b, d, n)				\
	do {								\
		a = ADD(a, b);						\
		d = XOR(d, a);						\
		d = ROL(d, n);						\
	} while (0)

/* Two independent quarter rounds, interleaved step by step. */
#define CHACHA_QR2(ADD, XOR, ROL, a0, b0, c0, d0, a1, b1, c1, d1)	\
	do {								\
		CHACHA_STEP(ADD, XOR, ROL, a0, b0, d0, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, a1, b1, d1, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, c0, d0, b0, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, c1, d1, b1, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, a0, b0, d0, 8);		\
		CHACHA_STEP(ADD, XOR, ROL, a1, b1, d1, 8);		\
		CHACHA_STEP(ADD, XOR, ROL, c0, d0, b0, 7);		\
		CHACHA_STEP(ADD, XOR, ROL, c1, d1, b1, 7);		\
	} while (0)

#ifdef CHACHA_PAIRS
/*
 * With only 16 registers, run the quarter rounds two by two: fewer
 * values are live at once, so the spills the compiler needs stay off the
 * dependency chains.
 */
#define CHACHA_QR4(ADD, XOR, ROL, a0, b0, c0, d0, a1, b1, c1, d1,	\
		   a2, b2, c2, d2, a3, b3, c3, d3)			\
	do {								\
		CHACHA_QR2(ADD, XOR, ROL, a0, b0, c0, d0, a1, b1, c1, d1);\
		CHACHA_QR2(ADD, XOR, ROL, a2, b2, c2, d2, a3, b3, c3, d3);\
	} while (0)
#else
/* Four independent quarter rounds, interleaved step by step. */
#define CHACHA_QR4(ADD, XOR, ROL, a0, b0, c0, d0, a1, b1, c1, d1,	\
		   a2, b2, c2, d2, a3, b3, c3, d3)			\
	do {								\
		CHACHA_STEP(ADD, XOR, ROL, a0, b0, d0, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, a1, b1, d1, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, a2, b2, d2, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, a3, b3, d3, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, c0, d0, b0, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, c1, d1, b1, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, c2, d2, b2, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, c3, d3, b3, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, a0, b0, d0, 8);		\
		CHACHA_STEP(ADD, XOR, ROL, a1, b1, d1, 8);		\
		CHACHA_STEP(ADD, XOR, ROL, a2, b2, d2, 8);		\
		CHACHA_STEP(ADD, XOR, ROL, a3, b3, d3, 8);		\
		CHACHA_STEP(ADD, XOR, ROL, c0, d0, b0, 7);		\
		CHACHA_STEP(ADD, XOR, ROL, c1, d1, b1, 7);		\
		CHACHA_STEP(ADD, XOR, ROL, c2, d2, b2, 7);		\
		CHACHA_STEP(ADD, XOR, ROL, c3, d3, b3, 7);		\
	} while (0)
#endif

/* A column round then a diagonal round on x0..x15 (RFC 8439 2.3). */
#define CHACHA_DOUBLEROUND(ADD, XOR, ROL)				\
	do {								\
		CHACHA_QR4(ADD, XOR, ROL, x0, x4, x8, x12, x1, x5, x9,	\
			   x13, x2, x6, x10, x14, x3, x7, x11, x15);	\
		CHACHA_QR4(ADD, XOR, ROL, x0, x5, x10, x15, x1, x6,	\
			   x11, x12, x2, x7, x8, x13, x3, x4, x9, x14);	\
	} while (0)

/* Load x0..x15 from @state, word 12 replaced by @ctr. */
#define CHACHA_LOAD_STATE(SET1, state, ctr)				\
	do {								\
		x0 = SET1((state)[0]);					\
		x1 = SET1((state)[1]);					\
		x2 = SET1((state)[2]);					\
		x3 = SET1((state)[3]);					\
		x4 = SET1((state)[4]);					\
		x5 = SET1((state)[5]);					\
		x6 = SET1((state)[6]);					\
		x7 = SET1((state)[7]);					\
		x8 = SET1((state)[8]);					\
		x9 = SET1((state)[9]);					\
		x10 = SET1((state)[10]);				\
		x11 = SET1((state)[11]);				\
		x12 = (ctr);						\
		x13 = SET1((state)[13]);				\
		x14 = SET1((state)[14]);				\
		x15 = SET1((state)[15]);				\
	} while (0)

/* The feed-forward: add the input words back. */
#define CHACHA_ADD_STATE(ADD, SET1, state, ctr)				\
	do {								\
		x0 = ADD(x0, SET1((state)[0]));				\
		x1 = ADD(x1, SET1((state)[1]));				\
		x2 = ADD(x2, SET1((state)[2]));				\
		x3 = ADD(x3, SET1((state)[3]));				\
		x4 = ADD(x4, SET1((state)[4]));				\
		x5 = ADD(x5, SET1((state)[5]));				\
		x6 = ADD(x6, SET1((state)[6]));				\
		x7 = ADD(x7, SET1((state)[7]));				\
		x8 = ADD(x8, SET1((state)[8]));				\
		x9 = ADD(x9, SET1((state)[9]));				\
		x10 = ADD(x10, SET1((state)[10]));			\
		x11 = ADD(x11, SET1((state)[11]));			\
		x12 = ADD(x12, (ctr));					\
		x13 = ADD(x13, SET1((state)[13]));			\
		x14 = ADD(x14, SET1((state)[14]));			\
		x15 = ADD(x15, SET1((state)[15]));			\
	} while (0)

/*
 * 4x4 transpose of 32-bit words inside each 128-bit lane: on return @a
 * holds word 0 of the four inputs, @b word 1, and so on.
 */
#define CHACHA_TRANSPOSE(T, PFX, a, b, c, d)				\
	do {								\
		T __t0 = PFX##_unpacklo_epi32(a, b);			\
		T __t1 = PFX##_unpacklo_epi32(c, d);			\
		T __t2 = PFX##_unpackhi_epi32(a, b);			\
		T __t3 = PFX##_unpackhi_epi32(c, d);			\
		a = PFX##_unpacklo_epi64(__t0, __t1);			\
		b = PFX##_unpackhi_epi64(__t0, __t1);			\
		c = PFX##_unpacklo_epi64(__t2, __t3);			\
		d = PFX##_unpackhi_epi64(__t2, __t3);			\
	} while (0)

/*
 * The partial tail of a unit, through a stack copy of the keystream.  Not
 * inlined: one copy of the buffer, instead of one per output unit in the
 * caller's frame.
 */
#ifndef CHACHA_MASKED
static noinline void chacha_tail_x(u8 *dst, const u8 *src, size_t n,
				   __m128i ks)
{
	u8 buf[16];
	size_t i;

	_mm_storeu_si128((__m128i *)buf, ks);
	for (i = 0; i < n; i++)
		dst[i] = src[i] ^ buf[i];
	memzero_explicit(buf, sizeof(buf));
}
#endif

static __always_inline void chacha_out_x(u8 *dst, const u8 *src, size_t len,
					 size_t off, __m128i ks)
{
	if (off + 16 <= len) {
		__m128i m = _mm_loadu_si128((const __m128i *)(src + off));

		_mm_storeu_si128((__m128i *)(dst + off), _mm_xor_si128(m, ks));
	} else if (off < len) {
#ifdef CHACHA_MASKED
		__mmask16 k = (__mmask16)((1U << (len - off)) - 1);
		__m128i m = _mm_maskz_loadu_epi8(k, src + off);

		_mm_mask_storeu_epi8(dst + off, k, _mm_xor_si128(m, ks));
#else
		chacha_tail_x(dst + off, src + off, len - off, ks);
#endif
	}
}

#define CHACHA_STEP_X(a, b, d, n)					\
	CHACHA_STEP(_mm_add_epi32, _mm_xor_si128, CHACHA_ROLX, a, b, d, n)

/*
 * One block (@len in 1..64), the state as four rows in four registers
 * (diagonals by rotating rows b, c, d): the shortest dependency chain, for
 * inputs where the 4-block pass would waste three quarters of its work.
 */
static __always_inline void chacha_x1(u32 *state, u8 *dst, const u8 *src,
				      size_t len, int nrounds)
{
	const __m128i s0 = _mm_loadu_si128((const __m128i *)&state[0]);
	const __m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);
	const __m128i s2 = _mm_loadu_si128((const __m128i *)&state[8]);
	const __m128i s3 = _mm_loadu_si128((const __m128i *)&state[12]);
	__m128i a = s0, b = s1, c = s2, d = s3;
	int i;

	for (i = 0; i < nrounds; i += 2) {
		CHACHA_STEP_X(a, b, d, 16);
		CHACHA_STEP_X(c, d, b, 12);
		CHACHA_STEP_X(a, b, d, 8);
		CHACHA_STEP_X(c, d, b, 7);
		b = _mm_shuffle_epi32(b, _MM_SHUFFLE(0, 3, 2, 1));
		c = _mm_shuffle_epi32(c, _MM_SHUFFLE(1, 0, 3, 2));
		d = _mm_shuffle_epi32(d, _MM_SHUFFLE(2, 1, 0, 3));
		CHACHA_STEP_X(a, b, d, 16);
		CHACHA_STEP_X(c, d, b, 12);
		CHACHA_STEP_X(a, b, d, 8);
		CHACHA_STEP_X(c, d, b, 7);
		b = _mm_shuffle_epi32(b, _MM_SHUFFLE(2, 1, 0, 3));
		c = _mm_shuffle_epi32(c, _MM_SHUFFLE(1, 0, 3, 2));
		d = _mm_shuffle_epi32(d, _MM_SHUFFLE(0, 3, 2, 1));
	}
	chacha_out_x(dst, src, len, 0, _mm_add_epi32(a, s0));
	chacha_out_x(dst, src, len, 16, _mm_add_epi32(b, s1));
	chacha_out_x(dst, src, len, 32, _mm_add_epi32(c, s2));
	chacha_out_x(dst, src, len, 48, _mm_add_epi32(d, s3));
	state[12]++;
}

/* Up to 4 blocks (@len in 1..256) with 128-bit vectors. */
static __always_inline void chacha_x4(u32 *state, u8 *dst, const u8 *src,
				      size_t len, int nrounds)
{
	const __m128i ctr = _mm_add_epi32(_mm_set1_epi32(state[12]),
					  _mm_setr_epi32(0, 1, 2, 3));
	__m128i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14,
		x15;
	int i;

	CHACHA_LOAD_STATE(_mm_set1_epi32, state, ctr);

	for (i = 0; i < nrounds; i += 2)
		CHACHA_DOUBLEROUND(_mm_add_epi32, _mm_xor_si128, CHACHA_ROLX);
	CHACHA_ADD_STATE(_mm_add_epi32, _mm_set1_epi32, state, ctr);

	/* Afterwards x(4g + b) is bytes 16g..16g+15 of block b. */
	CHACHA_TRANSPOSE(__m128i, _mm, x0, x1, x2, x3);
	CHACHA_TRANSPOSE(__m128i, _mm, x4, x5, x6, x7);
	CHACHA_TRANSPOSE(__m128i, _mm, x8, x9, x10, x11);
	CHACHA_TRANSPOSE(__m128i, _mm, x12, x13, x14, x15);

	chacha_out_x(dst, src, len, 0, x0);
	chacha_out_x(dst, src, len, 16, x4);
	chacha_out_x(dst, src, len, 32, x8);
	chacha_out_x(dst, src, len, 48, x12);
	chacha_out_x(dst, src, len, 64, x1);
	chacha_out_x(dst, src, len, 80, x5);
	chacha_out_x(dst, src, len, 96, x9);
	chacha_out_x(dst, src, len, 112, x13);
	chacha_out_x(dst, src, len, 128, x2);
	chacha_out_x(dst, src, len, 144, x6);
	chacha_out_x(dst, src, len, 160, x10);
	chacha_out_x(dst, src, len, 176, x14);
	chacha_out_x(dst, src, len, 192, x3);
	chacha_out_x(dst, src, len, 208, x7);
	chacha_out_x(dst, src, len, 224, x11);
	chacha_out_x(dst, src, len, 240, x15);

	state[12] += (u32)((len + KCRYPTO_CHACHA_BLOCK_SIZE - 1) /
			   KCRYPTO_CHACHA_BLOCK_SIZE);
}

/*
 * Row form, for a few blocks: each register holds one row of the 4x4
 * state of one block per 128-bit lane (two blocks in a ymm, four in a
 * zmm), so a round is twelve instructions on four registers and the
 * diagonals are in-lane word rotations.  Rows a, c and d are rotated,
 * never b: b is the last row a round produces, and the next round needs a
 * first, so the rotations run beside the dependency chain instead of on
 * it (lane j then works on a[j - 1], b[j], c[j + 1], d[j + 2], which is
 * still a diagonal).  @ADD, @XOR, @ROL and @SHUF (an in-lane
 * _mm*_shuffle_epi32) are those of the vector width.
 */
#define CHACHA_ROW_ROUND(ADD, XOR, ROL, a, b, c, d)			\
	do {								\
		CHACHA_STEP(ADD, XOR, ROL, a, b, d, 16);		\
		CHACHA_STEP(ADD, XOR, ROL, c, d, b, 12);		\
		CHACHA_STEP(ADD, XOR, ROL, a, b, d, 8);			\
		CHACHA_STEP(ADD, XOR, ROL, c, d, b, 7);			\
	} while (0)

#define CHACHA_ROW_DOUBLEROUND(ADD, XOR, ROL, SHUF, a, b, c, d)	\
	do {								\
		CHACHA_ROW_ROUND(ADD, XOR, ROL, a, b, c, d);		\
		a = SHUF(a, _MM_SHUFFLE(2, 1, 0, 3));			\
		c = SHUF(c, _MM_SHUFFLE(0, 3, 2, 1));			\
		d = SHUF(d, _MM_SHUFFLE(1, 0, 3, 2));			\
		CHACHA_ROW_ROUND(ADD, XOR, ROL, a, b, c, d);		\
		a = SHUF(a, _MM_SHUFFLE(0, 3, 2, 1));			\
		c = SHUF(c, _MM_SHUFFLE(2, 1, 0, 3));			\
		d = SHUF(d, _MM_SHUFFLE(1, 0, 3, 2));			\
	} while (0)

#ifdef CHACHA_WANT_YMM
static __always_inline void chacha_out_y(u8 *dst, const u8 *src, size_t len,
					 size_t off, __m256i ks)
{
	if (off + 32 <= len) {
		__m256i m = _mm256_loadu_si256((const __m256i *)(src + off));

		_mm256_storeu_si256((__m256i *)(dst + off),
				    _mm256_xor_si256(m, ks));
	} else if (off < len) {
#ifdef CHACHA_MASKED
		__mmask32 k = (__mmask32)((1ULL << (len - off)) - 1);
		__m256i m = _mm256_maskz_loadu_epi8(k, src + off);

		_mm256_mask_storeu_epi8(dst + off, k, _mm256_xor_si256(m, ks));
#else
		if (off + 16 <= len) {
			chacha_out_x(dst, src, len, off,
				     _mm256_castsi256_si128(ks));
			off += 16;
			ks = _mm256_permute2x128_si256(ks, ks, 0x11);
		}
		chacha_tail_x(dst + off, src + off, len - off,
			      _mm256_castsi256_si128(ks));
#endif
	}
}

/* Bytes 0..31 and 32..63 of blocks b (low lanes) and b + 4 (high lanes). */
#define CHACHA_OUT_Y(b, g0, g1, g2, g3)					\
	do {								\
		chacha_out_y(dst, src, len, 64 * (b),			\
			     _mm256_permute2x128_si256(g0, g1, 0x20));	\
		chacha_out_y(dst, src, len, 64 * (b) + 32,		\
			     _mm256_permute2x128_si256(g2, g3, 0x20));	\
		chacha_out_y(dst, src, len, 64 * (b) + 256,		\
			     _mm256_permute2x128_si256(g0, g1, 0x31));	\
		chacha_out_y(dst, src, len, 64 * (b) + 288,		\
			     _mm256_permute2x128_si256(g2, g3, 0x31));	\
	} while (0)

#ifndef CHACHA_ROUNDS_Y
#define CHACHA_ROUNDS_Y(nrounds)					\
	do {								\
		int __i;						\
									\
		for (__i = 0; __i < (nrounds); __i += 2)		\
			CHACHA_DOUBLEROUND(_mm256_add_epi32,		\
					   _mm256_xor_si256,		\
					   CHACHA_ROLY);		\
	} while (0)
#endif

/* Up to 8 blocks (@len in 1..512) with 256-bit vectors. */
static __always_inline void chacha_x8(u32 *state, u8 *dst, const u8 *src,
				      size_t len, int nrounds)
{
	const __m256i ctr = _mm256_add_epi32(_mm256_set1_epi32(state[12]),
					     _mm256_setr_epi32(0, 1, 2, 3,
							       4, 5, 6, 7));
	__m256i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14,
		x15;

	CHACHA_LOAD_STATE(_mm256_set1_epi32, state, ctr);

	CHACHA_ROUNDS_Y(nrounds);
	CHACHA_ADD_STATE(_mm256_add_epi32, _mm256_set1_epi32, state, ctr);

	CHACHA_TRANSPOSE(__m256i, _mm256, x0, x1, x2, x3);
	CHACHA_TRANSPOSE(__m256i, _mm256, x4, x5, x6, x7);
	CHACHA_TRANSPOSE(__m256i, _mm256, x8, x9, x10, x11);
	CHACHA_TRANSPOSE(__m256i, _mm256, x12, x13, x14, x15);

	CHACHA_OUT_Y(0, x0, x4, x8, x12);
	CHACHA_OUT_Y(1, x1, x5, x9, x13);
	CHACHA_OUT_Y(2, x2, x6, x10, x14);
	CHACHA_OUT_Y(3, x3, x7, x11, x15);

	state[12] += (u32)((len + KCRYPTO_CHACHA_BLOCK_SIZE - 1) /
			   KCRYPTO_CHACHA_BLOCK_SIZE);
}

#define CHACHA_ROW_DR_Y(a, b, c, d)					\
	CHACHA_ROW_DOUBLEROUND(_mm256_add_epi32, _mm256_xor_si256,	\
			       CHACHA_ROLY, _mm256_shuffle_epi32, a, b, c, d)

/* Rows of blocks 2k (low lanes) and 2k + 1 (high lanes) out, at @off. */
static __always_inline void chacha_rows_out_y(u8 *dst, const u8 *src,
					      size_t len, size_t off,
					      __m256i a, __m256i b, __m256i c,
					      __m256i d)
{
	chacha_out_y(dst, src, len, off, _mm256_permute2x128_si256(a, b, 0x20));
	chacha_out_y(dst, src, len, off + 32,
		     _mm256_permute2x128_si256(c, d, 0x20));
	chacha_out_y(dst, src, len, off + 64,
		     _mm256_permute2x128_si256(a, b, 0x31));
	chacha_out_y(dst, src, len, off + 96,
		     _mm256_permute2x128_si256(c, d, 0x31));
}

/*
 * 2 to 4 blocks (@len in 65..256) in the row form (chacha-x86.h): two
 * blocks per ymm, two independent sets, one chain of twelve instructions
 * per round instead of the 8-block pass's work.
 */
static __always_inline void chacha_rows_y(u32 *state, u8 *dst, const u8 *src,
					  size_t len, int nrounds)
{
	const __m128i *row = (const __m128i *)state;
	const __m256i s0 = _mm256_broadcastsi128_si256(_mm_loadu_si128(&row[0]));
	const __m256i s1 = _mm256_broadcastsi128_si256(_mm_loadu_si128(&row[1]));
	const __m256i s2 = _mm256_broadcastsi128_si256(_mm_loadu_si128(&row[2]));
	const __m256i s3 = _mm256_add_epi32(_mm256_broadcastsi128_si256(_mm_loadu_si128(&row[3])),
					    _mm256_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0));
	const __m256i s7 = _mm256_add_epi32(s3, _mm256_setr_epi32(2, 0, 0, 0,
								  2, 0, 0, 0));
	__m256i a = s0, b = s1, c = s2, d = s3;
	__m256i e = s0, f = s1, g = s2, h = s7;
	int i;

	if (len > 2 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		for (i = 0; i < nrounds; i += 2) {
			CHACHA_ROW_DR_Y(a, b, c, d);
			CHACHA_ROW_DR_Y(e, f, g, h);
		}
		chacha_rows_out_y(dst, src, len, 128, _mm256_add_epi32(e, s0),
				  _mm256_add_epi32(f, s1),
				  _mm256_add_epi32(g, s2),
				  _mm256_add_epi32(h, s7));
	} else {
		for (i = 0; i < nrounds; i += 2)
			CHACHA_ROW_DR_Y(a, b, c, d);
	}
	chacha_rows_out_y(dst, src, len, 0, _mm256_add_epi32(a, s0),
			  _mm256_add_epi32(b, s1), _mm256_add_epi32(c, s2),
			  _mm256_add_epi32(d, s3));

	state[12] += (u32)((len + KCRYPTO_CHACHA_BLOCK_SIZE - 1) /
			   KCRYPTO_CHACHA_BLOCK_SIZE);
}
#endif /* CHACHA_WANT_YMM */

#endif /* CHACHA_ROLX */

#endif /* _KCRYPTO_X86_CHACHA_X86_H */
