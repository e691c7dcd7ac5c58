// SPDX-License-Identifier: GPL-2.0
/*
 * shash poly1305 on kcrypto's Poly1305, built only where the kernel's crypto
 * API still has the algorithm (6.x; Kbuild probe
 * KCRYPTO_HAVE_CRYPTO_POLY1305_SHASH).
 *
 * The crypto API's poly1305 has no setkey: the first 32 bytes of the
 * message are the one-time key (r, then s) and the rest is MACed.  final()
 * before the whole key has arrived is -ENOKEY.
 */
#include <linux/module.h>
#include <crypto/internal/hash.h>
#include <kcrypto/poly1305.h>

#include "internal.h"

struct kcrypto_crypto_poly1305_desc {
	struct kcrypto_poly1305_ctx mac;
	u8 key[KCRYPTO_POLY1305_KEY_SIZE];
	unsigned int keylen;	/* key bytes seen so far */
};

static int kcrypto_crypto_poly1305_init(struct shash_desc *desc)
{
	struct kcrypto_crypto_poly1305_desc *d = shash_desc_ctx(desc);

	d->keylen = 0;
	return 0;
}

static int kcrypto_crypto_poly1305_update(struct shash_desc *desc,
					  const u8 *src, unsigned int len)
{
	struct kcrypto_crypto_poly1305_desc *d = shash_desc_ctx(desc);

	if (d->keylen < KCRYPTO_POLY1305_KEY_SIZE) {
		unsigned int n = min(len, KCRYPTO_POLY1305_KEY_SIZE - d->keylen);

		memcpy(d->key + d->keylen, src, n);
		d->keylen += n;
		src += n;
		len -= n;
		if (d->keylen < KCRYPTO_POLY1305_KEY_SIZE)
			return 0;
		kcrypto_poly1305_init(&d->mac, d->key);
		memzero_explicit(d->key, sizeof(d->key));
	}
	kcrypto_poly1305_update(&d->mac, src, len);
	return 0;
}

static int kcrypto_crypto_poly1305_final(struct shash_desc *desc, u8 *out)
{
	struct kcrypto_crypto_poly1305_desc *d = shash_desc_ctx(desc);

	if (d->keylen < KCRYPTO_POLY1305_KEY_SIZE) {
		memzero_explicit(d, sizeof(*d));
		return -ENOKEY;
	}
	/* Wipes the MAC state. */
	kcrypto_poly1305_final(&d->mac, out);
	return 0;
}

static struct shash_alg kcrypto_crypto_poly1305_alg = {
	.digestsize		= KCRYPTO_POLY1305_MAC_SIZE,
	.init			= kcrypto_crypto_poly1305_init,
	.update			= kcrypto_crypto_poly1305_update,
	.final			= kcrypto_crypto_poly1305_final,
	.descsize		= sizeof(struct kcrypto_crypto_poly1305_desc),
	.base.cra_name		= "poly1305",
	.base.cra_driver_name	= "poly1305-kcrypto",
	.base.cra_blocksize	= KCRYPTO_POLY1305_BLOCK_SIZE,
	.base.cra_module	= THIS_MODULE,
};

int kcrypto_crypto_poly1305_register(void)
{
	kcrypto_crypto_poly1305_alg.base.cra_priority = kcrypto_crypto_priority;
	return crypto_register_shash(&kcrypto_crypto_poly1305_alg);
}

void kcrypto_crypto_poly1305_unregister(void)
{
	crypto_unregister_shash(&kcrypto_crypto_poly1305_alg);
}
