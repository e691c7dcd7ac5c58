/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which core of its table an arch module runs (kernel only).  One
 * selector per arch module, defined in its glue file; the code is
 * lib_crypto/select.c, written once for every primitive.
 *
 *	KCRYPTO_DEFINE_SELECTOR(kcrypto_chacha_sel, &kcrypto_chacha_core_table,
 *				"kcrypto-chacha-x86_64");
 *
 * defines the selector kcrypto_chacha_sel and the module's two parameters
 * on it (no functions: those are in lib_crypto/select.c):
 *
 * The hook reads kcrypto_selector_current() on every call: the core in
 * use, or NULL (then the library runs generic code).  impl= and the tests
 * change it under @lock.  A test that pins a core for a while saves what
 * it found (kcrypto_selector_override()) and puts it back only if nobody
 * changed the selection meanwhile (kcrypto_selector_restore(), by @gen).
 *
 *   impl (0644)     the core in use; write a name to pin it (length
 *                   thresholds stay on) or "auto".  At load time an
 *                   unknown name refuses the load; a core this CPU cannot
 *                   run falls back to "auto" with a warning.
 *   cpu_mask (0444) KCRYPTO_CPU_* bits to treat as absent, hex with or
 *                   without "0x", load time only: simulates a lesser CPU.
 */
#ifndef _KCRYPTO_SELECT_H
#define _KCRYPTO_SELECT_H

#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <kcrypto/cores.h>

struct kcrypto_arch_desc;
struct kcrypto_arch_saved;

struct kcrypto_selector {
	const struct kcrypto_core_table *table;
	const char *name;		/* module name, for messages */
	struct mutex lock;		/* serialises changes of the fields below */
	u32 cpu_mask;			/* parameter cpu_mask */
	u32 cpu;			/* CPU features minus cpu_mask, at probe */
	const struct kcrypto_impl *cur;	/* core in use, NULL: none */
	bool forced;			/* a test pinned @cur: no thresholds */
	bool probed;			/* @cpu is known */
	int want;			/* impl= given before probe; -1: auto */
	unsigned int gen;		/* changes of @cur/@forced so far */
};

#define KCRYPTO_SELECTOR_INIT(sel, table_, name_) {			\
	.table = (table_),						\
	.name = (name_),						\
	.lock = __MUTEX_INITIALIZER((sel).lock),			\
	.want = -1,							\
}

/* The selector @sel of a module and its parameters impl and cpu_mask. */
#define KCRYPTO_DEFINE_SELECTOR(sel, table_, name_)			\
	static struct kcrypto_selector sel =				\
		KCRYPTO_SELECTOR_INIT(sel, table_, name_);		\
	module_param_cb(impl, &kcrypto_impl_param_ops, &(sel), 0644);	\
	MODULE_PARM_DESC(impl, "variant in use; write a name or \"auto\""); \
	module_param_cb(cpu_mask, &kcrypto_cpu_mask_param_ops, &(sel), 0444); \
	MODULE_PARM_DESC(cpu_mask, "KCRYPTO_CPU_* bits to treat as absent, hex")

/* The core in use, or NULL: called by the hook on every call. */
static inline const struct kcrypto_impl *
kcrypto_selector_current(const struct kcrypto_selector *sel)
{
	return READ_ONCE(sel->cur);
}

/* True while a test pinned the core: the hook skips its length thresholds. */
static inline bool kcrypto_selector_forced(const struct kcrypto_selector *sel)
{
	return READ_ONCE(sel->forced);
}

int kcrypto_selector_probe(struct kcrypto_selector *sel, u32 cpu);
int kcrypto_selector_select(struct kcrypto_selector *sel, int idx, bool forced);
int kcrypto_selector_selected(const struct kcrypto_selector *sel);
bool kcrypto_selector_usable(const struct kcrypto_selector *sel,
			     unsigned int idx);
int kcrypto_selector_override(struct kcrypto_selector *sel, unsigned int idx,
			      struct kcrypto_arch_saved *saved);
bool kcrypto_selector_restore(struct kcrypto_selector *sel,
			      const struct kcrypto_arch_saved *saved);

extern const struct kernel_param_ops kcrypto_impl_param_ops;
extern const struct kernel_param_ops kcrypto_cpu_mask_param_ops;

/*
 * An arch module's init and exit: probe the CPU (-ENODEV: no usable core,
 * the module is not loaded) and, in ffp mode, plug the hook into
 * kcrypto.ko; exit unplugs it.
 */
int kcrypto_arch_init(const struct kcrypto_arch_desc *desc, u32 cpu);
void kcrypto_arch_exit(const struct kcrypto_arch_desc *desc);

#endif /* _KCRYPTO_SELECT_H */
