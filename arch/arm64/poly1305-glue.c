// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-poly1305-arm64: the arm64 Poly1305 hook (NEON radix 2^26 for
 * long inputs; the library's generic code otherwise).
 */
#include <linux/module.h>
#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#include "cpu.h"
#include "simd.h"
#include "poly1305-arm64.h"

/*
 * Below this the NEON core would spend more on the powers of r and on the
 * NEON section than it saves.
 */
#define POLY1305_ARM64_MIN_LEN	640

KCRYPTO_DEFINE_SELECTOR(kcrypto_poly1305_sel, &kcrypto_poly1305_core_table,
			"kcrypto-poly1305-arm64");

const struct kcrypto_arch_desc kcrypto_poly1305_arch_desc = {
	.prim = KCRYPTO_POLY1305,
	.name = "kcrypto-poly1305-arm64",
	.owner = THIS_MODULE,
	.sel = &kcrypto_poly1305_sel,
	.hook.poly1305 = kcrypto_poly1305_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_poly1305_arch_desc);

/**
 * kcrypto_poly1305_arch() - absorb full blocks with the selected core
 * @st: canonical state
 * @src: message blocks
 * @len: bytes, a multiple of 16, at most KCRYPTO_SIMD_CHUNK
 * @hibit: 1 for message blocks, 0 for the final padded block
 *
 * Return: false when the caller must run the generic code instead.
 */
bool kcrypto_poly1305_arch(struct kcrypto_poly1305_state *st, const u8 *src,
			   size_t len, u32 hibit)
{
	const struct kcrypto_impl *impl = kcrypto_selector_current(&kcrypto_poly1305_sel);
	const struct kcrypto_poly1305_core *c;

	if (!impl)
		return false;
	c = container_of(impl, struct kcrypto_poly1305_core, impl);
	if (!kcrypto_selector_forced(&kcrypto_poly1305_sel) && len < POLY1305_ARM64_MIN_LEN)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->blocks(st, src, len, hibit);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_arch);

static int __init kcrypto_poly1305_arm64_init(void)
{
	return kcrypto_arch_init(&kcrypto_poly1305_arch_desc,
				 kcrypto_cpu_features());
}
module_init(kcrypto_poly1305_arm64_init);

static void __exit kcrypto_poly1305_arm64_exit(void)
{
	kcrypto_arch_exit(&kcrypto_poly1305_arch_desc);
}
module_exit(kcrypto_poly1305_arm64_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto Poly1305, arm64 NEON");
