/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* 32-bit arm X25519 cores, listed in x25519-cores.c. */
#ifndef _KCRYPTO_ARM_X25519_H
#define _KCRYPTO_ARM_X25519_H

#include <kcrypto/env.h>
#include <kcrypto/x25519.h>

void kcrypto_x25519_arm_neon(u8 out[KCRYPTO_X25519_KEY_SIZE],
			     const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			     const u8 point[KCRYPTO_X25519_KEY_SIZE]);

#endif /* _KCRYPTO_ARM_X25519_H */
