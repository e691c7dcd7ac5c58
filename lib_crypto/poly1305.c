// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 one-time authenticator, portable C (RFC 8439 section 2.5).
 *
 * The block function comes in two limb widths: radix 2^64 where the
 * compiler has a 128-bit integer type, 26-bit limbs otherwise.  Both read
 * and write the canonical state of <kcrypto/poly1305.h>, so the buffering,
 * finalisation and any arch implementation can share one state format.
 */

#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>
#include "dispatch.h"

#ifdef __SIZEOF_INT128__
#include "poly1305-limbs64.h"
#else
#include "poly1305-limbs26.h"
#endif

typedef void poly1305_blocks_fn(struct kcrypto_poly1305_state *st,
				const u8 *src, size_t len, u32 hibit);

/**
 * kcrypto_poly1305_blocks_generic() - absorb full blocks, portable C
 * @st: canonical state (h[2] <= 7 on entry and on return)
 * @src: message blocks
 * @len: number of bytes, a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_generic(struct kcrypto_poly1305_state *st,
				     const u8 *src, size_t len, u32 hibit)
{
	poly1305_blocks_limbs(st, src, len, hibit);
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_blocks_generic);

/**
 * kcrypto_poly1305_init() - start a Poly1305 computation
 * @ctx: context to initialise
 * @key: one-time key: r (clamped here) then s
 */
void kcrypto_poly1305_init(struct kcrypto_poly1305_ctx *ctx,
			   const u8 key[KCRYPTO_POLY1305_KEY_SIZE])
{
	int i;

	ctx->st.h[0] = 0;
	ctx->st.h[1] = 0;
	ctx->st.h[2] = 0;
	/* RFC 8439 clamp: top 4 bits of r[3,7,11,15], low 2 of r[4,8,12]. */
	ctx->st.r[0] = get_unaligned_le64(key) & 0x0ffffffc0fffffffULL;
	ctx->st.r[1] = get_unaligned_le64(key + 8) & 0x0ffffffc0ffffffcULL;
	for (i = 0; i < 4; i++)
		ctx->s[i] = get_unaligned_le32(key + 16 + 4 * i);
	ctx->buflen = 0;
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_init);

/*
 * The buffering of update, written once.  It is inlined into each caller
 * with a constant @blocks, so the call stays direct (no indirect branch).
 */
static __always_inline void
poly1305_update_with(struct kcrypto_poly1305_ctx *ctx, const u8 *src,
		     size_t len, poly1305_blocks_fn *blocks)
{
	size_t n;

	if (unlikely(!len))
		return;
	if (ctx->buflen) {
		n = min_t(size_t, len,
			  KCRYPTO_POLY1305_BLOCK_SIZE - ctx->buflen);
		memcpy(ctx->buf + ctx->buflen, src, n);
		ctx->buflen += n;
		src += n;
		len -= n;
		if (ctx->buflen < KCRYPTO_POLY1305_BLOCK_SIZE)
			return;
		blocks(&ctx->st, ctx->buf, KCRYPTO_POLY1305_BLOCK_SIZE, 1);
		ctx->buflen = 0;
	}
	if (len >= KCRYPTO_POLY1305_BLOCK_SIZE) {
		n = len & ~(size_t)(KCRYPTO_POLY1305_BLOCK_SIZE - 1);
		blocks(&ctx->st, src, n, 1);
		src += n;
		len -= n;
	}
	if (len) {
		memcpy(ctx->buf, src, len);
		ctx->buflen = len;
	}
}

/**
 * kcrypto_poly1305_update() - absorb message bytes
 * @ctx: context
 * @src: message bytes
 * @len: number of bytes, any value
 *
 * Full blocks go to the dispatching block function (accelerated when an
 * implementation is bound); a trailing partial block is buffered.
 */
void kcrypto_poly1305_update(struct kcrypto_poly1305_ctx *ctx,
			     const u8 *src, size_t len)
{
	poly1305_update_with(ctx, src, len, kcrypto_poly1305_blocks);
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_update);

/**
 * kcrypto_poly1305_update_generic() - absorb message bytes, portable C only
 * @ctx: context
 * @src: message bytes
 * @len: number of bytes, any value
 *
 * Same as kcrypto_poly1305_update() but never dispatches.
 */
void kcrypto_poly1305_update_generic(struct kcrypto_poly1305_ctx *ctx,
				     const u8 *src, size_t len)
{
	poly1305_update_with(ctx, src, len, kcrypto_poly1305_blocks_generic);
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_update_generic);

/**
 * kcrypto_poly1305_final() - finish and write the tag
 * @ctx: context, wiped on return
 * @mac: 16-byte tag
 *
 * A trailing partial block gets a 1 byte appended, is zero-padded and is
 * absorbed without the 2^128 bit.  Then h is fully reduced modulo
 * 2^130 - 5 and s is added modulo 2^128.
 */
void kcrypto_poly1305_final(struct kcrypto_poly1305_ctx *ctx,
			    u8 mac[KCRYPTO_POLY1305_MAC_SIZE])
{
	u64 h0, h1, h2, g0, g1, g2, c, mask;

	if (ctx->buflen) {
		ctx->buf[ctx->buflen++] = 1;
		memset(ctx->buf + ctx->buflen, 0,
		       KCRYPTO_POLY1305_BLOCK_SIZE - ctx->buflen);
		kcrypto_poly1305_blocks(&ctx->st, ctx->buf,
					KCRYPTO_POLY1305_BLOCK_SIZE, 0);
	}

	h0 = ctx->st.h[0];
	h1 = ctx->st.h[1];
	h2 = ctx->st.h[2];

	/* Fold bits 130 and up: h < 2^130 + 5 afterwards, i.e. below 2p. */
	c = (h2 >> 2) * 5;
	h2 &= 3;
	h0 += c;
	c = h0 < c;
	h1 += c;
	c = h1 < c;
	h2 += c;

	/* g = h + 5 - 2^130: h >= p exactly when g has bit 130 set. */
	g0 = h0 + 5;
	c = g0 < 5;
	g1 = h1 + c;
	c = g1 < c;
	g2 = h2 + c;
	mask = 0 - (g2 >> 2);	/* all ones when h >= p */
	OPTIMIZER_HIDE_VAR(mask);	/* keep the selection branch-free */
	h0 = (h0 & ~mask) | (g0 & mask);
	h1 = (h1 & ~mask) | (g1 & mask);

	/* tag = (h + s) mod 2^128 */
	g0 = (u64)ctx->s[0] | ((u64)ctx->s[1] << 32);
	g1 = (u64)ctx->s[2] | ((u64)ctx->s[3] << 32);
	h0 += g0;
	c = h0 < g0;
	h1 += g1 + c;
	put_unaligned_le64(h0, mac);
	put_unaligned_le64(h1, mac + 8);

	memzero_explicit(ctx, sizeof(*ctx));
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305_final);

/**
 * kcrypto_poly1305() - one-shot Poly1305
 * @mac: 16-byte tag
 * @src: message
 * @len: message length
 * @key: one-time key
 */
void kcrypto_poly1305(u8 mac[KCRYPTO_POLY1305_MAC_SIZE], const u8 *src,
		      size_t len, const u8 key[KCRYPTO_POLY1305_KEY_SIZE])
{
	struct kcrypto_poly1305_ctx ctx;

	kcrypto_poly1305_init(&ctx, key);
	kcrypto_poly1305_update(&ctx, src, len);
	kcrypto_poly1305_final(&ctx, mac);
}
EXPORT_SYMBOL_GPL(kcrypto_poly1305);
