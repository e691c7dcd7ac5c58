// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 ChaCha20/12 module: AVX-512 (16 blocks per pass), AVX-512VL and
 * AVX2 (8 blocks), SSSE3 (4 blocks).
 */
#include <linux/module.h>
#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#include "cpu.h"
#include "simd.h"

KCRYPTO_DEFINE_SELECTOR(kcrypto_chacha_sel, &kcrypto_chacha_core_table,
			"kcrypto-chacha-x86_64");

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
	const struct kcrypto_impl *impl = kcrypto_selector_current(&kcrypto_chacha_sel);
	const struct kcrypto_chacha_core *c;

	if (!impl)
		return false;
	c = container_of(impl, struct kcrypto_chacha_core, impl);
	if (!kcrypto_selector_forced(&kcrypto_chacha_sel) && len <= KCRYPTO_CHACHA_X86_MIN_LEN)
		return false;
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->crypt(st, dst, src, len, nrounds);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch);

const struct kcrypto_arch_desc kcrypto_chacha_arch_desc = {
	.prim = KCRYPTO_CHACHA,
	.name = "kcrypto-chacha-x86_64",
	.owner = THIS_MODULE,
	.sel = &kcrypto_chacha_sel,
	.hook.chacha = kcrypto_chacha_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch_desc);

static int __init kcrypto_chacha_x86_64_init(void)
{
	return kcrypto_arch_init(&kcrypto_chacha_arch_desc,
				 kcrypto_cpu_features());
}
module_init(kcrypto_chacha_x86_64_init);

static void __exit kcrypto_chacha_x86_64_exit(void)
{
	kcrypto_arch_exit(&kcrypto_chacha_arch_desc);
}
module_exit(kcrypto_chacha_x86_64_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto ChaCha20/12, x86_64 SSSE3/AVX2/AVX-512");
