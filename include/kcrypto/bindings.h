/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Introspection and override of the implementation bound to each
 * primitive, for tests (KUnit, the debugfs test interface, the stress
 * client) and admins.  Kernel only.
 */
#ifndef _KCRYPTO_BINDINGS_H
#define _KCRYPTO_BINDINGS_H

#include <kcrypto/arch.h>

/*
 * The arch descriptor bound to @prim now, with a reference on its module
 * (so it cannot be unplugged until kcrypto_arch_put()), or NULL when the
 * primitive runs generic code.
 */
const struct kcrypto_arch_desc *kcrypto_arch_get(enum kcrypto_prim prim);
void kcrypto_arch_put(const struct kcrypto_arch_desc *desc);

/*
 * The cores of a bound arch module (lib_crypto/main.c): name of core @idx
 * (NULL past the last), whether this CPU can run it, pin one (@idx >= 0,
 * length thresholds off) or return to automatic choice (-1), and the
 * index in use (-1: none).
 */
const char *kcrypto_arch_variant(const struct kcrypto_arch_desc *desc,
				 unsigned int idx);
bool kcrypto_arch_usable(const struct kcrypto_arch_desc *desc,
			 unsigned int idx);
int kcrypto_arch_select(const struct kcrypto_arch_desc *desc, int idx);
int kcrypto_arch_selected(const struct kcrypto_arch_desc *desc);

/*
 * Force generic code for the primitives in @mask (bit = 1 << prim).  Takes
 * effect for calls that start after it returns.  Returns the old mask.
 */
u32 kcrypto_force_generic_set(u32 mask);
u32 kcrypto_force_generic_get(void);

#endif /* _KCRYPTO_BINDINGS_H */
