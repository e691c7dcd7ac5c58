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
#include <kcrypto/arch-glue.h>

#include "cpu.h"
#include "x25519-x86.h"

KCRYPTO_ARCH_VARIANTS(x25519, KCRYPTO_X25519, "kcrypto-x25519-x86_64");

bool kcrypto_x25519_arch(u8 out[KCRYPTO_X25519_KEY_SIZE],
			 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	const struct kcrypto_x25519_core *c = kcrypto_x25519_pick();

	if (!c)
		return false;
	c->scalarmult(out, scalar, point);
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_x25519_arch);

const struct kcrypto_arch_desc kcrypto_x25519_arch_desc =
	KCRYPTO_ARCH_DESC(x25519, KCRYPTO_X25519);
EXPORT_SYMBOL_GPL(kcrypto_x25519_arch_desc);

KCRYPTO_ARCH_MODULE(x25519, kcrypto_x25519_probe);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto X25519, x86_64 BMI2 and ADX");
