/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* X25519 Diffie-Hellman (RFC 7748). */
#ifndef _KCRYPTO_X25519_H
#define _KCRYPTO_X25519_H

#include <kcrypto/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KCRYPTO_X25519_KEY_SIZE	32

/*
 * Clamp @secret as RFC 7748 section 5 says, mask the top bit of @pub,
 * and compute the shared point.  Returns false (and a zeroed @shared) when
 * the result is all zeros (low-order input point).
 */
bool kcrypto_x25519(u8 shared[KCRYPTO_X25519_KEY_SIZE],
		    const u8 secret[KCRYPTO_X25519_KEY_SIZE],
		    const u8 pub[KCRYPTO_X25519_KEY_SIZE]);
bool kcrypto_x25519_generate_public(u8 pub[KCRYPTO_X25519_KEY_SIZE],
				    const u8 secret[KCRYPTO_X25519_KEY_SIZE]);
void kcrypto_x25519_clamp_secret(u8 secret[KCRYPTO_X25519_KEY_SIZE]);

/*
 * The scalar multiplication itself: out = clamp(scalar) * u(point), with
 * the top bit of point ignored.  No zero check.  Constant time.
 */
void kcrypto_x25519_generic(u8 out[KCRYPTO_X25519_KEY_SIZE],
			    const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			    const u8 point[KCRYPTO_X25519_KEY_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_X25519_H */
