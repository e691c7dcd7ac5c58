// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The names of enum kcrypto_prim (include/kcrypto/prims.h). */
#include <kcrypto/env.h>
#include <kcrypto/prims.h>

const char *const kcrypto_prim_names[KCRYPTO_NR_PRIMS] = {
	[KCRYPTO_CHACHA] = "chacha",
	[KCRYPTO_POLY1305] = "poly1305",
	[KCRYPTO_BLAKE2S] = "blake2s",
	[KCRYPTO_X25519] = "x25519",
};
EXPORT_SYMBOL_GPL(kcrypto_prim_names);
