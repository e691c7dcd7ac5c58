/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* BLAKE2s (RFC 7693): keyed (0..32 byte key), output length 1..32. */
#ifndef _KCRYPTO_BLAKE2S_H
#define _KCRYPTO_BLAKE2S_H

#include <kcrypto/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KCRYPTO_BLAKE2S_BLOCK_SIZE	64
#define KCRYPTO_BLAKE2S_HASH_SIZE	32
#define KCRYPTO_BLAKE2S_KEY_SIZE	32

struct kcrypto_blake2s_ctx {
	u32 h[8];	/* chain value */
	u32 t[2];	/* byte counter, low word first */
	u32 f[2];	/* finalisation flags */
	u8 buf[KCRYPTO_BLAKE2S_BLOCK_SIZE];
	unsigned int buflen;
	unsigned int outlen;
};

/*
 * Return 0, or -EINVAL (and leave @ctx unusable-but-wiped) when @outlen is
 * not in 1..32 or @keylen is above 32 or @key is NULL with @keylen != 0.
 */
int kcrypto_blake2s_init(struct kcrypto_blake2s_ctx *ctx, size_t outlen,
			 const u8 *key, size_t keylen);
void kcrypto_blake2s_update(struct kcrypto_blake2s_ctx *ctx, const u8 *in,
			    size_t inlen);
/* Writes ctx->outlen bytes and wipes @ctx. */
void kcrypto_blake2s_final(struct kcrypto_blake2s_ctx *ctx, u8 *out);
int kcrypto_blake2s(u8 *out, size_t outlen, const u8 *in, size_t inlen,
		    const u8 *key, size_t keylen);

/*
 * Compress @nblocks full blocks, adding @inc to the byte counter before each
 * block (inc is 64, or the final block's length).  The caller sets ctx->f.
 */
void kcrypto_blake2s_compress_generic(struct kcrypto_blake2s_ctx *ctx,
				      const u8 *block, size_t nblocks, u32 inc);
void kcrypto_blake2s_update_generic(struct kcrypto_blake2s_ctx *ctx,
				    const u8 *in, size_t inlen);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_BLAKE2S_H */
