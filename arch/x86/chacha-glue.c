// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 ChaCha20/12 module: AVX-512 (16 blocks per pass), AVX-512VL and
 * AVX2 (8 blocks), SSSE3 (4 blocks).
 */
#include <kcrypto/arch-glue.h>

#include "cpu.h"
#include "simd.h"

KCRYPTO_ARCH_VARIANTS(chacha, KCRYPTO_CHACHA, "kcrypto-chacha-x86_64");

/*
 * Measured in userspace (Zen 3): one block costs the generic code about
 * 320 cycles and the vector cores about 260 (both are bound by the latency
 * of the rounds); two blocks 630 against 450.  The 60 cycles saved on one
 * block do not pay for a kernel_fpu_begin()/kernel_fpu_end() pair, two
 * blocks do.
 */
#define KCRYPTO_CHACHA_X86_MIN_LEN	KCRYPTO_CHACHA_BLOCK_SIZE

/**
 * kcrypto_chacha_arch() - x86_64 ChaCha hook
 * @st: state; its block counter advances
 * @dst: output, may equal @src
 * @src: input
 * @len: bytes, at most KCRYPTO_SIMD_CHUNK
 * @nrounds: 20 or 12
 *
 * Return: false (nothing done) when no variant is selected, the input is
 * too short to pay off, or the FPU is unusable in this context.
 */
bool kcrypto_chacha_arch(struct kcrypto_chacha_state *st, u8 *dst,
			 const u8 *src, size_t len, int nrounds)
{
	const struct kcrypto_chacha_core *c = kcrypto_chacha_pick();

	if (!c)
		return false;
	if (!kcrypto_chacha_forced() && len <= KCRYPTO_CHACHA_X86_MIN_LEN)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->crypt(st, dst, src, len, nrounds);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch);

const struct kcrypto_arch_desc kcrypto_chacha_arch_desc =
	KCRYPTO_ARCH_DESC(chacha, KCRYPTO_CHACHA);
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch_desc);

KCRYPTO_ARCH_MODULE(chacha, kcrypto_chacha_probe);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto ChaCha20/12, x86_64 SSSE3/AVX2/AVX-512");
