/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch module's side of binding (kernel only).  Its init and exit are
 * kcrypto_arch_init()/kcrypto_arch_exit() (include/kcrypto/select.h):
 *
 * weak: init only probes.  kcrypto.ko reaches the hook and the descriptor
 *       through weak references to their exports (the glue exports both,
 *       in both modes); the arch module depends on nothing.
 * ffp:  init also plugs the hook into kcrypto.ko with kcrypto_arch_plug(),
 *       exit unplugs it (and waits until no CPU runs it).  Both are in
 *       lib_crypto/bind-ffp.c.
 */
#ifndef _KCRYPTO_ARCH_BIND_H
#define _KCRYPTO_ARCH_BIND_H

#include <kcrypto/arch.h>

/* True when built with BIND=ffp (Kbuild defines KCRYPTO_BIND_FFP). */
static inline bool kcrypto_bind_is_ffp(void)
{
#ifdef KCRYPTO_BIND_FFP
	return true;
#else
	return false;
#endif
}

int kcrypto_arch_plug(const struct kcrypto_arch_desc *desc);
void kcrypto_arch_unplug(const struct kcrypto_arch_desc *desc);

#endif /* _KCRYPTO_ARCH_BIND_H */
