// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * X25519 (RFC 7748) with 32-bit arm NEON.
 *
 * Field elements are kept in radix 2^25.5: ten limbs of alternately 26
 * and 25 bits, limb i at bit ceil(25.5 i).  Two field elements share one
 * set of ten d registers, element 0 in lane 0 and element 1 in lane 1, so
 * one vmull_u32/vmlal_u32 performs one limb product of two independent
 * multiplications.  The Montgomery ladder step is arranged in five such
 * double operations:
 *
 *   (DA, CB) = (D, C) * (A, B)          (AA, BB) = (A, B)^2
 *   (x3, T)  = (DA + CB, DA - CB)^2     (x2, z2) = (AA, E) * (BB, F)
 *   (x3, z3) = (x3, T) * (1, x1)
 *
 * with A = x2 + z2, B = x2 - z2, C = x3 + z3, D = x3 - z3, E = AA - BB
 * and F = AA + 121665 E.  The ladder state is X = (x2, x3), Z = (z2, z3)
 * in the two lanes; the conditional swap exchanges the lanes under a mask.
 * The inversion uses the same operations with the useful value in lane 0.
 *
 * Limb bounds are those of the portable radix 2^25.5 code: products and
 * squares return limbs below 2^26 / 2^25 (limb 1 below 2^25 + 2^16), a
 * sum of two such has twice that, a difference f - g + 2p of them less
 * than 1.5 times 2^27 / 2^26, and with those inputs every 64-bit column
 * sum stays below 2^62 while 19 or 38 times a limb fits in 32 bits.
 */
#include <kcrypto/env.h>
#include <kcrypto/x25519.h>

#include "x25519-arm.h"
#include "../neon/intrinsics.h"

/* Two field elements, one per lane. */
struct fe2 {
	uint32x2_t v[10];
};

#define X25519_M26	0x3ffffffU
#define X25519_M25	0x1ffffffU

/* 2p: 2^27 - 38, then alternately 2^26 - 2 and 2^27 - 2. */
static const u32 x25519_2p[10] = {
	0x7ffffda, 0x3fffffe, 0x7fffffe, 0x3fffffe, 0x7fffffe,
	0x3fffffe, 0x7fffffe, 0x3fffffe, 0x7fffffe, 0x3fffffe,
};

/*
 * Carry ten 64-bit column sums (below 2^62) into limbs, for the sums of
 * AA + 121665 E that come out of the ladder step whole: two interleaved
 * chains from limbs 0 and 4, the carry out of limb 9 folded back times 19
 * (2^255 = 19 mod p), then one more carry from limb 0.
 */
static __always_inline void fe2_carry(struct fe2 *h, uint64x2_t d[10])
{
	const uint64x2_t m26 = vdupq_n_u64(X25519_M26);
	const uint64x2_t m25 = vdupq_n_u64(X25519_M25);
	uint64x2_t c;

	d[1] = vsraq_n_u64(d[1], d[0], 26);
	d[0] = vandq_u64(d[0], m26);
	d[5] = vsraq_n_u64(d[5], d[4], 26);
	d[4] = vandq_u64(d[4], m26);
	d[2] = vsraq_n_u64(d[2], d[1], 25);
	d[1] = vandq_u64(d[1], m25);
	d[6] = vsraq_n_u64(d[6], d[5], 25);
	d[5] = vandq_u64(d[5], m25);
	d[3] = vsraq_n_u64(d[3], d[2], 26);
	d[2] = vandq_u64(d[2], m26);
	d[7] = vsraq_n_u64(d[7], d[6], 26);
	d[6] = vandq_u64(d[6], m26);
	d[4] = vsraq_n_u64(d[4], d[3], 25);
	d[3] = vandq_u64(d[3], m25);
	d[8] = vsraq_n_u64(d[8], d[7], 25);
	d[7] = vandq_u64(d[7], m25);
	d[5] = vsraq_n_u64(d[5], d[4], 26);
	d[4] = vandq_u64(d[4], m26);
	d[9] = vsraq_n_u64(d[9], d[8], 26);
	d[8] = vandq_u64(d[8], m26);
	d[6] = vsraq_n_u64(d[6], d[5], 25);
	d[5] = vandq_u64(d[5], m25);
	c = vshrq_n_u64(d[9], 25);
	d[9] = vandq_u64(d[9], m25);
	d[0] = vaddq_u64(d[0], c);
	d[0] = vaddq_u64(d[0], vshlq_n_u64(c, 1));
	d[0] = vaddq_u64(d[0], vshlq_n_u64(c, 4));
	d[1] = vsraq_n_u64(d[1], d[0], 26);
	d[0] = vandq_u64(d[0], m26);

	h->v[0] = vmovn_u64(d[0]);
	h->v[1] = vmovn_u64(d[1]);
	h->v[2] = vmovn_u64(d[2]);
	h->v[3] = vmovn_u64(d[3]);
	h->v[4] = vmovn_u64(d[4]);
	h->v[5] = vmovn_u64(d[5]);
	h->v[6] = vmovn_u64(d[6]);
	h->v[7] = vmovn_u64(d[7]);
	h->v[8] = vmovn_u64(d[8]);
	h->v[9] = vmovn_u64(d[9]);
}

/*
 * Limbs 2i and 2i + 1 from their column sums (carried out already): the
 * low 32 bits of each lane, masked to 26 and 25 bits.
 */
static __always_inline uint32x4_t fe2_narrow(uint64x2_t lo, uint64x2_t hi)
{
	const uint32x4_t m = vcombine_u32(vdup_n_u32(X25519_M26),
					  vdup_n_u32(X25519_M25));

	return vandq_u32(vuzpq_u32(vreinterpretq_u32_u64(lo),
				   vreinterpretq_u32_u64(hi)).val[0], m);
}

/*
 * End of the carry chain of a product: store limbs 8 and 9, fold the
 * carry out of limb 9 (below 2^38) into limb 0 times 19 and carry once
 * more into limb 1, then store limbs 0 and 1.
 */
static __always_inline void fe2_fold(struct fe2 *h, uint64x2_t d8,
				     uint64x2_t d9, uint32x2_t h0,
				     uint32x2_t h1)
{
	uint64x2_t c = vshrq_n_u64(d9, 25);
	uint64x2_t t = vaddw_u32(c, h0);
	uint32x4_t p = fe2_narrow(d8, d9);

	h->v[8] = vget_low_u32(p);
	h->v[9] = vget_high_u32(p);
	t = vaddq_u64(t, vshlq_n_u64(c, 1));
	t = vaddq_u64(t, vshlq_n_u64(c, 4));
	h->v[0] = vand_u32(vmovn_u64(t), vdup_n_u32(X25519_M26));
	h->v[1] = vadd_u32(h1, vshrn_n_u64(t, 26));
}

/*
 * h = a * b in each lane.  h may be a but not b: the limbs of h are
 * stored while b is still being read.  Column sums are carried as they
 * complete, one chain from limb 0 to limb 9 and back into limbs 0 and 1.
 */
static noinline void fe2_mul(struct fe2 *h, const struct fe2 *a,
			     const struct fe2 *b)
{
	uint32x2_t f[10], f2[10], g19[10], h0, h1;
	uint64x2_t d[10];
	uint32x4_t p;

	f[0] = a->v[0];
	f[1] = a->v[1];
	f[2] = a->v[2];
	f[3] = a->v[3];
	f[4] = a->v[4];
	f[5] = a->v[5];
	f[6] = a->v[6];
	f[7] = a->v[7];
	f[8] = a->v[8];
	f[9] = a->v[9];
	f2[1] = vadd_u32(f[1], f[1]);
	f2[3] = vadd_u32(f[3], f[3]);
	f2[5] = vadd_u32(f[5], f[5]);
	f2[7] = vadd_u32(f[7], f[7]);
	f2[9] = vadd_u32(f[9], f[9]);
	g19[1] = vmul_n_u32(b->v[1], 19);
	g19[2] = vmul_n_u32(b->v[2], 19);
	g19[3] = vmul_n_u32(b->v[3], 19);
	g19[4] = vmul_n_u32(b->v[4], 19);
	g19[5] = vmul_n_u32(b->v[5], 19);
	g19[6] = vmul_n_u32(b->v[6], 19);
	g19[7] = vmul_n_u32(b->v[7], 19);
	g19[8] = vmul_n_u32(b->v[8], 19);
	g19[9] = vmul_n_u32(b->v[9], 19);
	d[0] = vmull_u32(f[0], b->v[0]);
	d[0] = vmlal_u32(d[0], f2[1], g19[9]);
	d[0] = vmlal_u32(d[0], f[2], g19[8]);
	d[0] = vmlal_u32(d[0], f2[3], g19[7]);
	d[0] = vmlal_u32(d[0], f[4], g19[6]);
	d[0] = vmlal_u32(d[0], f2[5], g19[5]);
	d[0] = vmlal_u32(d[0], f[6], g19[4]);
	d[0] = vmlal_u32(d[0], f2[7], g19[3]);
	d[0] = vmlal_u32(d[0], f[8], g19[2]);
	d[0] = vmlal_u32(d[0], f2[9], g19[1]);
	d[1] = vmull_u32(f[0], b->v[1]);
	d[1] = vmlal_u32(d[1], f[1], b->v[0]);
	d[1] = vmlal_u32(d[1], f[2], g19[9]);
	d[1] = vmlal_u32(d[1], f[3], g19[8]);
	d[1] = vmlal_u32(d[1], f[4], g19[7]);
	d[1] = vmlal_u32(d[1], f[5], g19[6]);
	d[1] = vmlal_u32(d[1], f[6], g19[5]);
	d[1] = vmlal_u32(d[1], f[7], g19[4]);
	d[1] = vmlal_u32(d[1], f[8], g19[3]);
	d[1] = vmlal_u32(d[1], f[9], g19[2]);
	d[1] = vsraq_n_u64(d[1], d[0], 26);
	d[2] = vmull_u32(f[0], b->v[2]);
	d[2] = vmlal_u32(d[2], f2[1], b->v[1]);
	d[2] = vmlal_u32(d[2], f[2], b->v[0]);
	d[2] = vmlal_u32(d[2], f2[3], g19[9]);
	d[2] = vmlal_u32(d[2], f[4], g19[8]);
	d[2] = vmlal_u32(d[2], f2[5], g19[7]);
	d[2] = vmlal_u32(d[2], f[6], g19[6]);
	d[2] = vmlal_u32(d[2], f2[7], g19[5]);
	d[2] = vmlal_u32(d[2], f[8], g19[4]);
	d[2] = vmlal_u32(d[2], f2[9], g19[3]);
	d[2] = vsraq_n_u64(d[2], d[1], 25);
	p = fe2_narrow(d[0], d[1]);
	h0 = vget_low_u32(p);
	h1 = vget_high_u32(p);
	d[3] = vmull_u32(f[0], b->v[3]);
	d[3] = vmlal_u32(d[3], f[1], b->v[2]);
	d[3] = vmlal_u32(d[3], f[2], b->v[1]);
	d[3] = vmlal_u32(d[3], f[3], b->v[0]);
	d[3] = vmlal_u32(d[3], f[4], g19[9]);
	d[3] = vmlal_u32(d[3], f[5], g19[8]);
	d[3] = vmlal_u32(d[3], f[6], g19[7]);
	d[3] = vmlal_u32(d[3], f[7], g19[6]);
	d[3] = vmlal_u32(d[3], f[8], g19[5]);
	d[3] = vmlal_u32(d[3], f[9], g19[4]);
	d[3] = vsraq_n_u64(d[3], d[2], 26);
	d[4] = vmull_u32(f[0], b->v[4]);
	d[4] = vmlal_u32(d[4], f2[1], b->v[3]);
	d[4] = vmlal_u32(d[4], f[2], b->v[2]);
	d[4] = vmlal_u32(d[4], f2[3], b->v[1]);
	d[4] = vmlal_u32(d[4], f[4], b->v[0]);
	d[4] = vmlal_u32(d[4], f2[5], g19[9]);
	d[4] = vmlal_u32(d[4], f[6], g19[8]);
	d[4] = vmlal_u32(d[4], f2[7], g19[7]);
	d[4] = vmlal_u32(d[4], f[8], g19[6]);
	d[4] = vmlal_u32(d[4], f2[9], g19[5]);
	d[4] = vsraq_n_u64(d[4], d[3], 25);
	p = fe2_narrow(d[2], d[3]);
	h->v[2] = vget_low_u32(p);
	h->v[3] = vget_high_u32(p);
	d[5] = vmull_u32(f[0], b->v[5]);
	d[5] = vmlal_u32(d[5], f[1], b->v[4]);
	d[5] = vmlal_u32(d[5], f[2], b->v[3]);
	d[5] = vmlal_u32(d[5], f[3], b->v[2]);
	d[5] = vmlal_u32(d[5], f[4], b->v[1]);
	d[5] = vmlal_u32(d[5], f[5], b->v[0]);
	d[5] = vmlal_u32(d[5], f[6], g19[9]);
	d[5] = vmlal_u32(d[5], f[7], g19[8]);
	d[5] = vmlal_u32(d[5], f[8], g19[7]);
	d[5] = vmlal_u32(d[5], f[9], g19[6]);
	d[5] = vsraq_n_u64(d[5], d[4], 26);
	d[6] = vmull_u32(f[0], b->v[6]);
	d[6] = vmlal_u32(d[6], f2[1], b->v[5]);
	d[6] = vmlal_u32(d[6], f[2], b->v[4]);
	d[6] = vmlal_u32(d[6], f2[3], b->v[3]);
	d[6] = vmlal_u32(d[6], f[4], b->v[2]);
	d[6] = vmlal_u32(d[6], f2[5], b->v[1]);
	d[6] = vmlal_u32(d[6], f[6], b->v[0]);
	d[6] = vmlal_u32(d[6], f2[7], g19[9]);
	d[6] = vmlal_u32(d[6], f[8], g19[8]);
	d[6] = vmlal_u32(d[6], f2[9], g19[7]);
	d[6] = vsraq_n_u64(d[6], d[5], 25);
	p = fe2_narrow(d[4], d[5]);
	h->v[4] = vget_low_u32(p);
	h->v[5] = vget_high_u32(p);
	d[7] = vmull_u32(f[0], b->v[7]);
	d[7] = vmlal_u32(d[7], f[1], b->v[6]);
	d[7] = vmlal_u32(d[7], f[2], b->v[5]);
	d[7] = vmlal_u32(d[7], f[3], b->v[4]);
	d[7] = vmlal_u32(d[7], f[4], b->v[3]);
	d[7] = vmlal_u32(d[7], f[5], b->v[2]);
	d[7] = vmlal_u32(d[7], f[6], b->v[1]);
	d[7] = vmlal_u32(d[7], f[7], b->v[0]);
	d[7] = vmlal_u32(d[7], f[8], g19[9]);
	d[7] = vmlal_u32(d[7], f[9], g19[8]);
	d[7] = vsraq_n_u64(d[7], d[6], 26);
	d[8] = vmull_u32(f[0], b->v[8]);
	d[8] = vmlal_u32(d[8], f2[1], b->v[7]);
	d[8] = vmlal_u32(d[8], f[2], b->v[6]);
	d[8] = vmlal_u32(d[8], f2[3], b->v[5]);
	d[8] = vmlal_u32(d[8], f[4], b->v[4]);
	d[8] = vmlal_u32(d[8], f2[5], b->v[3]);
	d[8] = vmlal_u32(d[8], f[6], b->v[2]);
	d[8] = vmlal_u32(d[8], f2[7], b->v[1]);
	d[8] = vmlal_u32(d[8], f[8], b->v[0]);
	d[8] = vmlal_u32(d[8], f2[9], g19[9]);
	d[8] = vsraq_n_u64(d[8], d[7], 25);
	p = fe2_narrow(d[6], d[7]);
	h->v[6] = vget_low_u32(p);
	h->v[7] = vget_high_u32(p);
	d[9] = vmull_u32(f[0], b->v[9]);
	d[9] = vmlal_u32(d[9], f[1], b->v[8]);
	d[9] = vmlal_u32(d[9], f[2], b->v[7]);
	d[9] = vmlal_u32(d[9], f[3], b->v[6]);
	d[9] = vmlal_u32(d[9], f[4], b->v[5]);
	d[9] = vmlal_u32(d[9], f[5], b->v[4]);
	d[9] = vmlal_u32(d[9], f[6], b->v[3]);
	d[9] = vmlal_u32(d[9], f[7], b->v[2]);
	d[9] = vmlal_u32(d[9], f[8], b->v[1]);
	d[9] = vmlal_u32(d[9], f[9], b->v[0]);
	d[9] = vsraq_n_u64(d[9], d[8], 26);
	fe2_fold(h, d[8], d[9], h0, h1);
}

/* h = a^2 in each lane; h may be a.  Carried like fe2_mul(). */
static noinline void fe2_sq(struct fe2 *h, const struct fe2 *a)
{
	uint32x2_t f[10], f2[10], f4[10], f19[10], f38[10], h0, h1;
	uint64x2_t d[10];
	uint32x4_t p;

	f[0] = a->v[0];
	f[1] = a->v[1];
	f[2] = a->v[2];
	f[3] = a->v[3];
	f[4] = a->v[4];
	f[5] = a->v[5];
	f[6] = a->v[6];
	f[7] = a->v[7];
	f[8] = a->v[8];
	f[9] = a->v[9];
	f2[0] = vadd_u32(f[0], f[0]);
	f2[1] = vadd_u32(f[1], f[1]);
	f2[2] = vadd_u32(f[2], f[2]);
	f2[3] = vadd_u32(f[3], f[3]);
	f2[4] = vadd_u32(f[4], f[4]);
	f2[5] = vadd_u32(f[5], f[5]);
	f2[6] = vadd_u32(f[6], f[6]);
	f2[7] = vadd_u32(f[7], f[7]);
	f2[8] = vadd_u32(f[8], f[8]);
	f2[9] = vadd_u32(f[9], f[9]);
	f4[1] = vadd_u32(f2[1], f2[1]);
	f4[3] = vadd_u32(f2[3], f2[3]);
	f4[5] = vadd_u32(f2[5], f2[5]);
	f4[7] = vadd_u32(f2[7], f2[7]);
	f19[6] = vmul_n_u32(f[6], 19);
	f19[7] = vmul_n_u32(f[7], 19);
	f19[8] = vmul_n_u32(f[8], 19);
	f19[9] = vmul_n_u32(f[9], 19);
	f38[5] = vmul_n_u32(f[5], 38);
	f38[7] = vmul_n_u32(f[7], 38);
	f38[9] = vmul_n_u32(f[9], 38);
	d[0] = vmull_u32(f[0], f[0]);
	d[0] = vmlal_u32(d[0], f4[1], f19[9]);
	d[0] = vmlal_u32(d[0], f2[2], f19[8]);
	d[0] = vmlal_u32(d[0], f4[3], f19[7]);
	d[0] = vmlal_u32(d[0], f2[4], f19[6]);
	d[0] = vmlal_u32(d[0], f[5], f38[5]);
	d[1] = vmull_u32(f2[0], f[1]);
	d[1] = vmlal_u32(d[1], f2[2], f19[9]);
	d[1] = vmlal_u32(d[1], f2[3], f19[8]);
	d[1] = vmlal_u32(d[1], f2[4], f19[7]);
	d[1] = vmlal_u32(d[1], f2[5], f19[6]);
	d[1] = vsraq_n_u64(d[1], d[0], 26);
	d[2] = vmull_u32(f2[0], f[2]);
	d[2] = vmlal_u32(d[2], f[1], f2[1]);
	d[2] = vmlal_u32(d[2], f4[3], f19[9]);
	d[2] = vmlal_u32(d[2], f2[4], f19[8]);
	d[2] = vmlal_u32(d[2], f4[5], f19[7]);
	d[2] = vmlal_u32(d[2], f[6], f19[6]);
	d[2] = vsraq_n_u64(d[2], d[1], 25);
	p = fe2_narrow(d[0], d[1]);
	h0 = vget_low_u32(p);
	h1 = vget_high_u32(p);
	d[3] = vmull_u32(f2[0], f[3]);
	d[3] = vmlal_u32(d[3], f2[1], f[2]);
	d[3] = vmlal_u32(d[3], f2[4], f19[9]);
	d[3] = vmlal_u32(d[3], f2[5], f19[8]);
	d[3] = vmlal_u32(d[3], f2[6], f19[7]);
	d[3] = vsraq_n_u64(d[3], d[2], 26);
	d[4] = vmull_u32(f2[0], f[4]);
	d[4] = vmlal_u32(d[4], f4[1], f[3]);
	d[4] = vmlal_u32(d[4], f[2], f[2]);
	d[4] = vmlal_u32(d[4], f4[5], f19[9]);
	d[4] = vmlal_u32(d[4], f2[6], f19[8]);
	d[4] = vmlal_u32(d[4], f[7], f38[7]);
	d[4] = vsraq_n_u64(d[4], d[3], 25);
	p = fe2_narrow(d[2], d[3]);
	h->v[2] = vget_low_u32(p);
	h->v[3] = vget_high_u32(p);
	d[5] = vmull_u32(f2[0], f[5]);
	d[5] = vmlal_u32(d[5], f2[1], f[4]);
	d[5] = vmlal_u32(d[5], f2[2], f[3]);
	d[5] = vmlal_u32(d[5], f2[6], f19[9]);
	d[5] = vmlal_u32(d[5], f2[7], f19[8]);
	d[5] = vsraq_n_u64(d[5], d[4], 26);
	d[6] = vmull_u32(f2[0], f[6]);
	d[6] = vmlal_u32(d[6], f4[1], f[5]);
	d[6] = vmlal_u32(d[6], f2[2], f[4]);
	d[6] = vmlal_u32(d[6], f[3], f2[3]);
	d[6] = vmlal_u32(d[6], f4[7], f19[9]);
	d[6] = vmlal_u32(d[6], f[8], f19[8]);
	d[6] = vsraq_n_u64(d[6], d[5], 25);
	p = fe2_narrow(d[4], d[5]);
	h->v[4] = vget_low_u32(p);
	h->v[5] = vget_high_u32(p);
	d[7] = vmull_u32(f2[0], f[7]);
	d[7] = vmlal_u32(d[7], f2[1], f[6]);
	d[7] = vmlal_u32(d[7], f2[2], f[5]);
	d[7] = vmlal_u32(d[7], f2[3], f[4]);
	d[7] = vmlal_u32(d[7], f2[8], f19[9]);
	d[7] = vsraq_n_u64(d[7], d[6], 26);
	d[8] = vmull_u32(f2[0], f[8]);
	d[8] = vmlal_u32(d[8], f4[1], f[7]);
	d[8] = vmlal_u32(d[8], f2[2], f[6]);
	d[8] = vmlal_u32(d[8], f4[3], f[5]);
	d[8] = vmlal_u32(d[8], f[4], f[4]);
	d[8] = vmlal_u32(d[8], f[9], f38[9]);
	d[8] = vsraq_n_u64(d[8], d[7], 25);
	p = fe2_narrow(d[6], d[7]);
	h->v[6] = vget_low_u32(p);
	h->v[7] = vget_high_u32(p);
	d[9] = vmull_u32(f2[0], f[9]);
	d[9] = vmlal_u32(d[9], f2[1], f[8]);
	d[9] = vmlal_u32(d[9], f2[2], f[7]);
	d[9] = vmlal_u32(d[9], f2[3], f[6]);
	d[9] = vmlal_u32(d[9], f2[4], f[5]);
	d[9] = vsraq_n_u64(d[9], d[8], 26);
	fe2_fold(h, d[8], d[9], h0, h1);
}

/* Bit offset of limb i: ceil(25.5 i). */
static const u8 x25519_off[10] = { 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 };

static __always_inline u32 x25519_mask(int i)
{
	return (i & 1) ? X25519_M25 : X25519_M26;
}

static __always_inline int x25519_bits(int i)
{
	return (i & 1) ? 25 : 26;
}

/* Limbs of a 255-bit little-endian number (bit 255 dropped). */
static void x25519_frombytes(u32 h[10], const u8 s[KCRYPTO_X25519_KEY_SIZE])
{
	const u8 *p;
	int i;

	for (i = 0; i < 10; i++) {
		p = s + x25519_off[i] / 8;
		h[i] = (((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 |
			 (u32)p[3] << 24) >> (x25519_off[i] % 8)) &
		       x25519_mask(i);
	}
}

/*
 * Canonical bytes of the value in limbs @h (any limbs below 2^27):
 * carry, then subtract p once when the value is at least p.
 */
static void x25519_tobytes(u8 s[KCRYPTO_X25519_KEY_SIZE], u32 h[10])
{
	u32 q, w;
	int i, j, bit;

	for (i = 0; i < 9; i++) {
		h[i + 1] += h[i] >> x25519_bits(i);
		h[i] &= x25519_mask(i);
	}
	h[0] += 19 * (h[9] >> 25);
	h[9] &= X25519_M25;
	h[1] += h[0] >> 26;
	h[0] &= X25519_M26;

	/* Now h < 2^255 + 2^26; q = 1 exactly when h + 19 >= 2^255. */
	q = (h[0] + 19) >> 26;
	for (i = 1; i < 10; i++)
		q = (h[i] + q) >> x25519_bits(i);
	h[0] += 19 * q;
	for (i = 0; i < 9; i++) {
		h[i + 1] += h[i] >> x25519_bits(i);
		h[i] &= x25519_mask(i);
	}
	h[9] &= X25519_M25;

	/* Gather the 255 bits into eight 32-bit words. */
	for (j = 0; j < 8; j++) {
		w = 0;
		for (i = 0; i < 10; i++) {
			bit = x25519_off[i] - 32 * j;
			if (bit >= 32 || bit + x25519_bits(i) <= 0)
				continue;
			w |= bit >= 0 ? h[i] << bit : h[i] >> -bit;
		}
		s[4 * j] = (u8)w;
		s[4 * j + 1] = (u8)(w >> 8);
		s[4 * j + 2] = (u8)(w >> 16);
		s[4 * j + 3] = (u8)(w >> 24);
	}
}

/* h[i] = lane 0 from a[i], lane 1 from b[i]. */
static void fe2_set(struct fe2 *h, const u32 a[10], const u32 b[10])
{
	int i;

	for (i = 0; i < 10; i++)
		h->v[i] = vcreate_u32((u64)b[i] << 32 | a[i]);
}

/* h = f^(2^n) in each lane, n >= 1. */
static void fe2_sqn(struct fe2 *h, const struct fe2 *f, int n)
{
	fe2_sq(h, f);
	while (--n)
		fe2_sq(h, h);
}

/*
 * h = z^(p - 2) = 1 / z in each lane (0 for 0), by Fermat: z^(2^k - 1)
 * for k = 5, 10, 20, 40, 50, 100, 200, 250, then five squarings and z^11.
 */
static noinline void fe2_invert(struct fe2 *h, const struct fe2 *z)
{
	struct fe2 z11, a, b, c;

	fe2_sq(&a, z);			/* z^2 */
	fe2_sqn(&b, &a, 2);		/* z^8 */
	fe2_mul(&b, &b, z);		/* z^9 */
	fe2_mul(&z11, &a, &b);		/* z^11 */
	fe2_sq(&a, &z11);		/* z^22 */
	fe2_mul(&a, &a, &b);		/* z^31 */
	fe2_sqn(&b, &a, 5);
	fe2_mul(&a, &a, &b);		/* z^(2^10 - 1) */
	fe2_sqn(&b, &a, 10);
	fe2_mul(&b, &b, &a);		/* z^(2^20 - 1) */
	fe2_sqn(&c, &b, 20);
	fe2_mul(&b, &b, &c);		/* z^(2^40 - 1) */
	fe2_sqn(&b, &b, 10);
	fe2_mul(&a, &a, &b);		/* z^(2^50 - 1) */
	fe2_sqn(&b, &a, 50);
	fe2_mul(&b, &b, &a);		/* z^(2^100 - 1) */
	fe2_sqn(&c, &b, 100);
	fe2_mul(&b, &b, &c);		/* z^(2^200 - 1) */
	fe2_sqn(&b, &b, 50);
	fe2_mul(&a, &a, &b);		/* z^(2^250 - 1) */
	fe2_sqn(&a, &a, 5);		/* z^(2^255 - 32) */
	fe2_mul(h, &a, &z11);		/* z^(2^255 - 21) */

	memzero_explicit(&z11, sizeof(z11));
	memzero_explicit(&a, sizeof(a));
	memzero_explicit(&b, sizeof(b));
	memzero_explicit(&c, sizeof(c));
}

/* Everything secret in the ladder, wiped once at the end. */
struct x25519_neon {
	struct fe2 x;	/* (x2, x3) */
	struct fe2 z;	/* (z2, z3) */
	struct fe2 x1;	/* (1, x1) */
	struct fe2 s, t, u, w;
	u32 l0[10], l1[10];
	u8 k[KCRYPTO_X25519_KEY_SIZE];
};

/* Exchange the two lanes of x when @m is all ones. */
static __always_inline uint32x2_t x25519_lswap(uint32x2_t x, uint32x2_t m)
{
	return vbsl_u32(m, vrev64_u32(x), x);
}

/* Limb i of the swap and of (A, B), (D, C): see x25519_neon_step(). */
static __always_inline void x25519_step_in(struct x25519_neon *l,
					   uint32x2_t m, int i)
{
	uint32x2_t x = x25519_lswap(l->x.v[i], m);
	uint32x2_t z = x25519_lswap(l->z.v[i], m);
	uint32x2_t p = vadd_u32(x, z);				/* (A, C) */
	uint32x2_t q = vsub_u32(vadd_u32(x, vdup_n_u32(x25519_2p[i])),
				z);				/* (B, D) */
	uint32x2x2_t t = vtrn_u32(p, q);

	l->s.v[i] = t.val[0];					/* (A, B) */
	l->t.v[i] = vrev64_u32(t.val[1]);			/* (D, C) */
}

/*
 * Limb i of (DA + CB, DA - CB), of (AA, E) and of the column sum of
 * AA + 121665 E (lane 0; E = AA - BB).
 */
static __always_inline uint64x2_t x25519_step_mid(struct x25519_neon *l,
						  int i)
{
	const uint32x2_t hi = vcreate_u32(0xffffffff00000000ULL);
	const uint32x2_t p2 = vdup_n_u32(x25519_2p[i]);
	uint32x2_t u = l->u.v[i], w = l->w.v[i];
	uint32x2_t r = vrev64_u32(u), e;

	l->s.v[i] = vbsl_u32(hi, vsub_u32(vadd_u32(r, p2), u), vadd_u32(u, r));
	r = vrev64_u32(w);					/* (BB, AA) */
	e = vsub_u32(vadd_u32(w, p2), r);
	l->t.v[i] = vtrn_u32(w, e).val[0];			/* (AA, E) */
	l->u.v[i] = r;
	return vmlal_n_u32(vmovl_u32(w), e, 121665);
}

/* Limb i of the new X = (x2, x3) and Z = (z2, z3). */
static __always_inline void x25519_step_out(struct x25519_neon *l, int i)
{
	uint32x2x2_t t = vtrn_u32(l->t.v[i], l->s.v[i]);

	l->x.v[i] = t.val[0];
	l->z.v[i] = t.val[1];
}

/*
 * One ladder step on (X, Z) = ((x2, x3), (z2, z3)), their lanes swapped
 * first when @mask is all ones: the RFC 7748 formulas in the five double
 * operations of the header comment.
 */
static noinline void x25519_neon_step(struct x25519_neon *l, u32 mask)
{
	const uint32x2_t m = vdup_n_u32(mask);
	uint64x2_t d[10];
	struct fe2 f;

	x25519_step_in(l, m, 0);
	x25519_step_in(l, m, 1);
	x25519_step_in(l, m, 2);
	x25519_step_in(l, m, 3);
	x25519_step_in(l, m, 4);
	x25519_step_in(l, m, 5);
	x25519_step_in(l, m, 6);
	x25519_step_in(l, m, 7);
	x25519_step_in(l, m, 8);
	x25519_step_in(l, m, 9);
	fe2_mul(&l->u, &l->t, &l->s);			/* (DA, CB) */
	fe2_sq(&l->w, &l->s);				/* (AA, BB) */

	d[0] = x25519_step_mid(l, 0);
	d[1] = x25519_step_mid(l, 1);
	d[2] = x25519_step_mid(l, 2);
	d[3] = x25519_step_mid(l, 3);
	d[4] = x25519_step_mid(l, 4);
	d[5] = x25519_step_mid(l, 5);
	d[6] = x25519_step_mid(l, 6);
	d[7] = x25519_step_mid(l, 7);
	d[8] = x25519_step_mid(l, 8);
	d[9] = x25519_step_mid(l, 9);
	fe2_carry(&f, d);				/* (F, -) */
	l->w.v[0] = vtrn_u32(l->u.v[0], f.v[0]).val[0];	/* (BB, F) */
	l->w.v[1] = vtrn_u32(l->u.v[1], f.v[1]).val[0];
	l->w.v[2] = vtrn_u32(l->u.v[2], f.v[2]).val[0];
	l->w.v[3] = vtrn_u32(l->u.v[3], f.v[3]).val[0];
	l->w.v[4] = vtrn_u32(l->u.v[4], f.v[4]).val[0];
	l->w.v[5] = vtrn_u32(l->u.v[5], f.v[5]).val[0];
	l->w.v[6] = vtrn_u32(l->u.v[6], f.v[6]).val[0];
	l->w.v[7] = vtrn_u32(l->u.v[7], f.v[7]).val[0];
	l->w.v[8] = vtrn_u32(l->u.v[8], f.v[8]).val[0];
	l->w.v[9] = vtrn_u32(l->u.v[9], f.v[9]).val[0];

	fe2_sq(&l->s, &l->s);				/* (x3, T) */
	fe2_mul(&l->t, &l->t, &l->w);			/* (x2, z2) */
	fe2_mul(&l->s, &l->s, &l->x1);			/* (x3, z3) */
	x25519_step_out(l, 0);
	x25519_step_out(l, 1);
	x25519_step_out(l, 2);
	x25519_step_out(l, 3);
	x25519_step_out(l, 4);
	x25519_step_out(l, 5);
	x25519_step_out(l, 6);
	x25519_step_out(l, 7);
	x25519_step_out(l, 8);
	x25519_step_out(l, 9);
}

/* The final swap: exchange the lanes of X and Z when @mask is all ones. */
static void x25519_neon_cswap(struct x25519_neon *l, u32 mask)
{
	const uint32x2_t m = vdup_n_u32(mask);
	int i;

	for (i = 0; i < 10; i++) {
		l->x.v[i] = x25519_lswap(l->x.v[i], m);
		l->z.v[i] = x25519_lswap(l->z.v[i], m);
	}
}

/**
 * kcrypto_x25519_arm_neon() - X25519 scalar multiplication with NEON
 * @out: u-coordinate of clamp(@scalar) * @point, canonical encoding
 * @scalar: secret scalar, clamped here
 * @point: u-coordinate; bit 255 is ignored, values >= p are accepted
 *
 * Constant time: the scalar bits only form the masks of the swaps.
 */
void kcrypto_x25519_arm_neon(u8 out[KCRYPTO_X25519_KEY_SIZE],
			     const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			     const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	struct x25519_neon l;
	u32 swap = 0, bit, mask;
	int i;

	memcpy(l.k, scalar, KCRYPTO_X25519_KEY_SIZE);
	l.k[0] &= 248;
	l.k[31] &= 127;
	l.k[31] |= 64;

	x25519_frombytes(l.l1, point);
	memset(l.l0, 0, sizeof(l.l0));
	l.l0[0] = 1;
	fe2_set(&l.x1, l.l0, l.l1);			/* (1, x1) */
	fe2_set(&l.x, l.l0, l.l1);			/* (x2, x3) = (1, x1) */
	for (i = 0; i < 10; i++)			/* (z2, z3) = (0, 1) */
		l.z.v[i] = vcreate_u32((u64)l.l0[i] << 32);

	/* Bit 255 of a clamped scalar is 0 and bit 254 is 1. */
	for (i = 254; i >= 0; i--) {
		bit = (l.k[i >> 3] >> (i & 7)) & 1;
		swap ^= bit;
		mask = 0 - swap;
		OPTIMIZER_HIDE_VAR(mask);
		swap = bit;
		x25519_neon_step(&l, mask);
	}
	mask = 0 - swap;
	OPTIMIZER_HIDE_VAR(mask);
	x25519_neon_cswap(&l, mask);

	/* u = x2 / z2 in lane 0; z2 = 0 gives 0. */
	fe2_invert(&l.z, &l.z);
	fe2_mul(&l.x, &l.x, &l.z);
	for (i = 0; i < 10; i++)
		l.l0[i] = vget_lane_u32(l.x.v[i], 0);
	x25519_tobytes(out, l.l0);

	memzero_explicit(&l, sizeof(l));
}
