/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Introspection and override of the implementation bound to each
 * primitive, for tests (KUnit, the debugfs test interface, the stress
 * client) and admins.  Kernel only.
 */
#ifndef _KCRYPTO_BINDINGS_H
#define _KCRYPTO_BINDINGS_H

#include <kcrypto/arch.h>

extern const char *const kcrypto_prim_names[KCRYPTO_NR_PRIMS];

/*
 * The arch descriptor bound to @prim now, with a reference on its module
 * (so it cannot be unplugged until kcrypto_arch_put()), or NULL when the
 * primitive runs generic code.
 */
const struct kcrypto_arch_desc *kcrypto_arch_get(enum kcrypto_prim prim);
void kcrypto_arch_put(const struct kcrypto_arch_desc *desc);

/*
 * Force generic code for the primitives in @mask (bit = 1 << prim).  Takes
 * effect for calls that start after it returns.  Returns the old mask.
 */
u32 kcrypto_force_generic_set(u32 mask);
u32 kcrypto_force_generic_get(void);

#endif /* _KCRYPTO_BINDINGS_H */
