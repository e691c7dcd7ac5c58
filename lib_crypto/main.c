// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto.ko: module init, the force_generic override, and introspection
 * (/sys/kernel/debug/kcrypto/bindings).  The crypto lives in the other
 * lib_crypto/ files; dispatch.c routes each call, bind-{weak,ffp}.c binds
 * the arch modules.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/mutex.h>

#include <kcrypto/select.h>

#include "kcrypto-internal.h"
#include "aead.h"

DEFINE_STATIC_KEY_FALSE(kcrypto_force_generic_key);
u32 kcrypto_force_generic_mask;
static DEFINE_MUTEX(kcrypto_force_lock);
static unsigned int kcrypto_force_gen;	/* changes of the mask so far */
static bool kcrypto_live;	/* static key usable (module initialised) */

#define KCRYPTO_ALL_PRIMS	(BIT(KCRYPTO_NR_PRIMS) - 1)

static void kcrypto_force_sync_key(void)
{
	if (!kcrypto_live)
		return;
	if (kcrypto_force_generic_mask)
		static_branch_enable(&kcrypto_force_generic_key);
	else
		static_branch_disable(&kcrypto_force_generic_key);
}

/* Under kcrypto_force_lock.  Every call counts as a change. */
static void kcrypto_force_set_locked(u32 mask)
{
	mask &= KCRYPTO_ALL_PRIMS;
	if (mask != kcrypto_force_generic_mask) {
		WRITE_ONCE(kcrypto_force_generic_mask, mask);
		kcrypto_force_sync_key();
	}
	kcrypto_force_gen++;
}

/**
 * kcrypto_force_generic_set() - force generic code for some primitives
 * @mask: bit (1 << prim) set for each primitive to force generic
 *
 * Calls that start after this returns obey @mask.  Return: the old mask.
 */
u32 kcrypto_force_generic_set(u32 mask)
{
	u32 old;

	mutex_lock(&kcrypto_force_lock);
	old = kcrypto_force_generic_mask;
	kcrypto_force_set_locked(mask);
	mutex_unlock(&kcrypto_force_lock);
	return old;
}
EXPORT_SYMBOL_GPL(kcrypto_force_generic_set);

/**
 * kcrypto_force_generic_override() - force generic code for a test, saving the mask
 * @add: primitives to add to the mask (bit = 1 << prim)
 * @saved: filled with the mask found and the change count after the
 *	override, for kcrypto_force_generic_restore()
 */
void kcrypto_force_generic_override(u32 add, struct kcrypto_force_saved *saved)
{
	mutex_lock(&kcrypto_force_lock);
	saved->mask = kcrypto_force_generic_mask;
	kcrypto_force_set_locked(saved->mask | add);
	saved->gen = kcrypto_force_gen;
	mutex_unlock(&kcrypto_force_lock);
}
EXPORT_SYMBOL_GPL(kcrypto_force_generic_override);

/**
 * kcrypto_force_generic_restore() - undo kcrypto_force_generic_override()
 * @saved: what the override found
 *
 * Puts the mask found back, but only when nothing changed the mask since
 * the override: a later change (the force_generic parameter written by an
 * admin, another test) stands.
 *
 * Return: true when restored, false when a later change was left in place.
 */
bool kcrypto_force_generic_restore(const struct kcrypto_force_saved *saved)
{
	bool same;

	mutex_lock(&kcrypto_force_lock);
	same = kcrypto_force_gen == saved->gen;
	if (same)
		kcrypto_force_set_locked(saved->mask);
	mutex_unlock(&kcrypto_force_lock);
	return same;
}
EXPORT_SYMBOL_GPL(kcrypto_force_generic_restore);

/**
 * kcrypto_force_generic_get() - the current force-generic mask
 */
u32 kcrypto_force_generic_get(void)
{
	return READ_ONCE(kcrypto_force_generic_mask);
}
EXPORT_SYMBOL_GPL(kcrypto_force_generic_get);

/* force_generic=none|all|prim[,prim...] */
static int kcrypto_force_param_set(const char *val,
				   const struct kernel_param *kp)
{
	char buf[64], *cur, *tok;
	u32 mask = 0;
	unsigned int i;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		goto bad;
	cur = strim(buf);
	if (!strcmp(cur, "all")) {
		mask = KCRYPTO_ALL_PRIMS;
	} else if (strcmp(cur, "none") && *cur) {
		while ((tok = strsep(&cur, ","))) {
			for (i = 0; i < KCRYPTO_NR_PRIMS; i++)
				if (!strcmp(strim(tok), kcrypto_prim_names[i]))
					break;
			if (i == KCRYPTO_NR_PRIMS)
				goto bad;
			mask |= BIT(i);
		}
	}
	kcrypto_force_generic_set(mask);
	return 0;
bad:
	pr_info("kcrypto: force_generic: expected none, all or a list of chacha,poly1305,blake2s,x25519\n");
	return -EINVAL;
}

static int kcrypto_force_param_get(char *buf, const struct kernel_param *kp)
{
	u32 mask = kcrypto_force_generic_get();
	unsigned int i;
	int len = 0;

	if (!mask)
		return sysfs_emit(buf, "none\n");
	if (mask == KCRYPTO_ALL_PRIMS)
		return sysfs_emit(buf, "all\n");
	for (i = 0; i < KCRYPTO_NR_PRIMS; i++)
		if (mask & BIT(i))
			len += sysfs_emit_at(buf, len, "%s%s", len ? "," : "",
					     kcrypto_prim_names[i]);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static const struct kernel_param_ops kcrypto_force_param_ops = {
	.set = kcrypto_force_param_set,
	.get = kcrypto_force_param_get,
};
module_param_cb(force_generic, &kcrypto_force_param_ops, NULL, 0644);
MODULE_PARM_DESC(force_generic,
		 "run generic code for: none, all, or chacha,poly1305,blake2s,x25519");

static int kcrypto_mode_param_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", kcrypto_bind_mode);
}

/*
 * Read-only, but the loader calls ->set for a value given at load time
 * (insmod kcrypto.ko bind_mode=...) whatever the mode bits say: refuse it.
 */
static int kcrypto_mode_param_set(const char *val,
				  const struct kernel_param *kp)
{
	pr_info("kcrypto: bind_mode is read-only (chosen at build time)\n");
	return -EPERM;
}

static const struct kernel_param_ops kcrypto_mode_param_ops = {
	.set = kcrypto_mode_param_set,
	.get = kcrypto_mode_param_get,
};
module_param_cb(bind_mode, &kcrypto_mode_param_ops, NULL, 0444);
MODULE_PARM_DESC(bind_mode, "binding mode this module was built with");

/**
 * kcrypto_arch_get() - the arch module bound to a primitive, pinned
 * @prim: the primitive
 *
 * Return: its descriptor with a reference on its module (release with
 * kcrypto_arch_put()), or NULL when the primitive runs generic code.
 */
const struct kcrypto_arch_desc *kcrypto_arch_get(enum kcrypto_prim prim)
{
	if (prim >= KCRYPTO_NR_PRIMS)
		return NULL;
	return kcrypto_bind_get(prim);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_get);

/**
 * kcrypto_arch_put() - release kcrypto_arch_get()'s reference
 * @desc: descriptor, may be NULL
 */
void kcrypto_arch_put(const struct kcrypto_arch_desc *desc)
{
	if (desc)
		module_put(desc->owner);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_put);

/**
 * kcrypto_arch_variant() - name of core @idx of an arch module
 * @desc: descriptor from kcrypto_arch_get()
 * @idx: core index, best first
 *
 * Return: the name, or NULL past the last core.
 */
const char *kcrypto_arch_variant(const struct kcrypto_arch_desc *desc,
				 unsigned int idx)
{
	const struct kcrypto_impl *impl = kcrypto_core_at(desc->sel->table, idx);

	return impl ? impl->name : NULL;
}
EXPORT_SYMBOL_GPL(kcrypto_arch_variant);

/**
 * kcrypto_arch_usable() - can this CPU (after cpu_mask) run core @idx?
 * @desc: descriptor from kcrypto_arch_get()
 * @idx: core index
 */
bool kcrypto_arch_usable(const struct kcrypto_arch_desc *desc,
			 unsigned int idx)
{
	return kcrypto_selector_usable(desc->sel, idx);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_usable);

/**
 * kcrypto_arch_select() - choose the core an arch module runs (tests)
 * @desc: descriptor from kcrypto_arch_get()
 * @idx: core index, pinned with the module's length thresholds off, so
 *	tests reach the SIMD code with short inputs; or -1 for the
 *	automatic choice with thresholds on
 *
 * Return: 0, -ENODEV when the core cannot run here, -EINVAL past the table.
 */
int kcrypto_arch_select(const struct kcrypto_arch_desc *desc, int idx)
{
	return kcrypto_selector_select(desc->sel, idx, idx >= 0);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_select);

/**
 * kcrypto_arch_override() - pin a core of an arch module for a test
 * @desc: descriptor from kcrypto_arch_get()
 * @idx: core index, pinned with the module's length thresholds off
 * @saved: filled with the selection found (core, and whether it was a test
 *	pin or an admin's choice) for kcrypto_arch_restore()
 *
 * Return: 0, -ENODEV when the core cannot run here, -EINVAL past the table.
 */
int kcrypto_arch_override(const struct kcrypto_arch_desc *desc,
			  unsigned int idx, struct kcrypto_arch_saved *saved)
{
	return kcrypto_selector_override(desc->sel, idx, saved);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_override);

/**
 * kcrypto_arch_restore() - undo kcrypto_arch_override()
 * @desc: the same descriptor
 * @saved: what the override found
 *
 * Return: true when the selection found is back, false when someone
 * changed the selection meanwhile (an admin's impl=): that change stands.
 */
bool kcrypto_arch_restore(const struct kcrypto_arch_desc *desc,
			  const struct kcrypto_arch_saved *saved)
{
	return kcrypto_selector_restore(desc->sel, saved);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_restore);

/**
 * kcrypto_arch_selected() - index of the core in use, -1 for none
 * @desc: descriptor from kcrypto_arch_get()
 */
int kcrypto_arch_selected(const struct kcrypto_arch_desc *desc)
{
	return kcrypto_selector_selected(desc->sel);
}
EXPORT_SYMBOL_GPL(kcrypto_arch_selected);

static void kcrypto_show_binding(struct seq_file *m, enum kcrypto_prim prim)
{
	const struct kcrypto_arch_desc *desc = kcrypto_arch_get(prim);
	const char *sep = "";
	int cur, i, n = 0;

	seq_printf(m, "%s bound=%s", kcrypto_prim_names[prim],
		   desc ? desc->name : "generic");
	if (!desc) {
		seq_puts(m, " variant=- usable=-");
	} else {
		cur = kcrypto_arch_selected(desc);
		seq_printf(m, " variant=%s usable=",
			   cur >= 0 ? kcrypto_arch_variant(desc, cur) : "-");
		for (i = 0; kcrypto_arch_variant(desc, i); i++) {
			if (!kcrypto_arch_usable(desc, i))
				continue;
			seq_printf(m, "%s%s", sep, kcrypto_arch_variant(desc, i));
			sep = ",";
			n++;
		}
		if (!n)
			seq_puts(m, "-");
	}
	seq_printf(m, " forced_generic=%d\n",
		   !!(kcrypto_force_generic_get() & BIT(prim)));
	kcrypto_arch_put(desc);
}

static int kcrypto_bindings_show(struct seq_file *m, void *v)
{
	unsigned int i;

	for (i = 0; i < KCRYPTO_NR_PRIMS; i++)
		kcrypto_show_binding(m, i);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(kcrypto_bindings);

static struct dentry *kcrypto_debugfs;

/*
 * Decryptions (flat and scatterlist, ChaCha20- and XChaCha20-Poly1305)
 * whose tag did not match, since load: debugfs kcrypto/aead_rejected.  A
 * tunnel on kcrypto reads it to count packets that failed authentication
 * (WireGuard drops them without a counter of its own).
 */
static atomic_long_t kcrypto_aead_rejects = ATOMIC_LONG_INIT(0);

void kcrypto_aead_rejected(void)
{
	atomic_long_inc(&kcrypto_aead_rejects);
}

static int kcrypto_aead_rejected_get(void *data, u64 *val)
{
	*val = atomic_long_read(&kcrypto_aead_rejects);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(kcrypto_aead_rejected_fops, kcrypto_aead_rejected_get,
			 NULL, "%llu\n");

static int __init kcrypto_init(void)
{
	kcrypto_bind_init();
	mutex_lock(&kcrypto_force_lock);
	kcrypto_live = true;
	kcrypto_force_sync_key();
	mutex_unlock(&kcrypto_force_lock);

	kcrypto_debugfs = debugfs_create_dir("kcrypto", NULL);
	debugfs_create_file("bindings", 0400, kcrypto_debugfs, NULL,
			    &kcrypto_bindings_fops);
	debugfs_create_file_unsafe("aead_rejected", 0400, kcrypto_debugfs, NULL,
				   &kcrypto_aead_rejected_fops);
	pr_info("kcrypto: loaded (%s binding)\n", kcrypto_bind_mode);
	return 0;
}
module_init(kcrypto_init);

static void __exit kcrypto_exit(void)
{
	/*
	 * kcrypto-test.ko adds its "test" file here; it uses this module's
	 * symbols, so it is unloaded, its file removed, before this runs.
	 */
	debugfs_remove_recursive(kcrypto_debugfs);
}
module_exit(kcrypto_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto: ChaCha20, Poly1305, (X)ChaCha20-Poly1305, BLAKE2s, X25519 library");
MODULE_AUTHOR("kcrypto developers");
