/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How dispatch.c reaches an arch hook, per binding mode (Kbuild defines
 * KCRYPTO_BIND_FFP for BIND=ffp).  One function per primitive,
 * kcrypto_<prim>_call_arch(), true when the arch hook did the work:
 *
 * weak: a null test of the weak symbol plus a direct call.  The arch module
 *       cannot go away while kcrypto.ko is loaded (the resolved reference
 *       pins it), so no grace period is needed.
 * ffp:  a call through a patchable function pointer whose default returns
 *       false, with preemption disabled: unplug retargets the pointer and
 *       then waits with synchronize_rcu(), which returns only after every
 *       preempt-disabled section that could still be running (or about to
 *       run) the old target has finished (lib_crypto/bind-ffp.c).  Calls
 *       are at most KCRYPTO_SIMD_CHUNK bytes, so preemption stays bounded.
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

static __always_inline bool
kcrypto_chacha_call_arch(struct kcrypto_chacha_state *st, u8 *dst,
			 const u8 *src, size_t len, int nrounds)
{
	bool done;

	preempt_disable();
	done = FFP_CALL(kcrypto_chacha_hook)(st, dst, src, len, nrounds);
	preempt_enable();
	return done;
}

static __always_inline bool
kcrypto_poly1305_call_arch(struct kcrypto_poly1305_state *st, const u8 *src,
			   size_t len, u32 hibit)
{
	bool done;

	preempt_disable();
	done = FFP_CALL(kcrypto_poly1305_hook)(st, src, len, hibit);
	preempt_enable();
	return done;
}

static __always_inline bool
kcrypto_blake2s_call_arch(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			  size_t nblocks, u32 inc)
{
	bool done;

	preempt_disable();
	done = FFP_CALL(kcrypto_blake2s_hook)(ctx, block, nblocks, inc);
	preempt_enable();
	return done;
}

static __always_inline bool
kcrypto_x25519_call_arch(u8 out[KCRYPTO_X25519_KEY_SIZE],
			 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	bool done;

	preempt_disable();
	done = FFP_CALL(kcrypto_x25519_hook)(out, scalar, point);
	preempt_enable();
	return done;
}

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

static __always_inline bool
kcrypto_chacha_call_arch(struct kcrypto_chacha_state *st, u8 *dst,
			 const u8 *src, size_t len, int nrounds)
{
	return kcrypto_weak_addr(kcrypto_chacha_arch) &&
	       kcrypto_chacha_arch(st, dst, src, len, nrounds);
}

static __always_inline bool
kcrypto_poly1305_call_arch(struct kcrypto_poly1305_state *st, const u8 *src,
			   size_t len, u32 hibit)
{
	return kcrypto_weak_addr(kcrypto_poly1305_arch) &&
	       kcrypto_poly1305_arch(st, src, len, hibit);
}

static __always_inline bool
kcrypto_blake2s_call_arch(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			  size_t nblocks, u32 inc)
{
	return kcrypto_weak_addr(kcrypto_blake2s_arch) &&
	       kcrypto_blake2s_arch(ctx, block, nblocks, inc);
}

static __always_inline bool
kcrypto_x25519_call_arch(u8 out[KCRYPTO_X25519_KEY_SIZE],
			 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	return kcrypto_weak_addr(kcrypto_x25519_arch) &&
	       kcrypto_x25519_arch(out, scalar, point);
}

#endif /* KCRYPTO_BIND_FFP */

#endif /* _KCRYPTO_BIND_H */
