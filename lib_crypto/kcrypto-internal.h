/* SPDX-License-Identifier: GPL-2.0 */
/* Internal to kcrypto.ko: shared by main.c, dispatch.c and bind-*.c. */
#ifndef _KCRYPTO_INTERNAL_H
#define _KCRYPTO_INTERNAL_H

#include <linux/jump_label.h>
#include <kcrypto/bindings.h>

/* Enabled while any primitive is forced to generic. */
DECLARE_STATIC_KEY_FALSE(kcrypto_force_generic_key);
extern u32 kcrypto_force_generic_mask;

static __always_inline bool kcrypto_forced_generic(enum kcrypto_prim prim)
{
	return static_branch_unlikely(&kcrypto_force_generic_key) &&
	       (READ_ONCE(kcrypto_force_generic_mask) & BIT(prim));
}

/* Binding-mode glue (bind-weak.c or bind-ffp.c). */
extern const char *const kcrypto_bind_mode;
void kcrypto_bind_init(void);
const struct kcrypto_arch_desc *kcrypto_bind_get(enum kcrypto_prim prim);

#endif /* _KCRYPTO_INTERNAL_H */
