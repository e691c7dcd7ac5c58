// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-poly1305-arm64: the arm64 Poly1305 hook (NEON radix 2^26 for
 * long inputs; the library's generic code otherwise).
 */
#include <linux/module.h>
#include <kcrypto/arch-glue.h>

#include "cpu.h"
#include "simd.h"
#include "poly1305-arm64.h"

/*
 * Below this the NEON core would spend more on the powers of r and on the
 * NEON section than it saves.
 */
#define POLY1305_ARM64_MIN_LEN	640

KCRYPTO_ARCH_VARIANTS(poly1305, KCRYPTO_POLY1305, "kcrypto-poly1305-arm64");

const struct kcrypto_arch_desc kcrypto_poly1305_arch_desc =
	KCRYPTO_ARCH_DESC(poly1305, KCRYPTO_POLY1305);
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
	const struct kcrypto_poly1305_core *c = kcrypto_poly1305_pick();

	if (!c)
		return false;
	if (!kcrypto_poly1305_forced() && len < POLY1305_ARM64_MIN_LEN)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->blocks(st, src, len, hibit);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_arch);

KCRYPTO_ARCH_MODULE(poly1305, kcrypto_poly1305_probe);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto Poly1305, arm64 NEON");
