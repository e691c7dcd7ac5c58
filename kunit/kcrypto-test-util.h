/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the KUnit suites and the stress module (which must not
 * depend on KUnit): a seeded PRNG, and reference computations built only
 * from kcrypto's *_generic functions, so they never reach an arch hook.
 */
#ifndef _KCRYPTO_TEST_UTIL_H
#define _KCRYPTO_TEST_UTIL_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/blake2s.h>
#include <kcrypto/chacha20poly1305.h>

/* PRNG: splitmix64, small, the same on every arch, replayable from a seed. */
struct kk_rng {
	u64 s;
};

static inline u64 kk_rand64(struct kk_rng *r)
{
	u64 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline u32 kk_rand32(struct kk_rng *r)
{
	return kk_rand64(r) >> 32;
}

/* Uniform enough in 0..@n-1 for tests; @n > 0. */
static inline u32 kk_below(struct kk_rng *r, u32 n)
{
	return ((u64)kk_rand32(r) * n) >> 32;
}

static inline void kk_fill(struct kk_rng *r, void *buf, size_t len)
{
	u8 *p = buf;
	u64 v;

	while (len >= 8) {
		v = kk_rand64(r);
		memcpy(p, &v, 8);
		p += 8;
		len -= 8;
	}
	if (len) {
		v = kk_rand64(r);
		memcpy(p, &v, len);
	}
}

static inline bool kk_all_zero(const u8 *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/*
 * kcrypto_poly1305_final() without dispatch: final() hands a partial last
 * block to the dispatching block function, so a reference absorbs it here
 * with the generic one first (same padding: a 1 byte, zeros, no 2^128 bit).
 */
static inline void kk_ref_poly1305_final(struct kcrypto_poly1305_ctx *ctx,
					 u8 mac[KCRYPTO_POLY1305_MAC_SIZE])
{
	if (ctx->buflen) {
		ctx->buf[ctx->buflen++] = 1;
		memset(ctx->buf + ctx->buflen, 0,
		       KCRYPTO_POLY1305_BLOCK_SIZE - ctx->buflen);
		kcrypto_poly1305_blocks_generic(&ctx->st, ctx->buf,
						KCRYPTO_POLY1305_BLOCK_SIZE, 0);
		ctx->buflen = 0;
	}
	kcrypto_poly1305_final(ctx, mac);	/* now only the reduction */
}

/* Poly1305 of @src, generic all the way. */
static inline void kk_ref_poly1305(u8 mac[KCRYPTO_POLY1305_MAC_SIZE], const u8 *src,
				   size_t len, const u8 key[KCRYPTO_POLY1305_KEY_SIZE])
{
	struct kcrypto_poly1305_ctx ctx;

	kcrypto_poly1305_init(&ctx, key);
	kcrypto_poly1305_update_generic(&ctx, src, len);
	kk_ref_poly1305_final(&ctx, mac);
}

/*
 * kcrypto_blake2s_final() without dispatch: the last (buffered, possibly
 * empty) block, zero-padded, with the finalisation flag and a counter
 * increment of its real length, through the generic compression.
 */
static inline void kk_ref_blake2s_final(struct kcrypto_blake2s_ctx *ctx, u8 *out)
{
	u8 digest[KCRYPTO_BLAKE2S_HASH_SIZE];
	unsigned int i;

	ctx->f[0] = ~0U;
	memset(ctx->buf + ctx->buflen, 0, KCRYPTO_BLAKE2S_BLOCK_SIZE - ctx->buflen);
	kcrypto_blake2s_compress_generic(ctx, ctx->buf, 1, ctx->buflen);
	for (i = 0; i < 8; i++)
		put_unaligned_le32(ctx->h[i], digest + 4 * i);
	memcpy(out, digest, ctx->outlen);
	memzero_explicit(digest, sizeof(digest));
	memzero_explicit(ctx, sizeof(*ctx));
}

/* BLAKE2s of @in, generic all the way; 0 or -EINVAL. */
static inline int kk_ref_blake2s(u8 *out, size_t outlen, const u8 *in, size_t len,
				 const u8 *key, size_t keylen)
{
	struct kcrypto_blake2s_ctx ctx;
	int err = kcrypto_blake2s_init(&ctx, outlen, key, keylen);

	if (err)
		return err;
	kcrypto_blake2s_update_generic(&ctx, in, len);
	kk_ref_blake2s_final(&ctx, out);
	return 0;
}

/*
 * ChaCha20-Poly1305 encryption (RFC 8439 section 2.8) composed here from
 * the generic functions: @dst gets @len bytes of ciphertext and the tag.
 */
static inline void kk_ref_aead_encrypt(u8 *dst, const u8 *src, size_t len,
				       const u8 *ad, size_t ad_len,
				       const u8 nonce[KCRYPTO_AEAD_NONCE_SIZE],
				       const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	static const u8 zeros[16];
	struct kcrypto_chacha_state st;
	struct kcrypto_poly1305_ctx poly;
	u8 block0[KCRYPTO_CHACHA_BLOCK_SIZE] = { 0 };
	u8 lens[16];

	/* Block 0 keys Poly1305; the payload starts at counter 1. */
	kcrypto_chacha_init(&st, key, nonce, 0);
	kcrypto_chacha_crypt_generic(&st, block0, block0, sizeof(block0), 20);
	kcrypto_poly1305_init(&poly, block0);
	kcrypto_chacha_crypt_generic(&st, dst, src, len, 20);
	kcrypto_poly1305_update_generic(&poly, ad, ad_len);
	kcrypto_poly1305_update_generic(&poly, zeros, -ad_len & 15);
	kcrypto_poly1305_update_generic(&poly, dst, len);
	kcrypto_poly1305_update_generic(&poly, zeros, -len & 15);
	put_unaligned_le64(ad_len, lens);
	put_unaligned_le64(len, lens + 8);
	kcrypto_poly1305_update_generic(&poly, lens, sizeof(lens));
	kk_ref_poly1305_final(&poly, dst + len);
	memzero_explicit(block0, sizeof(block0));
}

/* XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha 2.3): HChaCha20 subkey. */
static inline void kk_ref_xaead_encrypt(u8 *dst, const u8 *src, size_t len,
					const u8 *ad, size_t ad_len,
					const u8 nonce[KCRYPTO_XAEAD_NONCE_SIZE],
					const u8 key[KCRYPTO_AEAD_KEY_SIZE])
{
	u8 subkey[KCRYPTO_HCHACHA_OUT_SIZE], n[KCRYPTO_AEAD_NONCE_SIZE] = { 0 };

	kcrypto_hchacha20(subkey, key, nonce);
	memcpy(n + 4, nonce + 16, 8);
	kk_ref_aead_encrypt(dst, src, len, ad, ad_len, n, subkey);
	memzero_explicit(subkey, sizeof(subkey));
}

#endif /* _KCRYPTO_TEST_UTIL_H */
