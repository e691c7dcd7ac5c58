/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ChaCha20 / ChaCha12 stream cipher and HChaCha20 (RFC 8439,
 * draft-irtf-cfrg-xchacha).  The block counter is 32 bits (state word 12);
 * it wraps modulo 2^32 and never carries into the nonce.
 */
#ifndef _KCRYPTO_CHACHA_H
#define _KCRYPTO_CHACHA_H

#include <kcrypto/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KCRYPTO_CHACHA_KEY_SIZE		32
#define KCRYPTO_CHACHA_NONCE_SIZE	12
#define KCRYPTO_CHACHA_BLOCK_SIZE	64
#define KCRYPTO_HCHACHA_NONCE_SIZE	16
#define KCRYPTO_HCHACHA_OUT_SIZE	32

/*
 * A ChaCha state: the 16 input words of RFC 8439 section 2.3.  Word 12 is
 * the block counter, advanced by kcrypto_chacha_crypt() for every block
 * produced (a final partial block counts as one).
 */
struct kcrypto_chacha_state {
	u32 x[16];
};

void kcrypto_chacha_init(struct kcrypto_chacha_state *st,
			 const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
			 const u8 nonce[KCRYPTO_CHACHA_NONCE_SIZE], u32 counter);

/* The round counts kcrypto_chacha_crypt() accepts. */
static inline bool kcrypto_chacha_nrounds_ok(int nrounds)
{
	return nrounds == 20 || nrounds == 12;
}

/*
 * XOR @len bytes of keystream into @src, writing @dst (may equal @src).
 * @nrounds is 20 or 12; any other value is a caller bug: the call warns
 * once (WARN_ON_ONCE) and returns without touching @st, @src or @dst.
 * Only the last call on a state may pass a @len that is not a multiple of
 * KCRYPTO_CHACHA_BLOCK_SIZE.
 */
void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			  const u8 *src, size_t len, int nrounds);
void kcrypto_chacha_crypt_generic(struct kcrypto_chacha_state *st, u8 *dst,
				  const u8 *src, size_t len, int nrounds);

/* One-shot ChaCha20 (20 rounds). */
void kcrypto_chacha20(u8 *dst, const u8 *src, size_t len,
		      const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
		      const u8 nonce[KCRYPTO_CHACHA_NONCE_SIZE], u32 counter);

/* HChaCha, 20 or 12 rounds: 32-byte subkey from a key and a 16-byte nonce. */
void kcrypto_hchacha(u8 out[KCRYPTO_HCHACHA_OUT_SIZE],
		     const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
		     const u8 nonce[KCRYPTO_HCHACHA_NONCE_SIZE], int nrounds);

/* HChaCha20: 32-byte subkey from a key and a 16-byte nonce. */
void kcrypto_hchacha20(u8 out[KCRYPTO_HCHACHA_OUT_SIZE],
		       const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
		       const u8 nonce[KCRYPTO_HCHACHA_NONCE_SIZE]);

/* Wipe a state with memzero_explicit(). */
void kcrypto_chacha_zeroize(struct kcrypto_chacha_state *st);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_CHACHA_H */
