/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * lib/crypto-compatible X25519 on kcrypto: the names and signatures of
 * the kernel's <crypto/curve25519.h> (6.1 to 7.3) that modules call.
 */
#if defined(CURVE25519_H) && !defined(_KCRYPTO_COMPAT_CURVE25519_H)
/* Reached only if the include path is wrong (kcrypto-compat.kbuild). */
#error "the kernel's <crypto/curve25519.h> was included before kcrypto-compat's"
#endif
#ifndef _KCRYPTO_COMPAT_CURVE25519_H
#define _KCRYPTO_COMPAT_CURVE25519_H
#define CURVE25519_H

#include <linux/types.h>
#include <linux/random.h>
#include <kcrypto/x25519.h>
#include <kcrypto/chacha20poly1305.h>

enum curve25519_lengths {
	CURVE25519_KEY_SIZE = KCRYPTO_X25519_KEY_SIZE
};

/* False (and an all-zero @mypublic) for a low-order @basepoint. */
static inline bool __must_check curve25519(u8 mypublic[CURVE25519_KEY_SIZE],
					   const u8 secret[CURVE25519_KEY_SIZE],
					   const u8 basepoint[CURVE25519_KEY_SIZE])
{
	return kcrypto_x25519(mypublic, secret, basepoint);
}

/* As lib/crypto: false for an all-zero (unset) secret. */
static inline bool __must_check
curve25519_generate_public(u8 pub[CURVE25519_KEY_SIZE],
			   const u8 secret[CURVE25519_KEY_SIZE])
{
	static const u8 zero[CURVE25519_KEY_SIZE];

	if (unlikely(!kcrypto_memneq(secret, zero, CURVE25519_KEY_SIZE)))
		return false;
	return kcrypto_x25519_generate_public(pub, secret);
}

static inline void curve25519_clamp_secret(u8 secret[CURVE25519_KEY_SIZE])
{
	kcrypto_x25519_clamp_secret(secret);
}

static inline void curve25519_generate_secret(u8 secret[CURVE25519_KEY_SIZE])
{
	get_random_bytes_wait(secret, CURVE25519_KEY_SIZE);
	curve25519_clamp_secret(secret);
}

#endif /* _KCRYPTO_COMPAT_CURVE25519_H */
