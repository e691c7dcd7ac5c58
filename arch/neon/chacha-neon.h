/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ChaCha20/12 keystream in NEON registers, shared by arch/arm64/chacha-neon.c
 * and arch/arm/chacha-neon.c (the intrinsics below exist on both).
 *
 * Two shapes, chosen by instruction count (the measure of the NEON targets
 * in Documentation/performance.md):
 *
 *  - chacha_neon_x4(): four blocks "vertically": register xi holds state
 *    word i of four consecutive blocks, one block per 32-bit lane.  The
 *    rounds then need no lane shuffles; a 4x4 transpose per group of four
 *    words turns the result back into blocks.  About 14 instructions per
 *    quarter round for four blocks.
 *  - chacha_neon_x1(): one block "horizontally": the four rows of the
 *    state in four registers, a column round on all four columns at once,
 *    then lane rotations (ext) to line up the diagonals.  About 34
 *    instructions per double round for one block: cheaper than x4 for
 *    one to three leftover blocks.
 *
 * Interleaving a scalar block with the four NEON lanes (arm64 has the
 * integer registers to spare) helps the issue rate of real cores but costs
 * about 12 scalar instructions per quarter round for 64 bytes against 3.5
 * per block in NEON, so it raises instructions per byte: not done.
 *
 * Rotations by 16 are a halfword swap (vrev32), by 12 and 7 a shift left
 * plus shift right and insert, by 8 the same unless the includer defines
 * CHACHA_NEON_ROTL8_TBL (arm64): then one byte table lookup (32-bit arm's
 * vtbl covers only 64 bits, so two lookups would gain nothing).
 *
 * Measured under qemu-user (GCC 12, -O2, harness/cross/icount.py) at
 * 4096 bytes: arm64 5.1 instructions per byte against 21.1 for the
 * generic code (0.24x), 32-bit arm 6.2 against 29.7 (0.21x).
 *
 * The counter (word 12) advances once per block, a final partial block
 * included, and wraps modulo 2^32 like the generic code: the per-lane add
 * in x4 wraps the same way.
 */
#ifndef _KCRYPTO_NEON_CHACHA_NEON_H
#define _KCRYPTO_NEON_CHACHA_NEON_H

#include <kcrypto/chacha.h>

#include "intrinsics.h"

static __always_inline uint32x4_t chacha_neon_rotl16(uint32x4_t x)
{
	return vreinterpretq_u32_u16(vrev32q_u16(vreinterpretq_u16_u32(x)));
}

static __always_inline uint32x4_t chacha_neon_rotl12(uint32x4_t x)
{
	return vsriq_n_u32(vshlq_n_u32(x, 12), x, 20);
}

static __always_inline uint32x4_t chacha_neon_rotl7(uint32x4_t x)
{
	return vsriq_n_u32(vshlq_n_u32(x, 7), x, 25);
}

static __always_inline uint32x4_t chacha_neon_rotl8(uint32x4_t x)
{
#ifdef CHACHA_NEON_ROTL8_TBL
	static const u8 idx[16] __aligned(16) = {
		3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
	};

	return vreinterpretq_u32_u8(vqtbl1q_u8(vreinterpretq_u8_u32(x),
					       vld1q_u8(idx)));
#else
	return vsriq_n_u32(vshlq_n_u32(x, 8), x, 24);
#endif
}

/* One ChaCha quarter round on the lanes of a, b, c, d (RFC 8439 2.1). */
static __always_inline void chacha_neon_qr(uint32x4_t *a, uint32x4_t *b,
					   uint32x4_t *c, uint32x4_t *d)
{
	*a = vaddq_u32(*a, *b);
	*d = chacha_neon_rotl16(veorq_u32(*d, *a));
	*c = vaddq_u32(*c, *d);
	*b = chacha_neon_rotl12(veorq_u32(*b, *c));
	*a = vaddq_u32(*a, *b);
	*d = chacha_neon_rotl8(veorq_u32(*d, *a));
	*c = vaddq_u32(*c, *d);
	*b = chacha_neon_rotl7(veorq_u32(*b, *c));
}

/*
 * XOR 16 keystream bytes @ks into @src + @off, storing at @dst + @off,
 * when they are inside @len; a piece cut by @len goes through a stack copy
 * of the keystream that is wiped afterwards.  With a constant @len (full
 * blocks) the tests fold away.
 */
static __always_inline void chacha_neon_out16(u8 *dst, const u8 *src,
					      size_t len, size_t off,
					      uint32x4_t ks)
{
	if (off + 16 <= len) {
		uint8x16_t m = vld1q_u8(src + off);

		vst1q_u8(dst + off, veorq_u8(m, vreinterpretq_u8_u32(ks)));
	} else if (off < len) {
		u8 buf[16];
		size_t i;

		vst1q_u8(buf, vreinterpretq_u8_u32(ks));
		for (i = 0; i < len - off; i++)
			dst[off + i] = src[off + i] ^ buf[i];
		memzero_explicit(buf, sizeof(buf));
	}
}

/*
 * 4x4 transpose of 32-bit words: on return @a holds lane 0 of the four
 * inputs (in order a, b, c, d), @b lane 1, @c lane 2, @d lane 3.
 */
static __always_inline void chacha_neon_transpose(uint32x4_t *a,
						  uint32x4_t *b,
						  uint32x4_t *c,
						  uint32x4_t *d)
{
	uint32x4x2_t ac = vzipq_u32(*a, *c), bd = vzipq_u32(*b, *d);
	uint32x4x2_t lo = vzipq_u32(ac.val[0], bd.val[0]);
	uint32x4x2_t hi = vzipq_u32(ac.val[1], bd.val[1]);

	*a = lo.val[0];
	*b = lo.val[1];
	*c = hi.val[0];
	*d = hi.val[1];
}

/* Up to four blocks (@len in 1..256) with the vertical layout. */
static __always_inline void chacha_neon_x4(u32 *state, u8 *dst,
					   const u8 *src, size_t len,
					   int nrounds)
{
	static const u32 lane_ctr[4] = { 0, 1, 2, 3 };
	const uint32x4_t ctr = vaddq_u32(vdupq_n_u32(state[12]),
					 vld1q_u32(lane_ctr));
	uint32x4_t x0 = vdupq_n_u32(state[0]), x1 = vdupq_n_u32(state[1]);
	uint32x4_t x2 = vdupq_n_u32(state[2]), x3 = vdupq_n_u32(state[3]);
	uint32x4_t x4 = vdupq_n_u32(state[4]), x5 = vdupq_n_u32(state[5]);
	uint32x4_t x6 = vdupq_n_u32(state[6]), x7 = vdupq_n_u32(state[7]);
	uint32x4_t x8 = vdupq_n_u32(state[8]), x9 = vdupq_n_u32(state[9]);
	uint32x4_t x10 = vdupq_n_u32(state[10]);
	uint32x4_t x11 = vdupq_n_u32(state[11]);
	uint32x4_t x12 = ctr, x13 = vdupq_n_u32(state[13]);
	uint32x4_t x14 = vdupq_n_u32(state[14]);
	uint32x4_t x15 = vdupq_n_u32(state[15]);
	int i;

	for (i = 0; i < nrounds; i += 2) {
		chacha_neon_qr(&x0, &x4, &x8, &x12);
		chacha_neon_qr(&x1, &x5, &x9, &x13);
		chacha_neon_qr(&x2, &x6, &x10, &x14);
		chacha_neon_qr(&x3, &x7, &x11, &x15);
		chacha_neon_qr(&x0, &x5, &x10, &x15);
		chacha_neon_qr(&x1, &x6, &x11, &x12);
		chacha_neon_qr(&x2, &x7, &x8, &x13);
		chacha_neon_qr(&x3, &x4, &x9, &x14);
	}

	/* The feed-forward: add the input words back. */
	x0 = vaddq_u32(x0, vdupq_n_u32(state[0]));
	x1 = vaddq_u32(x1, vdupq_n_u32(state[1]));
	x2 = vaddq_u32(x2, vdupq_n_u32(state[2]));
	x3 = vaddq_u32(x3, vdupq_n_u32(state[3]));
	x4 = vaddq_u32(x4, vdupq_n_u32(state[4]));
	x5 = vaddq_u32(x5, vdupq_n_u32(state[5]));
	x6 = vaddq_u32(x6, vdupq_n_u32(state[6]));
	x7 = vaddq_u32(x7, vdupq_n_u32(state[7]));
	x8 = vaddq_u32(x8, vdupq_n_u32(state[8]));
	x9 = vaddq_u32(x9, vdupq_n_u32(state[9]));
	x10 = vaddq_u32(x10, vdupq_n_u32(state[10]));
	x11 = vaddq_u32(x11, vdupq_n_u32(state[11]));
	x12 = vaddq_u32(x12, ctr);
	x13 = vaddq_u32(x13, vdupq_n_u32(state[13]));
	x14 = vaddq_u32(x14, vdupq_n_u32(state[14]));
	x15 = vaddq_u32(x15, vdupq_n_u32(state[15]));

	/* Afterwards x(4g + b) holds bytes 16g..16g+15 of block b. */
	chacha_neon_transpose(&x0, &x1, &x2, &x3);
	chacha_neon_transpose(&x4, &x5, &x6, &x7);
	chacha_neon_transpose(&x8, &x9, &x10, &x11);
	chacha_neon_transpose(&x12, &x13, &x14, &x15);

	chacha_neon_out16(dst, src, len, 0, x0);
	chacha_neon_out16(dst, src, len, 16, x4);
	chacha_neon_out16(dst, src, len, 32, x8);
	chacha_neon_out16(dst, src, len, 48, x12);
	chacha_neon_out16(dst, src, len, 64, x1);
	chacha_neon_out16(dst, src, len, 80, x5);
	chacha_neon_out16(dst, src, len, 96, x9);
	chacha_neon_out16(dst, src, len, 112, x13);
	chacha_neon_out16(dst, src, len, 128, x2);
	chacha_neon_out16(dst, src, len, 144, x6);
	chacha_neon_out16(dst, src, len, 160, x10);
	chacha_neon_out16(dst, src, len, 176, x14);
	chacha_neon_out16(dst, src, len, 192, x3);
	chacha_neon_out16(dst, src, len, 208, x7);
	chacha_neon_out16(dst, src, len, 224, x11);
	chacha_neon_out16(dst, src, len, 240, x15);

	state[12] += (u32)((len + KCRYPTO_CHACHA_BLOCK_SIZE - 1) /
			   KCRYPTO_CHACHA_BLOCK_SIZE);
}

/* One block (@len in 1..64) with the horizontal layout. */
static __always_inline void chacha_neon_x1(u32 *state, u8 *dst,
					   const u8 *src, size_t len,
					   int nrounds)
{
	const uint32x4_t s0 = vld1q_u32(state), s1 = vld1q_u32(state + 4);
	const uint32x4_t s2 = vld1q_u32(state + 8);
	const uint32x4_t s3 = vld1q_u32(state + 12);
	uint32x4_t a = s0, b = s1, c = s2, d = s3;
	int i;

	for (i = 0; i < nrounds; i += 2) {
		chacha_neon_qr(&a, &b, &c, &d);
		/* Rotate rows 1..3 by 1..3 lanes: columns become diagonals. */
		b = vextq_u32(b, b, 1);
		c = vextq_u32(c, c, 2);
		d = vextq_u32(d, d, 3);
		chacha_neon_qr(&a, &b, &c, &d);
		b = vextq_u32(b, b, 3);
		c = vextq_u32(c, c, 2);
		d = vextq_u32(d, d, 1);
	}

	chacha_neon_out16(dst, src, len, 0, vaddq_u32(a, s0));
	chacha_neon_out16(dst, src, len, 16, vaddq_u32(b, s1));
	chacha_neon_out16(dst, src, len, 32, vaddq_u32(c, s2));
	chacha_neon_out16(dst, src, len, 48, vaddq_u32(d, s3));

	state[12]++;
}

/*
 * Any @len: four-block passes while they are full, then the tail: one to
 * three blocks one at a time (cheaper than a four-block pass), more than
 * three (a partial fourth) as one last four-block pass.
 */
static __always_inline void chacha_neon_crypt(u32 *state, u8 *dst,
					      const u8 *src, size_t len,
					      int nrounds)
{
	while (len >= 4 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_neon_x4(state, dst, src, 4 * KCRYPTO_CHACHA_BLOCK_SIZE,
			       nrounds);
		dst += 4 * KCRYPTO_CHACHA_BLOCK_SIZE;
		src += 4 * KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= 4 * KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len > 3 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_neon_x4(state, dst, src, len, nrounds);
		return;
	}
	while (len >= KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_neon_x1(state, dst, src, KCRYPTO_CHACHA_BLOCK_SIZE,
			       nrounds);
		dst += KCRYPTO_CHACHA_BLOCK_SIZE;
		src += KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len)
		chacha_neon_x1(state, dst, src, len, nrounds);
}

#endif /* _KCRYPTO_NEON_CHACHA_NEON_H */
