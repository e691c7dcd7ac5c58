// SPDX-License-Identifier: GPL-2.0
/*
 * Weak binding mode: the arch hooks and descriptors are weak undefined
 * symbols, resolved by the module loader only when the arch module was
 * loaded before kcrypto.ko (MODULE_SOFTDEP "pre:").  A resolved reference
 * pins the arch module until kcrypto.ko is unloaded, so no grace period is
 * needed.  Arch modules loaded later stay unbound (documented limitation).
 */
#include <linux/module.h>

#include "kcrypto-internal.h"
#include "bind.h"

const char *const kcrypto_bind_mode = "weak";

#ifdef KCRYPTO_ARCH_MODULES	/* set by Kbuild when this arch has any */
MODULE_SOFTDEP("pre: " KCRYPTO_ARCH_MODULES);
#endif

const struct kcrypto_arch_desc *kcrypto_bind_get(enum kcrypto_prim prim)
{
	const void *desc = NULL;

	switch (prim) {
	case KCRYPTO_CHACHA:
		desc = kcrypto_weak_addr(kcrypto_chacha_arch_desc);
		break;
	case KCRYPTO_POLY1305:
		desc = kcrypto_weak_addr(kcrypto_poly1305_arch_desc);
		break;
	case KCRYPTO_BLAKE2S:
		desc = kcrypto_weak_addr(kcrypto_blake2s_arch_desc);
		break;
	case KCRYPTO_X25519:
		desc = kcrypto_weak_addr(kcrypto_x25519_arch_desc);
		break;
	default:
		break;
	}
	if (desc && !try_module_get(((const struct kcrypto_arch_desc *)desc)->owner))
		desc = NULL;
	return desc;
}
