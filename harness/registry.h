/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Harness side of the dispatch points of lib_crypto/dispatch.h: which
 * implementation each primitive runs, and read access to the arch core
 * tables of include/kcrypto/cores.h (weak: a missing table is zero cores).
 *
 * Implementation index 0 is the generic code, index i > 0 is arch core
 * i - 1.  No CPU-feature check happens here: harness/impl.h does that with
 * the table functions of lib_crypto/core-table.c, the kernel's own rules.
 */
#ifndef KCRYPTO_HARNESS_REGISTRY_H
#define KCRYPTO_HARNESS_REGISTRY_H

#include <kcrypto/env.h>
#include <kcrypto/cores.h>
#include <kcrypto/prims.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The core table of @prim, or NULL when this arch links none. */
const struct kcrypto_core_table *kcrypto_harness_core_table(enum kcrypto_prim prim);

/* Route @prim to implementation @impl (0 generic, i > 0 core i - 1). */
void kcrypto_harness_set_impl(enum kcrypto_prim prim, int impl);
/* How many AEAD decryptions rejected their tag (kcrypto_aead_rejected()). */
unsigned long kcrypto_harness_aead_rejects(void);
int kcrypto_harness_get_impl(enum kcrypto_prim prim);

/*
 * Raw CPU features (KCRYPTO_CPU_* bits) before any KCRYPTO_CPU_MASK: the
 * userspace branch of kcrypto_cpu_features() in arch/<arch>/cpu.h (0 on an
 * arch without one).
 */
u32 kcrypto_harness_cpu_detect(void);

#ifdef __cplusplus
}
#endif

#endif /* KCRYPTO_HARNESS_REGISTRY_H */
