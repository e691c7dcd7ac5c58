// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: ChaCha20-Poly1305 and XChaCha20-Poly1305 through kcrypto's API,
 * on every implementation of both primitives underneath (ChaCha and
 * Poly1305), against RFC 8439 and Wycheproof vectors and against a
 * composition of the generic functions (kk_ref_aead_encrypt()).
 */
#include <kcrypto/chacha.h>
#include <kcrypto/poly1305.h>
#include <kcrypto/chacha20poly1305.h>

#define KK_PRIMS	(BIT(KCRYPTO_CHACHA) | BIT(KCRYPTO_POLY1305))
#include "kcrypto-kunit.h"
#include "vectors-aead.h"

#define A_TAG		KCRYPTO_AEAD_TAG_SIZE
#define A_KEY		KCRYPTO_AEAD_KEY_SIZE
#define A_NONCE		KCRYPTO_AEAD_NONCE_SIZE
#define A_XNONCE	KCRYPTO_XAEAD_NONCE_SIZE
/* Associated data up to this long in the random cases. */
#define A_MAX_AD	1024

static void a_encrypt(bool x, u8 *dst, const u8 *src, size_t len, const u8 *ad,
		      size_t ad_len, const u8 *nonce, const u8 *key)
{
	if (x)
		kcrypto_xchacha20poly1305_encrypt(dst, src, len, ad, ad_len, nonce, key);
	else
		kcrypto_chacha20poly1305_encrypt(dst, src, len, ad, ad_len, nonce, key);
}

static bool a_decrypt(bool x, u8 *dst, const u8 *src, size_t src_len,
		      const u8 *ad, size_t ad_len, const u8 *nonce, const u8 *key)
{
	if (x)
		return kcrypto_xchacha20poly1305_decrypt(dst, src, src_len, ad, ad_len,
							 nonce, key);
	return kcrypto_chacha20poly1305_decrypt(dst, src, src_len, ad, ad_len,
						nonce, key);
}

static void a_generic(bool x, u8 *dst, const u8 *src, size_t len, const u8 *ad,
		      size_t ad_len, const u8 *nonce, const u8 *key)
{
	if (x)
		kk_ref_xaead_encrypt(dst, src, len, ad, ad_len, nonce, key);
	else
		kk_ref_aead_encrypt(dst, src, len, ad, ad_len, nonce, key);
}

/* Buffers of one random-case check, sized for KK_MAX_LEN. */
struct a_bufs {
	u8 *msg, *ad, *ct, *ref, *pt;
};

static void a_bufs_alloc(struct kunit *test, struct a_bufs *b)
{
	b->msg = kk_alloc(test, KK_MAX_LEN);
	b->ad = kk_alloc(test, A_MAX_AD);
	b->ct = kk_alloc(test, KK_MAX_LEN + A_TAG + KK_CANARY_LEN);
	b->ref = kk_alloc(test, KK_MAX_LEN + A_TAG);
	b->pt = kk_alloc(test, KK_MAX_LEN + KK_CANARY_LEN);
}

/*
 * Encrypt @msg with the API and the generic composition, compare, then
 * decrypt the API's output and compare with @msg.
 */
static bool a_check(struct kunit *test, bool x, const u8 *msg, size_t len,
		    const u8 *ad, size_t ad_len, u8 *ct, u8 *ref, u8 *pt,
		    struct kk_rng *rng, const char *what)
{
	u8 key[A_KEY], nonce[A_XNONCE];
	const char *name = x ? "xchacha20poly1305" : "chacha20poly1305";

	kk_fill(rng, key, sizeof(key));
	kk_fill(rng, nonce, sizeof(nonce));
	a_generic(x, ref, msg, len, ad, ad_len, nonce, key);
	kk_canary_set(ct + len + A_TAG);
	a_encrypt(x, ct, msg, len, ad, ad_len, nonce, key);
	if (!kk_memeq(test, ct, ref, len + A_TAG, "%s %s len %zu ad %zu", name, what,
		      len, ad_len) ||
	    !kk_canary_ok(test, ct + len + A_TAG, what, len))
		return false;
	kk_canary_set(pt + len);
	if (!a_decrypt(x, pt, ct, len + A_TAG, ad, ad_len, nonce, key)) {
		KUNIT_FAIL(test, "%s %s len %zu ad %zu [%s seed %llu]: own output refused",
			   name, what, len, ad_len, kk_impl_name(test), kk_seed);
		return false;
	}
	return kk_memeq(test, pt, msg, len, "%s %s decrypt len %zu", name, what, len) &&
	       kk_canary_ok(test, pt + len, what, len);
}

static void a_vectors(struct kunit *test, const struct kk_aead_vec *vecs,
		      unsigned int n, bool x)
{
	const size_t nlen = x ? A_XNONCE : A_NONCE;
	unsigned int i, refused = 0, bad_nonce = 0;
	u8 *src, *dst, *ref;
	bool ok;

	for (i = 0; i < n; i++) {
		const struct kk_aead_vec *v = &vecs[i];

		if (v->nonce_len != nlen) {
			/* The API cannot take it: such a vector must be invalid. */
			KUNIT_EXPECT_FALSE_MSG(test, v->valid, "%s: valid with a %u-byte nonce",
					       v->name, v->nonce_len);
			bad_nonce++;
			continue;
		}
		if (v->valid) {
			src = kk_guard_buf(test, 0, v->len, false);
			dst = kk_guard_buf(test, 1, v->len + A_TAG, false);
			memcpy(src, v->msg, v->len);
			a_encrypt(x, dst, src, v->len, v->aad, v->aad_len, v->nonce, v->key);
			kk_memeq(test, dst, v->ct, v->len, "%s ct", v->name);
			kk_memeq(test, dst + v->len, v->tag, A_TAG, "%s tag", v->name);

			/* The reference composition must agree too. */
			ref = kk_guard_buf(test, 2, v->len + A_TAG, false);
			a_generic(x, ref, src, v->len, v->aad, v->aad_len, v->nonce, v->key);
			kk_memeq(test, ref, dst, v->len + A_TAG, "%s (generic composition)",
				 v->name);
		}
		src = kk_guard_buf(test, 0, v->len + A_TAG, false);
		dst = kk_guard_buf(test, 1, v->len, false);
		memcpy(src, v->ct, v->len);
		memcpy(src + v->len, v->tag, A_TAG);
		memset(dst, 0x5a, v->len);
		ok = a_decrypt(x, dst, src, v->len + A_TAG, v->aad, v->aad_len, v->nonce,
			       v->key);
		if (v->valid) {
			KUNIT_EXPECT_TRUE_MSG(test, ok, "%s: decrypt refused", v->name);
			if (ok)
				kk_memeq(test, dst, v->msg, v->len, "%s decrypt", v->name);
		} else {
			KUNIT_EXPECT_FALSE_MSG(test, ok, "%s: forged tag accepted", v->name);
			KUNIT_EXPECT_TRUE_MSG(test, kk_all_zero(dst, v->len),
					      "%s: output not wiped after refusal", v->name);
			refused++;
		}
	}
	kunit_info(test, "%u vectors, %u forgeries refused, %u with a nonce size the API cannot take\n",
		   n, refused, bad_nonce);
}

static void test_vectors(struct kunit *test)
{
	kk_begin(test);
	a_vectors(test, kk_chacha20poly1305_vecs, ARRAY_SIZE(kk_chacha20poly1305_vecs),
		  false);
}

static void test_xvectors(struct kunit *test)
{
	kk_begin(test);
	a_vectors(test, kk_xchacha20poly1305_vecs,
		  ARRAY_SIZE(kk_xchacha20poly1305_vecs), true);
}

static size_t a_random_ad_len(struct kk_rng *rng)
{
	switch (kk_below(rng, 4)) {
	case 0:
		return 0;
	case 1:
		return kk_below(rng, 33);
	case 2:
		return kk_below(rng, 80);
	default:
		return kk_below(rng, A_MAX_AD + 1);
	}
}

static void test_every_length(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct a_bufs b;
	unsigned int len;
	size_t ad_len;

	a_bufs_alloc(test, &b);
	kk_fill(&ctx->rng, b.msg, KK_MAX_LEN);
	kk_fill(&ctx->rng, b.ad, A_MAX_AD);
	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, 600)) {
		ad_len = a_random_ad_len(&ctx->rng);
		if (!a_check(test, len & 1, b.msg, len, b.ad, ad_len, b.ct, b.ref, b.pt,
			     &ctx->rng, "every length"))
			return;
	}
}

/* Any single flipped bit, in ciphertext, tag or associated data, is refused. */
static void test_forgery(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 key[A_KEY], nonce[A_XNONCE];
	struct a_bufs b;
	unsigned int iter, bit;
	size_t len, ad_len;
	bool x, ok;

	a_bufs_alloc(test, &b);
	for (iter = 0; iter < 96; iter++) {
		x = iter & 1;
		len = kk_below(&ctx->rng, iter < 80 ? 300 : KK_MAX_LEN + 1);
		ad_len = 1 + kk_below(&ctx->rng, 64);
		kk_fill(&ctx->rng, key, sizeof(key));
		kk_fill(&ctx->rng, nonce, sizeof(nonce));
		kk_fill(&ctx->rng, b.msg, len);
		kk_fill(&ctx->rng, b.ad, ad_len);
		a_encrypt(x, b.ct, b.msg, len, b.ad, ad_len, nonce, key);
		if (iter % 3 == 2) {
			bit = kk_below(&ctx->rng, ad_len * 8);
			b.ad[bit / 8] ^= 1 << (bit % 8);
		} else {
			bit = kk_below(&ctx->rng, (len + A_TAG) * 8);
			b.ct[bit / 8] ^= 1 << (bit % 8);
		}
		memset(b.pt, 0x5a, len);
		ok = a_decrypt(x, b.pt, b.ct, len + A_TAG, b.ad, ad_len, nonce, key);
		KUNIT_EXPECT_FALSE_MSG(test, ok, "len %zu: flipped bit %u accepted [%s]",
				       len, bit, kk_impl_name(test));
		KUNIT_EXPECT_TRUE_MSG(test, kk_all_zero(b.pt, len),
				      "len %zu: output not wiped [%s]", len,
				      kk_impl_name(test));
		if (ok)
			return;
	}
	/* Shorter than a tag: refused without reading past src. */
	for (len = 0; len < A_TAG; len++) {
		u8 *src = kk_guard_buf(test, 0, len, false);

		KUNIT_EXPECT_FALSE(test, a_decrypt(false, b.pt, src, len, NULL, 0, nonce,
						   key));
		KUNIT_EXPECT_FALSE(test, a_decrypt(true, b.pt, src, len, NULL, 0, nonce,
						   key));
	}
}

/*
 * More plaintext than RFC 8439 allows (the 32-bit block counter would wrap
 * into the Poly1305 key block): decrypt refuses before touching memory.
 * Encrypt also refuses, but warns, so only the harness tests it.
 */
static void test_too_long(struct kunit *test)
{
	const size_t lens[] = { (size_t)KCRYPTO_AEAD_MAX_LEN + A_TAG + 1,
				(size_t)KCRYPTO_AEAD_MAX_LEN + A_TAG + 64, SIZE_MAX };
	u8 key[A_KEY] = { 1 }, nonce[A_XNONCE] = { 2 }, *src, *dst;
	unsigned int i;

	kk_begin(test);
	if (SIZE_MAX - A_TAG <= KCRYPTO_AEAD_MAX_LEN)
		kunit_skip(test, "size_t cannot exceed the limit");
	/* Reading or writing past 64 bytes hits a guard page. */
	src = kk_guard_buf(test, 0, 64, false);
	dst = kk_guard_buf(test, 1, 64, false);
	memset(src, 0x3c, 64);
	memset(dst, 0x5a, 64);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		KUNIT_EXPECT_FALSE(test, a_decrypt(false, dst, src, lens[i], src, 64,
						   nonce, key));
		KUNIT_EXPECT_FALSE(test, a_decrypt(true, dst, src, lens[i], src, 64,
						   nonce, key));
	}
	KUNIT_EXPECT_NULL(test, memchr_inv(dst, 0x5a, 64));
}

/* Every input and output flush against a vmalloc guard page. */
static void test_guard_page(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 key[A_KEY], nonce[A_XNONCE], *ref = kk_alloc(test, KK_MAX_LEN + A_TAG);
	u8 *msg, *ad, *ct, *pt, *k, *n;
	unsigned int i, at_start;
	size_t len, ad_len;
	bool x, ok;

	for (at_start = 0; at_start < 2; at_start++) {
		for (i = 0; i < ARRAY_SIZE(kk_some_lens); i++) {
			x = i & 1;
			len = kk_some_lens[i];
			ad_len = (i * 7) % 40;
			msg = kk_guard_buf(test, 0, len, at_start);
			ct = kk_guard_buf(test, 1, len + A_TAG, at_start);
			ad = kk_guard_buf(test, 2, ad_len, at_start);
			/* Key and nonce share the last guard buffer. */
			n = kk_guard_buf(test, 3, x ? A_XNONCE : A_NONCE, at_start);
			k = at_start ? n + A_XNONCE : n - A_KEY;
			kk_fill(&ctx->rng, msg, len);
			kk_fill(&ctx->rng, ad, ad_len);
			kk_fill(&ctx->rng, key, sizeof(key));
			kk_fill(&ctx->rng, nonce, sizeof(nonce));
			memcpy(k, key, A_KEY);
			memcpy(n, nonce, x ? A_XNONCE : A_NONCE);
			a_generic(x, ref, msg, len, ad, ad_len, nonce, key);
			a_encrypt(x, ct, msg, len, ad, ad_len, n, k);
			if (!kk_memeq(test, ct, ref, len + A_TAG, "guard %s len %zu",
				      at_start ? "head" : "tail", len))
				return;
			/* Decrypt into the message buffer, also flush. */
			pt = msg;
			ok = a_decrypt(x, pt, ct, len + A_TAG, ad, ad_len, n, k);
			KUNIT_EXPECT_TRUE(test, ok);
		}
	}
}

static void test_alignment(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *mbuf = kk_alloc(test, KK_MAX_LEN + 64);
	u8 *cbuf = kk_alloc(test, KK_MAX_LEN + A_TAG + 64 + KK_CANARY_LEN);
	u8 *pbuf = kk_alloc(test, KK_MAX_LEN + 64 + KK_CANARY_LEN);
	u8 *abuf = kk_alloc(test, 64 + 64);
	u8 *ref = kk_alloc(test, KK_MAX_LEN + A_TAG);
	unsigned int off, i;
	size_t lens[5];

	kk_fill(&ctx->rng, mbuf, KK_MAX_LEN + 64);
	kk_fill(&ctx->rng, abuf, 128);
	for (off = 0; off < 64; off++) {
		lens[0] = 1;
		lens[1] = 64;
		lens[2] = 129 + off;
		lens[3] = 1024 + off;
		lens[4] = KK_MAX_LEN - off;
		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			bool x = (off + i) & 1;

			if (!a_check(test, x, mbuf + off, lens[i], abuf + (off * 3) % 64,
				     1 + off % 40, cbuf + (off * 7) % 64, ref,
				     pbuf + (off * 13) % 64, &ctx->rng, "alignment"))
				return;
		}
	}
}

static void test_in_place(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *buf = kk_alloc(test, KK_MAX_LEN + A_TAG + 1);
	u8 *msg = kk_alloc(test, KK_MAX_LEN);
	u8 *ref = kk_alloc(test, KK_MAX_LEN + A_TAG);
	u8 key[A_KEY], nonce[A_XNONCE], ad[32];
	unsigned int len;
	u8 *p;
	bool x;

	kk_fill(&ctx->rng, ad, sizeof(ad));
	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, 200)) {
		x = len % 3 == 1;
		p = buf + (len & 1);
		kk_fill(&ctx->rng, key, sizeof(key));
		kk_fill(&ctx->rng, nonce, sizeof(nonce));
		kk_fill(&ctx->rng, msg, len);
		a_generic(x, ref, msg, len, ad, len % 33, nonce, key);
		memcpy(p, msg, len);
		a_encrypt(x, p, p, len, ad, len % 33, nonce, key);
		if (!kk_memeq(test, p, ref, len + A_TAG, "in place len %u", len))
			return;
		if (!a_decrypt(x, p, p, len + A_TAG, ad, len % 33, nonce, key)) {
			KUNIT_FAIL(test, "in place len %u [%s]: decrypt refused", len,
				   kk_impl_name(test));
			return;
		}
		if (!kk_memeq(test, p, msg, len, "in place decrypt len %u", len))
			return;
	}
}

static const unsigned int a_irq_lens[] = { 0, 1, 64, 257, 1024, 4096 };

struct a_irq_job {
	u8 key[A_KEY], nonce[A_XNONCE], ad[24];
	const u8 *msg;
	u8 *ct;			/* KK_MAX_LEN + A_TAG per length, twice */
	bool ok[2][ARRAY_SIZE(a_irq_lens)];
	u8 *pt;			/* KK_MAX_LEN per length, twice */
};

#define A_CT_SLOT	(KK_MAX_LEN + A_TAG)

static void a_irq_fn(void *arg)
{
	struct a_irq_job *job = arg;
	unsigned int i, x;

	for (x = 0; x < 2; x++) {
		for (i = 0; i < ARRAY_SIZE(a_irq_lens); i++) {
			size_t slot = x * ARRAY_SIZE(a_irq_lens) + i;
			u8 *ct = job->ct + slot * A_CT_SLOT;

			a_encrypt(x, ct, job->msg, a_irq_lens[i], job->ad, sizeof(job->ad),
				  job->nonce, job->key);
			job->ok[x][i] = a_decrypt(x, job->pt + slot * KK_MAX_LEN, ct,
						  a_irq_lens[i] + A_TAG, job->ad,
						  sizeof(job->ad), job->nonce, job->key);
		}
	}
}

static void test_irq_context(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const size_t nslots = 2 * ARRAY_SIZE(a_irq_lens);
	struct a_irq_job *job = kk_alloc(test, sizeof(*job));
	u8 *msg = kk_alloc(test, KK_MAX_LEN);
	u8 *ref = kk_alloc(test, nslots * A_CT_SLOT);
	unsigned int where, i, x;

	kk_fill(&ctx->rng, msg, KK_MAX_LEN);
	kk_fill(&ctx->rng, job->key, sizeof(job->key));
	kk_fill(&ctx->rng, job->nonce, sizeof(job->nonce));
	kk_fill(&ctx->rng, job->ad, sizeof(job->ad));
	job->msg = msg;
	job->ct = kk_alloc(test, nslots * A_CT_SLOT);
	job->pt = kk_alloc(test, nslots * KK_MAX_LEN);
	for (x = 0; x < 2; x++)
		for (i = 0; i < ARRAY_SIZE(a_irq_lens); i++)
			a_generic(x, ref + (x * ARRAY_SIZE(a_irq_lens) + i) * A_CT_SLOT,
				  msg, a_irq_lens[i], job->ad, sizeof(job->ad),
				  job->nonce, job->key);
	for (where = 0; where < KK_NR_CONTEXTS; where++) {
		memset(job->ct, 0, nslots * A_CT_SLOT);
		memset(job->pt, 0, nslots * KK_MAX_LEN);
		kk_run_in(test, where, a_irq_fn, job);
		for (x = 0; x < 2; x++) {
			for (i = 0; i < ARRAY_SIZE(a_irq_lens); i++) {
				size_t slot = x * ARRAY_SIZE(a_irq_lens) + i;

				kk_memeq(test, job->ct + slot * A_CT_SLOT,
					 ref + slot * A_CT_SLOT, a_irq_lens[i] + A_TAG,
					 "%s %s len %u", kk_context_names[where],
					 x ? "xchacha" : "chacha", a_irq_lens[i]);
				KUNIT_EXPECT_TRUE(test, job->ok[x][i]);
				kk_memeq(test, job->pt + slot * KK_MAX_LEN, msg,
					 a_irq_lens[i], "%s decrypt len %u",
					 kk_context_names[where], a_irq_lens[i]);
			}
		}
	}
}

static void test_benchmark(struct kunit *test)
{
	static const unsigned int lens[] = { 64, 256, 1420, 4096 };
	u8 key[A_KEY] = { 1 }, nonce[A_NONCE] = { 2 };
	u8 *buf = kk_alloc(test, KK_MAX_LEN + A_TAG);
	unsigned int i, j;
	u64 t0, ns, iters;

	kk_begin(test);
	kk_bench_begin(test);
	memset(buf, 0, KK_MAX_LEN + A_TAG);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		for (j = 0; j < 16; j++)
			kcrypto_chacha20poly1305_encrypt(buf, buf, lens[i], NULL, 0,
							 nonce, key);
		iters = 0;
		t0 = ktime_get_ns();
		do {
			for (j = 0; j < 64; j++)
				kcrypto_chacha20poly1305_encrypt(buf, buf, lens[i], NULL,
								 0, nonce, key);
			iters += 64;
			ns = ktime_get_ns() - t0;
			cond_resched();
		} while (ns < 200 * NSEC_PER_MSEC);
		kk_bench_report(test, "chacha20poly1305", lens[i], iters,
				iters * lens[i], ns);
	}
}

static struct kunit_case kk_aead_cases[] = {
	KUNIT_CASE(kk_test_impls),
	KUNIT_CASE_PARAM(test_vectors, kk_impl_gen),
	KUNIT_CASE_PARAM(test_xvectors, kk_impl_gen),
	KUNIT_CASE_PARAM(test_every_length, kk_impl_gen),
	KUNIT_CASE_PARAM(test_forgery, kk_impl_gen),
	KUNIT_CASE_PARAM(test_too_long, kk_impl_gen),
	KUNIT_CASE_PARAM(test_guard_page, kk_impl_gen),
	KUNIT_CASE_PARAM(test_alignment, kk_impl_gen),
	KUNIT_CASE_PARAM(test_in_place, kk_impl_gen),
	KUNIT_CASE_PARAM(test_irq_context, kk_impl_gen),
	KUNIT_CASE_PARAM(test_benchmark, kk_impl_gen),
	{}
};

static struct kunit_suite kk_aead_suite = {
	.name = "kcrypto_aead",
	.suite_init = kk_suite_init,
	.init = kk_init,
	.exit = kk_exit,
	.test_cases = kk_aead_cases,
};

kunit_test_suite(kk_aead_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of kcrypto (X)ChaCha20-Poly1305, every implementation");
