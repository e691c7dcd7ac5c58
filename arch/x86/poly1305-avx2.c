// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 block function, AVX2: radix 2^26, four blocks per step.
 *
 * Horner's rule h = ((h + m1) r + m2) r ... is split four ways: lane j of
 * a ymm register accumulates blocks j, j + 4, j + 8, ... as
 *
 *   H_j = (H_j r^4 + m_{j+4}) r^4 + ...
 *
 * and at the end lane j is multiplied by r^(4 - j) and the lanes are added,
 * which gives the same polynomial in r.  A 130-bit value is five 26-bit
 * limbs in the low halves of 64-bit lanes, so vpmuludq (32 x 32 -> 64)
 * forms the 25 partial products; 2^130 = 5 (mod p) folds the products
 * above 2^130 back with the precomputed 5 r_i.
 *
 * The state is canonical (radix 2^64) on entry and on return; the powers
 * r^1..r^4 are computed per call, so short inputs stay with the scalar
 * code.  Whole groups of four blocks go through the vector loop, the rest
 * through the scalar radix-2^64 code.
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

#include "poly1305-x86.h"

#pragma GCC push_options
#pragma GCC target("avx2,bmi2")

/*
 * GCC vector extensions and builtins rather than <immintrin.h>, which the
 * kernel's -nostdinc build cannot include.
 */
typedef u64 v4u __attribute__((__vector_size__(32)));
typedef u64 v4u_ua __attribute__((__vector_size__(32))) __aligned(1);
typedef long long v4i __attribute__((__vector_size__(32)));
typedef int v8i __attribute__((__vector_size__(32)));

#define M26	0x3ffffffULL

/* Shorter inputs go through the scalar code (measured break-even). */
#define POLY1305_AVX2_MIN	256

/* Five 26-bit limbs of four lanes. */
struct poly1305_avx2_v5 {
	v4u l0, l1, l2, l3, l4;
};

/* r0..r4 and s1..s4 = 5 r1..5 r4 of the power each lane steps by. */
struct poly1305_avx2_key {
	v4u r0, r1, r2, r3, r4, s1, s2, s3, s4;
};

static __always_inline v4u v4_set1(u64 x)
{
	return (v4u) { x, x, x, x };
}

/* vpmuludq: low 32 bits of each lane times low 32 bits, 64-bit result */
static __always_inline v4u v4_mul(v4u a, v4u b)
{
	return (v4u)__builtin_ia32_pmuludq256((v8i)a, (v8i)b);
}

/* Split a radix-2^64 value (h2 <= 7) into five 26-bit limbs. */
static __always_inline void poly1305_avx2_split(u32 l[5], u64 h0, u64 h1,
						u64 h2)
{
	l[0] = h0 & M26;
	l[1] = (h0 >> 26) & M26;
	l[2] = ((h0 >> 52) | (h1 << 12)) & M26;
	l[3] = (h1 >> 14) & M26;
	l[4] = (h1 >> 40) | (h2 << 24);
}

/* d = h * r per lane: schoolbook, s_i for the products at 2^130 and up */
static __always_inline void poly1305_avx2_mul(struct poly1305_avx2_v5 *d,
					      const struct poly1305_avx2_v5 *h,
					      const struct poly1305_avx2_key *k)
{
	d->l0 = (v4_mul(h->l0, k->r0) + v4_mul(h->l1, k->s4)) +
		((v4_mul(h->l2, k->s3) + v4_mul(h->l3, k->s2)) +
		 v4_mul(h->l4, k->s1));
	d->l1 = (v4_mul(h->l0, k->r1) + v4_mul(h->l1, k->r0)) +
		((v4_mul(h->l2, k->s4) + v4_mul(h->l3, k->s3)) +
		 v4_mul(h->l4, k->s2));
	d->l2 = (v4_mul(h->l0, k->r2) + v4_mul(h->l1, k->r1)) +
		((v4_mul(h->l2, k->r0) + v4_mul(h->l3, k->s4)) +
		 v4_mul(h->l4, k->s3));
	d->l3 = (v4_mul(h->l0, k->r3) + v4_mul(h->l1, k->r2)) +
		((v4_mul(h->l2, k->r1) + v4_mul(h->l3, k->r0)) +
		 v4_mul(h->l4, k->s4));
	d->l4 = (v4_mul(h->l0, k->r4) + v4_mul(h->l1, k->r3)) +
		((v4_mul(h->l2, k->r2) + v4_mul(h->l3, k->r1)) +
		 v4_mul(h->l4, k->r0));
}

/*
 * Carry d (limbs below 2^61) into h of 26-bit limbs (h1 and h4 may keep a
 * few extra bits), in two interleaved chains to halve the latency:
 * 0->1 and 3->4, 1->2 and 4->0 (times 5), 2->3 and 0->1, 3->4.
 */
static __always_inline void poly1305_avx2_carry(struct poly1305_avx2_v5 *h,
						struct poly1305_avx2_v5 *d,
						v4u mask)
{
	v4u c0, c1;

	c0 = d->l0 >> 26;
	c1 = d->l3 >> 26;
	d->l0 &= mask;
	d->l3 &= mask;
	d->l1 += c0;
	d->l4 += c1;
	c0 = d->l1 >> 26;
	c1 = d->l4 >> 26;
	h->l1 = d->l1 & mask;
	h->l4 = d->l4 & mask;
	d->l2 += c0;
	d->l0 += c1 + (c1 << 2);
	c0 = d->l2 >> 26;
	c1 = d->l0 >> 26;
	h->l2 = d->l2 & mask;
	h->l0 = d->l0 & mask;
	d->l3 += c0;
	h->l1 += c1;
	c0 = d->l3 >> 26;
	h->l3 = d->l3 & mask;
	h->l4 += c0;
}

/*
 * h += four blocks split into 26-bit limbs.  unpack works within 128-bit
 * halves, so the lanes hold blocks 0, 2, 1, 3 in that order.
 */
static __always_inline void poly1305_avx2_addm(struct poly1305_avx2_v5 *h,
					       const u8 *src, v4u mask, v4u hib)
{
	v4u a = *(const v4u_ua *)src;
	v4u b = *(const v4u_ua *)(src + 32);
	v4u lo = __builtin_shuffle(a, b, (v4i) { 0, 4, 2, 6 });
	v4u hi = __builtin_shuffle(a, b, (v4i) { 1, 5, 3, 7 });

	h->l0 += lo & mask;
	h->l1 += (lo >> 26) & mask;
	h->l2 += ((lo >> 52) | (hi << 12)) & mask;
	h->l3 += (hi >> 14) & mask;
	h->l4 += (hi >> 40) | hib;
}

/* Lane j gets r^e[j], for the final combination. */
static __always_inline v4u poly1305_avx2_lanes(const u32 p[4][5], int i,
					       u32 mul)
{
	/* Lanes hold blocks 0, 2, 1, 3 of the last group: r^4, r^2, r^3, r. */
	return (v4u) { p[3][i] * mul, p[1][i] * mul, p[2][i] * mul,
		       p[0][i] * mul };
}

static __always_inline u64 poly1305_avx2_hsum(v4u d)
{
	return d[0] + d[1] + d[2] + d[3];
}

/**
 * kcrypto_poly1305_blocks_avx2() - absorb full blocks, AVX2
 * @st: canonical state, h2 <= 7 on entry and on return
 * @src: message blocks
 * @len: a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_avx2(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit)
{
	const u64 r0 = st->r[0], r1 = st->r[1];
	const v4u mask = v4_set1(M26);
	const v4u hib = v4_set1((u64)hibit << 24);
	struct poly1305_avx2_v5 h, d;
	struct poly1305_avx2_key k;
	u32 p[4][5], hl[5];	/* r^1..r^4, and h, in 26-bit limbs */
	u64 pw[3], e[5];
	size_t n = len & ~(size_t)63;
	int i;

	/* Computing r^2..r^4 only pays off for a few groups of blocks. */
	if (n < POLY1305_AVX2_MIN) {
		kcrypto_poly1305_blocks_bmi2(st, src, len, hibit);
		return;
	}

	/* r^1..r^4, each below 2^131 as the split needs. */
	pw[0] = r0;
	pw[1] = r1;
	pw[2] = 0;
	poly1305_avx2_split(p[0], r0, r1, 0);
	for (i = 1; i < 4; i++) {
		poly1305_x86_mulr(pw, r0, r1);
		poly1305_avx2_split(p[i], pw[0], pw[1], pw[2]);
	}
	poly1305_avx2_split(hl, st->h[0], st->h[1], st->h[2]);

	/* Every lane steps by r^4. */
	k.r0 = v4_set1(p[3][0]);
	k.r1 = v4_set1(p[3][1]);
	k.r2 = v4_set1(p[3][2]);
	k.r3 = v4_set1(p[3][3]);
	k.r4 = v4_set1(p[3][4]);
	k.s1 = v4_set1(p[3][1] * 5);
	k.s2 = v4_set1(p[3][2] * 5);
	k.s3 = v4_set1(p[3][3] * 5);
	k.s4 = v4_set1(p[3][4] * 5);

	/* The incoming h joins block 0 (lane 0). */
	h.l0 = (v4u) { hl[0] };
	h.l1 = (v4u) { hl[1] };
	h.l2 = (v4u) { hl[2] };
	h.l3 = (v4u) { hl[3] };
	h.l4 = (v4u) { hl[4] };
	poly1305_avx2_addm(&h, src, mask, hib);
	src += 64;
	n -= 64;

	while (n) {
		poly1305_avx2_mul(&d, &h, &k);
		poly1305_avx2_carry(&h, &d, mask);
		poly1305_avx2_addm(&h, src, mask, hib);
		src += 64;
		n -= 64;
	}

	k.r0 = poly1305_avx2_lanes(p, 0, 1);
	k.r1 = poly1305_avx2_lanes(p, 1, 1);
	k.r2 = poly1305_avx2_lanes(p, 2, 1);
	k.r3 = poly1305_avx2_lanes(p, 3, 1);
	k.r4 = poly1305_avx2_lanes(p, 4, 1);
	k.s1 = poly1305_avx2_lanes(p, 1, 5);
	k.s2 = poly1305_avx2_lanes(p, 2, 5);
	k.s3 = poly1305_avx2_lanes(p, 3, 5);
	k.s4 = poly1305_avx2_lanes(p, 4, 5);
	poly1305_avx2_mul(&d, &h, &k);

	/* Sum the lanes (each below 2^60, so the sum fits) and carry. */
	e[0] = poly1305_avx2_hsum(d.l0);
	e[1] = poly1305_avx2_hsum(d.l1);
	e[2] = poly1305_avx2_hsum(d.l2);
	e[3] = poly1305_avx2_hsum(d.l3);
	e[4] = poly1305_avx2_hsum(d.l4);

	/* A full carry round with the 2^130 fold, then one more. */
	for (i = 0; i < 4; i++) {
		e[i + 1] += e[i] >> 26;
		e[i] &= M26;
	}
	e[0] += (e[4] >> 26) * 5;
	e[4] &= M26;
	for (i = 0; i < 4; i++) {
		e[i + 1] += e[i] >> 26;
		e[i] &= M26;
	}

	/* Back to radix 2^64; e4 < 2^27 keeps h2 <= 7. */
	st->h[0] = e[0] | (e[1] << 26) | (e[2] << 52);
	st->h[1] = (e[2] >> 12) | (e[3] << 14) | (e[4] << 40);
	st->h[2] = e[4] >> 24;

	/* The powers of r are as secret as r. */
	memzero_explicit(p, sizeof(p));
	memzero_explicit(&k, sizeof(k));

	if (len & 63)
		kcrypto_poly1305_blocks_bmi2(st, src, len & 63, hibit);
}

#pragma GCC pop_options
