/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version differences, in one place.  Probe for features with
 * __has_include, never with LINUX_VERSION_CODE.  Force-included by Kbuild
 * into every kcrypto object.
 */
#ifndef _KCRYPTO_COMPAT_H
#define _KCRYPTO_COMPAT_H

#ifdef __KERNEL__
/* 6.12 moved <asm/unaligned.h> to <linux/unaligned.h>. */
#if __has_include(<linux/unaligned.h>)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif
#endif

#endif /* _KCRYPTO_COMPAT_H */
