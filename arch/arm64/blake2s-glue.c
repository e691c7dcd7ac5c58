// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-blake2s-arm64: the arm64 BLAKE2s compression hook, NEON (one
 * block per pass, the G functions of a step in the four lanes).
 */
#include <linux/module.h>
#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#include "cpu.h"
#include "simd.h"

KCRYPTO_DEFINE_SELECTOR(kcrypto_blake2s_sel, &kcrypto_blake2s_core_table,
			"kcrypto-blake2s-arm64");

const struct kcrypto_arch_desc kcrypto_blake2s_arch_desc = {
	.prim = KCRYPTO_BLAKE2S,
	.name = "kcrypto-blake2s-arm64",
	.owner = THIS_MODULE,
	.sel = &kcrypto_blake2s_sel,
	.hook.blake2s = kcrypto_blake2s_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_blake2s_arch_desc);

/*
 * The NEON compression runs about 40% of the generic instructions from
 * the first block on, but a block is one dependency chain there (bound by
 * NEON latency on real cores) and kernel_neon_begin() may have to save
 * the task's FP/SIMD registers first: a lone block stays generic.
 */
#define KCRYPTO_BLAKE2S_NEON_MIN_BLOCKS	1

/**
 * kcrypto_blake2s_arch() - arm64 BLAKE2s compression hook
 * @ctx: context; h and t are updated, f is read
 * @block: @nblocks consecutive 64-byte blocks
 * @nblocks: number of blocks, at most KCRYPTO_SIMD_CHUNK / 64
 * @inc: added to the byte counter before each block
 *
 * Return: false (nothing done) when no variant is selected, the input is
 * too short to pay off, or NEON is unusable in this context.
 */
bool kcrypto_blake2s_arch(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			  size_t nblocks, u32 inc)
{
	const struct kcrypto_impl *impl = kcrypto_selector_current(&kcrypto_blake2s_sel);
	const struct kcrypto_blake2s_core *c;

	if (!impl)
		return false;
	c = container_of(impl, struct kcrypto_blake2s_core, impl);
	if (!kcrypto_selector_forced(&kcrypto_blake2s_sel) &&
	    nblocks <= KCRYPTO_BLAKE2S_NEON_MIN_BLOCKS)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->compress(ctx, block, nblocks, inc);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_arch);

static int __init kcrypto_blake2s_arm64_init(void)
{
	return kcrypto_arch_init(&kcrypto_blake2s_arch_desc,
				 kcrypto_cpu_features());
}
module_init(kcrypto_blake2s_arm64_init);

static void __exit kcrypto_blake2s_arm64_exit(void)
{
	kcrypto_arch_exit(&kcrypto_blake2s_arch_desc);
}
module_exit(kcrypto_blake2s_arm64_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto BLAKE2s, arm64 NEON");
