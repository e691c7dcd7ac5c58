// SPDX-License-Identifier: GPL-2.0
/*
 * skcipher chacha20, xchacha20 and xchacha12 on kcrypto's ChaCha.
 *
 * IV layouts are the crypto API's (crypto/chacha*.c, testmgr vectors):
 *   chacha20:   16 bytes, le32 block counter then the 96-bit nonce;
 *   xchacha*:   32 bytes, a 128-bit HChaCha nonce, 64 more nonce bits,
 *               then a 64-bit stream position whose low word is the block
 *               counter and whose high word is a nonce word.
 */
#include <linux/module.h>
#include <crypto/internal/skcipher.h>
#include <kcrypto/chacha.h>

#include "internal.h"

#define KCRYPTO_CRYPTO_CHACHA_IV_SIZE	16
#define KCRYPTO_CRYPTO_XCHACHA_IV_SIZE	32

struct kcrypto_crypto_chacha_ctx {
	u8 key[KCRYPTO_CHACHA_KEY_SIZE];
	int nrounds;
};

static int kcrypto_crypto_chacha_setkey(struct crypto_skcipher *tfm,
					const u8 *key, unsigned int keylen,
					int nrounds)
{
	struct kcrypto_crypto_chacha_ctx *ctx = crypto_skcipher_ctx(tfm);

	if (keylen != KCRYPTO_CHACHA_KEY_SIZE)
		return -EINVAL;
	memcpy(ctx->key, key, KCRYPTO_CHACHA_KEY_SIZE);
	ctx->nrounds = nrounds;
	return 0;
}

static int kcrypto_crypto_chacha20_setkey(struct crypto_skcipher *tfm,
					  const u8 *key, unsigned int keylen)
{
	return kcrypto_crypto_chacha_setkey(tfm, key, keylen, 20);
}

static int kcrypto_crypto_chacha12_setkey(struct crypto_skcipher *tfm,
					  const u8 *key, unsigned int keylen)
{
	return kcrypto_crypto_chacha_setkey(tfm, key, keylen, 12);
}

static void kcrypto_crypto_chacha_exit(struct crypto_skcipher *tfm)
{
	struct kcrypto_crypto_chacha_ctx *ctx = crypto_skcipher_ctx(tfm);

	memzero_explicit(ctx->key, sizeof(ctx->key));
}

/*
 * XOR the keystream of @st into the request.  kcrypto_chacha_crypt() takes
 * a partial block only as the last call on a state, so every step but the
 * last is cut to whole blocks (the walk hands the rest back).
 */
static int kcrypto_crypto_chacha_walk(struct skcipher_request *req,
				      struct kcrypto_chacha_state *st,
				      int nrounds)
{
	struct skcipher_walk walk;
	int err;

	err = skcipher_walk_virt(&walk, req, false);
	while (walk.nbytes) {
		unsigned int n = walk.nbytes;

		if (n < walk.total)
			n = round_down(n, KCRYPTO_CHACHA_BLOCK_SIZE);
		kcrypto_chacha_crypt(st, walk.dst.virt.addr,
				     walk.src.virt.addr, n, nrounds);
		err = skcipher_walk_done(&walk, walk.nbytes - n);
	}
	kcrypto_chacha_zeroize(st);
	return err;
}

static int kcrypto_crypto_chacha_crypt(struct skcipher_request *req)
{
	struct crypto_skcipher *tfm = crypto_skcipher_reqtfm(req);
	const struct kcrypto_crypto_chacha_ctx *ctx = crypto_skcipher_ctx(tfm);
	struct kcrypto_chacha_state st;

	kcrypto_chacha_init(&st, ctx->key, req->iv + 4,
			    get_unaligned_le32(req->iv));
	return kcrypto_crypto_chacha_walk(req, &st, ctx->nrounds);
}

static int kcrypto_crypto_xchacha_crypt(struct skcipher_request *req)
{
	struct crypto_skcipher *tfm = crypto_skcipher_reqtfm(req);
	const struct kcrypto_crypto_chacha_ctx *ctx = crypto_skcipher_ctx(tfm);
	struct kcrypto_chacha_state st;
	u8 subkey[KCRYPTO_HCHACHA_OUT_SIZE];
	u8 nonce[KCRYPTO_CHACHA_NONCE_SIZE];

	kcrypto_hchacha(subkey, ctx->key, req->iv, ctx->nrounds);
	/* High word of the stream position, then the last 64 nonce bits. */
	memcpy(nonce, req->iv + 28, 4);
	memcpy(nonce + 4, req->iv + 16, 8);
	kcrypto_chacha_init(&st, subkey, nonce, get_unaligned_le32(req->iv + 24));
	memzero_explicit(subkey, sizeof(subkey));
	return kcrypto_crypto_chacha_walk(req, &st, ctx->nrounds);
}

/* The three differ in name, IV size and round count only. */
#define KCRYPTO_CRYPTO_CHACHA_ALG(alg, iv_size, set_key, crypt) {	\
	.base.cra_name		= alg,					\
	.base.cra_driver_name	= alg "-kcrypto",			\
	.base.cra_blocksize	= 1,					\
	.base.cra_ctxsize	= sizeof(struct kcrypto_crypto_chacha_ctx), \
	.base.cra_module	= THIS_MODULE,				\
	.min_keysize		= KCRYPTO_CHACHA_KEY_SIZE,		\
	.max_keysize		= KCRYPTO_CHACHA_KEY_SIZE,		\
	.ivsize			= iv_size,				\
	.chunksize		= KCRYPTO_CHACHA_BLOCK_SIZE,		\
	.setkey			= set_key,				\
	.encrypt		= crypt,				\
	.decrypt		= crypt,				\
	.exit			= kcrypto_crypto_chacha_exit,		\
}

static struct skcipher_alg kcrypto_crypto_skciphers[] = {
	KCRYPTO_CRYPTO_CHACHA_ALG("chacha20", KCRYPTO_CRYPTO_CHACHA_IV_SIZE,
				  kcrypto_crypto_chacha20_setkey,
				  kcrypto_crypto_chacha_crypt),
	KCRYPTO_CRYPTO_CHACHA_ALG("xchacha20", KCRYPTO_CRYPTO_XCHACHA_IV_SIZE,
				  kcrypto_crypto_chacha20_setkey,
				  kcrypto_crypto_xchacha_crypt),
	KCRYPTO_CRYPTO_CHACHA_ALG("xchacha12", KCRYPTO_CRYPTO_XCHACHA_IV_SIZE,
				  kcrypto_crypto_chacha12_setkey,
				  kcrypto_crypto_xchacha_crypt),
};

int kcrypto_crypto_skcipher_register(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kcrypto_crypto_skciphers); i++)
		kcrypto_crypto_skciphers[i].base.cra_priority =
			kcrypto_crypto_priority;
	/* Registers all or none (it unwinds itself on failure). */
	return crypto_register_skciphers(kcrypto_crypto_skciphers,
					 ARRAY_SIZE(kcrypto_crypto_skciphers));
}

void kcrypto_crypto_skcipher_unregister(void)
{
	crypto_unregister_skciphers(kcrypto_crypto_skciphers,
				    ARRAY_SIZE(kcrypto_crypto_skciphers));
}
