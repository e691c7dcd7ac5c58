/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Poly1305 one-time authenticator (RFC 8439 section 2.5).
 *
 * The accumulator and the clamped key r live in a canonical radix-2^64
 * form that every implementation (generic and arch) reads on entry and
 * writes back on exit, so a message may switch implementation between two
 * update calls (an arch module unplugged, or generic forced at runtime).
 *
 * Invariant between calls: h = h[0] + h[1]*2^64 + h[2]*2^128 with
 * h[2] <= 7 (value below 2^131; not necessarily reduced mod 2^130-5).
 * Every blocks function accepts any such h and returns one.
 */
#ifndef _KCRYPTO_POLY1305_H
#define _KCRYPTO_POLY1305_H

#include <kcrypto/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KCRYPTO_POLY1305_KEY_SIZE	32
#define KCRYPTO_POLY1305_BLOCK_SIZE	16
#define KCRYPTO_POLY1305_MAC_SIZE	16

struct kcrypto_poly1305_state {
	u64 h[3];	/* accumulator, see invariant above */
	u64 r[2];	/* clamped r, little-endian 128-bit */
};

struct kcrypto_poly1305_ctx {
	struct kcrypto_poly1305_state st;
	u32 s[4];				/* second key half */
	u8 buf[KCRYPTO_POLY1305_BLOCK_SIZE];	/* partial block */
	unsigned int buflen;
};

void kcrypto_poly1305_init(struct kcrypto_poly1305_ctx *ctx,
			   const u8 key[KCRYPTO_POLY1305_KEY_SIZE]);
void kcrypto_poly1305_update(struct kcrypto_poly1305_ctx *ctx,
			     const u8 *src, size_t len);
/* Writes the tag and wipes @ctx. */
void kcrypto_poly1305_final(struct kcrypto_poly1305_ctx *ctx,
			    u8 mac[KCRYPTO_POLY1305_MAC_SIZE]);
void kcrypto_poly1305(u8 mac[KCRYPTO_POLY1305_MAC_SIZE], const u8 *src,
		      size_t len, const u8 key[KCRYPTO_POLY1305_KEY_SIZE]);

/*
 * Absorb @len bytes (a multiple of 16) of full blocks.  @hibit is 1 for
 * message blocks (the 2^128 pad bit) and 0 for the final padded block.
 */
void kcrypto_poly1305_blocks_generic(struct kcrypto_poly1305_state *st,
				     const u8 *src, size_t len, u32 hibit);

/* Same as the dispatching API but always generic (for tests, fallback). */
void kcrypto_poly1305_update_generic(struct kcrypto_poly1305_ctx *ctx,
				     const u8 *src, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* _KCRYPTO_POLY1305_H */
