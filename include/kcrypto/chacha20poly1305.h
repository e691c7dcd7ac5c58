/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ChaCha20-Poly1305 (RFC 8439 section 2.8) and XChaCha20-Poly1305
 * (draft-irtf-cfrg-xchacha).  @dst may equal @src (in place).
 * Encrypt writes src_len + 16 bytes.  Decrypt takes src_len including the
 * 16-byte tag, writes src_len - 16 bytes, compares the tag in constant
 * time, and on failure wipes @dst and returns false.
 *
 * At most KCRYPTO_AEAD_MAX_LEN bytes of plaintext (RFC 8439 section 2.8:
 * the 32-bit block counter starts at 1, after the Poly1305 key block).
 * Longer input is refused before any memory is touched: decrypt returns
 * false, encrypt warns once (WARN_ON_ONCE) and writes nothing.  Where
 * size_t has 32 bits no length reaches the limit.
 */
#ifndef _KCRYPTO_CHACHA20POLY1305_H
#define _KCRYPTO_CHACHA20POLY1305_H

#include <kcrypto/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KCRYPTO_AEAD_KEY_SIZE		32
#define KCRYPTO_AEAD_NONCE_SIZE		12
#define KCRYPTO_XAEAD_NONCE_SIZE	24
#define KCRYPTO_AEAD_TAG_SIZE		16
#define KCRYPTO_AEAD_MAX_LEN		((1ULL << 38) - 64)

void kcrypto_chacha20poly1305_encrypt(u8 *dst, const u8 *src, size_t src_len,
				      const u8 *ad, size_t ad_len,
				      const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
				      const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
bool kcrypto_chacha20poly1305_decrypt(u8 *dst, const u8 *src, size_t src_len,
				      const u8 *ad, size_t ad_len,
				      const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
				      const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
void kcrypto_xchacha20poly1305_encrypt(u8 *dst, const u8 *src, size_t src_len,
				       const u8 *ad, size_t ad_len,
				       const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
				       const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
bool kcrypto_xchacha20poly1305_decrypt(u8 *dst, const u8 *src, size_t src_len,
				       const u8 *ad, size_t ad_len,
				       const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
				       const u8 key[KCRYPTO_AEAD_KEY_SIZE]);

#ifdef __KERNEL__
struct scatterlist;

/*
 * The same constructions in place over a scatterlist (kernel only), of
 * any entry sizes.  Encrypt reads @src_len bytes of plaintext and writes
 * the ciphertext and the 16-byte tag after it, so @src holds at least
 * @src_len + 16 bytes.  Decrypt takes @src_len including the tag; it
 * authenticates first and decrypts only a message whose tag is valid, so a
 * refused message is left exactly as it was (ciphertext, never plaintext).
 * Both return false, touching nothing, when @src holds fewer bytes than
 * that (warns once: a caller bug) or a length is over KCRYPTO_AEAD_MAX_LEN
 * (encrypt warns once).  Any context; pages are mapped with kmap_atomic
 * (highmem).  The caller must own the buffer for the duration.
 */
bool kcrypto_chacha20poly1305_encrypt_sg_inplace(struct scatterlist *src,
						 size_t src_len,
						 const u8 *ad, size_t ad_len,
						 const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
						 const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
bool kcrypto_chacha20poly1305_decrypt_sg_inplace(struct scatterlist *src,
						 size_t src_len,
						 const u8 *ad, size_t ad_len,
						 const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
						 const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
bool kcrypto_xchacha20poly1305_encrypt_sg_inplace(struct scatterlist *src,
						  size_t src_len,
						  const u8 *ad, size_t ad_len,
						  const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
						  const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
bool kcrypto_xchacha20poly1305_decrypt_sg_inplace(struct scatterlist *src,
						  size_t src_len,
						  const u8 *ad, size_t ad_len,
						  const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
						  const u8 key[KCRYPTO_AEAD_KEY_SIZE]);
#endif

/* Constant-time comparison: 0 when equal. */
int kcrypto_memneq(const void *a, const void *b, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_CHACHA20POLY1305_H */
