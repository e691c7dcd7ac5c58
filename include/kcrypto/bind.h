/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The binding glue of an arch module, the only part that differs between
 * BIND=weak and BIND=ffp.  An arch glue file ends with
 *
 *	KCRYPTO_ARCH_MODULE(chacha, kcrypto_chacha_probe);
 *
 * after defining (and EXPORT_SYMBOL_GPL'ing) kcrypto_chacha_arch() and
 * kcrypto_chacha_arch_desc; the probe returns 0 or -ENODEV (no usable
 * variant on this CPU).
 *
 * weak: init only probes.  kcrypto.ko reaches the hook and the descriptor
 *       through weak references to their exports (the glue exports both,
 *       in both modes); the module depends on nothing.
 * ffp:  init plugs the hook into kcrypto.ko, exit unplugs it (and waits
 *       until no CPU runs it).
 */
#ifndef _KCRYPTO_ARCH_BIND_H
#define _KCRYPTO_ARCH_BIND_H

#include <linux/init.h>
#include <linux/module.h>
#include <kcrypto/arch.h>

#ifdef KCRYPTO_BIND_FFP

int kcrypto_chacha_plug(const struct kcrypto_arch_desc *desc,
			typeof(kcrypto_chacha_arch) *fn);
int kcrypto_poly1305_plug(const struct kcrypto_arch_desc *desc,
			  kcrypto_poly1305_arch_fn *fn);
int kcrypto_blake2s_plug(const struct kcrypto_arch_desc *desc,
			 kcrypto_blake2s_arch_fn *fn);
int kcrypto_x25519_plug(const struct kcrypto_arch_desc *desc,
			typeof(kcrypto_x25519_arch) *fn);
void kcrypto_arch_unplug(const struct kcrypto_arch_desc *desc);

#define KCRYPTO_ARCH_MODULE(prim, probe)				\
static int __init kcrypto_##prim##_arch_init(void)			\
{									\
	int err = probe();						\
									\
	if (err)							\
		return err;						\
	return kcrypto_##prim##_plug(&kcrypto_##prim##_arch_desc,	\
				     kcrypto_##prim##_arch);		\
}									\
module_init(kcrypto_##prim##_arch_init);				\
static void __exit kcrypto_##prim##_arch_exit(void)			\
{									\
	kcrypto_arch_unplug(&kcrypto_##prim##_arch_desc);		\
}									\
module_exit(kcrypto_##prim##_arch_exit)

#else /* weak */

#define KCRYPTO_ARCH_MODULE(prim, probe)				\
static int __init kcrypto_##prim##_arch_init(void)			\
{									\
	return probe();							\
}									\
module_init(kcrypto_##prim##_arch_init);				\
static void __exit kcrypto_##prim##_arch_exit(void)			\
{									\
}									\
module_exit(kcrypto_##prim##_arch_exit)

#endif /* KCRYPTO_BIND_FFP */

#endif /* _KCRYPTO_ARCH_BIND_H */
