// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-chacha-arm64: the arm64 ChaCha20/12 hook, NEON (four blocks per
 * pass, leftover blocks one at a time; arch/neon/chacha-neon.h).
 */
#include <kcrypto/arch-glue.h>

#include "cpu.h"
#include "simd.h"

KCRYPTO_ARCH_VARIANTS(chacha, KCRYPTO_CHACHA, "kcrypto-chacha-arm64");

const struct kcrypto_arch_desc kcrypto_chacha_arch_desc =
	KCRYPTO_ARCH_DESC(chacha, KCRYPTO_CHACHA);
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch_desc);

/*
 * One block runs a third of the generic instructions in NEON, but the
 * single-block path is one long dependency chain (bound by NEON latency
 * on real cores) and kernel_neon_begin() may have to save the task's
 * FP/SIMD registers first: leave a lone block to the generic code.
 */
#define KCRYPTO_CHACHA_NEON_MIN_LEN	KCRYPTO_CHACHA_BLOCK_SIZE

/**
 * kcrypto_chacha_arch() - arm64 ChaCha hook
 * @st: state; its block counter advances
 * @dst: output, may equal @src
 * @src: input
 * @len: bytes, at most KCRYPTO_SIMD_CHUNK
 * @nrounds: 20 or 12
 *
 * Return: false (nothing done) when no variant is selected, the input is
 * too short to pay off, or NEON is unusable in this context.
 */
bool kcrypto_chacha_arch(struct kcrypto_chacha_state *st, u8 *dst,
			 const u8 *src, size_t len, int nrounds)
{
	const struct kcrypto_chacha_core *c = kcrypto_chacha_pick();

	if (!c)
		return false;
	if (!kcrypto_chacha_forced() && len <= KCRYPTO_CHACHA_NEON_MIN_LEN)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->crypt(st, dst, src, len, nrounds);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch);

KCRYPTO_ARCH_MODULE(chacha, kcrypto_chacha_probe);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto ChaCha20/12, arm64 NEON");
