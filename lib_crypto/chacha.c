// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20 / ChaCha12 and HChaCha20 / HChaCha12, portable C (RFC 8439 section 2,
 * draft-irtf-cfrg-xchacha section 2.2).
 */

#include <kcrypto/env.h>
#include <kcrypto/chacha.h>

/* "expand 32-byte k", little-endian words (RFC 8439 section 2.3). */
#define CHACHA_C0	0x61707865U
#define CHACHA_C1	0x3320646eU
#define CHACHA_C2	0x79622d32U
#define CHACHA_C3	0x6b206574U

static __always_inline void chacha_qr(u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rol32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rol32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rol32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rol32(x[b] ^ x[c], 7);
}

/* @nrounds rounds, alternating column and diagonal rounds, in place. */
static __always_inline void chacha_permute(u32 x[16], int nrounds)
{
	int i;

	for (i = 0; i < nrounds; i += 2) {
		chacha_qr(x, 0, 4, 8, 12);
		chacha_qr(x, 1, 5, 9, 13);
		chacha_qr(x, 2, 6, 10, 14);
		chacha_qr(x, 3, 7, 11, 15);
		chacha_qr(x, 0, 5, 10, 15);
		chacha_qr(x, 1, 6, 11, 12);
		chacha_qr(x, 2, 7, 8, 13);
		chacha_qr(x, 3, 4, 9, 14);
	}
}

/* One keystream block as 16 native words; advances the block counter. */
static void chacha_block(struct kcrypto_chacha_state *st, u32 ks[16],
			 int nrounds)
{
	int i;

	for (i = 0; i < 16; i++)
		ks[i] = st->x[i];
	chacha_permute(ks, nrounds);
	for (i = 0; i < 16; i++)
		ks[i] += st->x[i];
	/* 32-bit counter: wraps, never carries into the nonce. */
	st->x[12]++;
}

/**
 * kcrypto_chacha_init() - set up a ChaCha state
 * @st: state to initialise
 * @key: 256-bit key
 * @nonce: 96-bit nonce
 * @counter: initial 32-bit block counter
 *
 * Lays out the 16 input words of RFC 8439 section 2.3: constants, key,
 * counter, nonce.
 */
void kcrypto_chacha_init(struct kcrypto_chacha_state *st,
			 const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
			 const u8 nonce[KCRYPTO_CHACHA_NONCE_SIZE], u32 counter)
{
	int i;

	st->x[0] = CHACHA_C0;
	st->x[1] = CHACHA_C1;
	st->x[2] = CHACHA_C2;
	st->x[3] = CHACHA_C3;
	for (i = 0; i < 8; i++)
		st->x[4 + i] = get_unaligned_le32(key + 4 * i);
	st->x[12] = counter;
	for (i = 0; i < 3; i++)
		st->x[13 + i] = get_unaligned_le32(nonce + 4 * i);
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_init);

/**
 * kcrypto_chacha_crypt_generic() - XOR ChaCha keystream, portable C
 * @st: state; its block counter is advanced once per (partial) block
 * @dst: output, may equal @src
 * @src: input
 * @len: number of bytes, any value
 * @nrounds: 20 or 12; anything else warns once and does nothing
 *
 * The keystream is produced in a stack buffer that is wiped before return.
 */
void kcrypto_chacha_crypt_generic(struct kcrypto_chacha_state *st, u8 *dst,
				  const u8 *src, size_t len, int nrounds)
{
	u32 ks[16];
	size_t i;

	if (WARN_ON_ONCE(!kcrypto_chacha_nrounds_ok(nrounds)))
		return;
	while (len >= KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_block(st, ks, nrounds);
		for (i = 0; i < 16; i++)
			put_unaligned_le32(get_unaligned_le32(src + 4 * i) ^
					   ks[i], dst + 4 * i);
		src += KCRYPTO_CHACHA_BLOCK_SIZE;
		dst += KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len) {
		chacha_block(st, ks, nrounds);
		/* Keystream byte i: byte i % 4 of word i / 4, little-endian. */
		for (i = 0; i < len; i++)
			dst[i] = src[i] ^ (u8)(ks[i / 4] >> (8 * (i % 4)));
	}
	memzero_explicit(ks, sizeof(ks));
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_crypt_generic);

/**
 * kcrypto_chacha20() - one-shot ChaCha20
 * @dst: output, may equal @src
 * @src: input
 * @len: number of bytes
 * @key: 256-bit key
 * @nonce: 96-bit nonce
 * @counter: initial block counter
 *
 * Goes through kcrypto_chacha_crypt(), so an accelerated implementation is
 * used when one is bound.
 */
void kcrypto_chacha20(u8 *dst, const u8 *src, size_t len,
		      const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
		      const u8 nonce[KCRYPTO_CHACHA_NONCE_SIZE], u32 counter)
{
	struct kcrypto_chacha_state st;

	kcrypto_chacha_init(&st, key, nonce, counter);
	kcrypto_chacha_crypt(&st, dst, src, len, 20);
	kcrypto_chacha_zeroize(&st);
}
EXPORT_SYMBOL_GPL(kcrypto_chacha20);

/**
 * kcrypto_hchacha() - derive a subkey with HChaCha
 * @out: 32-byte subkey
 * @key: 256-bit key
 * @nonce: first 16 bytes of an XChaCha nonce
 * @nrounds: 20 (HChaCha20, XChaCha20) or 12 (XChaCha12, Adiantum); anything
 *	else warns once and leaves @out untouched
 *
 * The @nrounds-round permutation of (constants, key, nonce) without the
 * final feed-forward addition; the output is words 0..3 and 12..15.  One
 * permutation per message: portable C, no arch hook.
 */
void kcrypto_hchacha(u8 out[KCRYPTO_HCHACHA_OUT_SIZE],
		     const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
		     const u8 nonce[KCRYPTO_HCHACHA_NONCE_SIZE], int nrounds)
{
	u32 x[16];
	int i;

	if (WARN_ON_ONCE(!kcrypto_chacha_nrounds_ok(nrounds)))
		return;
	x[0] = CHACHA_C0;
	x[1] = CHACHA_C1;
	x[2] = CHACHA_C2;
	x[3] = CHACHA_C3;
	for (i = 0; i < 8; i++)
		x[4 + i] = get_unaligned_le32(key + 4 * i);
	for (i = 0; i < 4; i++)
		x[12 + i] = get_unaligned_le32(nonce + 4 * i);
	chacha_permute(x, nrounds);
	for (i = 0; i < 4; i++) {
		put_unaligned_le32(x[i], out + 4 * i);
		put_unaligned_le32(x[12 + i], out + 16 + 4 * i);
	}
	memzero_explicit(x, sizeof(x));
}
EXPORT_SYMBOL_GPL(kcrypto_hchacha);

/**
 * kcrypto_hchacha20() - derive a subkey with HChaCha20
 * @out: 32-byte subkey
 * @key: 256-bit key
 * @nonce: first 16 bytes of an XChaCha nonce
 */
void kcrypto_hchacha20(u8 out[KCRYPTO_HCHACHA_OUT_SIZE],
		       const u8 key[KCRYPTO_CHACHA_KEY_SIZE],
		       const u8 nonce[KCRYPTO_HCHACHA_NONCE_SIZE])
{
	kcrypto_hchacha(out, key, nonce, 20);
}
EXPORT_SYMBOL_GPL(kcrypto_hchacha20);

/**
 * kcrypto_chacha_zeroize() - wipe a ChaCha state
 * @st: state holding key material
 */
void kcrypto_chacha_zeroize(struct kcrypto_chacha_state *st)
{
	memzero_explicit(st, sizeof(*st));
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_zeroize);
