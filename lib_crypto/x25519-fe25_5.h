/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Arithmetic modulo p = 2^255 - 19 in radix 2^25.5 (ten 32-bit limbs of
 * alternately 26 and 25 bits, 32x32->64-bit products), for compilers
 * without unsigned __int128.  Included by x25519.c only.
 *
 * Limb i has weight 2^ceil(25.5 i).  A product of limbs i and j has weight
 * 2^(25.5 (i + j)), so it lands on limb i + j twice over when i and j are
 * both odd; and since 2^255 == 19 (mod p), a product with i + j >= 10
 * lands on limb i + j - 10 times 19.
 *
 * Limb bounds, as used by the ladder in x25519.c:
 *  - fe_mul(), fe_sq(), fe_mul_a24(), fe_frombytes() give "reduced" limbs
 *    below 2^26 (even) / 2^25 (odd), except limb 1 below 2^25 + 2^16;
 *  - fe_add() of two reduced elements doubles those bounds at most;
 *  - fe_sub() needs a reduced subtrahend and gives limbs below 1.5 times
 *    2^27 (even) / 2^26 (odd);
 *  - fe_mul() accepts limbs up to those fe_sub() bounds: every column sum
 *    then stays below 2^62.
 */
#ifndef _KCRYPTO_X25519_FE25_5_H
#define _KCRYPTO_X25519_FE25_5_H

#define FE25_M26	0x3ffffffU
#define FE25_M25	0x1ffffffU

struct fe {
	u32 v[10];
};

/* Bit offset of each limb: ceil(25.5 i). */
static const u8 fe25_off[10] = { 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 };

static __always_inline u32 fe25_mask(int i)
{
	return (i & 1) ? FE25_M25 : FE25_M26;
}

static __always_inline int fe25_bits(int i)
{
	return (i & 1) ? 25 : 26;
}

static void fe_zero(struct fe *h)
{
	memset(h, 0, sizeof(*h));
}

static void fe_one(struct fe *h)
{
	fe_zero(h);
	h->v[0] = 1;
}

/*
 * Little-endian bytes to limbs; bit 255 is ignored, u >= p is fine.  Each
 * limb sits inside the 32-bit window starting at its first byte.
 */
static void fe_frombytes(struct fe *h, const u8 s[32])
{
	int i;

	for (i = 0; i < 10; i++)
		h->v[i] = (get_unaligned_le32(s + fe25_off[i] / 8) >>
			   (fe25_off[i] % 8)) & fe25_mask(i);
}

/*
 * Carry ten 64-bit column sums (each below 2^63) into reduced limbs,
 * folding the top carry back times 19.
 */
static void fe25_reduce(struct fe *h, u64 d[10])
{
	u64 c;
	int i;

	for (i = 0; i < 9; i++) {
		c = d[i] >> fe25_bits(i);
		d[i] &= fe25_mask(i);
		d[i + 1] += c;
	}
	c = d[9] >> 25;
	d[9] &= FE25_M25;
	d[0] += c * 19;
	c = d[0] >> 26;
	d[0] &= FE25_M26;
	d[1] += c;
	for (i = 0; i < 10; i++)
		h->v[i] = (u32)d[i];
}

/* Canonical (fully reduced) little-endian encoding. */
static void fe_tobytes(u8 s[32], const struct fe *f)
{
	u64 d[10], acc, q;
	struct fe h;
	int i, bits, pos;

	for (i = 0; i < 10; i++)
		d[i] = f->v[i];
	/* h < 2^255 + 2^42 < 2p afterwards. */
	fe25_reduce(&h, d);

	/* q = 1 exactly when h >= p, i.e. when h + 19 >= 2^255. */
	q = (h.v[0] + 19) >> 26;
	for (i = 1; i < 10; i++)
		q = (h.v[i] + q) >> fe25_bits(i);

	/* h - q p = h + 19 q - q 2^255: add, carry, drop bit 255. */
	h.v[0] += 19 * q;
	for (i = 0; i < 9; i++) {
		h.v[i + 1] += h.v[i] >> fe25_bits(i);
		h.v[i] &= fe25_mask(i);
	}
	h.v[9] &= FE25_M25;

	/* Pack 26 + 25 + ... = 255 bits. */
	acc = 0;
	bits = 0;
	pos = 0;
	for (i = 0; i < 10; i++) {
		acc |= (u64)h.v[i] << bits;
		bits += fe25_bits(i);
		while (bits >= 8) {
			s[pos++] = (u8)acc;
			acc >>= 8;
			bits -= 8;
		}
	}
	s[pos] = (u8)acc;
	memzero_explicit(&h, sizeof(h));
	memzero_explicit(d, sizeof(d));
}

static void fe_add(struct fe *h, const struct fe *f, const struct fe *g)
{
	int i;

	for (i = 0; i < 10; i++)
		h->v[i] = f->v[i] + g->v[i];
}

/* 2p in this radix: 2^27 - 38, then alternately 2^26 - 2 and 2^27 - 2. */
static const u32 fe25_2p[10] = {
	0x7ffffda, 0x3fffffe, 0x7fffffe, 0x3fffffe, 0x7fffffe,
	0x3fffffe, 0x7fffffe, 0x3fffffe, 0x7fffffe, 0x3fffffe,
};

/* f - g + 2p, so no limb goes negative. */
static void fe_sub(struct fe *h, const struct fe *f, const struct fe *g)
{
	int i;

	for (i = 0; i < 10; i++)
		h->v[i] = f->v[i] + fe25_2p[i] - g->v[i];
}

static void fe_mul(struct fe *h, const struct fe *a, const struct fe *b)
{
	const u32 *f = a->v, *g = b->v;
	u32 f2[10], g19[10];
	u64 d[10];
	int i;

	/* h may alias a or b: it is written only after all of d is known. */
	for (i = 0; i < 10; i++) {
		f2[i] = 2 * f[i];
		g19[i] = 19 * g[i];
	}
	d[0] = (u64)f[0] * g[0] + (u64)f2[1] * g19[9] + (u64)f[2] * g19[8] +
	       (u64)f2[3] * g19[7] + (u64)f[4] * g19[6] + (u64)f2[5] * g19[5] +
	       (u64)f[6] * g19[4] + (u64)f2[7] * g19[3] + (u64)f[8] * g19[2] +
	       (u64)f2[9] * g19[1];
	d[1] = (u64)f[0] * g[1] + (u64)f[1] * g[0] + (u64)f[2] * g19[9] +
	       (u64)f[3] * g19[8] + (u64)f[4] * g19[7] + (u64)f[5] * g19[6] +
	       (u64)f[6] * g19[5] + (u64)f[7] * g19[4] + (u64)f[8] * g19[3] +
	       (u64)f[9] * g19[2];
	d[2] = (u64)f[0] * g[2] + (u64)f2[1] * g[1] + (u64)f[2] * g[0] +
	       (u64)f2[3] * g19[9] + (u64)f[4] * g19[8] + (u64)f2[5] * g19[7] +
	       (u64)f[6] * g19[6] + (u64)f2[7] * g19[5] + (u64)f[8] * g19[4] +
	       (u64)f2[9] * g19[3];
	d[3] = (u64)f[0] * g[3] + (u64)f[1] * g[2] + (u64)f[2] * g[1] +
	       (u64)f[3] * g[0] + (u64)f[4] * g19[9] + (u64)f[5] * g19[8] +
	       (u64)f[6] * g19[7] + (u64)f[7] * g19[6] + (u64)f[8] * g19[5] +
	       (u64)f[9] * g19[4];
	d[4] = (u64)f[0] * g[4] + (u64)f2[1] * g[3] + (u64)f[2] * g[2] +
	       (u64)f2[3] * g[1] + (u64)f[4] * g[0] + (u64)f2[5] * g19[9] +
	       (u64)f[6] * g19[8] + (u64)f2[7] * g19[7] + (u64)f[8] * g19[6] +
	       (u64)f2[9] * g19[5];
	d[5] = (u64)f[0] * g[5] + (u64)f[1] * g[4] + (u64)f[2] * g[3] +
	       (u64)f[3] * g[2] + (u64)f[4] * g[1] + (u64)f[5] * g[0] +
	       (u64)f[6] * g19[9] + (u64)f[7] * g19[8] + (u64)f[8] * g19[7] +
	       (u64)f[9] * g19[6];
	d[6] = (u64)f[0] * g[6] + (u64)f2[1] * g[5] + (u64)f[2] * g[4] +
	       (u64)f2[3] * g[3] + (u64)f[4] * g[2] + (u64)f2[5] * g[1] +
	       (u64)f[6] * g[0] + (u64)f2[7] * g19[9] + (u64)f[8] * g19[8] +
	       (u64)f2[9] * g19[7];
	d[7] = (u64)f[0] * g[7] + (u64)f[1] * g[6] + (u64)f[2] * g[5] +
	       (u64)f[3] * g[4] + (u64)f[4] * g[3] + (u64)f[5] * g[2] +
	       (u64)f[6] * g[1] + (u64)f[7] * g[0] + (u64)f[8] * g19[9] +
	       (u64)f[9] * g19[8];
	d[8] = (u64)f[0] * g[8] + (u64)f2[1] * g[7] + (u64)f[2] * g[6] +
	       (u64)f2[3] * g[5] + (u64)f[4] * g[4] + (u64)f2[5] * g[3] +
	       (u64)f[6] * g[2] + (u64)f2[7] * g[1] + (u64)f[8] * g[0] +
	       (u64)f2[9] * g19[9];
	d[9] = (u64)f[0] * g[9] + (u64)f[1] * g[8] + (u64)f[2] * g[7] +
	       (u64)f[3] * g[6] + (u64)f[4] * g[5] + (u64)f[5] * g[4] +
	       (u64)f[6] * g[3] + (u64)f[7] * g[2] + (u64)f[8] * g[1] +
	       (u64)f[9] * g[0];
	fe25_reduce(h, d);
}

static void fe_sq(struct fe *h, const struct fe *f)
{
	fe_mul(h, f, f);
}

/* h = f * 121665, the (A - 2) / 4 constant of Curve25519. */
static void fe_mul_a24(struct fe *h, const struct fe *f)
{
	u64 d[10];
	int i;

	for (i = 0; i < 10; i++)
		d[i] = (u64)f->v[i] * 121665;
	fe25_reduce(h, d);
}

/* Swap f and g when @b is 1, leave them when 0; no branch, no index. */
static void fe_cswap(struct fe *f, struct fe *g, u32 b)
{
	u32 mask = 0 - b;
	u32 x;
	int i;

	OPTIMIZER_HIDE_VAR(mask);
	for (i = 0; i < 10; i++) {
		x = (f->v[i] ^ g->v[i]) & mask;
		f->v[i] ^= x;
		g->v[i] ^= x;
	}
}

#endif /* _KCRYPTO_X25519_FE25_5_H */
