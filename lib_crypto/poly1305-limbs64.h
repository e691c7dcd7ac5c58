/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Poly1305 block function, radix 2^64 with 128-bit products.  Included by
 * poly1305.c only, on compilers that have unsigned __int128.
 *
 * The canonical state is already in this radix, so there is no conversion:
 * h = h0 + h1 * 2^64 + h2 * 2^128, r = r0 + r1 * 2^64.
 *
 * Since 2^130 == 5 (mod p) and the clamped r1 is a multiple of 4,
 * r1 * 2^128 == (r1 / 4) * 2^130 == 5 * (r1 / 4) = r1 + (r1 >> 2) =: s1,
 * which folds the high partial products back into the low words:
 *
 *   d0 = h0 r0 + h1 s1
 *   d1 = h0 r1 + h1 r0 + h2 s1
 *   d2 = h2 r0
 */
#ifndef _KCRYPTO_POLY1305_LIMBS64_H
#define _KCRYPTO_POLY1305_LIMBS64_H

static void poly1305_blocks_limbs(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit)
{
	unsigned __int128 d0, d1;
	const u64 r0 = st->r[0], r1 = st->r[1];
	const u64 s1 = r1 + (r1 >> 2);
	u64 h0 = st->h[0], h1 = st->h[1], h2 = st->h[2];
	u64 d2, c;

	while (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		/* h += m (+ 2^128 pad bit); entry h2 <= 7 keeps h2 <= 9. */
		d0 = (unsigned __int128)h0 + get_unaligned_le64(src);
		d1 = (unsigned __int128)h1 + get_unaligned_le64(src + 8) +
		     (u64)(d0 >> 64);
		h0 = (u64)d0;
		h1 = (u64)d1;
		h2 += (u64)(d1 >> 64) + hibit;

		/* h *= r; each sum stays below 2^127. */
		d0 = (unsigned __int128)h0 * r0 + (unsigned __int128)h1 * s1;
		d1 = (unsigned __int128)h0 * r1 + (unsigned __int128)h1 * r0 +
		     (unsigned __int128)h2 * s1;
		d2 = h2 * r0;

		/* Carry into 64-bit words. */
		d1 += (u64)(d0 >> 64);
		d2 += (u64)(d1 >> 64);
		h0 = (u64)d0;
		h1 = (u64)d1;

		/* Partial reduction: fold bits 130 and up back times 5. */
		c = (d2 >> 2) + (d2 & ~3ULL);
		h2 = d2 & 3;
		d0 = (unsigned __int128)h0 + c;
		h0 = (u64)d0;
		d1 = (unsigned __int128)h1 + (u64)(d0 >> 64);
		h1 = (u64)d1;
		h2 += (u64)(d1 >> 64);	/* h2 <= 4 */

		src += KCRYPTO_POLY1305_BLOCK_SIZE;
		len -= KCRYPTO_POLY1305_BLOCK_SIZE;
	}

	st->h[0] = h0;
	st->h[1] = h1;
	st->h[2] = h2;
}

#endif /* _KCRYPTO_POLY1305_LIMBS64_H */
