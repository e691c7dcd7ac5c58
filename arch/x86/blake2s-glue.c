// SPDX-License-Identifier: GPL-2.0
/* x86_64 BLAKE2s compression module: AVX-512VL and AVX. */
#include <kcrypto/arch-glue.h>

#include "cpu.h"
#include "simd.h"

KCRYPTO_ARCH_VARIANTS(blake2s, KCRYPTO_BLAKE2S, "kcrypto-blake2s-x86_64");

/*
 * Measured in userspace (Zen 3): the AVX compression takes about 270
 * cycles per block against 340 for the generic code.  A lone block (every
 * hash of up to 64 bytes, and every final block) is left to the generic
 * code, where the kernel_fpu_begin()/kernel_fpu_end() pair would eat the
 * gain.
 */
#define KCRYPTO_BLAKE2S_X86_MIN_BLOCKS	1

/**
 * kcrypto_blake2s_arch() - x86_64 BLAKE2s compression hook
 * @ctx: context; h and t are updated, f is read
 * @block: @nblocks consecutive 64-byte blocks
 * @nblocks: number of blocks, at most KCRYPTO_SIMD_CHUNK / 64
 * @inc: added to the byte counter before each block
 *
 * Return: false (nothing done) when no variant is selected, the input is
 * too short to pay off, or the FPU is unusable in this context.
 */
bool kcrypto_blake2s_arch(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			  size_t nblocks, u32 inc)
{
	const struct kcrypto_blake2s_core *c = kcrypto_blake2s_pick();

	if (!c)
		return false;
	if (!kcrypto_blake2s_forced() &&
	    nblocks <= KCRYPTO_BLAKE2S_X86_MIN_BLOCKS)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->compress(ctx, block, nblocks, inc);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_arch);

const struct kcrypto_arch_desc kcrypto_blake2s_arch_desc =
	KCRYPTO_ARCH_DESC(blake2s, KCRYPTO_BLAKE2S);
EXPORT_SYMBOL_GPL(kcrypto_blake2s_arch_desc);

KCRYPTO_ARCH_MODULE(blake2s, kcrypto_blake2s_probe);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto BLAKE2s, x86_64 AVX/AVX-512VL");
