// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, 32-bit arm NEON: four blocks per pass in the vertical
 * layout, leftover blocks one at a time (arch/neon/chacha-neon.h).  The
 * 64-bit-only vtbl makes a byte lookup no cheaper than shift + insert for
 * the rotation by 8.
 */
#include <kcrypto/cores.h>

#include "../neon/chacha-neon.h"

void kcrypto_chacha_crypt_neon(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds);

void kcrypto_chacha_crypt_neon(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds)
{
	chacha_neon_crypt(st->x, dst, src, len, nrounds);
}
