// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20-Poly1305 and XChaCha20-Poly1305 in place over a scatterlist
 * (RFC 8439 section 2.8).  Kernel only: the userspace harness has no
 * scatterlists (harness/CMakeLists.txt lists the portable files).
 *
 * The pages are walked with the sg_miter API, one mapping at a time.  The
 * keystream goes through the dispatching kcrypto_chacha_crypt() in whole
 * blocks, at most SG_CHUNK bytes a call, and the MAC through
 * kcrypto_poly1305_update(), so a bound arch implementation does the work.
 * A block that straddles two entries is produced once into a small
 * keystream buffer and used up across them.
 */

#include <linux/scatterlist.h>
#include <kcrypto/env.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/chacha20poly1305.h>
#include "aead.h"

/* Bytes handed to ChaCha and Poly1305 a call: bounded SIMD sections. */
#define SG_CHUNK	4096
#define SG_BLOCK	KCRYPTO_CHACHA_BLOCK_SIZE

enum sg_op {
	SG_ENCRYPT,	/* XOR keystream, then MAC the ciphertext */
	SG_MAC,		/* MAC only (decrypt, before the tag is checked) */
	SG_DECRYPT,	/* XOR keystream only (after the tag was checked) */
};

/* Everything secret of one call, wiped as a whole at the end. */
struct sg_aead {
	struct kcrypto_chacha_state chacha;
	struct kcrypto_poly1305_ctx poly;
	u8 ks[SG_BLOCK];		/* keystream of a straddling block */
	unsigned int ks_used;		/* bytes of ks[] used; SG_BLOCK: none left */
	u8 tag[KCRYPTO_AEAD_TAG_SIZE];	/* computed */
	u8 got[KCRYPTO_AEAD_TAG_SIZE];	/* received */
};

static void sg_xor_bytes(u8 *p, const u8 *ks, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] ^= ks[i];
}

/*
 * XOR the keystream into @len bytes at @p, continuing where the last call
 * stopped: first what is left of a straddling block, then whole blocks,
 * then the head of a new block whose tail waits in ks[].
 */
static void sg_xor(struct sg_aead *a, u8 *p, size_t len)
{
	size_t n;

	if (a->ks_used < SG_BLOCK) {
		n = min_t(size_t, len, SG_BLOCK - a->ks_used);
		sg_xor_bytes(p, a->ks + a->ks_used, n);
		a->ks_used += n;
		p += n;
		len -= n;
	}
	n = round_down(len, SG_BLOCK);
	if (n) {
		kcrypto_chacha_crypt(&a->chacha, p, p, n, 20);
		p += n;
		len -= n;
	}
	if (len) {
		memset(a->ks, 0, sizeof(a->ks));
		kcrypto_chacha_crypt(&a->chacha, a->ks, a->ks, sizeof(a->ks), 20);
		sg_xor_bytes(p, a->ks, len);
		a->ks_used = len;
	}
}

/* One mapped piece of payload, in chunks of at most SG_CHUNK bytes. */
static void sg_piece(struct sg_aead *a, u8 *p, size_t len, enum sg_op op)
{
	size_t n;

	for (; len; p += n, len -= n) {
		n = min_t(size_t, len, SG_CHUNK);
		if (op != SG_MAC)
			sg_xor(a, p, n);
		if (op != SG_DECRYPT)
			kcrypto_poly1305_update(&a->poly, p, n);
	}
}

/* The first @len bytes of @sg, every page mapped in turn. */
static void sg_walk(struct sg_aead *a, struct scatterlist *sg, size_t len,
		    enum sg_op op)
{
	unsigned int flags = SG_MITER_ATOMIC;
	struct sg_mapping_iter miter;
	size_t n;

	flags |= op == SG_MAC ? SG_MITER_FROM_SG : SG_MITER_TO_SG;
	a->ks_used = SG_BLOCK;
	sg_miter_start(&miter, sg, sg_nents(sg), flags);
	while (len && sg_miter_next(&miter)) {
		n = min(miter.length, len);
		sg_piece(a, miter.addr, n, op);
		miter.consumed = n;
		len -= n;
	}
	sg_miter_stop(&miter);
}

/* Whether @sg holds at least @len + @extra bytes (not if that overflows). */
static bool sg_holds(struct scatterlist *sg, size_t len, size_t extra)
{
	size_t have = 0, need = len + extra;

	if (need < len)
		return false;
	for (; sg && have < need; sg = sg_next(sg))
		have += sg->length;
	return have >= need;
}

static bool sg_encrypt(struct sg_aead *a, struct scatterlist *sg, size_t len,
		       const u8 *ad, size_t ad_len)
{
	kcrypto_aead_poly_init(&a->poly, &a->chacha);
	kcrypto_poly1305_update(&a->poly, ad, ad_len);
	kcrypto_aead_pad16(&a->poly, ad_len);
	sg_walk(a, sg, len, SG_ENCRYPT);
	kcrypto_aead_pad16(&a->poly, len);
	kcrypto_aead_poly_final(&a->poly, ad_len, len, a->tag);
	sg_pcopy_from_buffer(sg, sg_nents(sg), a->tag, sizeof(a->tag), len);
	return true;
}

/* Authenticate all of it, then decrypt only if the tag matches. */
static bool sg_decrypt(struct sg_aead *a, struct scatterlist *sg, size_t len,
		       const u8 *ad, size_t ad_len)
{
	bool ok;

	kcrypto_aead_poly_init(&a->poly, &a->chacha);
	kcrypto_poly1305_update(&a->poly, ad, ad_len);
	kcrypto_aead_pad16(&a->poly, ad_len);
	sg_walk(a, sg, len, SG_MAC);
	kcrypto_aead_pad16(&a->poly, len);
	kcrypto_aead_poly_final(&a->poly, ad_len, len, a->tag);
	sg_pcopy_to_buffer(sg, sg_nents(sg), a->got, sizeof(a->got), len);
	ok = !kcrypto_memneq(a->tag, a->got, sizeof(a->tag));
	if (ok)
		sg_walk(a, sg, len, SG_DECRYPT);
	else
		kcrypto_aead_rejected();
	return ok;
}

/*
 * The key schedule of either construction: ChaCha20 with the 96-bit
 * @nonce, or XChaCha20 (HChaCha20 subkey) with the 192-bit one.
 */
static void sg_init(struct sg_aead *a, bool x, const u8 *nonce, const u8 *key)
{
	if (x)
		kcrypto_xaead_init(&a->chacha, nonce, key);
	else
		kcrypto_chacha_init(&a->chacha, key, nonce, 0);
}

static bool sg_seal(bool x, struct scatterlist *sg, size_t src_len, const u8 *ad,
		    size_t ad_len, const u8 *nonce, const u8 *key)
{
	struct sg_aead a;
	bool ok;

	if (WARN_ON_ONCE(!kcrypto_aead_len_ok(src_len)) ||
	    WARN_ON_ONCE(!sg_holds(sg, src_len, KCRYPTO_AEAD_TAG_SIZE)))
		return false;
	sg_init(&a, x, nonce, key);
	ok = sg_encrypt(&a, sg, src_len, ad, ad_len);
	memzero_explicit(&a, sizeof(a));
	return ok;
}

static bool sg_open(bool x, struct scatterlist *sg, size_t src_len, const u8 *ad,
		    size_t ad_len, const u8 *nonce, const u8 *key)
{
	struct sg_aead a;
	bool ok;

	if (!kcrypto_aead_src_len_ok(src_len) ||
	    WARN_ON_ONCE(!sg_holds(sg, src_len, 0)))
		return false;
	sg_init(&a, x, nonce, key);
	ok = sg_decrypt(&a, sg, src_len - KCRYPTO_AEAD_TAG_SIZE, ad, ad_len);
	memzero_explicit(&a, sizeof(a));
	return ok;
}

/**
 * kcrypto_chacha20poly1305_encrypt_sg_inplace() - AEAD encryption in place
 * @src: scatterlist holding @src_len bytes of plaintext and room for the
 *	 16-byte tag after them
 * @src_len: plaintext length
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 96-bit nonce, never reused with the same key
 * @key: 256-bit key
 *
 * Context: any; pages are mapped atomically.
 * Return: true; false (warns once, nothing written) when @src_len is over
 * KCRYPTO_AEAD_MAX_LEN or @src holds fewer than @src_len + 16 bytes.
 */
bool kcrypto_chacha20poly1305_encrypt_sg_inplace(struct scatterlist *src,
						 size_t src_len,
						 const u8 *ad, size_t ad_len,
						 const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
						 const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	return sg_seal(false, src, src_len, ad, ad_len, nonce, key);
}
EXPORT_SYMBOL_GPL(kcrypto_chacha20poly1305_encrypt_sg_inplace);

/**
 * kcrypto_chacha20poly1305_decrypt_sg_inplace() - AEAD decryption in place
 * @src: scatterlist holding the ciphertext and the 16-byte tag
 * @src_len: ciphertext length including the tag
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 96-bit nonce
 * @key: 256-bit key
 *
 * The whole message is authenticated before any byte is decrypted.
 *
 * Context: any; pages are mapped atomically.
 * Return: true when the tag is valid (the first @src_len - 16 bytes are now
 * plaintext).  False, with @src unchanged, when the tag does not match,
 * @src_len < 16, @src_len - 16 > KCRYPTO_AEAD_MAX_LEN, or @src holds fewer
 * than @src_len bytes (warns once).
 */
bool kcrypto_chacha20poly1305_decrypt_sg_inplace(struct scatterlist *src,
						 size_t src_len,
						 const u8 *ad, size_t ad_len,
						 const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
						 const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	return sg_open(false, src, src_len, ad, ad_len, nonce, key);
}
EXPORT_SYMBOL_GPL(kcrypto_chacha20poly1305_decrypt_sg_inplace);

/**
 * kcrypto_xchacha20poly1305_encrypt_sg_inplace() - XChaCha20-Poly1305
 *	encryption in place
 * @src: scatterlist holding @src_len bytes of plaintext and room for the
 *	 16-byte tag after them
 * @src_len: plaintext length
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 192-bit nonce
 * @key: 256-bit key
 *
 * Context: any; pages are mapped atomically.
 * Return: as kcrypto_chacha20poly1305_encrypt_sg_inplace().
 */
bool kcrypto_xchacha20poly1305_encrypt_sg_inplace(struct scatterlist *src,
						  size_t src_len,
						  const u8 *ad, size_t ad_len,
						  const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
						  const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	return sg_seal(true, src, src_len, ad, ad_len, nonce, key);
}
EXPORT_SYMBOL_GPL(kcrypto_xchacha20poly1305_encrypt_sg_inplace);

/**
 * kcrypto_xchacha20poly1305_decrypt_sg_inplace() - XChaCha20-Poly1305
 *	decryption in place
 * @src: scatterlist holding the ciphertext and the 16-byte tag
 * @src_len: ciphertext length including the tag
 * @ad: associated data
 * @ad_len: associated data length
 * @nonce: 192-bit nonce
 * @key: 256-bit key
 *
 * Context: any; pages are mapped atomically.
 * Return: as kcrypto_chacha20poly1305_decrypt_sg_inplace().
 */
bool kcrypto_xchacha20poly1305_decrypt_sg_inplace(struct scatterlist *src,
						  size_t src_len,
						  const u8 *ad, size_t ad_len,
						  const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
						  const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	return sg_open(true, src, src_len, ad, ad_len, nonce, key);
}
EXPORT_SYMBOL_GPL(kcrypto_xchacha20poly1305_decrypt_sg_inplace);
