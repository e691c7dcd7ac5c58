// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: ChaCha20, ChaCha12 and HChaCha20 through kcrypto's API
 * (kcrypto_chacha_crypt(), kcrypto_chacha20(), kcrypto_hchacha20()), on
 * every implementation, against vectors and kcrypto_chacha_crypt_generic().
 */
#include <kcrypto/chacha.h>

#define KK_PRIMS	BIT(KCRYPTO_CHACHA)
#include "kcrypto-kunit.h"
#include "vectors-chacha.h"

#define CC_BLOCK	KCRYPTO_CHACHA_BLOCK_SIZE
#define CC_KEY		KCRYPTO_CHACHA_KEY_SIZE
#define CC_NONCE	KCRYPTO_CHACHA_NONCE_SIZE

/*
 * A call of kcrypto_chacha_crypt() from a state set up from the key
 * (aux[0]), nonce (aux[1]) and @counter; the states after the API and
 * after the generic code, which must agree too.
 */
struct kk_params {
	u32 counter;
	int nrounds;
	struct kcrypto_chacha_state st, ref;
};

#include "kcrypto-kunit-buf.h"

/* A random counter; sometimes one about to wrap. */
static u32 cc_random_counter(struct kk_rng *rng)
{
	u32 ctr = kk_rand32(rng);

	if (!kk_below(rng, 8))
		ctr = U32_MAX - kk_below(rng, 4);
	return ctr;
}

/* A random key, nonce and counter. */
static void cc_random_state(struct kk_rng *rng, struct kcrypto_chacha_state *st)
{
	u8 key[CC_KEY], nonce[CC_NONCE];

	kk_fill(rng, key, sizeof(key));
	kk_fill(rng, nonce, sizeof(nonce));
	kcrypto_chacha_init(st, key, nonce, cc_random_counter(rng));
}

/* ChaCha20 at every point; ChaCha12 as well at every third one. */
static bool cc_setup(struct kk_rng *rng, struct kk_call *c)
{
	if (c->pass && (c->bench || c->i % 3))
		return false;
	c->p.nrounds = c->pass ? 12 : 20;
	c->label = c->pass ? "chacha12" : "chacha20";
	c->p.counter = cc_random_counter(rng);
	c->out_len = c->len;
	c->aux_len[0] = CC_KEY;
	c->aux_len[1] = CC_NONCE;
	return true;
}

static void cc_ref(struct kk_call *c)
{
	kcrypto_chacha_init(&c->p.ref, c->aux[0], c->aux[1], c->p.counter);
	kcrypto_chacha_crypt_generic(&c->p.ref, c->ref, c->in, c->len, c->p.nrounds);
}

static void cc_run(struct kk_call *c)
{
	kcrypto_chacha_init(&c->p.st, c->aux[0], c->aux[1], c->p.counter);
	kcrypto_chacha_crypt(&c->p.st, c->out, c->in, c->len, c->p.nrounds);
}

/* The counter advanced as the generic code's did. */
static bool cc_post(struct kunit *test, struct kk_call *c, const char *what)
{
	return kk_memeq(test, &c->p.st, &c->p.ref, sizeof(c->p.st), "%s state after len %zu",
			what, c->len);
}

static const struct kk_buf_ops kk_buf_op = {
	.name = "chacha20",
	.in_place = true,
	.all_upto = 1100,
	.setup = cc_setup,
	.ref = cc_ref,
	.run = cc_run,
	.post = cc_post,
};

static void test_vectors(struct kunit *test)
{
	struct kcrypto_chacha_state st;
	u8 out[KCRYPTO_HCHACHA_OUT_SIZE];
	unsigned int i;
	u8 *src, *dst;

	kk_begin(test);
	for (i = 0; i < ARRAY_SIZE(kk_chacha_vecs); i++) {
		const struct kk_chacha_vec *v = &kk_chacha_vecs[i];

		src = kk_guard_buf(test, 0, v->len, false);
		dst = kk_guard_buf(test, 1, v->len, false);
		memcpy(src, v->msg, v->len);
		kcrypto_chacha_init(&st, v->key, v->nonce, v->counter);
		kcrypto_chacha_crypt(&st, dst, src, v->len, v->nrounds);
		kk_memeq(test, dst, v->ct, v->len, "%s", v->name);
		/* The counter advances once per block, a partial one included. */
		KUNIT_EXPECT_EQ_MSG(test, st.x[12],
				    (u32)(v->counter + DIV_ROUND_UP(v->len, CC_BLOCK)),
				    "%s: counter after", v->name);

		/* Decrypt in place. */
		kcrypto_chacha_init(&st, v->key, v->nonce, v->counter);
		kcrypto_chacha_crypt(&st, dst, dst, v->len, v->nrounds);
		kk_memeq(test, dst, v->msg, v->len, "%s (in place)", v->name);

		if (v->nrounds == 20) {
			kcrypto_chacha20(dst, src, v->len, v->key, v->nonce,
					 v->counter);
			kk_memeq(test, dst, v->ct, v->len, "%s (kcrypto_chacha20)",
				 v->name);
		}
	}
	for (i = 0; i < ARRAY_SIZE(kk_hchacha_vecs); i++) {
		const struct kk_hchacha_vec *v = &kk_hchacha_vecs[i];

		kcrypto_hchacha20(out, v->key, v->nonce);
		kk_memeq(test, out, v->out, sizeof(out), "%s", v->name);
	}
}

/*
 * A message in random pieces (whole blocks, then any tail), each piece
 * randomly through the API or the generic code: the state must carry
 * over between implementations.  Up to 3 * 4 KiB, so pieces also cross
 * the library's 4 KiB SIMD chunking.
 */
static void test_incremental(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const size_t max = 3 * KK_MAX_LEN;
	struct kcrypto_chacha_state st0, st, st_ref;
	u8 *src = kk_alloc(test, max);
	u8 *ref = kk_alloc(test, max);
	u8 *dst = kk_alloc(test, max);
	size_t total, off, n, rest;
	unsigned int iter, pieces;
	int nrounds;

	kk_fill(&ctx->rng, src, max);
	for (iter = 0; iter < 48; iter++) {
		total = kk_below(&ctx->rng, iter < 40 ? KK_MAX_LEN + 1 : max + 1);
		nrounds = iter & 1 ? 12 : 20;
		cc_random_state(&ctx->rng, &st0);
		st = st0;
		st_ref = st0;
		kcrypto_chacha_crypt_generic(&st_ref, ref, src, total, nrounds);
		pieces = 0;
		for (off = 0; off < total; off += n, pieces++) {
			rest = total - off;
			if (rest <= CC_BLOCK || !kk_below(&ctx->rng, 4))
				n = rest;
			else
				n = CC_BLOCK * (1 + kk_below(&ctx->rng, rest / CC_BLOCK));
			if (kk_below(&ctx->rng, 4))
				kcrypto_chacha_crypt(&st, dst + off, src + off, n, nrounds);
			else
				kcrypto_chacha_crypt_generic(&st, dst + off, src + off, n,
							     nrounds);
		}
		if (!kk_memeq(test, dst, ref, total, "len %zu in %u pieces", total,
			      pieces) ||
		    !kk_memeq(test, &st, &st_ref, sizeof(st), "state, len %zu in %u pieces",
			      total, pieces))
			return;
	}
}

/* The 32-bit counter wraps to 0 and never carries into the nonce. */
static void test_counter_wrap(struct kunit *test)
{
	static const u32 starts[] = { U32_MAX, U32_MAX - 1, U32_MAX - 3, U32_MAX - 7 };
	const size_t len = 16 * CC_BLOCK + 7;
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	u8 *src = kk_alloc(test, len);
	u8 *dst = kk_alloc(test, len + KK_CANARY_LEN);
	u8 key[CC_KEY], nonce[CC_NONCE];
	struct kcrypto_chacha_state st0;
	unsigned int i;

	kk_call_init(test, c);
	kk_fill(&ctx->rng, src, len);
	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		KUNIT_ASSERT_TRUE(test, kk_buf_setup(test, c, 1, 0, len));
		kk_fill(&ctx->rng, key, sizeof(key));
		kk_fill(&ctx->rng, nonce, sizeof(nonce));
		c->p.counter = starts[i];
		c->in = src;
		c->out = dst;
		c->aux[0] = key;
		c->aux[1] = nonce;
		c->canary = true;
		if (!kk_buf_check(test, c, "counter wrap"))
			return;
		kcrypto_chacha_init(&st0, key, nonce, starts[i]);
		KUNIT_EXPECT_EQ(test, c->p.st.x[12], (u32)(starts[i] + 17));
		KUNIT_EXPECT_EQ(test, c->p.st.x[13], st0.x[13]);
		KUNIT_EXPECT_EQ(test, c->p.st.x[14], st0.x[14]);
		KUNIT_EXPECT_EQ(test, c->p.st.x[15], st0.x[15]);
	}
}

static struct kunit_case kk_chacha_cases[] = {
	KUNIT_CASE(kk_test_impls),
	KUNIT_CASE_PARAM(test_vectors, kk_impl_gen),
	KUNIT_CASE_PARAM(test_every_length, kk_impl_gen),
	KUNIT_CASE_PARAM(test_incremental, kk_impl_gen),
	KUNIT_CASE_PARAM(test_guard_page, kk_impl_gen),
	KUNIT_CASE_PARAM(test_alignment, kk_impl_gen),
	KUNIT_CASE_PARAM(test_in_place, kk_impl_gen),
	KUNIT_CASE_PARAM(test_counter_wrap, kk_impl_gen),
	KUNIT_CASE_PARAM(test_irq_context, kk_impl_gen),
	KUNIT_CASE_PARAM(test_benchmark, kk_impl_gen),
	{}
};

static struct kunit_suite kk_chacha_suite = {
	.name = "kcrypto_chacha",
	.suite_init = kk_suite_init,
	.init = kk_init,
	.exit = kk_exit,
	.test_cases = kk_chacha_cases,
};

kunit_test_suite(kk_chacha_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of kcrypto ChaCha20/ChaCha12/HChaCha20, every implementation");
