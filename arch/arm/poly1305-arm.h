/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* 32-bit arm Poly1305 cores, listed in poly1305-cores.c. */
#ifndef _KCRYPTO_ARM_POLY1305_H
#define _KCRYPTO_ARM_POLY1305_H

#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

void kcrypto_poly1305_arm_neon(struct kcrypto_poly1305_state *st,
			       const u8 *src, size_t len, u32 hibit);

#endif /* _KCRYPTO_ARM_POLY1305_H */
