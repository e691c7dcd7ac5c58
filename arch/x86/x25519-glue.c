// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-x25519-x86_64: X25519 for x86_64 with BMI2 mulx and ADX
 * adcx/adox.
 *
 * The core works on the integer registers only (no SSE/AVX state), so it
 * needs no kernel_fpu_begin() and runs in any context, hardirq included:
 * this hook never declines for lack of SIMD.  One scalar multiplication
 * is a fixed, bounded amount of work, so there is no length threshold.
 */
#include <linux/module.h>
#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#include "cpu.h"
#include "x25519-x86.h"

KCRYPTO_DEFINE_SELECTOR(kcrypto_x25519_sel, &kcrypto_x25519_core_table,
			"kcrypto-x25519-x86_64");

bool kcrypto_x25519_arch(u8 out[KCRYPTO_X25519_KEY_SIZE],
			 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	const struct kcrypto_impl *impl = kcrypto_selector_current(&kcrypto_x25519_sel);
	const struct kcrypto_x25519_core *c;

	if (!impl)
		return false;
	c = container_of(impl, struct kcrypto_x25519_core, impl);
	c->scalarmult(out, scalar, point);
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_x25519_arch);

const struct kcrypto_arch_desc kcrypto_x25519_arch_desc = {
	.prim = KCRYPTO_X25519,
	.name = "kcrypto-x25519-x86_64",
	.owner = THIS_MODULE,
	.sel = &kcrypto_x25519_sel,
	.hook.x25519 = kcrypto_x25519_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_x25519_arch_desc);

static int __init kcrypto_x25519_x86_64_init(void)
{
	return kcrypto_arch_init(&kcrypto_x25519_arch_desc,
				 kcrypto_cpu_features());
}
module_init(kcrypto_x25519_x86_64_init);

static void __exit kcrypto_x25519_x86_64_exit(void)
{
	kcrypto_arch_exit(&kcrypto_x25519_arch_desc);
}
module_exit(kcrypto_x25519_x86_64_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto X25519, x86_64 BMI2 and ADX");
