// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 blocks on arm64 general registers, radix 2^64: mul/umulh give
 * the 128-bit products, so a block costs five 64x64->128 products against
 * twenty-five 32x32->64 ones in radix 2^26.  Used by the NEON core for
 * the powers of r and the blocks that do not fill a vector step (arch
 * modules cannot call kcrypto.ko's generic code: weak mode has them load
 * first).
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/cores.h>

#include "poly1305-arm64.h"

/**
 * kcrypto_poly1305_arm64_scalar() - absorb full blocks, 64-bit scalar
 * @st: canonical state (h[2] <= 7 on entry and on return)
 * @src: message blocks
 * @len: number of bytes, a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_arm64_scalar(struct kcrypto_poly1305_state *st,
				   const u8 *src, size_t len, u32 hibit)
{
	const u64 r0 = st->r[0], r1 = st->r[1], s1 = r1 + (r1 >> 2);
	u64 h[3] = { st->h[0], st->h[1], st->h[2] };
	u128 t;

	while (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		/* h += m + hibit 2^128: h2 <= 7 + 1 + 1 */
		t = (u128)h[0] + get_unaligned_le64(src);
		h[0] = (u64)t;
		t = (u128)h[1] + get_unaligned_le64(src + 8) +
		    (u64)(t >> 64);
		h[1] = (u64)t;
		h[2] += (u64)(t >> 64) + hibit;

		kcrypto_poly1305_arm64_mulr(h, r0, r1, s1);

		src += KCRYPTO_POLY1305_BLOCK_SIZE;
		len -= KCRYPTO_POLY1305_BLOCK_SIZE;
	}
	st->h[0] = h[0];
	st->h[1] = h[1];
	st->h[2] = h[2];
}
