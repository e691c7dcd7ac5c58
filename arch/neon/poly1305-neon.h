/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Poly1305 block function with NEON, radix 2^26, shared by
 * arch/arm/poly1305-neon.c and arch/arm64/poly1305-neon.c.
 *
 * A 130-bit value is five 26-bit limbs; since 2^130 == 5 (mod p), limb
 * products that land at 2^130 and above fold back times 5, so with
 * s_j = 5 r_j the product d = x r is
 *
 *   d0 = x0 r0 + x1 s4 + x2 s3 + x3 s2 + x4 s1
 *   d1 = x0 r1 + x1 r0 + x2 s4 + x3 s3 + x4 s2
 *   d2 = x0 r2 + x1 r1 + x2 r0 + x3 s4 + x4 s3
 *   d3 = x0 r3 + x1 r2 + x2 r1 + x3 r0 + x4 s4
 *   d4 = x0 r4 + x1 r3 + x2 r2 + x3 r1 + x4 r0
 *
 * vmull_u32 does two such 32x32->64 products per instruction, so the
 * accumulator G is split in two lanes: lane 0 takes the odd-numbered
 * blocks m_1, m_3, ... and lane 1 the even-numbered ones.  With P =
 * PN_PAIRS, one step absorbs the pairs of blocks M_0 .. M_(P-1):
 *
 *   G = G r^2P + M_0 r^(2P-2) + ... + M_(P-2) r^2 + M_(P-1)
 *
 * (one carry pass per step), and at the end the Horner result is
 * h = G_0 r^2 + G_1 r.  The incoming h must end up times r^2n for n
 * blocks, like m_1: the first step adds it to lane 0 of M_0 by starting
 * from G = (h, 0) with r^(2P-2) instead of r^2P as G's multiplier.
 *
 * The including file defines, before including this header, the macros
 *   PN_PAIRS		2 or 4
 *   pn_pow_t		vector of the P multipliers of one limb: lane k holds
 *			the limb of r^(2P - 2k)
 *   pn_pow_load_even(p)	load a pn_pow_t from the even entries of p[2P]
 *   pn_pow_set_lane0(x, v), pn_pow_add(x, y), pn_pow_shl2(x)
 *   PN_MULL(x, P, k)	  vmull of the uint32x2_t x by lane k of P
 *   PN_MLAL(a, x, P, k)  the same, accumulated into a
 *   PN_MLAL_HI(a, q, P, k) the same, with x the high half of q
 *   PN_ADDW_HI(a, q)	  a + the high half of q, widened
 *   PN_HAVE_LOOP	(optional) it provides pn_loop()
 * and after it the functions declared below:
 *   pn_powers(T, st)	T[j][k] = limb j of r^(2P - k) for even k and for
 *			k = 2P - 1 (r), each limb below 2^26.4; the other
 *			entries are not used (zero)
 *   pn_tail(st, src, len, hibit)  scalar blocks (any multiple of 16)
 *   pn_loop(g, src, n, R, S, hibit)  n > 0 steps of pn_step() and
 *			pn_vcarry() on g[5] in place, for an arch on which the
 *			compiler's code for the C step spills
 *
 * Limb bounds: G between steps below 2^26 + 2^12 (at most 2^27 in limb 4
 * on entry from the canonical h2 <= 7), message limbs below 2^26, power
 * limbs below 2^26.4 and s_j below 2^28.8, so every product is below
 * 2^55.8 and a column sum (at most 20 products) stays below 2^60.2.
 */
#ifndef _KCRYPTO_NEON_POLY1305_H
#define _KCRYPTO_NEON_POLY1305_H

#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

#include "intrinsics.h"

#define PN_M26		0x3ffffffU
#define PN_STEP		(2 * PN_PAIRS * KCRYPTO_POLY1305_BLOCK_SIZE)

static void pn_powers(u32 T[5][2 * PN_PAIRS],
		      const struct kcrypto_poly1305_state *st);
static void pn_tail(struct kcrypto_poly1305_state *st, const u8 *src,
		    size_t len, u32 hibit);
#ifdef PN_HAVE_LOOP
static void pn_loop(uint32x2_t g[5], const u8 *src, size_t n,
		    const pn_pow_t R[5], const pn_pow_t S[5], u32 hibit);
#endif

/* Canonical radix 2^64 (value below 2^131) to five 26-bit limbs. */
static __always_inline void pn_to_limbs(u32 l[5], u64 v0, u64 v1, u64 v2)
{
	l[0] = (u32)v0 & PN_M26;
	l[1] = (u32)(v0 >> 26) & PN_M26;
	l[2] = (u32)((v0 >> 52) | (v1 << 12)) & PN_M26;
	l[3] = (u32)(v1 >> 14) & PN_M26;
	l[4] = (u32)((v1 >> 40) | (v2 << 24));
}

/*
 * Carry column sums (each below 2^63) into limbs: t0..t3 below 2^26 and
 * t4 below 2^26 + 2^8, so the value is below 2^131 and the limbs do not
 * overlap when packed back into radix 2^64.
 */
static __always_inline void pn_carry(u64 t[5])
{
	u64 c;

	c = t[0] >> 26; t[0] &= PN_M26; t[1] += c;
	c = t[1] >> 26; t[1] &= PN_M26; t[2] += c;
	c = t[2] >> 26; t[2] &= PN_M26; t[3] += c;
	c = t[3] >> 26; t[3] &= PN_M26; t[4] += c;
	c = t[4] >> 26; t[4] &= PN_M26; t[0] += c * 5;
	c = t[0] >> 26; t[0] &= PN_M26; t[1] += c;
	c = t[1] >> 26; t[1] &= PN_M26; t[2] += c;
	c = t[2] >> 26; t[2] &= PN_M26; t[3] += c;
	c = t[3] >> 26; t[3] &= PN_M26; t[4] += c;
}

/* Carried limbs (see pn_carry()) back to the canonical state. */
static __always_inline void pn_to_canon(struct kcrypto_poly1305_state *st,
					const u64 t[5])
{
	st->h[0] = t[0] | (t[1] << 26) | (t[2] << 52);
	st->h[1] = (t[2] >> 12) | (t[3] << 14) | (t[4] << 40);
	st->h[2] = t[4] >> 24;
}

/*
 * out = a b mod p (partially: carried as in pn_carry()), scalar.  Column
 * sums: limbs below 2^27.4 times 5 r_j below 2^28.4, five terms.
 */
static __always_inline void pn_mul26(u32 out[5], const u32 a[5],
				     const u32 b[5])
{
	u32 s1 = b[1] * 5, s2 = b[2] * 5, s3 = b[3] * 5, s4 = b[4] * 5;
	u64 t[5];
	int i;

	t[0] = (u64)a[0] * b[0] + (u64)a[1] * s4 + (u64)a[2] * s3 +
	       (u64)a[3] * s2 + (u64)a[4] * s1;
	t[1] = (u64)a[0] * b[1] + (u64)a[1] * b[0] + (u64)a[2] * s4 +
	       (u64)a[3] * s3 + (u64)a[4] * s2;
	t[2] = (u64)a[0] * b[2] + (u64)a[1] * b[1] + (u64)a[2] * b[0] +
	       (u64)a[3] * s4 + (u64)a[4] * s3;
	t[3] = (u64)a[0] * b[3] + (u64)a[1] * b[2] + (u64)a[2] * b[1] +
	       (u64)a[3] * b[0] + (u64)a[4] * s4;
	t[4] = (u64)a[0] * b[4] + (u64)a[1] * b[3] + (u64)a[2] * b[2] +
	       (u64)a[3] * b[1] + (u64)a[4] * b[0];
	pn_carry(t);
	for (i = 0; i < 5; i++)
		out[i] = (u32)t[i];
}

/*
 * Four blocks (64 bytes) into 26-bit limbs, one vector per limb, lane i
 * from block i.  vld4q_u32 de-interleaves the 32-bit words: w[k] holds
 * word k of each block.  Any alignment of @src (element loads).
 */
static __always_inline void pn_load4(uint32x4_t l[5], const u8 *src,
				     uint32x4_t hib)
{
	const uint32x4_t m = vdupq_n_u32(PN_M26);
	uint32x4x4_t w = vld4q_u32((const u32 *)src);

	l[0] = vandq_u32(w.val[0], m);
	l[1] = vandq_u32(vsliq_n_u32(vshrq_n_u32(w.val[0], 26), w.val[1], 6), m);
	l[2] = vandq_u32(vsliq_n_u32(vshrq_n_u32(w.val[1], 20), w.val[2], 12), m);
	l[3] = vandq_u32(vsliq_n_u32(vshrq_n_u32(w.val[2], 14), w.val[3], 18), m);
	l[4] = vorrq_u32(vshrq_n_u32(w.val[3], 8), hib);
}

/*
 * d (+)= x * power, the 25 products of one multiplication, by lane k of
 * the powers R (and S = 5 R).  PN_MAC accumulates all of them with
 * OP(acc, x, P, k); PN_MUL starts each column with MUL(x, P, k).
 */
#define PN_MAC_REST(OP, d, x, R, S, k) do {				\
	d[0] = OP(d[0], x[1], S[4], k);					\
	d[1] = OP(d[1], x[1], R[0], k);					\
	d[2] = OP(d[2], x[1], R[1], k);					\
	d[3] = OP(d[3], x[1], R[2], k);					\
	d[4] = OP(d[4], x[1], R[3], k);					\
	d[0] = OP(d[0], x[2], S[3], k);					\
	d[1] = OP(d[1], x[2], S[4], k);					\
	d[2] = OP(d[2], x[2], R[0], k);					\
	d[3] = OP(d[3], x[2], R[1], k);					\
	d[4] = OP(d[4], x[2], R[2], k);					\
	d[0] = OP(d[0], x[3], S[2], k);					\
	d[1] = OP(d[1], x[3], S[3], k);					\
	d[2] = OP(d[2], x[3], S[4], k);					\
	d[3] = OP(d[3], x[3], R[0], k);					\
	d[4] = OP(d[4], x[3], R[1], k);					\
	d[0] = OP(d[0], x[4], S[1], k);					\
	d[1] = OP(d[1], x[4], S[2], k);					\
	d[2] = OP(d[2], x[4], S[3], k);					\
	d[3] = OP(d[3], x[4], S[4], k);					\
	d[4] = OP(d[4], x[4], R[0], k);					\
} while (0)

#define PN_MAC(OP, d, x, R, S, k) do {					\
	d[0] = OP(d[0], x[0], R[0], k);					\
	d[1] = OP(d[1], x[0], R[1], k);					\
	d[2] = OP(d[2], x[0], R[2], k);					\
	d[3] = OP(d[3], x[0], R[3], k);					\
	d[4] = OP(d[4], x[0], R[4], k);					\
	PN_MAC_REST(OP, d, x, R, S, k);					\
} while (0)

#define PN_MUL(MUL, OP, d, x, R, S, k) do {				\
	d[0] = MUL(x[0], R[0], k);					\
	d[1] = MUL(x[0], R[1], k);					\
	d[2] = MUL(x[0], R[2], k);					\
	d[3] = MUL(x[0], R[3], k);					\
	d[4] = MUL(x[0], R[4], k);					\
	PN_MAC_REST(OP, d, x, R, S, k);					\
} while (0)

/* One column of a product with whole vectors (a different power per lane). */
#define PN_VCOL(x, a0, a1, a2, a3, a4)					\
	vmlal_u32(vmlal_u32(vmlal_u32(vmlal_u32(vmull_u32(x[0], a0),	\
		x[1], a1), x[2], a2), x[3], a3), x[4], a4)

/*
 * Lazy carry of the two lanes' column sums (below 2^60) back into h:
 * limbs below 2^26, except 1 and 4 below 2^26 + 2^12.  Two interleaved
 * chains (0->1->2->3 and 3->4->0->1) to shorten the dependency path.
 */
static __always_inline void pn_vcarry(uint32x2_t h[5], uint64x2_t d[5])
{
	const uint64x2_t m = vdupq_n_u64(PN_M26);
	uint64x2_t c0, c3;

	c0 = vshrq_n_u64(d[0], 26);
	c3 = vshrq_n_u64(d[3], 26);
	d[0] = vandq_u64(d[0], m);
	d[3] = vandq_u64(d[3], m);
	d[1] = vaddq_u64(d[1], c0);
	d[4] = vaddq_u64(d[4], c3);

	c0 = vshrq_n_u64(d[1], 26);
	c3 = vshrq_n_u64(d[4], 26);
	d[1] = vandq_u64(d[1], m);
	d[4] = vandq_u64(d[4], m);
	d[2] = vaddq_u64(d[2], c0);
	d[0] = vaddq_u64(d[0], vaddq_u64(c3, vshlq_n_u64(c3, 2)));

	c0 = vshrq_n_u64(d[2], 26);
	c3 = vshrq_n_u64(d[0], 26);
	d[2] = vandq_u64(d[2], m);
	d[0] = vandq_u64(d[0], m);
	d[3] = vaddq_u64(d[3], c0);
	d[1] = vaddq_u64(d[1], c3);

	c3 = vshrq_n_u64(d[3], 26);
	d[3] = vandq_u64(d[3], m);
	d[4] = vaddq_u64(d[4], c3);

	h[0] = vmovn_u64(d[0]);
	h[1] = vmovn_u64(d[1]);
	h[2] = vmovn_u64(d[2]);
	h[3] = vmovn_u64(d[3]);
	h[4] = vmovn_u64(d[4]);
}

/*
 * The column sums of one step, before carrying: G times lane 0 of the
 * powers, the pairs of blocks times the next lanes, the last pair added.
 */
static __always_inline void pn_step(uint64x2_t d[5], const uint32x2_t g[5],
				    const u8 *src, const pn_pow_t R[5],
				    const pn_pow_t S[5], uint32x4_t hib)
{
	uint32x4_t a[5];
	uint32x2_t x[5];
#if PN_PAIRS == 4
	uint32x4_t b[5];
#endif

	PN_MUL(PN_MULL, PN_MLAL, d, g, R, S, 0);
	pn_load4(a, src, hib);
	/* Written out: GCC -O2 leaves a loop over vectors in memory. */
	x[0] = vget_low_u32(a[0]);
	x[1] = vget_low_u32(a[1]);
	x[2] = vget_low_u32(a[2]);
	x[3] = vget_low_u32(a[3]);
	x[4] = vget_low_u32(a[4]);
	PN_MAC(PN_MLAL, d, x, R, S, 1);
#if PN_PAIRS == 4
	PN_MAC(PN_MLAL_HI, d, a, R, S, 2);
	pn_load4(b, src + 64, hib);
	x[0] = vget_low_u32(b[0]);
	x[1] = vget_low_u32(b[1]);
	x[2] = vget_low_u32(b[2]);
	x[3] = vget_low_u32(b[3]);
	x[4] = vget_low_u32(b[4]);
	PN_MAC(PN_MLAL, d, x, R, S, 3);
	a[0] = b[0];
	a[1] = b[1];
	a[2] = b[2];
	a[3] = b[3];
	a[4] = b[4];
#endif
	d[0] = PN_ADDW_HI(d[0], a[0]);
	d[1] = PN_ADDW_HI(d[1], a[1]);
	d[2] = PN_ADDW_HI(d[2], a[2]);
	d[3] = PN_ADDW_HI(d[3], a[3]);
	d[4] = PN_ADDW_HI(d[4], a[4]);
}

#ifndef PN_HAVE_LOOP
static void pn_loop(uint32x2_t g[5], const u8 *src, size_t n,
		    const pn_pow_t R[5], const pn_pow_t S[5], u32 hibit)
{
	uint32x4_t hib = vdupq_n_u32(hibit << 24);
	uint64x2_t d[5];

	while (n--) {
		pn_step(d, g, src, R, S, hib);
		pn_vcarry(g, d);
		src += PN_STEP;
	}
}
#endif

/*
 * Multipliers of limb j: lane k r^(2P - 2k), the even entries of T[j],
 * with lane 0 replaced by r^(2P - 2) when @first; and their 5 multiples.
 */
#define PN_MULTS_J(j) do {						\
	R[j] = pn_pow_load_even(T[j]);					\
	if (first)							\
		R[j] = pn_pow_set_lane0(R[j], T[j][2]);			\
	S[j] = pn_pow_add(R[j], pn_pow_shl2(R[j]));			\
} while (0)

static __always_inline void pn_mults(pn_pow_t R[5], pn_pow_t S[5],
				     const u32 T[5][2 * PN_PAIRS], bool first)
{
	PN_MULTS_J(0);
	PN_MULTS_J(1);
	PN_MULTS_J(2);
	PN_MULTS_J(3);
	PN_MULTS_J(4);
}

/* h = G_0 r^2 + G_1 r, carried, into the canonical state. */
static void pn_final(struct kcrypto_poly1305_state *st, const uint32x2_t g[5],
		     const u32 T[5][2 * PN_PAIRS])
{
	uint32x2_t F[5], G[5];
	uint64x2_t d[5];
	u64 t[5];

	/* lanes (r^2, r) of each limb, and 5 times that */
	F[0] = vld1_u32(&T[0][2 * PN_PAIRS - 2]);
	F[1] = vld1_u32(&T[1][2 * PN_PAIRS - 2]);
	F[2] = vld1_u32(&T[2][2 * PN_PAIRS - 2]);
	F[3] = vld1_u32(&T[3][2 * PN_PAIRS - 2]);
	F[4] = vld1_u32(&T[4][2 * PN_PAIRS - 2]);
	G[1] = vadd_u32(F[1], vshl_n_u32(F[1], 2));
	G[2] = vadd_u32(F[2], vshl_n_u32(F[2], 2));
	G[3] = vadd_u32(F[3], vshl_n_u32(F[3], 2));
	G[4] = vadd_u32(F[4], vshl_n_u32(F[4], 2));
	d[0] = PN_VCOL(g, F[0], G[4], G[3], G[2], G[1]);
	d[1] = PN_VCOL(g, F[1], F[0], G[4], G[3], G[2]);
	d[2] = PN_VCOL(g, F[2], F[1], F[0], G[4], G[3]);
	d[3] = PN_VCOL(g, F[3], F[2], F[1], F[0], G[4]);
	d[4] = PN_VCOL(g, F[4], F[3], F[2], F[1], F[0]);
	t[0] = vgetq_lane_u64(d[0], 0) + vgetq_lane_u64(d[0], 1);
	t[1] = vgetq_lane_u64(d[1], 0) + vgetq_lane_u64(d[1], 1);
	t[2] = vgetq_lane_u64(d[2], 0) + vgetq_lane_u64(d[2], 1);
	t[3] = vgetq_lane_u64(d[3], 0) + vgetq_lane_u64(d[3], 1);
	t[4] = vgetq_lane_u64(d[4], 0) + vgetq_lane_u64(d[4], 1);
	pn_carry(t);
	pn_to_canon(st, t);
}

/* Any multiple of 16 bytes; canonical state in and out. */
static void pn_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
		      size_t len, u32 hibit)
{
	u32 T[5][2 * PN_PAIRS] = { { 0 } }, hl[5];
	pn_pow_t R[5], S[5];
	uint32x2_t g[5];
	size_t steps = len / PN_STEP;
	int i;

	if (!steps) {
		pn_tail(st, src, len, hibit);
		return;
	}

	pn_powers(T, st);
	pn_to_limbs(hl, st->h[0], st->h[1], st->h[2]);
	for (i = 0; i < 5; i++)
		g[i] = vset_lane_u32(hl[i], vdup_n_u32(0), 0);

	/* First step: h joins m_1, so G's multiplier is r^(2P - 2). */
	pn_mults(R, S, T, true);
	pn_loop(g, src, 1, R, S, hibit);
	src += PN_STEP;
	if (--steps) {
		pn_mults(R, S, T, false);
		pn_loop(g, src, steps, R, S, hibit);
		src += steps * PN_STEP;
	}
	pn_final(st, g, T);
	/* The powers of r are as secret as r. */
	memzero_explicit(T, sizeof(T));
	memzero_explicit(R, sizeof(R));
	memzero_explicit(S, sizeof(S));

	len %= PN_STEP;
	if (len)
		pn_tail(st, src, len, hibit);
}

#endif /* _KCRYPTO_NEON_POLY1305_H */
