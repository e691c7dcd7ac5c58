/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* x86_64 Poly1305 cores, listed in poly1305-cores.c. */
#ifndef _KCRYPTO_X86_POLY1305_H
#define _KCRYPTO_X86_POLY1305_H

#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

/* Radix 2^64 with mulx; also the tail of the vector cores. */
void kcrypto_poly1305_blocks_bmi2(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit);
/* Radix 2^26, four blocks per step in ymm lanes. */
void kcrypto_poly1305_blocks_avx2(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit);

/*
 * h = h * r (mod 2^130 - 5), partially reduced, radix 2^64: h2 <= 4 on
 * return for any h2 <= 9 on entry.  r is the clamped key, so its high word
 * is a multiple of 4 and r1 * 2^128 == 5 * (r1 / 4) == r1 + (r1 >> 2).
 */
static __always_inline void poly1305_x86_mulr(u64 h[3], u64 r0, u64 r1)
{
	const u64 s1 = r1 + (r1 >> 2);
	__uint128_t d0, d1;
	u64 d2, c;

	d0 = (__uint128_t)h[0] * r0 + (__uint128_t)h[1] * s1;
	d1 = (__uint128_t)h[0] * r1 + (__uint128_t)h[1] * r0 +
	     (__uint128_t)h[2] * s1;
	d2 = h[2] * r0;

	d1 += (u64)(d0 >> 64);
	d2 += (u64)(d1 >> 64);
	h[0] = (u64)d0;
	h[1] = (u64)d1;

	/* Fold bits 130 and up back in, times 5. */
	c = (d2 >> 2) + (d2 & ~3ULL);
	h[2] = d2 & 3;
	d0 = (__uint128_t)h[0] + c;
	h[0] = (u64)d0;
	d1 = (__uint128_t)h[1] + (u64)(d0 >> 64);
	h[1] = (u64)d1;
	h[2] += (u64)(d1 >> 64);
}

#endif /* _KCRYPTO_X86_POLY1305_H */
