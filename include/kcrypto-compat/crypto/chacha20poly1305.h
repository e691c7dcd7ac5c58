/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * lib/crypto-compatible ChaCha20-Poly1305 on kcrypto: the names and
 * signatures of the kernel's <crypto/chacha20poly1305.h> (6.1 to 7.3),
 * each a static inline call into kcrypto.ko.  See kcrypto-compat.kbuild.
 * The u64 nonce is the RFC 8439 96-bit nonce of four zero bytes and the
 * little-endian counter, as in lib/crypto.
 */
#if defined(__CHACHA20POLY1305_H) && !defined(_KCRYPTO_COMPAT_CHACHA20POLY1305_H)
/* Reached only if the include path is wrong (kcrypto-compat.kbuild). */
#error "the kernel's <crypto/chacha20poly1305.h> was included before kcrypto-compat's"
#endif
#ifndef _KCRYPTO_COMPAT_CHACHA20POLY1305_H
#define _KCRYPTO_COMPAT_CHACHA20POLY1305_H
/* The kernel header's guard: it becomes empty if reached some other way. */
#define __CHACHA20POLY1305_H

#include <linux/types.h>
#include <linux/scatterlist.h>
#include <kcrypto/chacha20poly1305.h>

enum chacha20poly1305_lengths {
	XCHACHA20POLY1305_NONCE_SIZE = KCRYPTO_XAEAD_NONCE_SIZE,
	CHACHA20POLY1305_KEY_SIZE = KCRYPTO_AEAD_KEY_SIZE,
	CHACHA20POLY1305_AUTHTAG_SIZE = KCRYPTO_AEAD_TAG_SIZE
};

static inline void kcrypto_compat_nonce(u8 iv[KCRYPTO_AEAD_NONCE_SIZE], u64 nonce)
{
	int i;

	for (i = 0; i < 4; i++)
		iv[i] = 0;
	for (i = 0; i < 8; i++)
		iv[4 + i] = (u8)(nonce >> (8 * i));
}

static inline void chacha20poly1305_encrypt(u8 *dst, const u8 *src, const size_t src_len,
					    const u8 *ad, const size_t ad_len,
					    const u64 nonce,
					    const u8 key[CHACHA20POLY1305_KEY_SIZE])
{
	u8 iv[KCRYPTO_AEAD_NONCE_SIZE];

	kcrypto_compat_nonce(iv, nonce);
	kcrypto_chacha20poly1305_encrypt(dst, src, src_len, ad, ad_len, iv, key);
}

static inline bool __must_check
chacha20poly1305_decrypt(u8 *dst, const u8 *src, const size_t src_len,
			 const u8 *ad, const size_t ad_len, const u64 nonce,
			 const u8 key[CHACHA20POLY1305_KEY_SIZE])
{
	u8 iv[KCRYPTO_AEAD_NONCE_SIZE];

	kcrypto_compat_nonce(iv, nonce);
	return kcrypto_chacha20poly1305_decrypt(dst, src, src_len, ad, ad_len, iv, key);
}

static inline void xchacha20poly1305_encrypt(u8 *dst, const u8 *src, const size_t src_len,
					     const u8 *ad, const size_t ad_len,
					     const u8 nonce[XCHACHA20POLY1305_NONCE_SIZE],
					     const u8 key[CHACHA20POLY1305_KEY_SIZE])
{
	kcrypto_xchacha20poly1305_encrypt(dst, src, src_len, ad, ad_len, nonce, key);
}

static inline bool __must_check
xchacha20poly1305_decrypt(u8 *dst, const u8 *src, const size_t src_len,
			  const u8 *ad, const size_t ad_len,
			  const u8 nonce[XCHACHA20POLY1305_NONCE_SIZE],
			  const u8 key[CHACHA20POLY1305_KEY_SIZE])
{
	return kcrypto_xchacha20poly1305_decrypt(dst, src, src_len, ad, ad_len, nonce,
						 key);
}

static inline bool chacha20poly1305_encrypt_sg_inplace(struct scatterlist *src,
						       size_t src_len,
						       const u8 *ad, const size_t ad_len,
						       const u64 nonce,
						       const u8 key[CHACHA20POLY1305_KEY_SIZE])
{
	u8 iv[KCRYPTO_AEAD_NONCE_SIZE];

	kcrypto_compat_nonce(iv, nonce);
	return kcrypto_chacha20poly1305_encrypt_sg_inplace(src, src_len, ad, ad_len,
							   iv, key);
}

static inline bool chacha20poly1305_decrypt_sg_inplace(struct scatterlist *src,
						       size_t src_len,
						       const u8 *ad, const size_t ad_len,
						       const u64 nonce,
						       const u8 key[CHACHA20POLY1305_KEY_SIZE])
{
	u8 iv[KCRYPTO_AEAD_NONCE_SIZE];

	kcrypto_compat_nonce(iv, nonce);
	return kcrypto_chacha20poly1305_decrypt_sg_inplace(src, src_len, ad, ad_len,
							   iv, key);
}

#endif /* _KCRYPTO_COMPAT_CHACHA20POLY1305_H */
