/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* arm64 Poly1305 cores, listed in poly1305-cores.c. */
#ifndef _KCRYPTO_ARM64_POLY1305_H
#define _KCRYPTO_ARM64_POLY1305_H

#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

void kcrypto_poly1305_arm64_neon(struct kcrypto_poly1305_state *st,
				 const u8 *src, size_t len, u32 hibit);
void kcrypto_poly1305_arm64_scalar(struct kcrypto_poly1305_state *st,
				   const u8 *src, size_t len, u32 hibit);

/*
 * h = h r (mod p, partially: h2 <= 4 on return) in radix 2^64, for any
 * h with h2 <= 9 and a clamped r.  The clamp makes r1 a multiple of 4,
 * so r1 2^128 == 5 (r1 / 4) = r1 + (r1 >> 2) =: s1 (mod p), which folds
 * the products at 2^128 and up back into the low words:
 *   d0 = h0 r0 + h1 s1,  d1 = h0 r1 + h1 r0 + h2 s1,  d2 = h2 r0
 * with every sum below 2^127; d2 stays below 11 2^60, so 5 (d2 >> 2)
 * fits in 64 bits.
 */
static __always_inline void kcrypto_poly1305_arm64_mulr(u64 h[3], u64 r0,
							u64 r1, u64 s1)
{
	u128 d0, d1;
	u64 d2, c;

	d0 = (u128)h[0] * r0 + (u128)h[1] * s1;
	d1 = (u128)h[0] * r1 + (u128)h[1] * r0 +
	     (u128)h[2] * s1 + (u64)(d0 >> 64);
	d2 = h[2] * r0 + (u64)(d1 >> 64);

	/* Bits 130 and up of d come back times 5: (d2 >> 2) * 5. */
	c = (d2 >> 2) + (d2 & ~3ULL);
	d0 = (u128)(u64)d0 + c;
	d1 = (u128)(u64)d1 + (u64)(d0 >> 64);
	h[0] = (u64)d0;
	h[1] = (u64)d1;
	h[2] = (d2 & 3) + (u64)(d1 >> 64);
}

#endif /* _KCRYPTO_ARM64_POLY1305_H */
