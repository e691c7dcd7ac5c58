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

/* The descriptors the module loader resolved, or NULL; set at init. */
static const struct kcrypto_arch_desc *kcrypto_weak_descs[KCRYPTO_NR_PRIMS];

void kcrypto_bind_init(void)
{
	kcrypto_weak_descs[KCRYPTO_CHACHA] =
		kcrypto_weak_addr(kcrypto_chacha_arch_desc);
	kcrypto_weak_descs[KCRYPTO_POLY1305] =
		kcrypto_weak_addr(kcrypto_poly1305_arch_desc);
	kcrypto_weak_descs[KCRYPTO_BLAKE2S] =
		kcrypto_weak_addr(kcrypto_blake2s_arch_desc);
	kcrypto_weak_descs[KCRYPTO_X25519] =
		kcrypto_weak_addr(kcrypto_x25519_arch_desc);
}

const struct kcrypto_arch_desc *kcrypto_bind_get(enum kcrypto_prim prim)
{
	const struct kcrypto_arch_desc *desc = kcrypto_weak_descs[prim];

	if (desc && !try_module_get(desc->owner))
		desc = NULL;
	return desc;
}
