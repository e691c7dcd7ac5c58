/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The one list of primitives an arch module can accelerate.  The library
 * (hooks, descriptors and force_generic are arrays indexed by it), the
 * arch glue, KUnit and the userspace harness all use this enum and the
 * names in lib_crypto/prims.c; nothing else spells the list out.
 *
 * Adding a primitive: a value here, its name in lib_crypto/prims.c, its
 * hook type and core struct (include/kcrypto/arch.h, cores.h), its
 * dispatch point (lib_crypto/dispatch.c) and hook slot (lib_crypto/bind.h).
 */
#ifndef _KCRYPTO_PRIMS_H
#define _KCRYPTO_PRIMS_H

#ifdef __cplusplus
extern "C" {
#endif

enum kcrypto_prim {
	KCRYPTO_CHACHA,
	KCRYPTO_POLY1305,
	KCRYPTO_BLAKE2S,
	KCRYPTO_X25519,
	KCRYPTO_NR_PRIMS
};

/* "chacha", "poly1305", "blake2s", "x25519": module parameters, debugfs. */
extern const char *const kcrypto_prim_names[KCRYPTO_NR_PRIMS];

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_PRIMS_H */
