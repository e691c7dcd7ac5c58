// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the crypto API drivers of kcrypto-crypto.ko (crypto_api/), reached
 * the way the kernel's users reach them, by driver name through
 * crypto_alloc_*():
 *   - every driver the kernel's crypto API has is there under its
 *     "<alg>-kcrypto" name; the ones it lacks (shash poly1305, kpp
 *     curve25519 on 7.x) are not;
 *   - RFC 8439 and Wycheproof vectors through the drivers, the AEAD ones
 *     also in the ESP layout (salt in the key, IV in the associated data),
 *     with the data split over two scatterlist entries;
 *   - wrong key, IV/associated-data and tag sizes: -EINVAL; a bad tag:
 *     -EBADMSG; poly1305 before its key: -ENOKEY.
 * The crypto-api matrix scenario (qemu/guest/crypto-api.sh) loads this
 * with kcrypto-crypto.  With hold=1 the module also keeps one transform of
 * every driver until it is removed (rmmod kcrypto-crypto must then be
 * refused), and a write to its "use" parameter runs a vector through each
 * held transform (while arch modules plug and unplug).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/kpp.h>
#include <crypto/skcipher.h>
#include <kcrypto/chacha.h>

#include "vectors-aead.h"
#include "vectors-chacha.h"
#include "vectors-poly1305.h"
#include "vectors-x25519.h"

#define KC_RFC7539	"rfc7539-chacha20-poly1305-kcrypto"
#define KC_ESP		"rfc7539esp-chacha20-poly1305-kcrypto"
#define KC_TAG		16
#define KC_SALT		4

/*
 * A buffer as two scatterlist entries, split at @split; as one entry when
 * a part would be empty.  No empty entries: 6.12's scatterwalk_copychunks()
 * flushes page (offset - 1) >> PAGE_SHIFT of an empty entry that starts a
 * page, an oops seen on 32-bit arm (a kmalloc-64 buffer at a page start,
 * no associated data, empty text).
 */
static void kc_sg2(struct scatterlist sg[2], u8 *buf, unsigned int len,
		   unsigned int split)
{
	if (!split || split >= len) {
		sg_init_one(sg, buf, len);
		return;
	}
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], buf, split);
	sg_set_buf(&sg[1], buf + split, len - split);
}

/* --- skcipher ---------------------------------------------------------- */

/*
 * Encrypt @len bytes of @src into @dst (any memory: they are copied through
 * kmalloc()ed buffers, as scatterlists cannot point into module data or a
 * vmapped stack), out of place, both sides split off the block grid.
 */
static int kc_skcipher_run(struct crypto_skcipher *tfm, const u8 *key,
			   u8 *iv, const u8 *src, u8 *dst, unsigned int len)
{
	struct skcipher_request *req;
	struct scatterlist ssg[2], dsg[2];
	u8 *in, *out;
	int err;

	err = crypto_skcipher_setkey(tfm, key, 32);
	if (err)
		return err;
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	in = kmalloc(len + 1, GFP_KERNEL);
	out = kzalloc(len + 1, GFP_KERNEL);
	if (!req || !in || !out) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(in, src, len);
	kc_sg2(ssg, in, len, len / 3);
	kc_sg2(dsg, out, len, len - len / 5);
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, ssg, dsg, len, iv);
	err = crypto_skcipher_encrypt(req);
	memcpy(dst, out, len);
out:
	kfree(out);
	kfree(in);
	skcipher_request_free(req);
	return err;
}

/* The crypto API's chacha20 IV: le32 counter, then the nonce. */
static int kc_chacha_vec(struct crypto_skcipher *tfm,
			 const struct kk_chacha_vec *v, u8 *out)
{
	u8 iv[16];

	put_unaligned_le32(v->counter, iv);
	memcpy(iv + 4, v->nonce, 12);
	return kc_skcipher_run(tfm, v->key, iv, v->msg, out, v->len);
}

static void kc_chacha20_vectors(struct kunit *test)
{
	struct crypto_skcipher *tfm;
	unsigned int i, n = 0;
	u8 *out;

	tfm = crypto_alloc_skcipher("chacha20-kcrypto", 0, CRYPTO_ALG_ASYNC);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "chacha20-kcrypto: %d",
			       PTR_ERR_OR_ZERO(tfm));
	for (i = 0; i < ARRAY_SIZE(kk_chacha_vecs); i++) {
		const struct kk_chacha_vec *v = &kk_chacha_vecs[i];

		if (v->nrounds != 20)
			continue;
		out = kunit_kzalloc(test, v->len + 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, out);
		KUNIT_EXPECT_EQ_MSG(test, kc_chacha_vec(tfm, v, out), 0,
				    "%s", v->name);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(out, v->ct, v->len), 0, "%s", v->name);
		n++;
	}
	KUNIT_EXPECT_GT(test, n, 0);
	crypto_free_skcipher(tfm);
}

/*
 * xchacha20: the XChaCha20-Poly1305 vectors' ciphertext is XChaCha20 from
 * block 1, the crypto API's IV being the 24-byte nonce then the 64-bit
 * stream position.
 */
static void kc_xchacha20_vectors(struct kunit *test)
{
	struct crypto_skcipher *tfm;
	unsigned int i, n = 0;
	u8 iv[32], *out;

	tfm = crypto_alloc_skcipher("xchacha20-kcrypto", 0, CRYPTO_ALG_ASYNC);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "xchacha20-kcrypto: %d",
			       PTR_ERR_OR_ZERO(tfm));
	for (i = 0; i < ARRAY_SIZE(kk_xchacha20poly1305_vecs); i++) {
		const struct kk_aead_vec *v = &kk_xchacha20poly1305_vecs[i];

		if (!v->valid || v->nonce_len != 24 || !v->len)
			continue;
		memcpy(iv, v->nonce, 24);
		put_unaligned_le64(1, iv + 24);
		out = kunit_kzalloc(test, v->len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, out);
		KUNIT_EXPECT_EQ_MSG(test, kc_skcipher_run(tfm, v->key, iv, v->msg,
							  out, v->len), 0, "%s", v->name);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(out, v->ct, v->len), 0, "%s", v->name);
		n++;
	}
	KUNIT_EXPECT_GT(test, n, 0);
	crypto_free_skcipher(tfm);
}

/*
 * xchacha20 against the HChaCha20 vectors: block 0 of XChaCha20 with a
 * zero second nonce half is ChaCha20 block 0 under the HChaCha20 subkey
 * with a zero nonce.
 */
static void kc_xchacha20_hchacha(struct kunit *test)
{
	static const u8 zero[KCRYPTO_CHACHA_BLOCK_SIZE], zn[12];
	struct crypto_skcipher *tfm;
	u8 iv[32] = { }, got[64], want[64];
	unsigned int i;

	tfm = crypto_alloc_skcipher("xchacha20-kcrypto", 0, CRYPTO_ALG_ASYNC);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "xchacha20-kcrypto: %d",
			       PTR_ERR_OR_ZERO(tfm));
	for (i = 0; i < ARRAY_SIZE(kk_hchacha_vecs); i++) {
		const struct kk_hchacha_vec *v = &kk_hchacha_vecs[i];

		memcpy(iv, v->nonce, 16);
		KUNIT_EXPECT_EQ(test, kc_skcipher_run(tfm, v->key, iv, zero, got, 64), 0);
		kcrypto_chacha20(want, zero, 64, v->out, zn, 0);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(got, want, 64), 0, "%s", v->name);
	}
	crypto_free_skcipher(tfm);
}

static void kc_skcipher_bad_keys(struct kunit *test)
{
	static const char * const names[] = {
		"chacha20-kcrypto", "xchacha20-kcrypto", "xchacha12-kcrypto",
	};
	static const unsigned int bad[] = { 0, 16, 31, 33, 64 };
	struct crypto_tfm *base;
	u8 key[64] = { 1 };
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		struct crypto_skcipher *tfm = crypto_alloc_skcipher(names[i], 0, 0);

		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "%s: %d", names[i],
				       PTR_ERR_OR_ZERO(tfm));
		base = crypto_skcipher_tfm(tfm);
		KUNIT_EXPECT_STREQ(test, crypto_tfm_alg_driver_name(base), names[i]);
		KUNIT_EXPECT_EQ(test, crypto_skcipher_ivsize(tfm), i ? 32U : 16U);
		for (j = 0; j < ARRAY_SIZE(bad); j++)
			KUNIT_EXPECT_EQ_MSG(test, crypto_skcipher_setkey(tfm, key, bad[j]),
					    -EINVAL, "%s keylen %u", names[i], bad[j]);
		KUNIT_EXPECT_EQ(test, crypto_skcipher_setkey(tfm, key, 32), 0);
		crypto_free_skcipher(tfm);
	}
}

/* --- aead --------------------------------------------------------------- */

/*
 * One AEAD request over @buf (associated data, text, tag), in place, the
 * text split over two entries.  @esp: the rfc7539esp layout.
 */
static int kc_aead_run(struct crypto_aead *tfm, bool encrypt, u8 *buf,
		       unsigned int assoclen, unsigned int cryptlen, u8 *iv)
{
	struct aead_request *req;
	struct scatterlist sg[2];
	unsigned int total = assoclen + cryptlen + (encrypt ? KC_TAG : 0);
	int err;

	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	kc_sg2(sg, buf, total, assoclen + cryptlen / 2);
	aead_request_set_callback(req, 0, NULL, NULL);
	aead_request_set_ad(req, assoclen);
	aead_request_set_crypt(req, sg, sg, cryptlen, iv);
	err = encrypt ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req);
	aead_request_free(req);
	return err;
}

/*
 * Vector @v through @tfm (rfc7539, or rfc7539esp when @esp): encryption
 * gives ct || tag, decryption gives the message back; an invalid vector's
 * decryption is -EBADMSG.  Returns 0 or a description of the mismatch.
 */
static const char *kc_aead_vec(struct crypto_aead *tfm, bool esp,
			       const struct kk_aead_vec *v, u8 *buf)
{
	unsigned int ad = v->aad_len + (esp ? 8 : 0);
	u8 key[32 + KC_SALT];
	u8 iv[12];
	int err;

	memcpy(key, v->key, 32);
	if (esp) {
		memcpy(key + 32, v->nonce, KC_SALT);
		memcpy(iv, v->nonce + KC_SALT, 8);
	} else {
		memcpy(iv, v->nonce, 12);
	}
	if (crypto_aead_setkey(tfm, key, esp ? 36 : 32) ||
	    crypto_aead_setauthsize(tfm, KC_TAG))
		return "setkey/setauthsize refused";
	memcpy(buf, v->aad, v->aad_len);
	if (esp)
		memcpy(buf + v->aad_len, iv, 8);
	if (v->valid) {
		memcpy(buf + ad, v->msg, v->len);
		if (kc_aead_run(tfm, true, buf, ad, v->len, iv))
			return "encrypt failed";
		if (memcmp(buf + ad, v->ct, v->len) ||
		    memcmp(buf + ad + v->len, v->tag, KC_TAG))
			return "wrong ciphertext or tag";
	} else {
		memcpy(buf + ad, v->ct, v->len);
		memcpy(buf + ad + v->len, v->tag, KC_TAG);
	}
	err = kc_aead_run(tfm, false, buf, ad, v->len + KC_TAG, iv);
	if (!v->valid)
		return err == -EBADMSG ? NULL : "invalid vector not refused with EBADMSG";
	if (err)
		return "decrypt failed";
	return memcmp(buf + ad, v->msg, v->len) ? "wrong plaintext" : NULL;
}

static void kc_aead_vectors(struct kunit *test, const char *name, bool esp)
{
	struct crypto_aead *tfm;
	unsigned int i, n = 0, bad = 0;
	const char *why;
	u8 *buf;

	tfm = crypto_alloc_aead(name, 0, CRYPTO_ALG_ASYNC);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "%s: %d", name,
			       PTR_ERR_OR_ZERO(tfm));
	for (i = 0; i < ARRAY_SIZE(kk_chacha20poly1305_vecs); i++) {
		const struct kk_aead_vec *v = &kk_chacha20poly1305_vecs[i];

		if (v->nonce_len != 12)
			continue;
		buf = kmalloc(v->aad_len + 8 + v->len + KC_TAG, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, buf);
		why = kc_aead_vec(tfm, esp, v, buf);
		kfree(buf);
		KUNIT_EXPECT_NULL_MSG(test, why, "%s: %s: %s", name, v->name, why);
		n++;
		bad += !v->valid;
	}
	KUNIT_EXPECT_GT(test, n, 0);
	KUNIT_EXPECT_GT(test, bad, 0);
	kunit_info(test, "%s: %u vectors, %u with a bad tag\n", name, n, bad);
	crypto_free_aead(tfm);
}

static void kc_rfc7539_vectors(struct kunit *test)
{
	kc_aead_vectors(test, KC_RFC7539, false);
}

static void kc_rfc7539esp_vectors(struct kunit *test)
{
	kc_aead_vectors(test, KC_ESP, true);
}

static void kc_aead_bad_input(struct kunit *test)
{
	static const char * const names[] = { KC_RFC7539, KC_ESP };
	static const unsigned int authsizes[] = { 0, 4, 8, 12, 15, 17 };
	u8 key[40] = { 2 }, iv[12] = { 3 };
	unsigned int i, j;
	u8 *buf = kunit_kzalloc(test, 64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		struct crypto_aead *tfm = crypto_alloc_aead(names[i], 0,
							    CRYPTO_ALG_ASYNC);
		unsigned int keylen = i ? 36 : 32;

		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "%s: %d", names[i],
				       PTR_ERR_OR_ZERO(tfm));
		KUNIT_EXPECT_EQ(test, crypto_aead_ivsize(tfm), i ? 8U : 12U);
		KUNIT_EXPECT_EQ(test, crypto_aead_setkey(tfm, key, i ? 32 : 36), -EINVAL);
		KUNIT_EXPECT_EQ(test, crypto_aead_setkey(tfm, key, 16), -EINVAL);
		KUNIT_EXPECT_EQ(test, crypto_aead_setkey(tfm, key, keylen), 0);
		for (j = 0; j < ARRAY_SIZE(authsizes); j++)
			KUNIT_EXPECT_EQ_MSG(test, crypto_aead_setauthsize(tfm, authsizes[j]),
					    -EINVAL, "%s authsize %u", names[i], authsizes[j]);
		KUNIT_EXPECT_EQ(test, crypto_aead_setauthsize(tfm, KC_TAG), 0);
		/* Shorter than a tag. */
		KUNIT_EXPECT_EQ(test, kc_aead_run(tfm, false, buf, 8, KC_TAG - 1, iv),
				-EINVAL);
		/* A good round trip, then one flipped tag bit. */
		KUNIT_EXPECT_EQ(test, kc_aead_run(tfm, true, buf, 8, 20, iv), 0);
		KUNIT_EXPECT_EQ(test, kc_aead_run(tfm, false, buf, 8, 20 + KC_TAG, iv), 0);
		buf[8 + 20] ^= 1;
		KUNIT_EXPECT_EQ(test, kc_aead_run(tfm, false, buf, 8, 20 + KC_TAG, iv),
				-EBADMSG);
		if (i) {
			/* ESP: the associated data holds at least the IV. */
			KUNIT_EXPECT_EQ(test, kc_aead_run(tfm, true, buf, 7, 20, iv), -EINVAL);
			KUNIT_EXPECT_EQ(test, kc_aead_run(tfm, false, buf, 0, 20 + KC_TAG, iv),
					-EINVAL);
		}
		crypto_free_aead(tfm);
	}
}

/* --- shash poly1305, kpp curve25519 (only where the API has them) ------ */

static void kc_poly1305_vectors(struct kunit *test, struct crypto_shash *tfm)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	unsigned int i, split;
	u8 mac[16];

	desc->tfm = tfm;
	for (i = 0; i < ARRAY_SIZE(kk_poly1305_vecs); i++) {
		const struct kk_poly1305_vec *v = &kk_poly1305_vecs[i];

		/* The key is the first 32 bytes of the message. */
		split = v->len / 2;
		KUNIT_EXPECT_EQ(test, crypto_shash_init(desc), 0);
		KUNIT_EXPECT_EQ(test, crypto_shash_update(desc, v->key, 20), 0);
		KUNIT_EXPECT_EQ(test, crypto_shash_update(desc, v->key + 20, 12), 0);
		KUNIT_EXPECT_EQ(test, crypto_shash_update(desc, v->msg, split), 0);
		KUNIT_EXPECT_EQ(test, crypto_shash_update(desc, v->msg + split,
							  v->len - split), 0);
		KUNIT_EXPECT_EQ(test, crypto_shash_final(desc, mac), 0);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(mac, v->tag, 16), 0, "%s", v->name);
	}
	/* Final before the whole key: -ENOKEY. */
	KUNIT_EXPECT_EQ(test, crypto_shash_init(desc), 0);
	KUNIT_EXPECT_EQ(test, crypto_shash_update(desc, mac, 16), 0);
	KUNIT_EXPECT_EQ(test, crypto_shash_final(desc, mac), -ENOKEY);
	shash_desc_zero(desc);
}

static void kc_poly1305(struct kunit *test)
{
	struct crypto_shash *tfm = crypto_alloc_shash("poly1305-kcrypto", 0, 0);

	if (!KCRYPTO_CRYPTO_POLY1305_SHASH) {
		KUNIT_EXPECT_TRUE_MSG(test, IS_ERR(tfm),
				      "poly1305-kcrypto exists on a kernel without the shash");
		if (!IS_ERR(tfm))
			crypto_free_shash(tfm);
		return;
	}
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "poly1305-kcrypto: %d",
			       PTR_ERR_OR_ZERO(tfm));
	kc_poly1305_vectors(test, tfm);
	crypto_free_shash(tfm);
}

static int kc_kpp_run(struct crypto_kpp *tfm, const u8 *pub, u8 *out)
{
	struct kpp_request *req = kpp_request_alloc(tfm, GFP_KERNEL);
	struct scatterlist src, dst;
	u8 *in = kmemdup(pub, 32, GFP_KERNEL);
	int err;

	if (!req || !in) {
		kfree(in);
		kpp_request_free(req);
		return -ENOMEM;
	}
	sg_init_one(&src, in, 32);
	sg_init_one(&dst, out, 32);
	kpp_request_set_callback(req, 0, NULL, NULL);
	kpp_request_set_input(req, &src, 32);
	kpp_request_set_output(req, &dst, 32);
	err = crypto_kpp_compute_shared_secret(req);
	kpp_request_free(req);
	kfree(in);
	return err;
}

static void kc_curve25519(struct kunit *test)
{
	struct crypto_kpp *tfm = crypto_alloc_kpp("curve25519-kcrypto", 0, 0);
	static const u8 zero[32];
	unsigned int i, n = 0;
	u8 *out;

	if (!KCRYPTO_CRYPTO_CURVE25519_KPP) {
		KUNIT_EXPECT_TRUE_MSG(test, IS_ERR(tfm),
				      "curve25519-kcrypto exists on a kernel without the kpp");
		if (!IS_ERR(tfm))
			crypto_free_kpp(tfm);
		return;
	}
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(tfm), "curve25519-kcrypto: %d",
			       PTR_ERR_OR_ZERO(tfm));
	out = kunit_kzalloc(test, 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, crypto_kpp_set_secret(tfm, zero, 31), -EINVAL);
	KUNIT_EXPECT_EQ(test, crypto_kpp_set_secret(tfm, zero, 32), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(kk_x25519_vecs); i++) {
		const struct kk_x25519_vec *v = &kk_x25519_vecs[i];

		KUNIT_EXPECT_EQ(test, crypto_kpp_set_secret(tfm, v->priv, 32), 0);
		KUNIT_EXPECT_EQ_MSG(test, kc_kpp_run(tfm, v->pub, out), 0, "%s", v->name);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(out, v->shared, 32), 0, "%s", v->name);
		n++;
	}
	/* RFC 7748 5.2, one iteration: X25519(9, 9). */
	for (i = 0; i < ARRAY_SIZE(kk_x25519_iters); i++) {
		static const u8 nine[32] = { 9 };

		if (kk_x25519_iters[i].iterations != 1)
			continue;
		KUNIT_EXPECT_EQ(test, crypto_kpp_set_secret(tfm, nine, 32), 0);
		KUNIT_EXPECT_EQ(test, kc_kpp_run(tfm, nine, out), 0);
		KUNIT_EXPECT_EQ(test, memcmp(out, kk_x25519_iters[i].k, 32), 0);
		n++;
	}
	KUNIT_EXPECT_GT(test, n, 1);
	crypto_free_kpp(tfm);
}

static struct kunit_case kc_cases[] = {
	KUNIT_CASE(kc_skcipher_bad_keys),
	KUNIT_CASE(kc_chacha20_vectors),
	KUNIT_CASE(kc_xchacha20_vectors),
	KUNIT_CASE(kc_xchacha20_hchacha),
	KUNIT_CASE(kc_rfc7539_vectors),
	KUNIT_CASE(kc_rfc7539esp_vectors),
	KUNIT_CASE(kc_aead_bad_input),
	KUNIT_CASE(kc_poly1305),
	KUNIT_CASE(kc_curve25519),
	{}
};

static struct kunit_suite kc_suite = {
	.name = "kcrypto-crypto-api",
	.test_cases = kc_cases,
};

kunit_test_suite(kc_suite);

/* --- hold=1: transforms that outlive the suite --------------------------- */

static bool hold;
module_param(hold, bool, 0444);
MODULE_PARM_DESC(hold, "keep a transform of every kcrypto-crypto skcipher and aead until rmmod");

static struct crypto_skcipher *kc_held_chacha;
static struct crypto_aead *kc_held_aead;
static struct crypto_aead *kc_held_esp;

/* One vector through every held transform: 0, or -EIO on a mismatch. */
static int kc_use_held(void)
{
	const struct kk_aead_vec *av = &kk_chacha20poly1305_vecs[0];
	const struct kk_chacha_vec *cv = &kk_chacha_vecs[0];
	u8 *buf;
	int err = 0;

	if (!kc_held_chacha)
		return -ENOENT;
	buf = kmalloc(max(cv->len, av->aad_len + 8 + av->len + KC_TAG),
		      GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (kc_chacha_vec(kc_held_chacha, cv, buf) ||
	    memcmp(buf, cv->ct, cv->len) ||
	    kc_aead_vec(kc_held_aead, false, av, buf) ||
	    kc_aead_vec(kc_held_esp, true, av, buf))
		err = -EIO;
	kfree(buf);
	return err;
}

static int kc_use_set(const char *val, const struct kernel_param *kp)
{
	return kc_use_held();
}

static const struct kernel_param_ops kc_use_ops = {
	.set = kc_use_set,
};
module_param_cb(use, &kc_use_ops, NULL, 0200);
MODULE_PARM_DESC(use, "write anything: a vector through every held transform (-EIO on a mismatch)");

static void kc_free_held(void)
{
	if (!IS_ERR_OR_NULL(kc_held_esp))
		crypto_free_aead(kc_held_esp);
	if (!IS_ERR_OR_NULL(kc_held_aead))
		crypto_free_aead(kc_held_aead);
	if (!IS_ERR_OR_NULL(kc_held_chacha))
		crypto_free_skcipher(kc_held_chacha);
	kc_held_esp = NULL;
	kc_held_aead = NULL;
	kc_held_chacha = NULL;
}

static int __init kc_init(void)
{
	if (!hold)
		return 0;
	kc_held_chacha = crypto_alloc_skcipher("chacha20-kcrypto", 0, CRYPTO_ALG_ASYNC);
	kc_held_aead = crypto_alloc_aead(KC_RFC7539, 0, CRYPTO_ALG_ASYNC);
	kc_held_esp = crypto_alloc_aead(KC_ESP, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(kc_held_chacha) || IS_ERR(kc_held_aead) || IS_ERR(kc_held_esp)) {
		pr_err("kcrypto-kunit-crypto-api: hold=1: cannot allocate the kcrypto-crypto drivers\n");
		kc_free_held();
		return -ENOENT;
	}
	return kc_use_held();
}

static void __exit kc_exit(void)
{
	kc_free_held();
}

module_init(kc_init);
module_exit(kc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of kcrypto-crypto.ko, the crypto API drivers, by driver name");
