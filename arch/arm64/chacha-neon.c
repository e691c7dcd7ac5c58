// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, arm64 NEON: four blocks per pass in the vertical layout,
 * leftover blocks one at a time (arch/neon/chacha-neon.h).  A rotation
 * by 8 is one byte table lookup (tbl) here.
 */
#include <kcrypto/cores.h>

/* Rotations by 8 as one byte table lookup (tbl). */
#define CHACHA_NEON_ROTL8_TBL

#include "../neon/chacha-neon.h"

void kcrypto_chacha_crypt_neon(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds);

void kcrypto_chacha_crypt_neon(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds)
{
	chacha_neon_crypt(st->x, dst, src, len, nrounds);
}
