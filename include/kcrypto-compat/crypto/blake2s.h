/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * lib/crypto-compatible BLAKE2s on kcrypto.  The kernel's
 * <crypto/blake2s.h> changed in 7.x: the context is struct blake2s_ctx
 * (was struct blake2s_state) and blake2s() takes (key, keylen, in, inlen,
 * out, outlen) (was (out, in, key, outlen, inlen, keylen)).  The probe
 * KCRYPTO_HAVE_BLAKE2S_CTX (kcrypto-compat.kbuild, run on the consumer's
 * kernel) picks the one that kernel has.
 *
 * The context is a real, complete type with the upstream fields, laid over
 * kcrypto's own context (same layout, checked below).  Invalid lengths are
 * caller bugs and warn once; lib/crypto only checks them under DEBUG.
 */
#if defined(_CRYPTO_BLAKE2S_H) && !defined(_KCRYPTO_COMPAT_BLAKE2S_H)
/* Reached only if the include path is wrong (kcrypto-compat.kbuild). */
#error "the kernel's <crypto/blake2s.h> was included before kcrypto-compat's"
#endif
#ifndef _KCRYPTO_COMPAT_BLAKE2S_H
#define _KCRYPTO_COMPAT_BLAKE2S_H
#define _CRYPTO_BLAKE2S_H

#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <kcrypto/blake2s.h>

enum blake2s_lengths {
	BLAKE2S_BLOCK_SIZE = KCRYPTO_BLAKE2S_BLOCK_SIZE,
	BLAKE2S_HASH_SIZE = KCRYPTO_BLAKE2S_HASH_SIZE,
	BLAKE2S_KEY_SIZE = KCRYPTO_BLAKE2S_KEY_SIZE,

	BLAKE2S_128_HASH_SIZE = 16,
	BLAKE2S_160_HASH_SIZE = 20,
	BLAKE2S_224_HASH_SIZE = 28,
	BLAKE2S_256_HASH_SIZE = 32,
};

#define KCRYPTO_COMPAT_BLAKE2S_FIELDS					\
	union {								\
		struct kcrypto_blake2s_ctx kctx;			\
		struct {						\
			u32 h[8];					\
			u32 t[2];					\
			u32 f[2];					\
			u8 buf[BLAKE2S_BLOCK_SIZE];			\
			unsigned int buflen;				\
			unsigned int outlen;				\
		};							\
	}

#ifdef KCRYPTO_HAVE_BLAKE2S_CTX
struct blake2s_ctx {
	KCRYPTO_COMPAT_BLAKE2S_FIELDS;
};

#define kcrypto_compat_blake2s_t	struct blake2s_ctx
#else
struct blake2s_state {
	KCRYPTO_COMPAT_BLAKE2S_FIELDS;
};

#define kcrypto_compat_blake2s_t	struct blake2s_state
#endif

static_assert(sizeof(kcrypto_compat_blake2s_t) == sizeof(struct kcrypto_blake2s_ctx));
static_assert(offsetof(kcrypto_compat_blake2s_t, outlen) ==
	      offsetof(struct kcrypto_blake2s_ctx, outlen));

static inline void blake2s_init(kcrypto_compat_blake2s_t *ctx, const size_t outlen)
{
	WARN_ON_ONCE(kcrypto_blake2s_init(&ctx->kctx, outlen, NULL, 0));
}

static inline void blake2s_init_key(kcrypto_compat_blake2s_t *ctx, const size_t outlen,
				    const void *key, const size_t keylen)
{
	WARN_ON_ONCE(kcrypto_blake2s_init(&ctx->kctx, outlen, key, keylen));
}

static inline void blake2s_update(kcrypto_compat_blake2s_t *ctx, const u8 *in,
				  size_t inlen)
{
	kcrypto_blake2s_update(&ctx->kctx, in, inlen);
}

/* Writes the @outlen given to init and wipes @ctx. */
static inline void blake2s_final(kcrypto_compat_blake2s_t *ctx, u8 *out)
{
	kcrypto_blake2s_final(&ctx->kctx, out);
}

#ifdef KCRYPTO_HAVE_BLAKE2S_CTX
static inline void blake2s(const u8 *key, size_t keylen, const u8 *in, size_t inlen,
			   u8 *out, size_t outlen)
{
	WARN_ON_ONCE(kcrypto_blake2s(out, outlen, in, inlen, key, keylen));
}
#else
static inline void blake2s(u8 *out, const u8 *in, const u8 *key,
			   const size_t outlen, const size_t inlen,
			   const size_t keylen)
{
	WARN_ON_ONCE(kcrypto_blake2s(out, outlen, in, inlen, key, keylen));
}
#endif

#endif /* _KCRYPTO_COMPAT_BLAKE2S_H */
