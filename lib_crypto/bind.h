/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How dispatch.c reaches an arch hook, per binding mode (Kbuild defines
 * KCRYPTO_BIND_FFP for BIND=ffp):
 *
 *   kcrypto_hook_call(prim, args...)  true when the arch hook did the work
 *   kcrypto_hook_enter/exit()         bracket one hook call
 *
 * weak: a null test of the weak symbol plus a direct call.  The arch module
 *       cannot go away while kcrypto.ko is loaded (the resolved reference
 *       pins it), so enter/exit are empty.
 * ffp:  a call through a patchable function pointer whose default returns
 *       false.  enter/exit disable preemption: unplug retargets the pointer
 *       and then waits with synchronize_rcu(), which returns only after
 *       every preempt-disabled section that could still be running (or
 *       about to run) the old target has finished.  Calls are at most
 *       KCRYPTO_SIMD_CHUNK bytes, so preemption stays bounded.
 */
#ifndef _KCRYPTO_BIND_H
#define _KCRYPTO_BIND_H

#include <linux/preempt.h>
#include <kcrypto/arch.h>

#ifdef KCRYPTO_BIND_FFP

#include "../ffp/ffp.h"

/* The default targets: "not handled", so callers run generic code. */
kcrypto_chacha_arch_fn kcrypto_chacha_hook_default;
kcrypto_poly1305_arch_fn kcrypto_poly1305_hook_default;
kcrypto_blake2s_arch_fn kcrypto_blake2s_hook_default;
kcrypto_x25519_arch_fn kcrypto_x25519_hook_default;

DECLARE_FFP(kcrypto_chacha_hook);
DECLARE_FFP(kcrypto_poly1305_hook);
DECLARE_FFP(kcrypto_blake2s_hook);
DECLARE_FFP(kcrypto_x25519_hook);

#define kcrypto_hook_call(prim, ...)	FFP_CALL(kcrypto_##prim##_hook)(__VA_ARGS__)
#define kcrypto_hook_enter()		preempt_disable()
#define kcrypto_hook_exit()		preempt_enable()

#else /* weak */

#include <kcrypto/weak.h>

/* Resolved by the module loader only if the arch module is already loaded. */
extern kcrypto_chacha_arch_fn kcrypto_chacha_arch __weak;
extern kcrypto_poly1305_arch_fn kcrypto_poly1305_arch __weak;
extern kcrypto_blake2s_arch_fn kcrypto_blake2s_arch __weak;
extern kcrypto_x25519_arch_fn kcrypto_x25519_arch __weak;
extern const struct kcrypto_arch_desc kcrypto_chacha_arch_desc __weak;
extern const struct kcrypto_arch_desc kcrypto_poly1305_arch_desc __weak;
extern const struct kcrypto_arch_desc kcrypto_blake2s_arch_desc __weak;
extern const struct kcrypto_arch_desc kcrypto_x25519_arch_desc __weak;

#define kcrypto_hook_call(prim, ...)					\
	(kcrypto_weak_addr(kcrypto_##prim##_arch) &&			\
	 kcrypto_##prim##_arch(__VA_ARGS__))
#define kcrypto_hook_enter()		do { } while (0)
#define kcrypto_hook_exit()		do { } while (0)

#endif /* KCRYPTO_BIND_FFP */

#endif /* _KCRYPTO_BIND_H */
