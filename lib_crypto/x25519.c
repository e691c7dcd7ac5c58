// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * X25519 Diffie-Hellman, portable C (RFC 7748 section 5): Montgomery
 * ladder on the u-coordinate with projective (X : Z), constant time.
 *
 * The field arithmetic comes in two limb widths: radix 2^51 where the
 * compiler has a 128-bit integer type, radix 2^25.5 otherwise.  Both
 * headers provide the same struct fe and fe_*() functions.
 */

#include <kcrypto/env.h>
#include <kcrypto/x25519.h>
#include "dispatch.h"

#ifdef __SIZEOF_INT128__
#include "x25519-fe51.h"
#else
#include "x25519-fe25_5.h"
#endif

/* h = f^(2^n), n >= 1 */
static void fe_sqn(struct fe *h, const struct fe *f, int n)
{
	fe_sq(h, f);
	while (--n)
		fe_sq(h, h);
}

/*
 * h = z^(p - 2) = z^(2^255 - 21) = 1 / z (Fermat), and 0 for z = 0.
 * Builds z^(2^k - 1) for k = 5, 10, 20, 40, 50, 100, 200, 250, then
 * shifts by 5 and multiplies in z^11.
 */
static noinline void fe_invert(struct fe *h, const struct fe *z)
{
	struct fe z11, a, b, c;

	fe_sq(&a, z);			/* z^2 */
	fe_sqn(&b, &a, 2);		/* z^8 */
	fe_mul(&b, &b, z);		/* z^9 */
	fe_mul(&z11, &a, &b);		/* z^11 */
	fe_sq(&a, &z11);		/* z^22 */
	fe_mul(&a, &a, &b);		/* z^(2^5 - 1) = z^31 */
	fe_sqn(&b, &a, 5);
	fe_mul(&a, &b, &a);		/* z^(2^10 - 1) */
	fe_sqn(&b, &a, 10);
	fe_mul(&b, &b, &a);		/* z^(2^20 - 1) */
	fe_sqn(&c, &b, 20);
	fe_mul(&b, &c, &b);		/* z^(2^40 - 1) */
	fe_sqn(&b, &b, 10);
	fe_mul(&a, &b, &a);		/* z^(2^50 - 1) */
	fe_sqn(&b, &a, 50);
	fe_mul(&b, &b, &a);		/* z^(2^100 - 1) */
	fe_sqn(&c, &b, 100);
	fe_mul(&b, &c, &b);		/* z^(2^200 - 1) */
	fe_sqn(&b, &b, 50);
	fe_mul(&a, &b, &a);		/* z^(2^250 - 1) */
	fe_sqn(&a, &a, 5);		/* z^(2^255 - 32) */
	fe_mul(h, &a, &z11);		/* z^(2^255 - 21) */

	memzero_explicit(&z11, sizeof(z11));
	memzero_explicit(&a, sizeof(a));
	memzero_explicit(&b, sizeof(b));
	memzero_explicit(&c, sizeof(c));
}

/* Everything secret-dependent in the ladder, wiped once at the end. */
struct x25519_ladder {
	u8 k[KCRYPTO_X25519_KEY_SIZE];
	struct fe x1, x2, z2, x3, z3, t0, t1;
};

/*
 * The ladder proper: on return (x2 : z2) is k * (x1 : 1).  Kept out of
 * line so that its temporaries and the ladder state do not add up in one
 * stack frame.
 */
static noinline void x25519_ladder(struct x25519_ladder *l)
{
	u32 swap = 0, bit;
	int t;

	fe_one(&l->x2);
	fe_zero(&l->z2);
	l->x3 = l->x1;
	fe_one(&l->z3);

	/* Bit 255 of a clamped scalar is 0 and bit 254 is 1. */
	for (t = 254; t >= 0; t--) {
		bit = (l->k[t >> 3] >> (t & 7)) & 1;
		swap ^= bit;
		fe_cswap(&l->x2, &l->x3, swap);
		fe_cswap(&l->z2, &l->z3, swap);
		swap = bit;

		/*
		 * RFC 7748 ladder step, in place:
		 *   A = x2 + z2, B = x2 - z2, C = x3 + z3, D = x3 - z3,
		 *   x3 = (DA + CB)^2, z3 = x1 (DA - CB)^2,
		 *   x2 = AA BB, z2 = E (AA + a24 E) with E = AA - BB.
		 */
		fe_add(&l->t0, &l->x2, &l->z2);		/* A */
		fe_sub(&l->t1, &l->x2, &l->z2);		/* B */
		fe_add(&l->x2, &l->x3, &l->z3);		/* C */
		fe_sub(&l->z2, &l->x3, &l->z3);		/* D */
		fe_mul(&l->z3, &l->z2, &l->t0);		/* DA */
		fe_mul(&l->z2, &l->x2, &l->t1);		/* CB */
		fe_add(&l->x3, &l->z3, &l->z2);		/* DA + CB */
		fe_sub(&l->z2, &l->z3, &l->z2);		/* DA - CB */
		fe_sq(&l->x3, &l->x3);			/* x3 */
		fe_sq(&l->z2, &l->z2);
		fe_mul(&l->z3, &l->x1, &l->z2);		/* z3 */
		fe_sq(&l->t0, &l->t0);			/* AA */
		fe_sq(&l->t1, &l->t1);			/* BB */
		fe_mul(&l->x2, &l->t0, &l->t1);		/* x2 */
		fe_sub(&l->t1, &l->t0, &l->t1);		/* E */
		fe_mul_a24(&l->z2, &l->t1);		/* a24 E */
		fe_add(&l->z2, &l->z2, &l->t0);		/* AA + a24 E */
		fe_mul(&l->z2, &l->t1, &l->z2);		/* z2 */
	}
	fe_cswap(&l->x2, &l->x3, swap);
	fe_cswap(&l->z2, &l->z3, swap);
}

/**
 * kcrypto_x25519_generic() - X25519 scalar multiplication, portable C
 * @out: u-coordinate of clamp(@scalar) * @point, canonical encoding
 * @scalar: secret scalar, clamped here (the caller's copy is not changed)
 * @point: u-coordinate; bit 255 is ignored, values >= p are accepted
 *
 * Constant time: the scalar bits only steer conditional swaps done with
 * masks.  No all-zero check (see kcrypto_x25519()).
 */
void kcrypto_x25519_generic(u8 out[KCRYPTO_X25519_KEY_SIZE],
			    const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			    const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	struct x25519_ladder l;

	memcpy(l.k, scalar, KCRYPTO_X25519_KEY_SIZE);
	kcrypto_x25519_clamp_secret(l.k);
	fe_frombytes(&l.x1, point);

	x25519_ladder(&l);

	/* u = x2 / z2; z2 = 0 (low-order point) gives 0. */
	fe_invert(&l.z2, &l.z2);
	fe_mul(&l.x2, &l.x2, &l.z2);
	fe_tobytes(out, &l.x2);

	memzero_explicit(&l, sizeof(l));
}
EXPORT_SYMBOL_GPL(kcrypto_x25519_generic);

/**
 * kcrypto_x25519() - X25519 shared secret
 * @shared: 32-byte shared secret
 * @secret: our 32-byte secret (clamped internally)
 * @pub: peer's 32-byte public key (top bit ignored)
 *
 * Goes through the dispatching scalar multiplication, so an accelerated
 * implementation is used when one is bound.
 *
 * Return: false when the result is all zeros (a low-order @pub), in
 * which case @shared is all zeros; true otherwise.
 */
bool kcrypto_x25519(u8 shared[KCRYPTO_X25519_KEY_SIZE],
		    const u8 secret[KCRYPTO_X25519_KEY_SIZE],
		    const u8 pub[KCRYPTO_X25519_KEY_SIZE])
{
	u32 acc = 0;
	int i;

	kcrypto_x25519_scalarmult(shared, secret, pub);

	/* OR all bytes together without branching on the secret. */
	for (i = 0; i < KCRYPTO_X25519_KEY_SIZE; i++)
		acc |= shared[i];
	OPTIMIZER_HIDE_VAR(acc);
	/* 1 when acc == 0, 0 otherwise: (acc - 1) borrows only from 0. */
	return !((acc - 1) >> 31);
}
EXPORT_SYMBOL_GPL(kcrypto_x25519);

/**
 * kcrypto_x25519_generate_public() - public key from a secret
 * @pub: 32-byte public key, clamp(@secret) * 9
 * @secret: 32-byte secret (clamped internally)
 *
 * Return: true.  A clamped scalar is never a multiple of the base point's
 * prime order, so the all-zero result of kcrypto_x25519() cannot occur.
 */
bool kcrypto_x25519_generate_public(u8 pub[KCRYPTO_X25519_KEY_SIZE],
				    const u8 secret[KCRYPTO_X25519_KEY_SIZE])
{
	static const u8 basepoint[KCRYPTO_X25519_KEY_SIZE] = { 9 };

	return kcrypto_x25519(pub, secret, basepoint);
}
EXPORT_SYMBOL_GPL(kcrypto_x25519_generate_public);

/**
 * kcrypto_x25519_clamp_secret() - clamp a secret as RFC 7748 section 5 says
 * @secret: 32-byte secret, clamped in place
 *
 * Clears the 3 low bits (cofactor 8) and bit 255, sets bit 254.
 */
void kcrypto_x25519_clamp_secret(u8 secret[KCRYPTO_X25519_KEY_SIZE])
{
	secret[0] &= 248;
	secret[31] = (secret[31] & 127) | 64;
}
EXPORT_SYMBOL_GPL(kcrypto_x25519_clamp_secret);
