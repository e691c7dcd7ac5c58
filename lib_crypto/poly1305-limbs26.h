/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Poly1305 block function, five 26-bit limbs with 32x32->64-bit products,
 * for compilers without unsigned __int128 (32-bit targets).  Included by
 * poly1305.c only.
 *
 * Limb i has weight 2^(26 i); 2^130 == 5 (mod p), so a product of limbs
 * i and j with i + j >= 5 lands on limb i + j - 5 times 5.  The limbs are
 * converted from and back to the canonical radix-2^64 state on every call.
 */
#ifndef _KCRYPTO_POLY1305_LIMBS26_H
#define _KCRYPTO_POLY1305_LIMBS26_H

#define POLY1305_M26	0x3ffffffU

static void poly1305_blocks_limbs(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit)
{
	u32 r0, r1, r2, r3, r4, s1, s2, s3, s4;
	u32 h0, h1, h2, h3, h4;
	u64 d0, d1, d2, d3, d4, c;

	/* r < 2^124 after clamping, so r4 < 2^20 and 5 r_i fits 32 bits. */
	r0 = st->r[0] & POLY1305_M26;
	r1 = (st->r[0] >> 26) & POLY1305_M26;
	r2 = ((st->r[0] >> 52) | (st->r[1] << 12)) & POLY1305_M26;
	r3 = (st->r[1] >> 14) & POLY1305_M26;
	r4 = st->r[1] >> 40;
	s1 = r1 * 5;
	s2 = r2 * 5;
	s3 = r3 * 5;
	s4 = r4 * 5;

	/* h < 2^131: h4 takes up to 27 bits on entry. */
	h0 = st->h[0] & POLY1305_M26;
	h1 = (st->h[0] >> 26) & POLY1305_M26;
	h2 = ((st->h[0] >> 52) | (st->h[1] << 12)) & POLY1305_M26;
	h3 = (st->h[1] >> 14) & POLY1305_M26;
	h4 = (u32)(st->h[1] >> 40) | (u32)(st->h[2] << 24);

	while (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		/* h += m (+ 2^128 pad bit); every limb stays below 2^28. */
		h0 += get_unaligned_le32(src) & POLY1305_M26;
		h1 += (get_unaligned_le32(src + 3) >> 2) & POLY1305_M26;
		h2 += (get_unaligned_le32(src + 6) >> 4) & POLY1305_M26;
		h3 += (get_unaligned_le32(src + 9) >> 6) & POLY1305_M26;
		h4 += (get_unaligned_le32(src + 12) >> 8) | (hibit << 24);

		/* h *= r; each sum is below 5 * 2^28 * 2^29 < 2^61. */
		d0 = (u64)h0 * r0 + (u64)h1 * s4 + (u64)h2 * s3 +
		     (u64)h3 * s2 + (u64)h4 * s1;
		d1 = (u64)h0 * r1 + (u64)h1 * r0 + (u64)h2 * s4 +
		     (u64)h3 * s3 + (u64)h4 * s2;
		d2 = (u64)h0 * r2 + (u64)h1 * r1 + (u64)h2 * r0 +
		     (u64)h3 * s4 + (u64)h4 * s3;
		d3 = (u64)h0 * r3 + (u64)h1 * r2 + (u64)h2 * r1 +
		     (u64)h3 * r0 + (u64)h4 * s4;
		d4 = (u64)h0 * r4 + (u64)h1 * r3 + (u64)h2 * r2 +
		     (u64)h3 * r1 + (u64)h4 * r0;

		/* Carry chain, then fold the top carry back times 5. */
		d1 += d0 >> 26;
		h0 = (u32)d0 & POLY1305_M26;
		d2 += d1 >> 26;
		h1 = (u32)d1 & POLY1305_M26;
		d3 += d2 >> 26;
		h2 = (u32)d2 & POLY1305_M26;
		d4 += d3 >> 26;
		h3 = (u32)d3 & POLY1305_M26;
		c = d4 >> 26;
		h4 = (u32)d4 & POLY1305_M26;
		c = h0 + c * 5;
		h0 = (u32)c & POLY1305_M26;
		h1 += (u32)(c >> 26);

		src += KCRYPTO_POLY1305_BLOCK_SIZE;
		len -= KCRYPTO_POLY1305_BLOCK_SIZE;
	}

	/* Carry h1..h3 down to 26 bits so the limbs pack without overlap. */
	h2 += h1 >> 26;
	h1 &= POLY1305_M26;
	h3 += h2 >> 26;
	h2 &= POLY1305_M26;
	h4 += h3 >> 26;
	h3 &= POLY1305_M26;

	st->h[0] = h0 | ((u64)h1 << 26) | ((u64)h2 << 52);
	st->h[1] = (h2 >> 12) | ((u64)h3 << 14) | ((u64)h4 << 40);
	st->h[2] = h4 >> 24;
}

#endif /* _KCRYPTO_POLY1305_LIMBS26_H */
