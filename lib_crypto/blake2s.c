// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * BLAKE2s, portable C (RFC 7693): keyed or unkeyed, 1..32 byte output,
 * sequential mode only (fanout 1, depth 1, no salt or personalisation).
 */

#include <kcrypto/env.h>
#include <kcrypto/blake2s.h>
#include "dispatch.h"

/* The SHA-256 initial values (RFC 7693 section 2.6). */
static const u32 blake2s_iv[8] = {
	0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU,
	0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U,
};

/* Message word schedule (RFC 7693 section 2.7); round 10 reuses row 0. */
static const u8 blake2s_sigma[10][16] = {
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	{ 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
	{ 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 },
	{ 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
	{ 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 },
	{ 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
	{ 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 },
	{ 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
	{ 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 },
	{ 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
};

typedef void blake2s_compress_fn(struct kcrypto_blake2s_ctx *ctx,
				 const u8 *block, size_t nblocks, u32 inc);

/* The mixing function G (RFC 7693 section 3.1), rotations 16, 12, 8, 7. */
static __always_inline void blake2s_g(u32 *v, int a, int b, int c, int d,
				      u32 x, u32 y)
{
	v[a] += v[b] + x;
	v[d] = ror32(v[d] ^ v[a], 16);
	v[c] += v[d];
	v[b] = ror32(v[b] ^ v[c], 12);
	v[a] += v[b] + y;
	v[d] = ror32(v[d] ^ v[a], 8);
	v[c] += v[d];
	v[b] = ror32(v[b] ^ v[c], 7);
}

static __always_inline void blake2s_round(u32 *v, const u32 *m, int r)
{
	const u8 *s = blake2s_sigma[r];

	blake2s_g(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
	blake2s_g(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
	blake2s_g(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
	blake2s_g(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
	blake2s_g(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
	blake2s_g(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
	blake2s_g(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
	blake2s_g(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

/**
 * kcrypto_blake2s_compress_generic() - compress full blocks, portable C
 * @ctx: context; h and t are updated, f is read
 * @block: @nblocks consecutive 64-byte blocks
 * @nblocks: number of blocks
 * @inc: added to the byte counter before each block (64, or the length
 *	of the final block)
 */
void kcrypto_blake2s_compress_generic(struct kcrypto_blake2s_ctx *ctx,
				      const u8 *block, size_t nblocks, u32 inc)
{
	u32 m[16], v[16];
	int i;

	while (nblocks--) {
		/* 64-bit byte counter in two words. */
		ctx->t[0] += inc;
		ctx->t[1] += ctx->t[0] < inc;

		for (i = 0; i < 16; i++)
			m[i] = get_unaligned_le32(block + 4 * i);
		for (i = 0; i < 8; i++)
			v[i] = ctx->h[i];
		v[8] = blake2s_iv[0];
		v[9] = blake2s_iv[1];
		v[10] = blake2s_iv[2];
		v[11] = blake2s_iv[3];
		v[12] = blake2s_iv[4] ^ ctx->t[0];
		v[13] = blake2s_iv[5] ^ ctx->t[1];
		v[14] = blake2s_iv[6] ^ ctx->f[0];
		v[15] = blake2s_iv[7] ^ ctx->f[1];

		blake2s_round(v, m, 0);
		blake2s_round(v, m, 1);
		blake2s_round(v, m, 2);
		blake2s_round(v, m, 3);
		blake2s_round(v, m, 4);
		blake2s_round(v, m, 5);
		blake2s_round(v, m, 6);
		blake2s_round(v, m, 7);
		blake2s_round(v, m, 8);
		blake2s_round(v, m, 9);

		for (i = 0; i < 8; i++)
			ctx->h[i] ^= v[i] ^ v[i + 8];
		block += KCRYPTO_BLAKE2S_BLOCK_SIZE;
	}
	/* The first block of a keyed hash is the key; v derives from it. */
	memzero_explicit(m, sizeof(m));
	memzero_explicit(v, sizeof(v));
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_compress_generic);

/**
 * kcrypto_blake2s_init() - start a BLAKE2s computation
 * @ctx: context to initialise
 * @outlen: digest length, 1..32
 * @key: optional key, may be NULL when @keylen is 0
 * @keylen: key length, 0..32
 *
 * Return: 0, or -EINVAL for bad parameters, in which case @ctx is wiped
 * (and has outlen 0).
 */
int kcrypto_blake2s_init(struct kcrypto_blake2s_ctx *ctx, size_t outlen,
			 const u8 *key, size_t keylen)
{
	int i;

	if (!outlen || outlen > KCRYPTO_BLAKE2S_HASH_SIZE ||
	    keylen > KCRYPTO_BLAKE2S_KEY_SIZE || (!key && keylen)) {
		memzero_explicit(ctx, sizeof(*ctx));
		return -EINVAL;
	}

	for (i = 0; i < 8; i++)
		ctx->h[i] = blake2s_iv[i];
	/* Parameter word 0: digest length, key length, fanout 1, depth 1. */
	ctx->h[0] ^= 0x01010000U | ((u32)keylen << 8) | (u32)outlen;
	ctx->t[0] = 0;
	ctx->t[1] = 0;
	ctx->f[0] = 0;
	ctx->f[1] = 0;
	ctx->outlen = outlen;
	memset(ctx->buf, 0, sizeof(ctx->buf));
	ctx->buflen = 0;
	if (keylen) {
		/* The key, zero-padded to a full block, is the first block. */
		memcpy(ctx->buf, key, keylen);
		ctx->buflen = KCRYPTO_BLAKE2S_BLOCK_SIZE;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_init);

/*
 * The buffering of update, written once and inlined with a constant
 * @compress.  A full buffer is compressed only once more input arrives:
 * the last block must still be in the buffer when final sets the
 * finalisation flag.
 */
static __always_inline void
blake2s_update_with(struct kcrypto_blake2s_ctx *ctx, const u8 *in,
		    size_t inlen, blake2s_compress_fn *compress)
{
	size_t fill = KCRYPTO_BLAKE2S_BLOCK_SIZE - ctx->buflen;
	size_t nblocks;

	if (!inlen)
		return;
	if (inlen > fill) {
		memcpy(ctx->buf + ctx->buflen, in, fill);
		compress(ctx, ctx->buf, 1, KCRYPTO_BLAKE2S_BLOCK_SIZE);
		ctx->buflen = 0;
		in += fill;
		inlen -= fill;
		if (inlen > KCRYPTO_BLAKE2S_BLOCK_SIZE) {
			/* Every full block but the last one. */
			nblocks = (inlen - 1) / KCRYPTO_BLAKE2S_BLOCK_SIZE;
			compress(ctx, in, nblocks, KCRYPTO_BLAKE2S_BLOCK_SIZE);
			in += nblocks * KCRYPTO_BLAKE2S_BLOCK_SIZE;
			inlen -= nblocks * KCRYPTO_BLAKE2S_BLOCK_SIZE;
		}
	}
	memcpy(ctx->buf + ctx->buflen, in, inlen);
	ctx->buflen += inlen;
}

/**
 * kcrypto_blake2s_update() - absorb message bytes
 * @ctx: context
 * @in: message bytes
 * @inlen: number of bytes, any value
 *
 * Blocks go to the dispatching compression function (accelerated when an
 * implementation is bound).
 */
void kcrypto_blake2s_update(struct kcrypto_blake2s_ctx *ctx, const u8 *in,
			    size_t inlen)
{
	blake2s_update_with(ctx, in, inlen, kcrypto_blake2s_compress);
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_update);

/**
 * kcrypto_blake2s_update_generic() - absorb message bytes, portable C only
 * @ctx: context
 * @in: message bytes
 * @inlen: number of bytes, any value
 *
 * Same as kcrypto_blake2s_update() but never dispatches.
 */
void kcrypto_blake2s_update_generic(struct kcrypto_blake2s_ctx *ctx,
				    const u8 *in, size_t inlen)
{
	blake2s_update_with(ctx, in, inlen, kcrypto_blake2s_compress_generic);
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_update_generic);

/**
 * kcrypto_blake2s_final() - finish and write the digest
 * @ctx: context, wiped on return
 * @out: ctx->outlen bytes of digest
 *
 * The buffered last block (possibly empty) is zero-padded and compressed
 * with the finalisation flag set; the counter counts only its real bytes.
 */
void kcrypto_blake2s_final(struct kcrypto_blake2s_ctx *ctx, u8 *out)
{
	u8 digest[KCRYPTO_BLAKE2S_HASH_SIZE];
	int i;

	ctx->f[0] = ~0U;
	memset(ctx->buf + ctx->buflen, 0,
	       KCRYPTO_BLAKE2S_BLOCK_SIZE - ctx->buflen);
	kcrypto_blake2s_compress(ctx, ctx->buf, 1, ctx->buflen);
	for (i = 0; i < 8; i++)
		put_unaligned_le32(ctx->h[i], digest + 4 * i);
	memcpy(out, digest, ctx->outlen);
	memzero_explicit(digest, sizeof(digest));
	memzero_explicit(ctx, sizeof(*ctx));
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s_final);

/**
 * kcrypto_blake2s() - one-shot BLAKE2s
 * @out: @outlen bytes of digest
 * @outlen: digest length, 1..32
 * @in: message
 * @inlen: message length
 * @key: optional key, may be NULL when @keylen is 0
 * @keylen: key length, 0..32
 *
 * Return: 0, or -EINVAL for bad parameters (nothing is written).
 */
int kcrypto_blake2s(u8 *out, size_t outlen, const u8 *in, size_t inlen,
		    const u8 *key, size_t keylen)
{
	struct kcrypto_blake2s_ctx ctx;
	int ret;

	ret = kcrypto_blake2s_init(&ctx, outlen, key, keylen);
	if (ret)
		return ret;
	kcrypto_blake2s_update(&ctx, in, inlen);
	kcrypto_blake2s_final(&ctx, out);
	return 0;
}
EXPORT_SYMBOL_GPL(kcrypto_blake2s);
