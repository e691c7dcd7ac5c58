/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Variant selection shared by every arch module (kernel only).
 *
 *	KCRYPTO_ARCH_VARIANTS(chacha, KCRYPTO_CHACHA, "kcrypto-chacha-x86_64");
 *
 *	const struct kcrypto_arch_desc kcrypto_chacha_arch_desc =
 *		KCRYPTO_ARCH_DESC(chacha, KCRYPTO_CHACHA);
 *	EXPORT_SYMBOL_GPL(kcrypto_chacha_arch_desc);
 *
 * The first line defines, for the core table kcrypto_chacha_cores[]
 * (include/kcrypto/cores.h):
 *   - module parameter cpu_mask (hex with or without "0x", load time;
 *     reads back as 0x...): KCRYPTO_CPU_* bits to treat as absent, to
 *     simulate a lesser CPU;
 *   - module parameter impl (0644): the variant in use; write a name to
 *     force it (thresholds stay on) or "auto".  Given at load time
 *     (insmod/modprobe.d), an unknown name refuses the load and a variant
 *     this CPU cannot run falls back to "auto" with a warning;
 *   - what the descriptor (used by kcrypto.ko and the tests) points to;
 *   - kcrypto_chacha_pick(): the core to run now, or NULL;
 *   - kcrypto_chacha_forced(): true while a test forced a variant through
 *     desc->select() (length thresholds off);
 *   - kcrypto_chacha_probe(): for KCRYPTO_ARCH_MODULE(), 0 or -ENODEV.
 *
 * The arch provides kcrypto_cpu_features() (arch/<arch>/cpu.h).  The glue
 * then defines the hook kcrypto_chacha_arch(), exports it, and ends with
 * KCRYPTO_ARCH_MODULE(chacha, kcrypto_chacha_probe) (kcrypto/bind.h).
 */
#ifndef _KCRYPTO_ARCH_GLUE_H
#define _KCRYPTO_ARCH_GLUE_H

#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <kcrypto/arch.h>
#include <kcrypto/cores.h>
#include <kcrypto/bind.h>

#define KCRYPTO_MAX_VARIANTS	8

#define KCRYPTO_ARCH_VARIANTS(prim, PRIM, modname)			\
static unsigned int cpu_mask;						\
									\
/* Hex, "0x" optional: "1f" and "0x1f" are both 0x1f. */		\
static int kcrypto_##prim##_cpu_mask_set(const char *val,		\
					 const struct kernel_param *kp)	\
{									\
	return kstrtouint(val, 16, kp->arg);				\
}									\
									\
static int kcrypto_##prim##_cpu_mask_get(char *buf,			\
					 const struct kernel_param *kp)	\
{									\
	return sysfs_emit(buf, "0x%x\n", *(unsigned int *)kp->arg);	\
}									\
									\
static const struct kernel_param_ops kcrypto_##prim##_cpu_mask_ops = {	\
	.set = kcrypto_##prim##_cpu_mask_set,				\
	.get = kcrypto_##prim##_cpu_mask_get,				\
};									\
module_param_cb(cpu_mask, &kcrypto_##prim##_cpu_mask_ops, &cpu_mask,	\
		0444);							\
MODULE_PARM_DESC(cpu_mask, "KCRYPTO_CPU_* bits to treat as absent, hex"); \
									\
static u32 kcrypto_##prim##_cpu;					\
static const struct kcrypto_##prim##_core *kcrypto_##prim##_cur;	\
static bool kcrypto_##prim##_test_mode;					\
static bool kcrypto_##prim##_probed;					\
static int kcrypto_##prim##_want = -1;	/* impl= given at load */	\
static const char *kcrypto_##prim##_names[KCRYPTO_MAX_VARIANTS + 1];	\
static DEFINE_MUTEX(kcrypto_##prim##_sel_lock);				\
static const char kcrypto_##prim##_modname[] = modname;			\
									\
static bool kcrypto_##prim##_usable(unsigned int idx)			\
{									\
	return idx < kcrypto_##prim##_nr_cores &&			\
	       !(kcrypto_##prim##_cores[idx].features &			\
		 ~kcrypto_##prim##_cpu);				\
}									\
									\
static int kcrypto_##prim##_select_locked(int idx, bool test_mode)	\
{									\
	unsigned int i;							\
									\
	if (idx >= (int)kcrypto_##prim##_nr_cores)			\
		return -EINVAL;						\
	if (idx >= 0 && !kcrypto_##prim##_usable(idx))			\
		return -ENODEV;						\
	if (idx < 0) {							\
		for (i = 0; i < kcrypto_##prim##_nr_cores; i++)		\
			if (kcrypto_##prim##_usable(i) &&		\
			    !kcrypto_##prim##_cores[i].experimental)	\
				break;					\
		WRITE_ONCE(kcrypto_##prim##_cur,			\
			   i < kcrypto_##prim##_nr_cores ?		\
			   &kcrypto_##prim##_cores[i] : NULL);		\
		test_mode = false;					\
	} else {							\
		WRITE_ONCE(kcrypto_##prim##_cur,			\
			   &kcrypto_##prim##_cores[idx]);		\
	}								\
	WRITE_ONCE(kcrypto_##prim##_test_mode, test_mode);		\
	return 0;							\
}									\
									\
static int kcrypto_##prim##_select(int idx)				\
{									\
	int err;							\
									\
	mutex_lock(&kcrypto_##prim##_sel_lock);				\
	err = kcrypto_##prim##_select_locked(idx, true);		\
	mutex_unlock(&kcrypto_##prim##_sel_lock);			\
	return err;							\
}									\
									\
static int kcrypto_##prim##_selected(void)				\
{									\
	const struct kcrypto_##prim##_core *c =				\
		READ_ONCE(kcrypto_##prim##_cur);			\
									\
	return c ? (int)(c - kcrypto_##prim##_cores) : -1;		\
}									\
									\
static inline const struct kcrypto_##prim##_core *			\
kcrypto_##prim##_pick(void)						\
{									\
	return READ_ONCE(kcrypto_##prim##_cur);				\
}									\
									\
static inline bool kcrypto_##prim##_forced(void)			\
{									\
	return READ_ONCE(kcrypto_##prim##_test_mode);			\
}									\
									\
									\
/* -1 for "auto", the core index, or -EINVAL for an unknown name. */	\
static int kcrypto_##prim##_lookup(const char *val)			\
{									\
	unsigned int i;							\
									\
	if (sysfs_streq(val, "auto"))					\
		return -1;						\
	for (i = 0; i < kcrypto_##prim##_nr_cores; i++)			\
		if (sysfs_streq(val, kcrypto_##prim##_cores[i].name))	\
			return i;					\
	return -EINVAL;							\
}									\
									\
static int kcrypto_##prim##_impl_set(const char *val,			\
				     const struct kernel_param *kp)	\
{									\
	int idx = kcrypto_##prim##_lookup(val);				\
	int err = 0;							\
									\
	if (idx == -EINVAL) {						\
		pr_err("%s: impl: unknown variant\n",			\
		       kcrypto_##prim##_modname);			\
		return -EINVAL;						\
	}								\
	mutex_lock(&kcrypto_##prim##_sel_lock);				\
	if (!kcrypto_##prim##_probed)	/* load time: CPU not read yet */ \
		kcrypto_##prim##_want = idx;				\
	else								\
		err = kcrypto_##prim##_select_locked(idx, false);	\
	mutex_unlock(&kcrypto_##prim##_sel_lock);			\
	if (err)							\
		pr_err("%s: impl: variant not usable on this CPU\n",	\
		       kcrypto_##prim##_modname);			\
	return err;							\
}									\
									\
static int kcrypto_##prim##_impl_get(char *buf,				\
				     const struct kernel_param *kp)	\
{									\
	const struct kcrypto_##prim##_core *c = kcrypto_##prim##_pick(); \
									\
	return sysfs_emit(buf, "%s\n", c ? c->name : "none");		\
}									\
									\
static const struct kernel_param_ops kcrypto_##prim##_impl_ops = {	\
	.set = kcrypto_##prim##_impl_set,				\
	.get = kcrypto_##prim##_impl_get,				\
};									\
module_param_cb(impl, &kcrypto_##prim##_impl_ops, NULL, 0644);		\
MODULE_PARM_DESC(impl, "variant in use; write a name or \"auto\"");	\
									\
static int kcrypto_##prim##_probe(void)					\
{									\
	unsigned int i;							\
									\
	BUILD_BUG_ON((PRIM) >= KCRYPTO_NR_PRIMS);			\
	if (WARN_ON(kcrypto_##prim##_nr_cores > KCRYPTO_MAX_VARIANTS))	\
		return -EINVAL;						\
	for (i = 0; i < kcrypto_##prim##_nr_cores; i++)			\
		kcrypto_##prim##_names[i] = kcrypto_##prim##_cores[i].name; \
	kcrypto_##prim##_cpu = kcrypto_cpu_features() & ~cpu_mask;	\
	mutex_lock(&kcrypto_##prim##_sel_lock);				\
	kcrypto_##prim##_probed = true;					\
	if (kcrypto_##prim##_want >= 0 &&				\
	    kcrypto_##prim##_select_locked(kcrypto_##prim##_want, false)) \
		pr_warn("%s: impl=%s not usable on this CPU, using auto\n", \
			kcrypto_##prim##_modname,			\
			kcrypto_##prim##_cores[kcrypto_##prim##_want].name); \
	if (kcrypto_##prim##_want < 0 || !kcrypto_##prim##_cur)	\
		kcrypto_##prim##_select_locked(-1, false);		\
	mutex_unlock(&kcrypto_##prim##_sel_lock);			\
	if (!kcrypto_##prim##_cur) {					\
		pr_info("%s: no usable variant, not loading\n",		\
			kcrypto_##prim##_modname);			\
		return -ENODEV;						\
	}								\
	pr_info("%s: using %s\n", kcrypto_##prim##_modname,		\
		kcrypto_##prim##_cur->name);				\
	return 0;							\
}

/* Initialiser for kcrypto_<prim>_arch_desc, see the example above. */
#define KCRYPTO_ARCH_DESC(name_, prim_) {				\
	.prim = (prim_),						\
	.name = kcrypto_##name_##_modname,				\
	.owner = THIS_MODULE,						\
	.variants = kcrypto_##name_##_names,				\
	.usable = kcrypto_##name_##_usable,				\
	.select = kcrypto_##name_##_select,				\
	.selected = kcrypto_##name_##_selected,				\
}

#endif /* _KCRYPTO_ARCH_GLUE_H */
