// SPDX-License-Identifier: GPL-2.0
/*
 * ffp binding mode: arch modules plug their hook into a patchable function
 * pointer at init and unplug at exit, in any order relative to kcrypto.ko
 * (which depends on nothing; the arch modules depend on it).
 *
 * Grace on unplug: callers run a hook with preemption disabled
 * (kcrypto_hook_enter/exit in bind.h).  kcrypto_arch_unplug() first
 * retargets the call to the default (which returns false, so callers fall
 * back to generic), then calls synchronize_rcu().  A caller either read
 * the new target, or is inside a preempt-disabled section that began
 * before the update; synchronize_rcu() waits for all of those.  After it
 * returns no CPU executes, or can later enter, the old hook, and the arch
 * module's text may be freed.  Per-call cost: one preempt count increment
 * and decrement.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <kcrypto/bind.h>
#include <kcrypto/prims.h>

#include "kcrypto-internal.h"
#include "bind.h"

const char *const kcrypto_bind_mode = "ffp";

/* Loaded after kcrypto.ko by modprobe; a failing one is ignored by kmod. */
#ifdef KCRYPTO_ARCH_MODULES	/* set by Kbuild when this arch has any */
MODULE_SOFTDEP("post: " KCRYPTO_ARCH_MODULES);
#endif

bool kcrypto_chacha_hook_default(struct kcrypto_chacha_state *st,
				 u8 *dst,
				 const u8 *src,
				 size_t len,
				 int nrounds)
{
	return false;
}

bool kcrypto_poly1305_hook_default(struct kcrypto_poly1305_state *st,
				   const u8 *src,
				   size_t len,
				   u32 hibit)
{
	return false;
}

bool kcrypto_blake2s_hook_default(struct kcrypto_blake2s_ctx *ctx,
				  const u8 *block,
				  size_t nblocks,
				  u32 inc)
{
	return false;
}

bool kcrypto_x25519_hook_default(u8 out[KCRYPTO_X25519_KEY_SIZE],
				 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
				 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	return false;
}

DEFINE_FFP(kcrypto_chacha_hook);
DEFINE_FFP(kcrypto_poly1305_hook);
DEFINE_FFP(kcrypto_blake2s_hook);
DEFINE_FFP(kcrypto_x25519_hook);

/* The hook of each primitive, as a slot plug and unplug can retarget. */
static const struct ffp_slot kcrypto_hook_slots[KCRYPTO_NR_PRIMS] = {
	[KCRYPTO_CHACHA] = FFP_SLOT(kcrypto_chacha_hook),
	[KCRYPTO_POLY1305] = FFP_SLOT(kcrypto_poly1305_hook),
	[KCRYPTO_BLAKE2S] = FFP_SLOT(kcrypto_blake2s_hook),
	[KCRYPTO_X25519] = FFP_SLOT(kcrypto_x25519_hook),
};

/* Serialises plug/unplug and protects kcrypto_bound[]. */
static DEFINE_MUTEX(kcrypto_bind_lock);
static const struct kcrypto_arch_desc *kcrypto_bound[KCRYPTO_NR_PRIMS];

void kcrypto_bind_init(void)
{
}

const struct kcrypto_arch_desc *kcrypto_bind_get(enum kcrypto_prim prim)
{
	const struct kcrypto_arch_desc *desc;

	mutex_lock(&kcrypto_bind_lock);
	desc = kcrypto_bound[prim];
	if (desc && !try_module_get(desc->owner))
		desc = NULL;
	mutex_unlock(&kcrypto_bind_lock);
	return desc;
}

/**
 * kcrypto_arch_plug() - bind an arch module's hook (ffp mode)
 * @desc: the module's descriptor; its hook member for desc->prim is set
 *
 * Called from kcrypto_arch_init().  Calls that start after this returns
 * may run the hook.
 *
 * Return: 0, -EINVAL for a malformed descriptor, -EBUSY when another
 * module is bound to the primitive.
 */
int kcrypto_arch_plug(const struct kcrypto_arch_desc *desc)
{
	if (!desc || desc->prim >= KCRYPTO_NR_PRIMS || !desc->hook.any)
		return -EINVAL;
	mutex_lock(&kcrypto_bind_lock);
	if (kcrypto_bound[desc->prim]) {
		/*
		 * Print under the lock: the bound module's unplug takes it,
		 * so its descriptor and name stay valid until we drop it.
		 */
		pr_err("kcrypto: %s: %s already bound to %s\n", desc->name,
		       kcrypto_prim_names[desc->prim],
		       kcrypto_bound[desc->prim]->name);
		mutex_unlock(&kcrypto_bind_lock);
		return -EBUSY;
	}
	ffp_set(&kcrypto_hook_slots[desc->prim], desc->hook.any);
	kcrypto_bound[desc->prim] = desc;
	mutex_unlock(&kcrypto_bind_lock);
	pr_info("kcrypto: %s bound to %s\n", kcrypto_prim_names[desc->prim],
		desc->name);
	return 0;
}
EXPORT_SYMBOL_GPL(kcrypto_arch_plug);

/**
 * kcrypto_arch_unplug() - unbind an arch module's hook
 * @desc: the descriptor passed to kcrypto_arch_plug()
 *
 * Returns after no CPU can be running the hook any more (see the grace
 * comment at the top of this file).  A descriptor that is not bound is
 * ignored.
 */
void kcrypto_arch_unplug(const struct kcrypto_arch_desc *desc)
{
	mutex_lock(&kcrypto_bind_lock);
	if (desc->prim >= KCRYPTO_NR_PRIMS || kcrypto_bound[desc->prim] != desc) {
		mutex_unlock(&kcrypto_bind_lock);
		return;
	}
	ffp_reset(&kcrypto_hook_slots[desc->prim]);
	kcrypto_bound[desc->prim] = NULL;
	mutex_unlock(&kcrypto_bind_lock);
	synchronize_rcu();
	pr_info("kcrypto: %s unbound from %s\n", kcrypto_prim_names[desc->prim],
		desc->name);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_unplug);
