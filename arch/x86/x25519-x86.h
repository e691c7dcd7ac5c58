/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* x86_64 X25519 cores, listed in x25519-cores.c. */
#ifndef _KCRYPTO_X86_X25519_H
#define _KCRYPTO_X86_X25519_H

#include <kcrypto/env.h>
#include <kcrypto/x25519.h>

void kcrypto_x25519_adx(u8 out[KCRYPTO_X25519_KEY_SIZE],
			const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			const u8 point[KCRYPTO_X25519_KEY_SIZE]);

#endif /* _KCRYPTO_X86_X25519_H */
