/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * <arm_neon.h> for the NEON cores, in the kernel and in userspace.
 *
 * <arm_neon.h> brings the compiler's <stdint.h>, whose types must agree
 * with the kernel's <linux/types.h> (already included).  On arm64 the
 * kernel's <asm/neon-intrinsics.h> sees to that.  32-bit arm has no such
 * header; there the kernel's intptr_t and uintptr_t are long where the
 * compiler's are int, so tell the compiler's header the kernel's types.
 */
#ifndef _KCRYPTO_NEON_INTRINSICS_H
#define _KCRYPTO_NEON_INTRINSICS_H

#if defined(__KERNEL__) && defined(__aarch64__)
#include <asm/neon-intrinsics.h>
#elif defined(__KERNEL__)
#undef __INTPTR_TYPE__
#define __INTPTR_TYPE__		long
#undef __UINTPTR_TYPE__
#define __UINTPTR_TYPE__	unsigned long
#include <arm_neon.h>
#else
#include <arm_neon.h>
#endif

#endif /* _KCRYPTO_NEON_INTRINSICS_H */
