// SPDX-License-Identifier: GPL-2.0
/*
 * aead rfc7539(chacha20,poly1305) and rfc7539esp(chacha20,poly1305) on
 * kcrypto's ChaCha20 and Poly1305 (RFC 8439 section 2.8, RFC 7634).
 *
 *   rfc7539:    32-byte key, 12-byte IV, any associated data.
 *   rfc7539esp: 36-byte key (key, then a 4-byte salt), 8-byte IV; the
 *               nonce is salt || IV.  The last 8 bytes of the associated
 *               data are the IV as ESP carries it and are not
 *               authenticated, so assoclen must be at least 8.
 * Both take only a 16-byte tag.  Decryption checks the tag over the
 * ciphertext before it writes any plaintext.
 */
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <crypto/algapi.h>
#include <crypto/scatterwalk.h>
#include <crypto/internal/aead.h>
#include <crypto/internal/skcipher.h>
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>

#include "internal.h"

#define KCRYPTO_CRYPTO_ESP_SALT_SIZE	4
#define KCRYPTO_CRYPTO_ESP_IV_SIZE	8

struct kcrypto_crypto_aead_ctx {
	u8 key[KCRYPTO_CHACHA_KEY_SIZE];
	u8 salt[KCRYPTO_CRYPTO_ESP_SALT_SIZE];
};

static int kcrypto_crypto_aead_setkey(struct crypto_aead *tfm, const u8 *key,
				      unsigned int keylen)
{
	struct kcrypto_crypto_aead_ctx *ctx = crypto_aead_ctx(tfm);
	unsigned int saltlen = KCRYPTO_CHACHA_NONCE_SIZE -
			       crypto_aead_ivsize(tfm);

	if (keylen != KCRYPTO_CHACHA_KEY_SIZE + saltlen)
		return -EINVAL;
	memcpy(ctx->key, key, KCRYPTO_CHACHA_KEY_SIZE);
	memcpy(ctx->salt, key + KCRYPTO_CHACHA_KEY_SIZE, saltlen);
	return 0;
}

static int kcrypto_crypto_aead_setauthsize(struct crypto_aead *tfm,
					   unsigned int authsize)
{
	return authsize == KCRYPTO_POLY1305_MAC_SIZE ? 0 : -EINVAL;
}

static void kcrypto_crypto_aead_exit(struct crypto_aead *tfm)
{
	struct kcrypto_crypto_aead_ctx *ctx = crypto_aead_ctx(tfm);

	memzero_explicit(ctx, sizeof(*ctx));
}

/* One request's state: the ChaCha stream after block 0 and the MAC. */
struct kcrypto_crypto_aead_req {
	struct kcrypto_chacha_state chacha;
	struct kcrypto_poly1305_ctx poly;
	unsigned int adlen;	/* authenticated associated data */
	unsigned int textlen;	/* plaintext / ciphertext without the tag */
};

/*
 * Check the sizes, build the nonce, key the MAC with keystream block 0
 * (RFC 8439 section 2.6) and leave the stream at block 1.
 */
static int kcrypto_crypto_aead_start(struct aead_request *req,
				     struct kcrypto_crypto_aead_req *r,
				     bool decrypt)
{
	struct crypto_aead *tfm = crypto_aead_reqtfm(req);
	const struct kcrypto_crypto_aead_ctx *ctx = crypto_aead_ctx(tfm);
	unsigned int ivsize = crypto_aead_ivsize(tfm);
	unsigned int saltlen = KCRYPTO_CHACHA_NONCE_SIZE - ivsize;
	u8 nonce[KCRYPTO_CHACHA_NONCE_SIZE];
	u8 block0[KCRYPTO_CHACHA_BLOCK_SIZE] = { };

	r->adlen = req->assoclen;
	r->textlen = req->cryptlen;
	if (saltlen) {
		if (r->adlen < KCRYPTO_CRYPTO_ESP_IV_SIZE)
			return -EINVAL;
		r->adlen -= KCRYPTO_CRYPTO_ESP_IV_SIZE;
	}
	if (decrypt) {
		if (r->textlen < KCRYPTO_POLY1305_MAC_SIZE)
			return -EINVAL;
		r->textlen -= KCRYPTO_POLY1305_MAC_SIZE;
	}
	memcpy(nonce, ctx->salt, saltlen);
	memcpy(nonce + saltlen, req->iv, ivsize);
	kcrypto_chacha_init(&r->chacha, ctx->key, nonce, 0);
	kcrypto_chacha_crypt(&r->chacha, block0, block0, sizeof(block0), 20);
	kcrypto_poly1305_init(&r->poly, block0);
	memzero_explicit(block0, sizeof(block0));
	return 0;
}

/* MAC @len bytes of @sg from @skip on, page by page. */
static void kcrypto_crypto_aead_mac_sg(struct kcrypto_poly1305_ctx *poly,
				       struct scatterlist *sg,
				       unsigned int skip, unsigned int len)
{
	struct sg_mapping_iter miter;

	if (!len)
		return;
	/* Atomic mappings: requests may come from softirq (ESP). */
	sg_miter_start(&miter, sg, sg_nents(sg),
		       SG_MITER_FROM_SG | SG_MITER_ATOMIC);
	if (sg_miter_skip(&miter, skip)) {
		while (len && sg_miter_next(&miter)) {
			unsigned int n = min_t(size_t, len, miter.length);

			kcrypto_poly1305_update(poly, miter.addr, n);
			len -= n;
		}
	}
	sg_miter_stop(&miter);
}

/* Zero bytes that bring @len to a multiple of 16 (RFC 8439 2.8). */
static void kcrypto_crypto_aead_mac_pad(struct kcrypto_poly1305_ctx *poly,
					unsigned int len)
{
	static const u8 zero[KCRYPTO_POLY1305_BLOCK_SIZE];

	kcrypto_poly1305_update(poly, zero, -len % KCRYPTO_POLY1305_BLOCK_SIZE);
}

static void kcrypto_crypto_aead_mac_final(struct kcrypto_crypto_aead_req *r,
					  u8 tag[KCRYPTO_POLY1305_MAC_SIZE])
{
	__le64 lens[2];

	kcrypto_crypto_aead_mac_pad(&r->poly, r->textlen);
	lens[0] = cpu_to_le64(r->adlen);
	lens[1] = cpu_to_le64(r->textlen);
	kcrypto_poly1305_update(&r->poly, (const u8 *)lens, sizeof(lens));
	kcrypto_poly1305_final(&r->poly, tag);
}

/*
 * XOR the stream over the text (src -> dst, past the associated data);
 * when @encrypt, MAC the ciphertext written to dst as it goes.
 */
static int kcrypto_crypto_aead_stream(struct aead_request *req,
				      struct kcrypto_crypto_aead_req *r,
				      bool encrypt)
{
	struct skcipher_walk walk;
	int err;

	err = encrypt ? skcipher_walk_aead_encrypt(&walk, req, false) :
			skcipher_walk_aead_decrypt(&walk, req, false);
	while (walk.nbytes) {
		unsigned int n = walk.nbytes;

		if (n < walk.total)
			n = round_down(n, KCRYPTO_CHACHA_BLOCK_SIZE);
		kcrypto_chacha_crypt(&r->chacha, walk.dst.virt.addr,
				     walk.src.virt.addr, n, 20);
		if (encrypt)
			kcrypto_poly1305_update(&r->poly, walk.dst.virt.addr, n);
		err = skcipher_walk_done(&walk, walk.nbytes - n);
	}
	return err;
}

static int kcrypto_crypto_aead_encrypt(struct aead_request *req)
{
	struct kcrypto_crypto_aead_req r;
	u8 tag[KCRYPTO_POLY1305_MAC_SIZE];
	int err;

	err = kcrypto_crypto_aead_start(req, &r, false);
	if (err)
		return err;
	kcrypto_crypto_aead_mac_sg(&r.poly, req->src, 0, r.adlen);
	kcrypto_crypto_aead_mac_pad(&r.poly, r.adlen);
	err = kcrypto_crypto_aead_stream(req, &r, true);
	if (!err) {
		kcrypto_crypto_aead_mac_final(&r, tag);
		scatterwalk_map_and_copy(tag, req->dst,
					 req->assoclen + r.textlen,
					 sizeof(tag), 1);
		memzero_explicit(tag, sizeof(tag));
	}
	kcrypto_chacha_zeroize(&r.chacha);
	memzero_explicit(&r.poly, sizeof(r.poly));
	return err;
}

static int kcrypto_crypto_aead_decrypt(struct aead_request *req)
{
	struct kcrypto_crypto_aead_req r;
	u8 tag[KCRYPTO_POLY1305_MAC_SIZE];
	u8 want[KCRYPTO_POLY1305_MAC_SIZE];
	int err;

	err = kcrypto_crypto_aead_start(req, &r, true);
	if (err)
		return err;
	kcrypto_crypto_aead_mac_sg(&r.poly, req->src, 0, r.adlen);
	kcrypto_crypto_aead_mac_pad(&r.poly, r.adlen);
	kcrypto_crypto_aead_mac_sg(&r.poly, req->src, req->assoclen, r.textlen);
	kcrypto_crypto_aead_mac_final(&r, tag);
	scatterwalk_map_and_copy(want, req->src, req->assoclen + r.textlen,
				 sizeof(want), 0);
	if (crypto_memneq(tag, want, sizeof(tag)))
		err = -EBADMSG;
	else
		err = kcrypto_crypto_aead_stream(req, &r, false);
	memzero_explicit(tag, sizeof(tag));
	kcrypto_chacha_zeroize(&r.chacha);
	memzero_explicit(&r.poly, sizeof(r.poly));
	return err;
}

/* The two differ in name and IV size (the salt is the rest of the nonce). */
#define KCRYPTO_CRYPTO_AEAD_ALG(alg, driver, iv_size) {			\
	.base.cra_name		= alg,					\
	.base.cra_driver_name	= driver,				\
	.base.cra_blocksize	= 1,					\
	.base.cra_ctxsize	= sizeof(struct kcrypto_crypto_aead_ctx), \
	.base.cra_module	= THIS_MODULE,				\
	.ivsize			= iv_size,				\
	.maxauthsize		= KCRYPTO_POLY1305_MAC_SIZE,		\
	.chunksize		= KCRYPTO_CHACHA_BLOCK_SIZE,		\
	.setkey			= kcrypto_crypto_aead_setkey,		\
	.setauthsize		= kcrypto_crypto_aead_setauthsize,	\
	.encrypt		= kcrypto_crypto_aead_encrypt,		\
	.decrypt		= kcrypto_crypto_aead_decrypt,		\
	.exit			= kcrypto_crypto_aead_exit,		\
}

static struct aead_alg kcrypto_crypto_aeads[] = {
	KCRYPTO_CRYPTO_AEAD_ALG("rfc7539(chacha20,poly1305)",
				"rfc7539-chacha20-poly1305-kcrypto",
				KCRYPTO_CHACHA_NONCE_SIZE),
	KCRYPTO_CRYPTO_AEAD_ALG("rfc7539esp(chacha20,poly1305)",
				"rfc7539esp-chacha20-poly1305-kcrypto",
				KCRYPTO_CRYPTO_ESP_IV_SIZE),
};

int kcrypto_crypto_aead_register(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kcrypto_crypto_aeads); i++)
		kcrypto_crypto_aeads[i].base.cra_priority =
			kcrypto_crypto_priority;
	return crypto_register_aeads(kcrypto_crypto_aeads,
				     ARRAY_SIZE(kcrypto_crypto_aeads));
}

void kcrypto_crypto_aead_unregister(void)
{
	crypto_unregister_aeads(kcrypto_crypto_aeads,
				ARRAY_SIZE(kcrypto_crypto_aeads));
}
