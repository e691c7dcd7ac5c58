// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-poly1305-x86_64: Poly1305 block function for x86_64 (AVX-512
 * IFMA, AVX-512F, AVX2, and a BMI2 scalar core for CPUs without AVX2).
 */
#include <linux/module.h>
#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#include "cpu.h"
#include "simd.h"
#include "poly1305-x86.h"

KCRYPTO_DEFINE_SELECTOR(kcrypto_poly1305_sel, &kcrypto_poly1305_core_table,
			"kcrypto-poly1305-x86_64");

/*
 * Below this many bytes the vector core would spend more on its powers of
 * r and on saving the FPU state than it saves, so the BMI2 scalar loop
 * runs (every vector core needs BMI2; the loop needs no FPU section and is
 * 1.7x the generic code at 64 bytes).  In userspace (no
 * kernel_fpu_begin()), one call at a time, the AVX2 and AVX-512 IFMA
 * cores beat the scalar loop from about 384 bytes (AVX-512 IFMA by 10%
 * there, 30% at 512 bytes; Zen 4), the AVX-512F core from about 512; the
 * margin here is for the FPU section, not measured in the kernel yet.
 * The cores themselves also fall back to the scalar loop below their own
 * break-even (not counting the FPU section), and the scalar loop serves
 * when SIMD is unusable here.
 */
#define POLY1305_X86_SIMD_MIN	512

/* Cores that use only integer registers need no FPU section. */
#define POLY1305_X86_SCALAR	(KCRYPTO_CPU_BMI2 | KCRYPTO_CPU_ADX)

bool kcrypto_poly1305_arch(struct kcrypto_poly1305_state *st, const u8 *src,
			   size_t len, u32 hibit)
{
	const struct kcrypto_impl *impl = kcrypto_selector_current(&kcrypto_poly1305_sel);
	const struct kcrypto_poly1305_core *c;

	if (!impl)
		return false;
	c = container_of(impl, struct kcrypto_poly1305_core, impl);
	if (!(impl->features & ~POLY1305_X86_SCALAR)) {
		c->blocks(st, src, len, hibit);
		return true;
	}
	if ((!kcrypto_selector_forced(&kcrypto_poly1305_sel) && len < POLY1305_X86_SIMD_MIN) ||
	    !kcrypto_simd_usable()) {
		kcrypto_poly1305_blocks_bmi2(st, src, len, hibit);
		return true;
	}
	/* The library passes at most KCRYPTO_SIMD_CHUNK bytes per call. */
	kcrypto_simd_begin();
	c->blocks(st, src, len, hibit);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_arch);

const struct kcrypto_arch_desc kcrypto_poly1305_arch_desc = {
	.prim = KCRYPTO_POLY1305,
	.name = "kcrypto-poly1305-x86_64",
	.owner = THIS_MODULE,
	.sel = &kcrypto_poly1305_sel,
	.hook.poly1305 = kcrypto_poly1305_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_poly1305_arch_desc);

static int __init kcrypto_poly1305_x86_64_init(void)
{
	return kcrypto_arch_init(&kcrypto_poly1305_arch_desc,
				 kcrypto_cpu_features());
}
module_init(kcrypto_poly1305_x86_64_init);

static void __exit kcrypto_poly1305_x86_64_exit(void)
{
	kcrypto_arch_exit(&kcrypto_poly1305_arch_desc);
}
module_exit(kcrypto_poly1305_x86_64_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto Poly1305, x86_64 AVX-512 IFMA, AVX-512F, AVX2 and BMI2");
