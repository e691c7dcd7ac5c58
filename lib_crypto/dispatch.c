// SPDX-License-Identifier: GPL-2.0
/*
 * The dispatch points: API -> arch hook (when one is bound, not forced off,
 * and willing) -> generic.  Shared by both binding modes; bind.h says how a
 * hook is reached (kcrypto_<prim>_call_arch()).
 *
 * Work is handed to a hook in pieces of at most KCRYPTO_SIMD_CHUNK bytes,
 * so an arch module holds the FPU/NEON (and, in ffp mode, preemption off)
 * for a bounded time, and a piece it declines runs generic without
 * redoing the others.
 */
#include <linux/module.h>
#include <kcrypto/arch.h>

#include "kcrypto-internal.h"
#include "dispatch.h"
#include "bind.h"

/**
 * kcrypto_chacha_crypt() - XOR ChaCha keystream into a buffer
 * @st: state from kcrypto_chacha_init(); its counter advances
 * @dst: output, may equal @src
 * @src: input
 * @len: bytes; only the last call on @st may pass a partial block
 * @nrounds: 20 or 12; anything else warns once and does nothing (an arch
 *	core may not terminate on other values)
 */
void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			  const u8 *src, size_t len, int nrounds)
{
	if (WARN_ON_ONCE(!kcrypto_chacha_nrounds_ok(nrounds)))
		return;
	while (len) {
		size_t n = min_t(size_t, len, KCRYPTO_SIMD_CHUNK);

		if (kcrypto_forced_generic(KCRYPTO_CHACHA) ||
		    !kcrypto_chacha_call_arch(st, dst, src, n, nrounds))
			kcrypto_chacha_crypt_generic(st, dst, src, n, nrounds);
		dst += n;
		src += n;
		len -= n;
	}
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_crypt);

void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit)
{
	while (len) {
		size_t n = min_t(size_t, len, KCRYPTO_SIMD_CHUNK);

		if (kcrypto_forced_generic(KCRYPTO_POLY1305) ||
		    !kcrypto_poly1305_call_arch(st, src, n, hibit))
			kcrypto_poly1305_blocks_generic(st, src, n, hibit);
		src += n;
		len -= n;
	}
}

void kcrypto_blake2s_compress(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			      size_t nblocks, u32 inc)
{
	const size_t chunk = KCRYPTO_SIMD_CHUNK / KCRYPTO_BLAKE2S_BLOCK_SIZE;

	while (nblocks) {
		size_t n = min(nblocks, chunk);

		if (kcrypto_forced_generic(KCRYPTO_BLAKE2S) ||
		    !kcrypto_blake2s_call_arch(ctx, block, n, inc))
			kcrypto_blake2s_compress_generic(ctx, block, n, inc);
		block += n * KCRYPTO_BLAKE2S_BLOCK_SIZE;
		nblocks -= n;
	}
}

void kcrypto_x25519_scalarmult(u8 out[KCRYPTO_X25519_KEY_SIZE],
			       const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			       const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	if (kcrypto_forced_generic(KCRYPTO_X25519) ||
	    !kcrypto_x25519_call_arch(out, scalar, point))
		kcrypto_x25519_generic(out, scalar, point);
}
