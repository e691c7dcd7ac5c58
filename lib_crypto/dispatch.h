/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Internal: the four dispatch points between the portable API code and an
 * implementation.  The kernel defines them in lib_crypto/dispatch.c (weak
 * hooks or ffp, chosen by Kbuild); the userspace harness defines them in
 * harness/ with a runtime-selectable implementation.  Everything else in
 * lib_crypto/ is shared unchanged.
 */
#ifndef _KCRYPTO_DISPATCH_H
#define _KCRYPTO_DISPATCH_H

#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/x25519.h>

#ifdef __cplusplus
extern "C" {
#endif

/* kcrypto_chacha_crypt() itself is the chacha dispatch point. */
void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit);
void kcrypto_blake2s_compress(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			      size_t nblocks, u32 inc);
void kcrypto_x25519_scalarmult(u8 out[KCRYPTO_X25519_KEY_SIZE],
			       const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			       const u8 point[KCRYPTO_X25519_KEY_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_DISPATCH_H */
