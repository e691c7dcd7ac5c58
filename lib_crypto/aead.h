/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Internal: the pieces of the RFC 8439 construction that the flat AEAD
 * (chacha20poly1305.c, also in the harness) and the scatterlist AEAD
 * (chacha20poly1305-sg.c, kernel only) share.
 */
#ifndef _KCRYPTO_AEAD_H
#define _KCRYPTO_AEAD_H

#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/chacha20poly1305.h>

#ifdef __cplusplus
extern "C" {
#endif

bool kcrypto_aead_len_ok(size_t len);
bool kcrypto_aead_src_len_ok(size_t src_len);
void kcrypto_aead_pad16(struct kcrypto_poly1305_ctx *poly, size_t len);
void kcrypto_aead_poly_init(struct kcrypto_poly1305_ctx *poly,
			    struct kcrypto_chacha_state *chacha);
void kcrypto_aead_poly_final(struct kcrypto_poly1305_ctx *poly, size_t ad_len,
			     size_t len, u8 tag[KCRYPTO_AEAD_TAG_SIZE]);
void kcrypto_xaead_init(struct kcrypto_chacha_state *chacha,
			const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
			const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
/*
 * Called once per decryption whose tag did not match: the kernel counts
 * them in debugfs kcrypto/aead_rejected (main.c), the harness in
 * registry.c.
 */
void kcrypto_aead_rejected(void);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_AEAD_H */
