// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20-Poly1305 (RFC 8439 section 2.8) and XChaCha20-Poly1305
 * (draft-irtf-cfrg-xchacha section 2), on the dispatching ChaCha and
 * Poly1305 APIs so that bound accelerated implementations are used.
 */

#include <kcrypto/env.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/chacha20poly1305.h>
#include "aead.h"

/*
 * Encrypt and authenticate in chunks of this many bytes (a multiple of the
 * ChaCha block size), so the MAC reads data that is still in cache.
 */
#define AEAD_CHUNK	4096

static const u8 aead_pad0[KCRYPTO_POLY1305_BLOCK_SIZE];

/*
 * At most 2^32 - 1 blocks of payload after block 0 (RFC 8439 2.8); more
 * would wrap the block counter into block 0, the Poly1305 key.  Always
 * true where size_t has 32 bits.
 */
bool kcrypto_aead_len_ok(size_t len)
{
	u64 n = len;

	return n <= KCRYPTO_AEAD_MAX_LEN;
}

/* Decrypt input: a tag, and at most KCRYPTO_AEAD_MAX_LEN bytes before it. */
bool kcrypto_aead_src_len_ok(size_t src_len)
{
	return src_len >= KCRYPTO_AEAD_TAG_SIZE &&
	       kcrypto_aead_len_ok(src_len - KCRYPTO_AEAD_TAG_SIZE);
}

/* Zero-pad the MAC input to a 16-byte boundary after @len bytes. */
void kcrypto_aead_pad16(struct kcrypto_poly1305_ctx *poly, size_t len)
{
	size_t rem = len % KCRYPTO_POLY1305_BLOCK_SIZE;

	if (rem)
		kcrypto_poly1305_update(poly, aead_pad0,
					KCRYPTO_POLY1305_BLOCK_SIZE - rem);
}

/*
 * Block 0 of the keystream gives the one-time Poly1305 key (its first 32
 * bytes); this also leaves the counter at 1 for the payload.
 */
void kcrypto_aead_poly_init(struct kcrypto_poly1305_ctx *poly,
			    struct kcrypto_chacha_state *chacha)
{
	u8 block0[KCRYPTO_CHACHA_BLOCK_SIZE] = { 0 };

	kcrypto_chacha_crypt(chacha, block0, block0, sizeof(block0), 20);
	kcrypto_poly1305_init(poly, block0);
	memzero_explicit(block0, sizeof(block0));
}

/* MAC over the two lengths, little-endian 64-bit each, then the tag. */
void kcrypto_aead_poly_final(struct kcrypto_poly1305_ctx *poly, size_t ad_len,
			     size_t len, u8 tag[KCRYPTO_AEAD_TAG_SIZE])
{
	u8 lens[16];

	put_unaligned_le64((u64)ad_len, lens);
	put_unaligned_le64((u64)len, lens + 8);
	kcrypto_poly1305_update(poly, lens, sizeof(lens));
	kcrypto_poly1305_final(poly, tag);
}

static void aead_encrypt(u8 *dst, const u8 *src, size_t src_len,
			 const u8 *ad, size_t ad_len,
			 struct kcrypto_chacha_state *chacha)
{
	struct kcrypto_poly1305_ctx poly;
	size_t off, n;

	kcrypto_aead_poly_init(&poly, chacha);
	kcrypto_poly1305_update(&poly, ad, ad_len);
	kcrypto_aead_pad16(&poly, ad_len);

	/* Encrypt a chunk, then MAC its ciphertext (works in place). */
	for (off = 0; off < src_len; off += n) {
		n = min_t(size_t, src_len - off, AEAD_CHUNK);
		kcrypto_chacha_crypt(chacha, dst + off, src + off, n, 20);
		kcrypto_poly1305_update(&poly, dst + off, n);
	}
	kcrypto_aead_pad16(&poly, src_len);
	kcrypto_aead_poly_final(&poly, ad_len, src_len, dst + src_len);
}

static bool aead_decrypt(u8 *dst, const u8 *src, size_t src_len,
			 const u8 *ad, size_t ad_len,
			 struct kcrypto_chacha_state *chacha)
{
	struct kcrypto_poly1305_ctx poly;
	u8 tag[KCRYPTO_AEAD_TAG_SIZE];
	size_t len, off, n;
	bool ok;

	if (src_len < KCRYPTO_AEAD_TAG_SIZE)
		return false;
	len = src_len - KCRYPTO_AEAD_TAG_SIZE;

	kcrypto_aead_poly_init(&poly, chacha);
	kcrypto_poly1305_update(&poly, ad, ad_len);
	kcrypto_aead_pad16(&poly, ad_len);

	/* MAC a chunk of ciphertext before decrypting it (works in place). */
	for (off = 0; off < len; off += n) {
		n = min_t(size_t, len - off, AEAD_CHUNK);
		kcrypto_poly1305_update(&poly, src + off, n);
		kcrypto_chacha_crypt(chacha, dst + off, src + off, n, 20);
	}
	kcrypto_aead_pad16(&poly, len);
	kcrypto_aead_poly_final(&poly, ad_len, len, tag);

	/* The received tag at src + len is never overwritten: dst gets len. */
	ok = !kcrypto_memneq(tag, src + len, KCRYPTO_AEAD_TAG_SIZE);
	if (!ok) {
		memzero_explicit(dst, len);
		kcrypto_aead_rejected();
	}
	memzero_explicit(tag, sizeof(tag));
	return ok;
}

/**
 * kcrypto_chacha20poly1305_encrypt() - ChaCha20-Poly1305 AEAD encryption
 * @dst: output, @src_len + 16 bytes (ciphertext then tag); may equal @src
 * @src: plaintext
 * @src_len: plaintext length
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 96-bit nonce, never reused with the same key
 * @key: 256-bit key
 *
 * A @src_len over KCRYPTO_AEAD_MAX_LEN warns once and writes nothing.
 */
void kcrypto_chacha20poly1305_encrypt(u8 *dst, const u8 *src, size_t src_len,
				      const u8 *ad, size_t ad_len,
				      const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
				      const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	struct kcrypto_chacha_state chacha;

	if (WARN_ON_ONCE(!kcrypto_aead_len_ok(src_len)))
		return;
	kcrypto_chacha_init(&chacha, key, nonce, 0);
	aead_encrypt(dst, src, src_len, ad, ad_len, &chacha);
	kcrypto_chacha_zeroize(&chacha);
}
EXPORT_SYMBOL_GPL(kcrypto_chacha20poly1305_encrypt);

/**
 * kcrypto_chacha20poly1305_decrypt() - ChaCha20-Poly1305 AEAD decryption
 * @dst: output, @src_len - 16 bytes of plaintext; may equal @src
 * @src: ciphertext followed by the 16-byte tag
 * @src_len: ciphertext length including the tag
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 96-bit nonce
 * @key: 256-bit key
 *
 * Return: true when the tag is valid.  False when @src_len < 16 or
 * @src_len - 16 > KCRYPTO_AEAD_MAX_LEN (nothing is read or written) or when
 * the tag does not match (@dst is wiped).
 */
bool kcrypto_chacha20poly1305_decrypt(u8 *dst, const u8 *src, size_t src_len,
				      const u8 *ad, size_t ad_len,
				      const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
				      const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	struct kcrypto_chacha_state chacha;
	bool ok;

	if (!kcrypto_aead_src_len_ok(src_len))
		return false;
	kcrypto_chacha_init(&chacha, key, nonce, 0);
	ok = aead_decrypt(dst, src, src_len, ad, ad_len, &chacha);
	kcrypto_chacha_zeroize(&chacha);
	return ok;
}
EXPORT_SYMBOL_GPL(kcrypto_chacha20poly1305_decrypt);

/*
 * XChaCha20: the subkey is HChaCha20(key, nonce[0..15]) and the ChaCha20
 * nonce is four zero bytes followed by nonce[16..23].
 */
void kcrypto_xaead_init(struct kcrypto_chacha_state *chacha,
			const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
			const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	u8 subkey[KCRYPTO_HCHACHA_OUT_SIZE];
	u8 iv[KCRYPTO_CHACHA_NONCE_SIZE] = { 0 };

	kcrypto_hchacha20(subkey, key, nonce);
	memcpy(iv + 4, nonce + KCRYPTO_HCHACHA_NONCE_SIZE, 8);
	kcrypto_chacha_init(chacha, subkey, iv, 0);
	memzero_explicit(subkey, sizeof(subkey));
}

/**
 * kcrypto_xchacha20poly1305_encrypt() - XChaCha20-Poly1305 AEAD encryption
 * @dst: output, @src_len + 16 bytes (ciphertext then tag); may equal @src
 * @src: plaintext
 * @src_len: plaintext length
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 192-bit nonce (random nonces are safe at this size)
 * @key: 256-bit key
 *
 * A @src_len over KCRYPTO_AEAD_MAX_LEN warns once and writes nothing.
 */
void kcrypto_xchacha20poly1305_encrypt(u8 *dst, const u8 *src, size_t src_len,
				       const u8 *ad, size_t ad_len,
				       const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
				       const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	struct kcrypto_chacha_state chacha;

	if (WARN_ON_ONCE(!kcrypto_aead_len_ok(src_len)))
		return;
	kcrypto_xaead_init(&chacha, nonce, key);
	aead_encrypt(dst, src, src_len, ad, ad_len, &chacha);
	kcrypto_chacha_zeroize(&chacha);
}
EXPORT_SYMBOL_GPL(kcrypto_xchacha20poly1305_encrypt);

/**
 * kcrypto_xchacha20poly1305_decrypt() - XChaCha20-Poly1305 AEAD decryption
 * @dst: output, @src_len - 16 bytes of plaintext; may equal @src
 * @src: ciphertext followed by the 16-byte tag
 * @src_len: ciphertext length including the tag
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 192-bit nonce
 * @key: 256-bit key
 *
 * Return: true when the tag is valid.  False when @src_len < 16 or
 * @src_len - 16 > KCRYPTO_AEAD_MAX_LEN (nothing is read or written) or when
 * the tag does not match (@dst is wiped).
 */
bool kcrypto_xchacha20poly1305_decrypt(u8 *dst, const u8 *src, size_t src_len,
				       const u8 *ad, size_t ad_len,
				       const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
				       const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	struct kcrypto_chacha_state chacha;
	bool ok;

	if (!kcrypto_aead_src_len_ok(src_len))
		return false;
	kcrypto_xaead_init(&chacha, nonce, key);
	ok = aead_decrypt(dst, src, src_len, ad, ad_len, &chacha);
	kcrypto_chacha_zeroize(&chacha);
	return ok;
}
EXPORT_SYMBOL_GPL(kcrypto_xchacha20poly1305_decrypt);

/**
 * kcrypto_memneq() - compare two buffers in constant time
 * @a: first buffer
 * @b: second buffer
 * @len: number of bytes
 *
 * The running time depends on @len only, not on the contents.
 *
 * Return: 0 when the buffers are equal, 1 otherwise.
 */
int kcrypto_memneq(const void *a, const void *b, size_t len)
{
	const u8 *pa = a, *pb = b;
	unsigned long neq = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		neq |= pa[i] ^ pb[i];
		/* No early exit once a difference is seen. */
		OPTIMIZER_HIDE_VAR(neq);
	}
	return neq != 0;
}
EXPORT_SYMBOL_GPL(kcrypto_memneq);
