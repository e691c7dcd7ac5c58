/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Arithmetic modulo p = 2^255 - 19 in radix 2^51 (five 64-bit limbs,
 * 128-bit products), for compilers with unsigned __int128.  Included by
 * x25519.c only.
 *
 * Since 2^255 == 19 (mod p), a product of limbs i and j with i + j >= 5
 * lands on limb i + j - 5 times 19.
 *
 * Limb bounds, as used by the ladder in x25519.c:
 *  - fe_mul(), fe_sq(), fe_mul_a24(), fe_frombytes() give "reduced"
 *    limbs below 2^51 + 2^13;
 *  - fe_add() of two reduced elements gives limbs below 2^52 + 2^14;
 *  - fe_sub() needs a reduced subtrahend and gives limbs below 2^53;
 *  - fe_mul() and fe_sq() accept limbs below 2^54.
 */
#ifndef _KCRYPTO_X25519_FE51_H
#define _KCRYPTO_X25519_FE51_H

#define FE51_MASK	((1ULL << 51) - 1)

struct fe {
	u64 v[5];
};

static void fe_zero(struct fe *h)
{
	memset(h, 0, sizeof(*h));
}

static void fe_one(struct fe *h)
{
	fe_zero(h);
	h->v[0] = 1;
}

/* Little-endian bytes to limbs; bit 255 is ignored, u >= p is fine. */
static void fe_frombytes(struct fe *h, const u8 s[32])
{
	u64 w0 = get_unaligned_le64(s);
	u64 w1 = get_unaligned_le64(s + 8);
	u64 w2 = get_unaligned_le64(s + 16);
	u64 w3 = get_unaligned_le64(s + 24);

	h->v[0] = w0 & FE51_MASK;
	h->v[1] = ((w0 >> 51) | (w1 << 13)) & FE51_MASK;
	h->v[2] = ((w1 >> 38) | (w2 << 26)) & FE51_MASK;
	h->v[3] = ((w2 >> 25) | (w3 << 39)) & FE51_MASK;
	h->v[4] = (w3 >> 12) & FE51_MASK;
}

/* Carry limbs 0..4 down to 51 bits, folding the top carry times 19. */
static __always_inline void fe51_carry(u64 h[5])
{
	u64 c;

	c = h[0] >> 51;
	h[0] &= FE51_MASK;
	h[1] += c;
	c = h[1] >> 51;
	h[1] &= FE51_MASK;
	h[2] += c;
	c = h[2] >> 51;
	h[2] &= FE51_MASK;
	h[3] += c;
	c = h[3] >> 51;
	h[3] &= FE51_MASK;
	h[4] += c;
	c = h[4] >> 51;
	h[4] &= FE51_MASK;
	h[0] += c * 19;
}

/* Canonical (fully reduced) little-endian encoding. */
static void fe_tobytes(u8 s[32], const struct fe *f)
{
	u64 h[5], q;
	int i;

	for (i = 0; i < 5; i++)
		h[i] = f->v[i];
	/* For limbs below 2^54: h < 2^255 + 2^8 < 2p afterwards. */
	fe51_carry(h);

	/* q = 1 exactly when h >= p, i.e. when h + 19 >= 2^255. */
	q = (h[0] + 19) >> 51;
	q = (h[1] + q) >> 51;
	q = (h[2] + q) >> 51;
	q = (h[3] + q) >> 51;
	q = (h[4] + q) >> 51;

	/* h - q p = h + 19 q - q 2^255: add, carry, drop bit 255. */
	h[0] += 19 * q;
	h[1] += h[0] >> 51;
	h[0] &= FE51_MASK;
	h[2] += h[1] >> 51;
	h[1] &= FE51_MASK;
	h[3] += h[2] >> 51;
	h[2] &= FE51_MASK;
	h[4] += h[3] >> 51;
	h[3] &= FE51_MASK;
	h[4] &= FE51_MASK;

	put_unaligned_le64(h[0] | (h[1] << 51), s);
	put_unaligned_le64((h[1] >> 13) | (h[2] << 38), s + 8);
	put_unaligned_le64((h[2] >> 26) | (h[3] << 25), s + 16);
	put_unaligned_le64((h[3] >> 39) | (h[4] << 12), s + 24);
	memzero_explicit(h, sizeof(h));
}

static void fe_add(struct fe *h, const struct fe *f, const struct fe *g)
{
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = f->v[i] + g->v[i];
}

/* f - g + 2p, so no limb goes negative. */
static void fe_sub(struct fe *h, const struct fe *f, const struct fe *g)
{
	h->v[0] = f->v[0] + 0xfffffffffffdaULL - g->v[0];
	h->v[1] = f->v[1] + 0xffffffffffffeULL - g->v[1];
	h->v[2] = f->v[2] + 0xffffffffffffeULL - g->v[2];
	h->v[3] = f->v[3] + 0xffffffffffffeULL - g->v[3];
	h->v[4] = f->v[4] + 0xffffffffffffeULL - g->v[4];
}

/*
 * Carry the five 128-bit column sums into reduced limbs.  With inputs
 * below 2^54 every column is below 2^116 and the top carry below 2^60,
 * so 19 times it still fits a 64-bit limb.
 */
static __always_inline void fe51_reduce(struct fe *h, unsigned __int128 d0,
					unsigned __int128 d1,
					unsigned __int128 d2,
					unsigned __int128 d3,
					unsigned __int128 d4)
{
	u64 h0, h1, c;

	d1 += (u64)(d0 >> 51);
	h0 = (u64)d0 & FE51_MASK;
	d2 += (u64)(d1 >> 51);
	h1 = (u64)d1 & FE51_MASK;
	d3 += (u64)(d2 >> 51);
	h->v[2] = (u64)d2 & FE51_MASK;
	d4 += (u64)(d3 >> 51);
	h->v[3] = (u64)d3 & FE51_MASK;
	c = (u64)(d4 >> 51);
	h->v[4] = (u64)d4 & FE51_MASK;
	h0 += c * 19;
	h->v[1] = h1 + (h0 >> 51);
	h->v[0] = h0 & FE51_MASK;
}

static void fe_mul(struct fe *h, const struct fe *f, const struct fe *g)
{
	const u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3],
		  f4 = f->v[4];
	const u64 g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3],
		  g4 = g->v[4];
	const u64 g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3,
		  g4_19 = 19 * g4;
	unsigned __int128 d0, d1, d2, d3, d4;

	d0 = (unsigned __int128)f0 * g0 + (unsigned __int128)f1 * g4_19 +
	     (unsigned __int128)f2 * g3_19 + (unsigned __int128)f3 * g2_19 +
	     (unsigned __int128)f4 * g1_19;
	d1 = (unsigned __int128)f0 * g1 + (unsigned __int128)f1 * g0 +
	     (unsigned __int128)f2 * g4_19 + (unsigned __int128)f3 * g3_19 +
	     (unsigned __int128)f4 * g2_19;
	d2 = (unsigned __int128)f0 * g2 + (unsigned __int128)f1 * g1 +
	     (unsigned __int128)f2 * g0 + (unsigned __int128)f3 * g4_19 +
	     (unsigned __int128)f4 * g3_19;
	d3 = (unsigned __int128)f0 * g3 + (unsigned __int128)f1 * g2 +
	     (unsigned __int128)f2 * g1 + (unsigned __int128)f3 * g0 +
	     (unsigned __int128)f4 * g4_19;
	d4 = (unsigned __int128)f0 * g4 + (unsigned __int128)f1 * g3 +
	     (unsigned __int128)f2 * g2 + (unsigned __int128)f3 * g1 +
	     (unsigned __int128)f4 * g0;
	fe51_reduce(h, d0, d1, d2, d3, d4);
}

static void fe_sq(struct fe *h, const struct fe *f)
{
	const u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3],
		  f4 = f->v[4];
	const u64 f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3;
	const u64 f3_19 = 19 * f3, f4_19 = 19 * f4;
	unsigned __int128 d0, d1, d2, d3, d4;

	d0 = (unsigned __int128)f0 * f0 + (unsigned __int128)f1_2 * f4_19 +
	     (unsigned __int128)f2_2 * f3_19;
	d1 = (unsigned __int128)f0_2 * f1 + (unsigned __int128)f2_2 * f4_19 +
	     (unsigned __int128)f3 * f3_19;
	d2 = (unsigned __int128)f0_2 * f2 + (unsigned __int128)f1 * f1 +
	     (unsigned __int128)f3_2 * f4_19;
	d3 = (unsigned __int128)f0_2 * f3 + (unsigned __int128)f1_2 * f2 +
	     (unsigned __int128)f4 * f4_19;
	d4 = (unsigned __int128)f0_2 * f4 + (unsigned __int128)f1_2 * f3 +
	     (unsigned __int128)f2 * f2;
	fe51_reduce(h, d0, d1, d2, d3, d4);
}

/* h = f * 121665, the (A - 2) / 4 constant of Curve25519. */
static void fe_mul_a24(struct fe *h, const struct fe *f)
{
	const u64 a24 = 121665;

	fe51_reduce(h, (unsigned __int128)f->v[0] * a24,
		    (unsigned __int128)f->v[1] * a24,
		    (unsigned __int128)f->v[2] * a24,
		    (unsigned __int128)f->v[3] * a24,
		    (unsigned __int128)f->v[4] * a24);
}

/* Swap f and g when @b is 1, leave them when 0; no branch, no index. */
static void fe_cswap(struct fe *f, struct fe *g, u32 b)
{
	u64 mask = 0 - (u64)b;
	u64 x;
	int i;

	OPTIMIZER_HIDE_VAR(mask);
	for (i = 0; i < 5; i++) {
		x = (f->v[i] ^ g->v[i]) & mask;
		f->v[i] ^= x;
		g->v[i] ^= x;
	}
}

#endif /* _KCRYPTO_X25519_FE51_H */
