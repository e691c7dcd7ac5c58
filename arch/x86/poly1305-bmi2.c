// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 block function, radix 2^64, for x86_64 with BMI2.
 *
 * The canonical state is already in this radix: h = h0 + h1 2^64 + h2 2^128
 * and r = r0 + r1 2^64.  mulx (BMI2) takes its implicit operand in rdx and
 * leaves the flags alone, which lets the compiler schedule the four
 * products and their carry chains freely.  Only integer registers: this
 * core needs no kernel_fpu_begin().
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

#include "poly1305-x86.h"

#pragma GCC push_options
#pragma GCC target("bmi2")

/**
 * kcrypto_poly1305_blocks_bmi2() - absorb full blocks, radix 2^64
 * @st: canonical state, h2 <= 7 on entry, h2 <= 4 on return
 * @src: message blocks
 * @len: a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_bmi2(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit)
{
	const u64 r0 = st->r[0], r1 = st->r[1];
	u64 h[3] = { st->h[0], st->h[1], st->h[2] };
	__uint128_t t;

	while (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		/* h += m (+ 2^128); h2 <= 7 + 1 + 1 */
		t = (__uint128_t)h[0] + get_unaligned_le64(src);
		h[0] = (u64)t;
		t = (__uint128_t)h[1] + get_unaligned_le64(src + 8) +
		    (u64)(t >> 64);
		h[1] = (u64)t;
		h[2] += (u64)(t >> 64) + hibit;

		poly1305_x86_mulr(h, r0, r1);

		src += KCRYPTO_POLY1305_BLOCK_SIZE;
		len -= KCRYPTO_POLY1305_BLOCK_SIZE;
	}

	st->h[0] = h[0];
	st->h[1] = h[1];
	st->h[2] = h[2];
}

#pragma GCC pop_options
