// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 blocks with 32-bit arm NEON, radix 2^26, four blocks (64
 * bytes) per step: the body is arch/neon/poly1305-neon.h.  The two
 * multipliers r^4 and r^2 of each limb share one d register, taken by
 * vmull/vmlal by scalar; with sixteen q registers a wider step would
 * spill.  The powers and the blocks after the last full step use 26-bit
 * scalar code.
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/cores.h>

#include "poly1305-arm.h"

#define PN_PAIRS			2
#define pn_pow_t			uint32x2_t
#define pn_pow_load_even(p)		vld2_u32(p).val[0]
#define pn_pow_set_lane0(x, v)		vset_lane_u32(v, x, 0)
#define pn_pow_add(x, y)		vadd_u32(x, y)
#define pn_pow_shl2(x)			vshl_n_u32(x, 2)
#define PN_MULL(x, P, k)		vmull_lane_u32(x, P, k)
#define PN_MLAL(a, x, P, k)		vmlal_lane_u32(a, x, P, k)
#define PN_MLAL_HI(a, q, P, k)		vmlal_lane_u32(a, vget_high_u32(q), P, k)
#define PN_ADDW_HI(a, q)		vaddw_u32(a, vget_high_u32(q))

#include "../neon/poly1305-neon.h"

/* T[j][k] = limb j of r^(4 - k) for k = 0, 2, 3 (r^3 is not used). */
static void pn_powers(u32 T[5][2 * PN_PAIRS],
		      const struct kcrypto_poly1305_state *st)
{
	u32 r[5], r2[5], r4[5];
	int j;

	pn_to_limbs(r, st->r[0], st->r[1], 0);
	pn_mul26(r2, r, r);
	pn_mul26(r4, r2, r2);
	for (j = 0; j < 5; j++) {
		T[j][0] = r4[j];
		T[j][2] = r2[j];
		T[j][3] = r[j];
	}
	memzero_explicit(r, sizeof(r));
	memzero_explicit(r2, sizeof(r2));
	memzero_explicit(r4, sizeof(r4));
}

/*
 * One block at a time in 26-bit limbs, for the blocks left over: one
 * carry pass per block (limbs below 2^26 + 2^12 between blocks, as in
 * pn_vcarry()), a full one at the end.
 */
static void pn_tail(struct kcrypto_poly1305_state *st, const u8 *src,
		    size_t len, u32 hibit)
{
	u32 r0, r1, r2, r3, r4, s1, s2, s3, s4, h0, h1, h2, h3, h4;
	u32 w0, w1, w2, w3, l[5];
	u64 t[5], c;

	if (!len)
		return;
	pn_to_limbs(l, st->r[0], st->r[1], 0);
	r0 = l[0];
	r1 = l[1];
	r2 = l[2];
	r3 = l[3];
	r4 = l[4];
	s1 = r1 * 5;
	s2 = r2 * 5;
	s3 = r3 * 5;
	s4 = r4 * 5;
	pn_to_limbs(l, st->h[0], st->h[1], st->h[2]);
	h0 = l[0];
	h1 = l[1];
	h2 = l[2];
	h3 = l[3];
	h4 = l[4];
	while (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		w0 = get_unaligned_le32(src);
		w1 = get_unaligned_le32(src + 4);
		w2 = get_unaligned_le32(src + 8);
		w3 = get_unaligned_le32(src + 12);
		h0 += w0 & PN_M26;
		h1 += ((w0 >> 26) | (w1 << 6)) & PN_M26;
		h2 += ((w1 >> 20) | (w2 << 12)) & PN_M26;
		h3 += ((w2 >> 14) | (w3 << 18)) & PN_M26;
		h4 += (w3 >> 8) | (hibit << 24);

		/* h limbs below 2^27.4, r limbs below 2^26 */
		t[0] = (u64)h0 * r0 + (u64)h1 * s4 + (u64)h2 * s3 +
		       (u64)h3 * s2 + (u64)h4 * s1;
		t[1] = (u64)h0 * r1 + (u64)h1 * r0 + (u64)h2 * s4 +
		       (u64)h3 * s3 + (u64)h4 * s2;
		t[2] = (u64)h0 * r2 + (u64)h1 * r1 + (u64)h2 * r0 +
		       (u64)h3 * s4 + (u64)h4 * s3;
		t[3] = (u64)h0 * r3 + (u64)h1 * r2 + (u64)h2 * r1 +
		       (u64)h3 * r0 + (u64)h4 * s4;
		t[4] = (u64)h0 * r4 + (u64)h1 * r3 + (u64)h2 * r2 +
		       (u64)h3 * r1 + (u64)h4 * r0;

		c = t[0] >> 26; h0 = (u32)t[0] & PN_M26; t[1] += c;
		c = t[1] >> 26; h1 = (u32)t[1] & PN_M26; t[2] += c;
		c = t[2] >> 26; h2 = (u32)t[2] & PN_M26; t[3] += c;
		c = t[3] >> 26; h3 = (u32)t[3] & PN_M26; t[4] += c;
		c = t[4] >> 26; h4 = (u32)t[4] & PN_M26;
		c = h0 + c * 5;
		h0 = (u32)c & PN_M26;
		h1 += (u32)(c >> 26);

		src += KCRYPTO_POLY1305_BLOCK_SIZE;
		len -= KCRYPTO_POLY1305_BLOCK_SIZE;
	}
	t[0] = h0;
	t[1] = h1;
	t[2] = h2;
	t[3] = h3;
	t[4] = h4;
	pn_carry(t);
	pn_to_canon(st, t);
}

/**
 * kcrypto_poly1305_arm_neon() - absorb full blocks, NEON
 * @st: canonical state (h[2] <= 7 on entry and on return)
 * @src: message blocks, any alignment
 * @len: number of bytes, a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 *
 * Call between kernel_neon_begin() and kernel_neon_end().
 */
void kcrypto_poly1305_arm_neon(struct kcrypto_poly1305_state *st,
			       const u8 *src, size_t len, u32 hibit)
{
	pn_blocks(st, src, len, hibit);
}
