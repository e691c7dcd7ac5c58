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
/* Radix 2^26, eight blocks per step in zmm lanes. */
void kcrypto_poly1305_blocks_avx512(struct kcrypto_poly1305_state *st,
				    const u8 *src, size_t len, u32 hibit);
/* Radix 2^52 with vpmadd52[lh]uq, eight blocks per step in zmm lanes. */
void kcrypto_poly1305_blocks_avx512ifma(struct kcrypto_poly1305_state *st,
					const u8 *src, size_t len, u32 hibit);

/*
 * h = h * r (mod 2^130 - 5), partially reduced, radix 2^64: h2 <= 4 on
 * return for any h2 <= 9 on entry.  r is the clamped key, so its high word
 * is a multiple of 4 and r1 * 2^128 == 5 * (r1 / 4) == r1 + (r1 >> 2) =
 * s1; h2 s1 and h2 r0 fit 64 bits.  In asm: GCC kept the 128-bit sums of
 * the C version in stack slots.
 *
 *   d0 = h0 r0 + h1 s1,  d1 = h0 r1 + h1 r0 + h2 s1,  d2 = h2 r0
 *
 * carried, then 2^130 = 5: h = d mod 2^130 + 5 (d >> 130).
 */
#define POLY1305_X86_MULR						\
	"movq	%[h0], %%rdx\n\t"					\
	"mulx	%[r0], %[h0], %[a]\n\t"		/* h0 r0 */		\
	"mulx	%[r1], %[c], %[b]\n\t"		/* h0 r1 */		\
	"movq	%[h1], %%rdx\n\t"					\
	"mulx	%[s1], %[t], %[h1]\n\t"		/* h1 s1 */		\
	"addq	%[t], %[h0]\n\t"					\
	"adcq	%[h1], %[a]\n\t"					\
	"mulx	%[r0], %[t], %[h1]\n\t"		/* h1 r0 */		\
	"addq	%[t], %[c]\n\t"						\
	"adcq	%[h1], %[b]\n\t"					\
	"movq	%[h2], %[t]\n\t"					\
	"imulq	%[s1], %[t]\n\t"		/* h2 s1 */		\
	"imulq	%[r0], %[h2]\n\t"		/* h2 r0 */		\
	"addq	%[t], %[c]\n\t"						\
	"adcq	$0, %[b]\n\t"						\
	"addq	%[a], %[c]\n\t"			/* d1 += d0 >> 64 */	\
	"adcq	%[b], %[h2]\n\t"		/* d2 += d1 >> 64 */	\
	"movq	%[c], %[h1]\n\t"					\
	"movq	%[h2], %[t]\n\t"		/* 5 (d2 >> 2) */	\
	"andq	$-4, %[t]\n\t"						\
	"movq	%[h2], %[b]\n\t"					\
	"shrq	$2, %[b]\n\t"						\
	"addq	%[b], %[t]\n\t"					\
	"andq	$3, %[h2]\n\t"						\
	"addq	%[t], %[h0]\n\t"					\
	"adcq	$0, %[h1]\n\t"						\
	"adcq	$0, %[h2]\n\t"

#define POLY1305_X86_MULR_OPS						\
	[h0] "+&r" (h0), [h1] "+&r" (h1), [h2] "+&r" (h2),		\
	[a] "=&r" (a), [b] "=&r" (b), [c] "=&r" (c), [t] "=&r" (t),	\
	"=&d" (dx)

static __always_inline void poly1305_x86_mulr(u64 *h0p, u64 *h1p,
					      u64 *h2p, u64 r0, u64 r1)
{
	u64 h0 = *h0p, h1 = *h1p, h2 = *h2p, s1 = r1 + (r1 >> 2);
	u64 a, b, c, t, dx;

	asm(POLY1305_X86_MULR
	    : POLY1305_X86_MULR_OPS
	    : [r0] "r" (r0), [r1] "r" (r1), [s1] "r" (s1)
	    : "cc");
	*h0p = h0;
	*h1p = h1;
	*h2p = h2;
}

/*
 * The radix-2^64 block loop (the BMI2 core); inlined into the vector core
 * for inputs too short for it, so they cost no more than the scalar core.
 * One asm per block: h += m + hibit 2^128 (h2 <= 7 + 1 + 1), h *= r.
 */
static __always_inline void
poly1305_x86_blocks_scalar(struct kcrypto_poly1305_state *st, const u8 *src,
			   size_t len, u32 hibit)
{
	const u64 r0 = st->r[0], r1 = st->r[1], s1 = r1 + (r1 >> 2);
	const u64 hib = hibit;
	u64 h0 = st->h[0], h1 = st->h[1], h2 = st->h[2];
	u64 a, b, c, t, dx;

	while (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		asm("addq	%[m0], %[h0]\n\t"
		    "adcq	%[m1], %[h1]\n\t"
		    "adcq	%[hib], %[h2]\n\t"
		    POLY1305_X86_MULR
		    : POLY1305_X86_MULR_OPS
		    : [r0] "r" (r0), [r1] "r" (r1), [s1] "r" (s1),
		      [hib] "r" (hib),
		      [m0] "m" (*(const u64 *)src),
		      [m1] "m" (*(const u64 *)(src + 8))
		    : "cc");
		src += KCRYPTO_POLY1305_BLOCK_SIZE;
		len -= KCRYPTO_POLY1305_BLOCK_SIZE;
	}

	st->h[0] = h0;
	st->h[1] = h1;
	st->h[2] = h2;
}

#endif /* _KCRYPTO_X86_POLY1305_H */
