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
#include <linux/highmem.h>
#include <linux/scatterlist.h>

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

/*
 * A call: encryption of the message with the key (aux[0]), the nonce
 * (aux[1]) and associated data (aux[2]); its inverse is the decryption.
 */
struct kk_params {
	bool x;		/* XChaCha20-Poly1305 */
};

#include "kcrypto-kunit-buf.h"

static_assert(A_MAX_AD <= KK_AUX_MAX);

/*
 * ChaCha20-Poly1305 at every point, XChaCha20-Poly1305 as well; no
 * associated data in the benchmark.
 */
static bool a_setup(struct kk_rng *rng, struct kk_call *c)
{
	if (c->pass && c->bench)
		return false;
	c->p.x = c->pass;
	c->label = c->p.x ? "xchacha20poly1305" : "chacha20poly1305";
	c->out_len = c->len + A_TAG;
	c->aux_len[0] = A_KEY;
	c->aux_len[1] = c->p.x ? A_XNONCE : A_NONCE;
	c->aux_len[2] = c->bench ? 0 : a_random_ad_len(rng);
	return true;
}

static void a_ref(struct kk_call *c)
{
	a_generic(c->p.x, c->ref, c->in, c->len, c->aux[2], c->aux_len[2], c->aux[1],
		  c->aux[0]);
}

static void a_run(struct kk_call *c)
{
	a_encrypt(c->p.x, c->out, c->in, c->len, c->aux[2], c->aux_len[2], c->aux[1],
		  c->aux[0]);
}

static bool a_inverse(struct kk_call *c)
{
	return a_decrypt(c->p.x, c->back, c->out, c->len + A_TAG, c->aux[2], c->aux_len[2],
			 c->aux[1], c->aux[0]);
}

static const struct kk_buf_ops kk_buf_op = {
	.name = "chacha20poly1305",
	.in_place = true,
	.all_upto = 600,
	.setup = a_setup,
	.ref = a_ref,
	.run = a_run,
	.inverse = a_inverse,
};

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

/* Any single flipped bit, in ciphertext, tag or associated data, is refused. */
static void test_forgery(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *msg = kk_alloc(test, KK_MAX_LEN);
	u8 *ad = kk_alloc(test, 64);
	u8 *ct = kk_alloc(test, KK_MAX_LEN + A_TAG);
	u8 *pt = kk_alloc(test, KK_MAX_LEN);
	u8 key[A_KEY], nonce[A_XNONCE];
	unsigned int iter, bit;
	size_t len, ad_len;
	bool x, ok;

	for (iter = 0; iter < 96; iter++) {
		x = iter & 1;
		len = kk_below(&ctx->rng, iter < 80 ? 300 : KK_MAX_LEN + 1);
		ad_len = 1 + kk_below(&ctx->rng, 64);
		kk_fill(&ctx->rng, key, sizeof(key));
		kk_fill(&ctx->rng, nonce, sizeof(nonce));
		kk_fill(&ctx->rng, msg, len);
		kk_fill(&ctx->rng, ad, ad_len);
		a_encrypt(x, ct, msg, len, ad, ad_len, nonce, key);
		if (iter % 3 == 2) {
			bit = kk_below(&ctx->rng, ad_len * 8);
			ad[bit / 8] ^= 1 << (bit % 8);
		} else {
			bit = kk_below(&ctx->rng, (len + A_TAG) * 8);
			ct[bit / 8] ^= 1 << (bit % 8);
		}
		memset(pt, 0x5a, len);
		ok = a_decrypt(x, pt, ct, len + A_TAG, ad, ad_len, nonce, key);
		KUNIT_EXPECT_FALSE_MSG(test, ok, "len %zu: flipped bit %u accepted [%s]",
				       len, bit, kk_impl_name(test));
		KUNIT_EXPECT_TRUE_MSG(test, kk_all_zero(pt, len),
				      "len %zu: output not wiped [%s]", len,
				      kk_impl_name(test));
		if (ok)
			return;
	}
	/* Shorter than a tag: refused without reading past src. */
	for (len = 0; len < A_TAG; len++) {
		u8 *src = kk_guard_buf(test, 0, len, false);

		KUNIT_EXPECT_FALSE(test, a_decrypt(false, pt, src, len, NULL, 0, nonce,
						   key));
		KUNIT_EXPECT_FALSE(test, a_decrypt(true, pt, src, len, NULL, 0, nonce,
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

/* ------------------------------------------------------------------------ */
/* Scatterlist AEAD against the flat API. */

/* Payload, tag and slack of the largest case, with gaps between entries. */
#define SG_ARENA_ORDER	3
#define SG_ARENA	(PAGE_SIZE << SG_ARENA_ORDER)
#define SG_MAX_ENTS	(KK_MAX_LEN + A_TAG + 8)

enum sg_split {
	SG_ONE,		/* one entry */
	SG_BYTES,	/* one-byte entries */
	SG_SMALL,	/* 1..200 bytes */
	SG_EDGES,	/* lengths around the 16- and 64-byte boundaries */
	SG_PAGES,	/* up to 1.5 pages: entries that cross a page */
	SG_NR_SPLITS
};

static const char *const sg_split_names[SG_NR_SPLITS] = {
	"one", "bytes", "small", "edges", "pages",
};

struct sg_buf {
	struct page *arena;		/* contiguous, highmem where there is */
	struct scatterlist *sg;
	unsigned int nents;
};

/* A KUnit resource (6.1 has no kunit_add_action()): freed after the case. */
static int sg_buf_init(struct kunit_resource *res, void *context)
{
	struct sg_buf *b = context;

	b->sg = kvmalloc_array(SG_MAX_ENTS, sizeof(*b->sg), GFP_KERNEL);
	b->arena = alloc_pages(GFP_KERNEL | __GFP_HIGHMEM, SG_ARENA_ORDER);
	if (!b->sg || !b->arena) {
		if (b->arena)
			__free_pages(b->arena, SG_ARENA_ORDER);
		kvfree(b->sg);
		return -ENOMEM;
	}
	res->data = b;
	return 0;
}

static void sg_buf_free(struct kunit_resource *res)
{
	struct sg_buf *b = res->data;

	__free_pages(b->arena, SG_ARENA_ORDER);
	kvfree(b->sg);
}

static struct sg_buf *sg_buf_alloc(struct kunit *test)
{
	struct sg_buf *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, sg_buf_init, sg_buf_free,
							 GFP_KERNEL, b));
	return b;
}

static size_t sg_entry_len(struct kk_rng *rng, enum sg_split split, size_t left)
{
	static const u16 edges[] = { 1, 2, 15, 16, 17, 63, 64, 65, 127, 129 };
	size_t n;

	switch (split) {
	case SG_ONE:
		n = left;
		break;
	case SG_BYTES:
		n = 1;
		break;
	case SG_SMALL:
		n = 1 + kk_below(rng, 200);
		break;
	case SG_EDGES:
		n = edges[kk_below(rng, ARRAY_SIZE(edges))];
		break;
	default:
		n = 1 + kk_below(rng, PAGE_SIZE + PAGE_SIZE / 2);
		break;
	}
	return min(n, left);
}

/*
 * Lay @total bytes out over entries of the arena split as @split says,
 * with 0..3 byte gaps and offsets, plus random slack in the last entry.
 */
static void sg_layout(struct kunit *test, struct sg_buf *b, struct kk_rng *rng,
		      enum sg_split split, size_t total)
{
	size_t pos = kk_below(rng, 4), left = total, n;
	unsigned int i = 0;

	sg_init_table(b->sg, SG_MAX_ENTS);
	do {
		n = sg_entry_len(rng, split, left);
		left -= n;
		if (!left)
			n += kk_below(rng, 3) ? 0 : kk_below(rng, 40);
		KUNIT_ASSERT_LT(test, i, (unsigned int)SG_MAX_ENTS);
		KUNIT_ASSERT_LE(test, pos + n, (size_t)SG_ARENA);
		sg_set_page(&b->sg[i++], b->arena + pos / PAGE_SIZE, n, pos % PAGE_SIZE);
		pos += n + kk_below(rng, 4);
	} while (left);
	sg_mark_end(&b->sg[i - 1]);
	b->nents = i;
}

static bool sg_encrypt(bool x, struct scatterlist *sg, size_t len, const u8 *ad,
		       size_t ad_len, const u8 *nonce, const u8 *key)
{
	if (x)
		return kcrypto_xchacha20poly1305_encrypt_sg_inplace(sg, len, ad, ad_len,
								    nonce, key);
	return kcrypto_chacha20poly1305_encrypt_sg_inplace(sg, len, ad, ad_len,
							   nonce, key);
}

static bool sg_decrypt(bool x, struct scatterlist *sg, size_t src_len, const u8 *ad,
		       size_t ad_len, const u8 *nonce, const u8 *key)
{
	if (x)
		return kcrypto_xchacha20poly1305_decrypt_sg_inplace(sg, src_len, ad, ad_len,
								    nonce, key);
	return kcrypto_chacha20poly1305_decrypt_sg_inplace(sg, src_len, ad, ad_len,
							   nonce, key);
}

struct sg_case {
	struct kk_ctx *ctx;
	struct sg_buf *b;
	u8 *msg, *flat, *got, *ad;
	u8 key[A_KEY], nonce[A_XNONCE];
};

static struct sg_case *sg_case_alloc(struct kunit *test)
{
	struct sg_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->ctx = kk_begin(test);
	c->b = sg_buf_alloc(test);
	c->msg = kk_alloc(test, KK_MAX_LEN);
	c->flat = kk_alloc(test, KK_MAX_LEN + A_TAG);
	c->got = kk_alloc(test, KK_MAX_LEN + A_TAG);
	c->ad = kk_alloc(test, 80);
	return c;
}

/* One message over one split: sg result equals the flat API's, both ways. */
static bool sg_check(struct kunit *test, struct sg_case *c, bool x, size_t len,
		     enum sg_split split)
{
	struct kk_rng *rng = &c->ctx->rng;
	size_t ad_len = kk_below(rng, 80);
	struct sg_buf *b = c->b;

	kk_fill(rng, c->key, sizeof(c->key));
	kk_fill(rng, c->nonce, sizeof(c->nonce));
	kk_fill(rng, c->msg, len);
	kk_fill(rng, c->ad, ad_len);
	a_encrypt(x, c->flat, c->msg, len, c->ad, ad_len, c->nonce, c->key);

	sg_layout(test, b, rng, split, len + A_TAG);
	sg_copy_from_buffer(b->sg, b->nents, c->msg, len);
	KUNIT_EXPECT_TRUE(test, sg_encrypt(x, b->sg, len, c->ad, ad_len, c->nonce,
					   c->key));
	sg_copy_to_buffer(b->sg, b->nents, c->got, len + A_TAG);
	if (!kk_memeq(test, c->got, c->flat, len + A_TAG,
		      "%s sg encrypt len %zu split %s (%u entries)",
		      x ? "xchacha" : "chacha", len, sg_split_names[split], b->nents))
		return false;
	if (!sg_decrypt(x, b->sg, len + A_TAG, c->ad, ad_len, c->nonce, c->key)) {
		KUNIT_FAIL(test, "sg decrypt refused len %zu split %s [%s]", len,
			   sg_split_names[split], kk_impl_name(test));
		return false;
	}
	sg_copy_to_buffer(b->sg, b->nents, c->got, len + A_TAG);
	return kk_memeq(test, c->got, c->msg, len, "sg decrypt len %zu split %s", len,
			sg_split_names[split]) &&
	       kk_memeq(test, c->got + len, c->flat + len, A_TAG,
			"sg decrypt changed the tag, len %zu", len);
}

/*
 * Every length 0..4096 once (steps, as kk_next_len(), for the forced
 * variants unless exhaustive=1), each over a split that turns with the
 * length, plus every split at a sample of lengths; both constructions.
 */
static void test_sg_vs_flat(struct kunit *test)
{
	struct sg_case *c = sg_case_alloc(test);
	const struct kk_impl *impl = c->ctx->impl;
	unsigned int all = impl && impl->kind == KK_VARIANT ? 600 : KK_MAX_LEN;
	unsigned int len, n = 0, s;

	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, all), n++) {
		s = len % SG_NR_SPLITS;
		if (s == SG_BYTES && len > 600)
			s = SG_SMALL;
		if (!sg_check(test, c, len & 1, len, s))
			return;
	}
	for (s = 0; s < SG_NR_SPLITS; s++) {
		for (len = 0; len <= KK_MAX_LEN; len += 1 + kk_below(&c->ctx->rng, 700), n++)
			if (!sg_check(test, c, n & 1, len, s))
				return;
	}
	kunit_info(test, "%u messages over scatterlists [%s]\n", n, kk_impl_name(test));
}

/* A flipped bit anywhere is refused and the buffer is left untouched. */
static void test_sg_forgery(struct kunit *test)
{
	struct sg_case *c = sg_case_alloc(test);
	struct kk_rng *rng = &c->ctx->rng;
	struct sg_buf *b = c->b;
	unsigned int iter, bit;
	size_t len, ad_len;
	bool x;

	for (iter = 0; iter < 60; iter++) {
		x = iter & 1;
		len = kk_below(rng, iter < 40 ? 300 : KK_MAX_LEN + 1);
		ad_len = 1 + kk_below(rng, 64);
		kk_fill(rng, c->key, sizeof(c->key));
		kk_fill(rng, c->nonce, sizeof(c->nonce));
		kk_fill(rng, c->msg, len);
		kk_fill(rng, c->ad, ad_len);
		sg_layout(test, b, rng, kk_below(rng, SG_NR_SPLITS), len + A_TAG);
		sg_copy_from_buffer(b->sg, b->nents, c->msg, len);
		KUNIT_ASSERT_TRUE(test, sg_encrypt(x, b->sg, len, c->ad, ad_len, c->nonce,
						   c->key));
		sg_copy_to_buffer(b->sg, b->nents, c->flat, len + A_TAG);
		memcpy(c->got, c->flat, len + A_TAG);
		if (iter % 3 == 2) {
			bit = kk_below(rng, ad_len * 8);
			c->ad[bit / 8] ^= 1 << (bit % 8);
		} else {
			bit = kk_below(rng, (len + A_TAG) * 8);
			c->got[bit / 8] ^= 1 << (bit % 8);
			sg_copy_from_buffer(b->sg, b->nents, c->got, len + A_TAG);
		}
		KUNIT_EXPECT_FALSE_MSG(test, sg_decrypt(x, b->sg, len + A_TAG, c->ad, ad_len,
							c->nonce, c->key),
				       "len %zu: flipped bit %u accepted [%s]", len, bit,
				       kk_impl_name(test));
		memset(c->flat, 0, len + A_TAG);
		sg_copy_to_buffer(b->sg, b->nents, c->flat, len + A_TAG);
		if (!kk_memeq(test, c->flat, c->got, len + A_TAG,
			      "refused message changed, len %zu", len))
			return;
	}
	/* Shorter than a tag or over the limit: refused, nothing read. */
	sg_layout(test, b, rng, SG_ONE, A_TAG);
	for (len = 0; len < A_TAG; len++) {
		KUNIT_EXPECT_FALSE(test, sg_decrypt(false, b->sg, len, NULL, 0, c->nonce,
						    c->key));
		KUNIT_EXPECT_FALSE(test, sg_decrypt(true, b->sg, len, NULL, 0, c->nonce,
						    c->key));
	}
	if (SIZE_MAX - A_TAG > KCRYPTO_AEAD_MAX_LEN)
		KUNIT_EXPECT_FALSE(test, sg_decrypt(false, b->sg,
						    (size_t)KCRYPTO_AEAD_MAX_LEN + A_TAG + 1,
						    NULL, 0, c->nonce, c->key));
}

struct sg_irq_job {
	struct sg_case *c;
	size_t len;
	bool enc_ok, dec_ok;
};

static void sg_irq_fn(void *arg)
{
	struct sg_irq_job *j = arg;
	struct sg_case *c = j->c;

	j->enc_ok = sg_encrypt(false, c->b->sg, j->len, c->ad, 16, c->nonce, c->key);
	j->dec_ok = sg_decrypt(false, c->b->sg, j->len + A_TAG, c->ad, 16, c->nonce,
			       c->key);
}

/* In hardirq, softirq, BH-off and IRQs-off context: same results. */
static void test_sg_irq_context(struct kunit *test)
{
	struct sg_case *c = sg_case_alloc(test);
	struct sg_irq_job j = { .c = c };
	unsigned int where;

	for (where = 0; where < KK_NR_CONTEXTS; where++) {
		j.len = 1 + kk_below(&c->ctx->rng, KK_MAX_LEN);
		kk_fill(&c->ctx->rng, c->key, sizeof(c->key));
		kk_fill(&c->ctx->rng, c->nonce, sizeof(c->nonce));
		kk_fill(&c->ctx->rng, c->msg, j.len);
		kk_fill(&c->ctx->rng, c->ad, 16);
		a_encrypt(false, c->flat, c->msg, j.len, c->ad, 16, c->nonce, c->key);
		sg_layout(test, c->b, &c->ctx->rng, SG_EDGES, j.len + A_TAG);
		sg_copy_from_buffer(c->b->sg, c->b->nents, c->msg, j.len);
		/* Encrypt then decrypt there; check the round trip here. */
		kk_run_in(test, where, sg_irq_fn, &j);
		KUNIT_EXPECT_TRUE(test, j.enc_ok && j.dec_ok);
		sg_copy_to_buffer(c->b->sg, c->b->nents, c->got, j.len + A_TAG);
		kk_memeq(test, c->got, c->msg, j.len, "%s round trip",
			 kk_context_names[where]);
		kk_memeq(test, c->got + j.len, c->flat + j.len, A_TAG, "%s tag",
			 kk_context_names[where]);
	}
}

/*
 * The arena of the sg cases is allocated with __GFP_HIGHMEM: where the
 * machine has highmem (32-bit arm with CONFIG_HIGHMEM and enough RAM) it
 * must land there, so that the sg walk maps its pages one at a time.  Then
 * every split at a few lengths, both constructions, on whatever is bound.
 */
static void test_sg_highmem(struct kunit *test)
{
	static const u16 lens[] = { 0, 1, 63, 64, 65, 1420, 4095, KK_MAX_LEN };
	struct sg_case *c;
	unsigned int i, s;

	if (!IS_ENABLED(CONFIG_HIGHMEM) || !totalhigh_pages())
		kunit_skip(test, "no highmem here (CONFIG_HIGHMEM=%s): sg cases use lowmem",
			   IS_ENABLED(CONFIG_HIGHMEM) ? "y" : "n");
	c = sg_case_alloc(test);
	KUNIT_ASSERT_TRUE_MSG(test, PageHighMem(c->b->arena),
			      "the sg arena is not in highmem (%lu highmem pages in all)",
			      totalhigh_pages());
	kunit_info(test, "sg arena in highmem (pfn %lu)\n", page_to_pfn(c->b->arena));
	for (s = 0; s < SG_NR_SPLITS; s++)
		for (i = 0; i < ARRAY_SIZE(lens); i++)
			if (!sg_check(test, c, (i + s) & 1, lens[i], s))
				return;
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
	KUNIT_CASE_PARAM(test_sg_vs_flat, kk_impl_gen),
	KUNIT_CASE_PARAM(test_sg_forgery, kk_impl_gen),
	KUNIT_CASE_PARAM(test_sg_irq_context, kk_impl_gen),
	KUNIT_CASE(test_sg_highmem),
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
