// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, AVX-512F/VL/BW: sixteen blocks per pass in zmm registers,
 * rotations with vprold.  Shorter tails take narrower paths, each bound by
 * the latency of the rounds rather than by throughput: one block in the
 * xmm row form, two in the ymm row form, three or four in the zmm row
 * form (one block per 128-bit lane), five to eight in the 8-block ymm
 * pass.  The last partial vector is finished with byte-masked loads and
 * stores.  Selected only with KCRYPTO_CPU_ZMM (arch/x86/cpu.h).
 */
#include <kcrypto/cores.h>
#include "isa.h"

KCRYPTO_ISA_BEGIN("avx2,avx512f,avx512vl,avx512bw")
#include <immintrin.h>

#define CHACHA_ROLX(x, n)	_mm_rol_epi32(x, n)
#define CHACHA_ROLY(x, n)	_mm256_rol_epi32(x, n)
#define CHACHA_ROLZ(x, n)	_mm512_rol_epi32(x, n)
#define CHACHA_WANT_YMM
#define CHACHA_MASKED
#include "chacha-x86.h"

static __always_inline void chacha_out_z(u8 *dst, const u8 *src, size_t len,
					 size_t off, __m512i ks)
{
	if (off + 64 <= len) {
		__m512i m = _mm512_loadu_si512(src + off);

		_mm512_storeu_si512(dst + off, _mm512_xor_si512(m, ks));
	} else if (off < len) {
		__mmask64 k = _cvtu64_mask64((1ULL << (len - off)) - 1);
		__m512i m = _mm512_maskz_loadu_epi8(k, src + off);

		_mm512_mask_storeu_epi8(dst + off, k, _mm512_xor_si512(m, ks));
	}
}

/*
 * After the in-lane transposes, x(4g + b) holds bytes 16g..16g+15 of
 * blocks b, b + 4, b + 8, b + 12 in its four 128-bit lanes: regroup the
 * lanes so that each register holds one whole block.
 */
#define CHACHA_OUT_Z(b, g0, g1, g2, g3)					\
	do {								\
		__m512i __t0 = _mm512_shuffle_i32x4(g0, g1, 0x44);	\
		__m512i __t1 = _mm512_shuffle_i32x4(g2, g3, 0x44);	\
		__m512i __t2 = _mm512_shuffle_i32x4(g0, g1, 0xee);	\
		__m512i __t3 = _mm512_shuffle_i32x4(g2, g3, 0xee);	\
		chacha_out_z(dst, src, len, 64 * (b),			\
			     _mm512_shuffle_i32x4(__t0, __t1, 0x88));	\
		chacha_out_z(dst, src, len, 64 * (b) + 256,		\
			     _mm512_shuffle_i32x4(__t0, __t1, 0xdd));	\
		chacha_out_z(dst, src, len, 64 * (b) + 512,		\
			     _mm512_shuffle_i32x4(__t2, __t3, 0x88));	\
		chacha_out_z(dst, src, len, 64 * (b) + 768,		\
			     _mm512_shuffle_i32x4(__t2, __t3, 0xdd));	\
	} while (0)

/* Up to 16 blocks (@len in 1..1024) with 512-bit vectors. */
static __always_inline void chacha_x16(u32 *state, u8 *dst, const u8 *src,
				       size_t len, int nrounds)
{
	const __m512i ctr = _mm512_add_epi32(_mm512_set1_epi32(state[12]),
		_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
				  12, 13, 14, 15));
	__m512i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14,
		x15;
	int i;

	CHACHA_LOAD_STATE(_mm512_set1_epi32, state, ctr);

	for (i = 0; i < nrounds; i += 2)
		CHACHA_DOUBLEROUND(_mm512_add_epi32, _mm512_xor_si512,
				   CHACHA_ROLZ);
	CHACHA_ADD_STATE(_mm512_add_epi32, _mm512_set1_epi32, state, ctr);

	CHACHA_TRANSPOSE(__m512i, _mm512, x0, x1, x2, x3);
	CHACHA_TRANSPOSE(__m512i, _mm512, x4, x5, x6, x7);
	CHACHA_TRANSPOSE(__m512i, _mm512, x8, x9, x10, x11);
	CHACHA_TRANSPOSE(__m512i, _mm512, x12, x13, x14, x15);

	CHACHA_OUT_Z(0, x0, x4, x8, x12);
	CHACHA_OUT_Z(1, x1, x5, x9, x13);
	CHACHA_OUT_Z(2, x2, x6, x10, x14);
	CHACHA_OUT_Z(3, x3, x7, x11, x15);

	state[12] += (u32)((len + KCRYPTO_CHACHA_BLOCK_SIZE - 1) /
			   KCRYPTO_CHACHA_BLOCK_SIZE);
}

#define CHACHA_SHUFZ(x, imm)	_mm512_shuffle_epi32(x, (_MM_PERM_ENUM)(imm))

#define CHACHA_ROW_DR_Z(a, b, c, d)					\
	CHACHA_ROW_DOUBLEROUND(_mm512_add_epi32, _mm512_xor_si512,	\
			       CHACHA_ROLZ, CHACHA_SHUFZ, a, b, c, d)

/*
 * Rows a, b, c, d of four blocks (one per 128-bit lane) to the four
 * blocks, and out: bytes @off.. of the output.
 */
static __always_inline void chacha_rows_out_z(u8 *dst, const u8 *src,
					      size_t len, size_t off,
					      __m512i a, __m512i b, __m512i c,
					      __m512i d)
{
	__m512i t0 = _mm512_shuffle_i32x4(a, b, 0x44);
	__m512i t1 = _mm512_shuffle_i32x4(c, d, 0x44);
	__m512i t2 = _mm512_shuffle_i32x4(a, b, 0xee);
	__m512i t3 = _mm512_shuffle_i32x4(c, d, 0xee);

	chacha_out_z(dst, src, len, off, _mm512_shuffle_i32x4(t0, t1, 0x88));
	chacha_out_z(dst, src, len, off + 64,
		     _mm512_shuffle_i32x4(t0, t1, 0xdd));
	chacha_out_z(dst, src, len, off + 128,
		     _mm512_shuffle_i32x4(t2, t3, 0x88));
	chacha_out_z(dst, src, len, off + 192,
		     _mm512_shuffle_i32x4(t2, t3, 0xdd));
}

/*
 * Up to 4 blocks (@len in 1..256) in the row form (chacha-x86.h), one
 * block per 128-bit lane: a round is one chain of twelve instructions on
 * four registers, where the 16-block pass would do four times the work for
 * the same latency.  (For 5 to 8 blocks, two such sets lose to chacha_x8:
 * the shuffles make them throughput-bound.)
 */
static __always_inline void chacha_rows_z(u32 *state, u8 *dst, const u8 *src,
					  size_t len, int nrounds)
{
	const __m128i *row = (const __m128i *)state;
	const __m512i s0 = _mm512_broadcast_i32x4(_mm_loadu_si128(&row[0]));
	const __m512i s1 = _mm512_broadcast_i32x4(_mm_loadu_si128(&row[1]));
	const __m512i s2 = _mm512_broadcast_i32x4(_mm_loadu_si128(&row[2]));
	const __m512i s3 = _mm512_add_epi32(_mm512_broadcast_i32x4(_mm_loadu_si128(&row[3])),
					    _mm512_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0,
							      2, 0, 0, 0, 3, 0, 0, 0));
	__m512i a = s0, b = s1, c = s2, d = s3;
	int i;

	for (i = 0; i < nrounds; i += 2)
		CHACHA_ROW_DR_Z(a, b, c, d);
	chacha_rows_out_z(dst, src, len, 0, _mm512_add_epi32(a, s0),
			  _mm512_add_epi32(b, s1), _mm512_add_epi32(c, s2),
			  _mm512_add_epi32(d, s3));

	state[12] += (u32)((len + KCRYPTO_CHACHA_BLOCK_SIZE - 1) /
			   KCRYPTO_CHACHA_BLOCK_SIZE);
}

/*
 * The tail gets its own stack frame: inlined next to the main loop, its
 * spill slots would add up with those of the loop.
 */
static noinline void chacha_tail(u32 *state, u8 *dst, const u8 *src,
				 size_t len, int nrounds)
{
	if (len <= KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_x1(state, dst, src, len, nrounds);
	else if (len <= 2 * KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_rows_y(state, dst, src, len, nrounds);
	else if (len <= 4 * KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_rows_z(state, dst, src, len, nrounds);
	else if (len <= 8 * KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_x8(state, dst, src, len, nrounds);
	else
		chacha_x16(state, dst, src, len, nrounds);
}

void kcrypto_chacha_crypt_avx512(struct kcrypto_chacha_state *st, u8 *dst,
				 const u8 *src, size_t len, int nrounds)
{
	while (len >= 16 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x16(st->x, dst, src, 16 * KCRYPTO_CHACHA_BLOCK_SIZE,
			   nrounds);
		dst += 16 * KCRYPTO_CHACHA_BLOCK_SIZE;
		src += 16 * KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= 16 * KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len)
		chacha_tail(st->x, dst, src, len, nrounds);
}

KCRYPTO_ISA_END()
