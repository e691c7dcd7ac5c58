/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Harness side of the dispatch points of lib_crypto/dispatch.h: which
 * implementation each primitive runs, and read access to the arch core
 * tables of include/kcrypto/cores.h (weak: a missing table is zero cores).
 *
 * Implementation index 0 is the generic code, index i > 0 is arch core
 * i - 1.  No CPU-feature check happens here: harness/impl.h does that.
 */
#ifndef KCRYPTO_HARNESS_REGISTRY_H
#define KCRYPTO_HARNESS_REGISTRY_H

#include <kcrypto/env.h>

#ifdef __cplusplus
extern "C" {
#endif

enum kcrypto_harness_prim {
	KCRYPTO_HARNESS_CHACHA,
	KCRYPTO_HARNESS_POLY1305,
	KCRYPTO_HARNESS_BLAKE2S,
	KCRYPTO_HARNESS_X25519,
	KCRYPTO_HARNESS_NR_PRIMS
};

/* Number of arch cores linked in for @prim (0 when the table is absent). */
unsigned int kcrypto_harness_nr_cores(enum kcrypto_harness_prim prim);
/* Name and required KCRYPTO_CPU_* bits of core @i < nr_cores. */
const char *kcrypto_harness_core_name(enum kcrypto_harness_prim prim,
				      unsigned int i);
u32 kcrypto_harness_core_features(enum kcrypto_harness_prim prim,
				  unsigned int i);

/* Route @prim to implementation @impl (0 generic, i > 0 core i - 1). */
void kcrypto_harness_set_impl(enum kcrypto_harness_prim prim, int impl);
int kcrypto_harness_get_impl(enum kcrypto_harness_prim prim);

/* Raw CPU features (KCRYPTO_CPU_* bits) before any KCRYPTO_CPU_MASK. */
u32 kcrypto_harness_cpu_detect(void);

#ifdef __cplusplus
}
#endif

#endif /* KCRYPTO_HARNESS_REGISTRY_H */
