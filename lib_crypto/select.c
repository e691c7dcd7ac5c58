// SPDX-License-Identifier: GPL-2.0
/*
 * Core selection for the arch modules, written once for every primitive
 * over a core table (include/kcrypto/select.h).  Kbuild links a copy into
 * every arch module (which in weak mode must not depend on kcrypto.ko) and
 * one into kcrypto.ko, whose kcrypto_arch_select() and friends act on an
 * arch module's selector for the tests.  Nothing here is exported.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <kcrypto/arch.h>
#include <kcrypto/bind.h>
#include <kcrypto/bindings.h>
#include <kcrypto/select.h>

/* Make @idx (or, for -1, the automatic choice) current; under @sel->lock. */
static int kcrypto_selector_set_locked(struct kcrypto_selector *sel, int idx,
				       bool forced)
{
	if (idx >= (int)sel->table->count)
		return -EINVAL;
	if (idx >= 0 && !kcrypto_core_usable(sel->table, idx, sel->cpu))
		return -ENODEV;
	if (idx < 0) {
		idx = kcrypto_core_best(sel->table, sel->cpu);
		forced = false;
	}
	WRITE_ONCE(sel->cur, kcrypto_core_at(sel->table, idx));
	WRITE_ONCE(sel->forced, forced);
	sel->gen++;
	return 0;
}

/**
 * kcrypto_selector_select() - choose the core an arch module runs
 * @sel: the module's selector
 * @idx: core index, or -1 for the automatic choice
 * @forced: pin @idx with the hook's length thresholds off (tests)
 *
 * Return: 0, -EINVAL for an index past the table, -ENODEV for a core this
 * CPU (after cpu_mask) cannot run.
 */
int kcrypto_selector_select(struct kcrypto_selector *sel, int idx, bool forced)
{
	int err;

	mutex_lock(&sel->lock);
	err = kcrypto_selector_set_locked(sel, idx, forced);
	mutex_unlock(&sel->lock);
	return err;
}

/**
 * kcrypto_selector_selected() - index of the core in use, -1 for none
 * @sel: the module's selector
 */
int kcrypto_selector_selected(const struct kcrypto_selector *sel)
{
	return kcrypto_core_index(sel->table, kcrypto_selector_current(sel));
}

/**
 * kcrypto_selector_usable() - can this CPU (after cpu_mask) run core @idx?
 * @sel: the module's selector
 * @idx: core index
 */
bool kcrypto_selector_usable(const struct kcrypto_selector *sel,
			     unsigned int idx)
{
	return kcrypto_core_usable(sel->table, idx, READ_ONCE(sel->cpu));
}

/**
 * kcrypto_selector_override() - pin a core for a test, saving the selection
 * @sel: the module's selector
 * @idx: core index, pinned with the hook's length thresholds off
 * @saved: filled with the core in use, whether that was a test pin or an
 *	admin's choice, and the change count after the pin, for
 *	kcrypto_selector_restore()
 *
 * Return: 0, -EINVAL for an index past the table, -ENODEV for a core this
 * CPU (after cpu_mask) cannot run; on error nothing changed and @saved is
 * not filled.
 */
int kcrypto_selector_override(struct kcrypto_selector *sel, unsigned int idx,
			      struct kcrypto_arch_saved *saved)
{
	const struct kcrypto_impl *cur;
	bool forced;
	int err;

	if (idx > INT_MAX)
		return -EINVAL;
	mutex_lock(&sel->lock);
	cur = sel->cur;
	forced = sel->forced;
	err = kcrypto_selector_set_locked(sel, idx, true);
	if (!err) {
		saved->idx = kcrypto_core_index(sel->table, cur);
		saved->forced = forced;
		saved->gen = sel->gen;
	}
	mutex_unlock(&sel->lock);
	return err;
}

/**
 * kcrypto_selector_restore() - undo kcrypto_selector_override()
 * @sel: the module's selector
 * @saved: what the override found
 *
 * Puts back the core found and its kind of pin (a test's, thresholds off;
 * an admin's impl= or the automatic choice, thresholds on), but only when
 * nothing changed the selection since the override: a later change (an
 * admin's impl= write, another test) stands.
 *
 * Return: true when restored, false when a later change was left in place.
 */
bool kcrypto_selector_restore(struct kcrypto_selector *sel,
			      const struct kcrypto_arch_saved *saved)
{
	bool same;

	mutex_lock(&sel->lock);
	same = sel->gen == saved->gen;
	if (same) {
		WRITE_ONCE(sel->cur, saved->idx < 0 ? NULL :
			   kcrypto_core_at(sel->table, saved->idx));
		WRITE_ONCE(sel->forced, saved->forced);
		sel->gen++;
	}
	mutex_unlock(&sel->lock);
	return same;
}

/**
 * kcrypto_selector_probe() - read the CPU and make the first choice
 * @sel: the module's selector
 * @cpu: KCRYPTO_CPU_* bits of this CPU (kcrypto_cpu_features())
 *
 * Applies an impl= given at load time, or the automatic choice.
 *
 * Return: 0, or -ENODEV when no core can run here (the module refuses to
 * load, so it is never resident on such a CPU).
 */
int kcrypto_selector_probe(struct kcrypto_selector *sel, u32 cpu)
{
	int err = 0;

	mutex_lock(&sel->lock);
	sel->cpu = cpu & ~sel->cpu_mask;
	sel->probed = true;
	if (sel->want >= 0 &&
	    kcrypto_selector_set_locked(sel, sel->want, false))
		pr_warn("%s: impl=%s not usable on this CPU, using auto\n",
			sel->name, kcrypto_core_at(sel->table, sel->want)->name);
	if (sel->want < 0 || !sel->cur)
		kcrypto_selector_set_locked(sel, -1, false);
	if (sel->cur)
		pr_info("%s: using %s\n", sel->name, sel->cur->name);
	else
		err = -ENODEV;
	mutex_unlock(&sel->lock);
	if (err)
		pr_info("%s: no usable variant, not loading\n", sel->name);
	return err;
}

/* impl=: "auto" or a core name.  kp->arg is the selector. */
static int kcrypto_impl_param_set(const char *val,
				  const struct kernel_param *kp)
{
	struct kcrypto_selector *sel = kp->arg;
	char buf[32], *name;
	int idx, err = 0;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		goto unknown;
	name = strim(buf);
	idx = strcmp(name, "auto") ? kcrypto_core_find(sel->table, name) : -1;
	if (idx < 0 && strcmp(name, "auto"))
		goto unknown;
	mutex_lock(&sel->lock);
	if (!sel->probed)	/* load time: the CPU is not read yet */
		sel->want = idx;
	else
		err = kcrypto_selector_set_locked(sel, idx, false);
	mutex_unlock(&sel->lock);
	if (err)
		pr_err("%s: impl: variant not usable on this CPU\n", sel->name);
	return err;
unknown:
	pr_err("%s: impl: unknown variant\n", sel->name);
	return -EINVAL;
}

static int kcrypto_impl_param_get(char *buf, const struct kernel_param *kp)
{
	const struct kcrypto_impl *cur = kcrypto_selector_current(kp->arg);

	return sysfs_emit(buf, "%s\n", cur ? cur->name : "none");
}

const struct kernel_param_ops kcrypto_impl_param_ops = {
	.set = kcrypto_impl_param_set,
	.get = kcrypto_impl_param_get,
};

/* cpu_mask=: hex, "0x" optional ("1f" and "0x1f" are both 0x1f). */
static int kcrypto_cpu_mask_param_set(const char *val,
				      const struct kernel_param *kp)
{
	struct kcrypto_selector *sel = kp->arg;

	return kstrtouint(val, 16, &sel->cpu_mask);
}

static int kcrypto_cpu_mask_param_get(char *buf,
				      const struct kernel_param *kp)
{
	const struct kcrypto_selector *sel = kp->arg;

	return sysfs_emit(buf, "0x%x\n", sel->cpu_mask);
}

const struct kernel_param_ops kcrypto_cpu_mask_param_ops = {
	.set = kcrypto_cpu_mask_param_set,
	.get = kcrypto_cpu_mask_param_get,
};

/**
 * kcrypto_arch_init() - an arch module's module_init
 * @desc: the module's descriptor
 * @cpu: KCRYPTO_CPU_* bits of this CPU
 *
 * Return: 0; -ENODEV when no core can run here; in ffp mode, an error of
 * kcrypto_arch_plug() (-EBUSY: another module is bound).
 */
int kcrypto_arch_init(const struct kcrypto_arch_desc *desc, u32 cpu)
{
	int err = kcrypto_selector_probe(desc->sel, cpu);

	if (err || !kcrypto_bind_is_ffp())
		return err;
	return kcrypto_arch_plug(desc);
}

/**
 * kcrypto_arch_exit() - an arch module's module_exit
 * @desc: the module's descriptor
 *
 * In ffp mode, returns only after no CPU can be running the hook.
 */
void kcrypto_arch_exit(const struct kcrypto_arch_desc *desc)
{
	if (kcrypto_bind_is_ffp())
		kcrypto_arch_unplug(desc);
}
