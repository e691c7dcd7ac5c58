// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-x25519-arm: the 32-bit arm X25519 hook (NEON, two field
 * multiplications per instruction in the two lanes).  One scalar
 * multiplication is a fixed amount of work, so there is no length
 * threshold; without a usable NEON unit the library's scalar code runs.
 */
#include <linux/module.h>
#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#include "cpu.h"
#include "simd.h"
#include "x25519-arm.h"

KCRYPTO_DEFINE_SELECTOR(kcrypto_x25519_sel, &kcrypto_x25519_core_table,
			"kcrypto-x25519-arm");

const struct kcrypto_arch_desc kcrypto_x25519_arch_desc = {
	.prim = KCRYPTO_X25519,
	.name = "kcrypto-x25519-arm",
	.owner = THIS_MODULE,
	.sel = &kcrypto_x25519_sel,
	.hook.x25519 = kcrypto_x25519_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_x25519_arch_desc);

/**
 * kcrypto_x25519_arch() - scalar multiplication with the selected core
 * @out: u-coordinate of clamp(@scalar) * @point
 * @scalar: secret scalar
 * @point: peer's u-coordinate
 *
 * Return: false when the caller must run the generic code instead.
 */
bool kcrypto_x25519_arch(u8 out[KCRYPTO_X25519_KEY_SIZE],
			 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	const struct kcrypto_impl *impl = kcrypto_selector_current(&kcrypto_x25519_sel);
	const struct kcrypto_x25519_core *c;

	if (!impl)
		return false;
	c = container_of(impl, struct kcrypto_x25519_core, impl);
	if (!kcrypto_simd_usable())
		return false;
	kcrypto_simd_begin();
	c->scalarmult(out, scalar, point);
	kcrypto_simd_end();
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_x25519_arch);

static int __init kcrypto_x25519_arm_init(void)
{
	return kcrypto_arch_init(&kcrypto_x25519_arch_desc,
				 kcrypto_cpu_features());
}
module_init(kcrypto_x25519_arm_init);

static void __exit kcrypto_x25519_arm_exit(void)
{
	kcrypto_arch_exit(&kcrypto_x25519_arch_desc);
}
module_exit(kcrypto_x25519_arm_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto X25519, 32-bit arm NEON");
