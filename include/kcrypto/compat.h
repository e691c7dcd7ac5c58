/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version differences, in one place.  Kbuild probes the kernel tree
 * for features (KCRYPTO_HAVE_* defines); nothing tests LINUX_VERSION_CODE.
 * Force-included by Kbuild into every kcrypto object.
 */
#ifndef _KCRYPTO_COMPAT_H
#define _KCRYPTO_COMPAT_H

#ifdef __KERNEL__
/* 6.12 moved <asm/unaligned.h> to <linux/unaligned.h>. */
#ifdef KCRYPTO_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* 6.2 added u128 (where the compiler has __int128); 6.1 lacks it. */
#if !defined(KCRYPTO_HAVE_U128) && defined(__SIZEOF_INT128__)
typedef unsigned __int128 u128;
#endif
#endif

#endif /* _KCRYPTO_COMPAT_H */
