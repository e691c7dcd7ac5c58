// SPDX-License-Identifier: GPL-2.0
/*
 * kpp curve25519 on kcrypto's X25519, built only where the kernel's crypto
 * API still has the algorithm (6.x; Kbuild probe
 * KCRYPTO_HAVE_CRYPTO_CURVE25519_KPP).
 *
 * Semantics of the kernel's curve25519-generic: set_secret takes a 32-byte
 * secret (not all zero) or none, for a random one; generate_public_key
 * multiplies the base point, compute_shared_secret the peer's public key
 * from req->src; req->dst gets up to 32 bytes.  An all-zero shared secret
 * (low-order peer key) is returned like the generic driver does; callers
 * that must refuse it check it themselves.
 */
#include <linux/module.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <crypto/algapi.h>
#include <crypto/internal/kpp.h>
#include <kcrypto/x25519.h>

#include "internal.h"

static int kcrypto_crypto_curve25519_set_secret(struct crypto_kpp *tfm,
						const void *buf,
						unsigned int len)
{
	static const u8 zero[KCRYPTO_X25519_KEY_SIZE];
	u8 *secret = kpp_tfm_ctx(tfm);

	if (!len) {
		get_random_bytes(secret, KCRYPTO_X25519_KEY_SIZE);
		kcrypto_x25519_clamp_secret(secret);
		return 0;
	}
	if (len != KCRYPTO_X25519_KEY_SIZE ||
	    !crypto_memneq(buf, zero, KCRYPTO_X25519_KEY_SIZE))
		return -EINVAL;
	memcpy(secret, buf, KCRYPTO_X25519_KEY_SIZE);
	return 0;
}

static int kcrypto_crypto_curve25519_compute(struct kpp_request *req)
{
	struct crypto_kpp *tfm = crypto_kpp_reqtfm(req);
	const u8 *secret = kpp_tfm_ctx(tfm);
	u8 peer[KCRYPTO_X25519_KEY_SIZE];
	u8 out[KCRYPTO_X25519_KEY_SIZE];
	unsigned int n;
	int err = 0;

	if (req->src) {
		if (req->src_len < KCRYPTO_X25519_KEY_SIZE ||
		    sg_copy_to_buffer(req->src,
				      sg_nents_for_len(req->src, sizeof(peer)),
				      peer, sizeof(peer)) != sizeof(peer))
			return -EINVAL;
		/* The all-zero result needs no special case (see above). */
		(void)kcrypto_x25519(out, secret, peer);
	} else {
		(void)kcrypto_x25519_generate_public(out, secret);
	}
	n = min_t(unsigned int, sizeof(out), req->dst_len);
	if (sg_copy_from_buffer(req->dst, sg_nents_for_len(req->dst, n),
				out, n) != n)
		err = -EINVAL;
	memzero_explicit(out, sizeof(out));
	return err;
}

static unsigned int kcrypto_crypto_curve25519_max_size(struct crypto_kpp *tfm)
{
	return KCRYPTO_X25519_KEY_SIZE;
}

static void kcrypto_crypto_curve25519_exit(struct crypto_kpp *tfm)
{
	memzero_explicit(kpp_tfm_ctx(tfm), KCRYPTO_X25519_KEY_SIZE);
}

static struct kpp_alg kcrypto_crypto_curve25519_alg = {
	.base.cra_name		= "curve25519",
	.base.cra_driver_name	= "curve25519-kcrypto",
	.base.cra_module	= THIS_MODULE,
	.base.cra_ctxsize	= KCRYPTO_X25519_KEY_SIZE,
	.set_secret		= kcrypto_crypto_curve25519_set_secret,
	.generate_public_key	= kcrypto_crypto_curve25519_compute,
	.compute_shared_secret	= kcrypto_crypto_curve25519_compute,
	.max_size		= kcrypto_crypto_curve25519_max_size,
	.exit			= kcrypto_crypto_curve25519_exit,
};

int kcrypto_crypto_curve25519_register(void)
{
	kcrypto_crypto_curve25519_alg.base.cra_priority =
		kcrypto_crypto_priority;
	return crypto_register_kpp(&kcrypto_crypto_curve25519_alg);
}

void kcrypto_crypto_curve25519_unregister(void)
{
	crypto_unregister_kpp(&kcrypto_crypto_curve25519_alg);
}
