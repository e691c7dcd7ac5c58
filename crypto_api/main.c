// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-crypto.ko: registers kcrypto's ChaCha20, XChaCha20/12,
 * ChaCha20-Poly1305 (RFC 7539 and its ESP form) and, where the kernel's
 * crypto API still has them, Poly1305 and Curve25519 as crypto API drivers
 * named "<alg>-kcrypto".  Every request goes through kcrypto's exported
 * dispatching functions, so the drivers follow whatever implementation
 * kcrypto has bound, in both binding modes.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "internal.h"

/*
 * 400: above the kernel's generic drivers (100), its x86 Curve25519 (200)
 * and its arch and lib ChaCha/Poly1305 drivers (300), so loading this
 * module makes kcrypto serve the standard names.  priority=150 ranks it
 * below the kernel's arch drivers but above the generic ones.
 */
int kcrypto_crypto_priority = 400;
module_param_named(priority, kcrypto_crypto_priority, int, 0444);
MODULE_PARM_DESC(priority, "cra_priority of every *-kcrypto driver (default 400; the kernel's generic drivers have 100, its arch drivers 200-300)");

struct kcrypto_crypto_group {
	int (*reg)(void);
	void (*unreg)(void);
};

static const struct kcrypto_crypto_group kcrypto_crypto_groups[] = {
	{ kcrypto_crypto_skcipher_register, kcrypto_crypto_skcipher_unregister },
	{ kcrypto_crypto_aead_register, kcrypto_crypto_aead_unregister },
	{ kcrypto_crypto_poly1305_register, kcrypto_crypto_poly1305_unregister },
	{ kcrypto_crypto_curve25519_register, kcrypto_crypto_curve25519_unregister },
};

static int __init kcrypto_crypto_init(void)
{
	int i, err;

	if (kcrypto_crypto_priority <= 0) {
		pr_err("kcrypto-crypto: priority=%d must be positive\n",
		       kcrypto_crypto_priority);
		return -EINVAL;
	}
	/* All or nothing: a failing group unwinds the ones before it. */
	for (i = 0; i < ARRAY_SIZE(kcrypto_crypto_groups); i++) {
		err = kcrypto_crypto_groups[i].reg();
		if (err) {
			pr_err("kcrypto-crypto: registration failed (%d)\n", err);
			while (--i >= 0)
				kcrypto_crypto_groups[i].unreg();
			return err;
		}
	}
	return 0;
}

static void __exit kcrypto_crypto_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(kcrypto_crypto_groups) - 1; i >= 0; i--)
		kcrypto_crypto_groups[i].unreg();
}

module_init(kcrypto_crypto_init);
module_exit(kcrypto_crypto_exit);

MODULE_DESCRIPTION("kcrypto primitives as crypto API drivers (*-kcrypto)");
MODULE_AUTHOR("kcrypto developers");
MODULE_LICENSE("GPL");
