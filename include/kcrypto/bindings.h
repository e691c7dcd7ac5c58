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
 * A temporary pin that leaves other people's settings alone (the test
 * interface, kcrypto-test.ko): kcrypto_arch_override() pins core @idx
 * (thresholds off) and saves the selection it found; kcrypto_arch_restore()
 * puts that back (an admin's impl= pin or the automatic choice with
 * thresholds on, a test pin with them off), but only when nobody changed
 * the selection meanwhile, and says whether it did.
 */
struct kcrypto_arch_saved {
	int idx;		/* core found, -1: none */
	bool forced;		/* it was a test pin (thresholds off) */
	unsigned int gen;	/* the selector's change count after the pin */
};

int kcrypto_arch_override(const struct kcrypto_arch_desc *desc,
			  unsigned int idx, struct kcrypto_arch_saved *saved);
bool kcrypto_arch_restore(const struct kcrypto_arch_desc *desc,
			  const struct kcrypto_arch_saved *saved);

/*
 * Force generic code for the primitives in @mask (bit = 1 << prim).  Takes
 * effect for calls that start after it returns.  Returns the old mask.
 */
u32 kcrypto_force_generic_set(u32 mask);
u32 kcrypto_force_generic_get(void);

/*
 * The same for force_generic: add @add to the mask, saving the mask found;
 * restore it only if nobody (an admin writing the parameter) changed the
 * mask meanwhile.
 */
struct kcrypto_force_saved {
	u32 mask;		/* the mask found */
	unsigned int gen;	/* the mask's change count after the override */
};

void kcrypto_force_generic_override(u32 add, struct kcrypto_force_saved *saved);
bool kcrypto_force_generic_restore(const struct kcrypto_force_saved *saved);

#endif /* _KCRYPTO_BINDINGS_H */
