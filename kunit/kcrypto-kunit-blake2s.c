// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: BLAKE2s through kcrypto's API (kcrypto_blake2s() one-shot and
 * init/update/final; keyed, output lengths 1..32), on every
 * implementation, against vectors and the generic path
 * (kcrypto_blake2s_init + _update_generic + _final).
 */
#include <kcrypto/blake2s.h>

#define KK_PRIMS	BIT(KCRYPTO_BLAKE2S)
#include "kcrypto-kunit.h"
#include "vectors-blake2s.h"

#define B_HASH		KCRYPTO_BLAKE2S_HASH_SIZE
#define B_KEY		KCRYPTO_BLAKE2S_KEY_SIZE

/*
 * A call: kcrypto_blake2s() of the message, out_len bytes of output,
 * keyed with aux[0] (aux_len[0] bytes, maybe none).
 */
struct kk_params {
	bool split;	/* init, update twice, final instead */
	int err;
};

#include "kcrypto-kunit-buf.h"

/*
 * Mostly unkeyed with a 32-byte output, as most callers use it; keyed,
 * and any key and output length, too.  The one-shot API at every point,
 * init/update/final as well.
 */
static bool b_setup(struct kk_rng *rng, struct kk_call *c)
{
	if (c->pass && c->bench)
		return false;
	c->p.split = c->pass;
	c->label = c->pass ? "blake2s (two updates)" : "blake2s";
	c->out_len = B_HASH;
	switch (c->bench ? 0 : c->i % 4) {
	case 0:
		break;
	case 1:
		c->aux_len[0] = B_KEY;
		break;
	case 2:
		c->aux_len[0] = 1 + kk_below(rng, B_KEY);
		c->out_len = 1 + kk_below(rng, B_HASH);
		break;
	default:
		c->out_len = 1 + kk_below(rng, B_HASH - 1);
		break;
	}
	return true;
}

static void b_ref(struct kk_call *c)
{
	kk_ref_blake2s(c->ref, c->out_len, c->in, c->len, c->aux[0], c->aux_len[0]);
}

static void b_run(struct kk_call *c)
{
	struct kcrypto_blake2s_ctx ctx;
	size_t half = c->len / 2;

	if (!c->p.split) {
		c->p.err = kcrypto_blake2s(c->out, c->out_len, c->in, c->len, c->aux[0],
					   c->aux_len[0]);
		return;
	}
	c->p.err = kcrypto_blake2s_init(&ctx, c->out_len, c->aux[0], c->aux_len[0]);
	if (c->p.err)
		return;
	kcrypto_blake2s_update(&ctx, c->in, half);
	kcrypto_blake2s_update(&ctx, c->in + half, c->len - half);
	kcrypto_blake2s_final(&ctx, c->out);
}

static bool b_post(struct kunit *test, struct kk_call *c, const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, c->p.err, 0, "%s len %zu [%s]", what, c->len,
			    kk_impl_name(test));
	return !c->p.err;
}

static const struct kk_buf_ops kk_buf_op = {
	.name = "blake2s",
	.all_upto = 1100,
	.setup = b_setup,
	.ref = b_ref,
	.run = b_run,
	.post = b_post,
};

static void test_vectors(struct kunit *test)
{
	struct kcrypto_blake2s_ctx ctx;
	u8 out[B_HASH];
	unsigned int i;
	u8 *src;

	kk_begin(test);
	for (i = 0; i < ARRAY_SIZE(kk_blake2s_vecs); i++) {
		const struct kk_blake2s_vec *v = &kk_blake2s_vecs[i];

		src = kk_guard_buf(test, 0, v->len, false);
		memcpy(src, v->msg, v->len);
		KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, v->outlen, src, v->len,
						      v->key, v->keylen), 0);
		kk_memeq(test, out, v->out, v->outlen, "%s", v->name);

		KUNIT_EXPECT_EQ(test, kcrypto_blake2s_init(&ctx, v->outlen, v->key,
							   v->keylen), 0);
		kcrypto_blake2s_update(&ctx, src, v->len);
		kcrypto_blake2s_final(&ctx, out);
		kk_memeq(test, out, v->out, v->outlen, "%s (init/update/final)",
			 v->name);
	}
}

/*
 * Random pieces, empty ones and exact block multiples included (BLAKE2s
 * must keep the last full block buffered until final), each randomly
 * through the dispatching or the generic update.
 */
static void test_incremental(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const size_t max = 3 * KK_MAX_LEN;
	struct kcrypto_blake2s_ctx bctx;
	u8 *src = kk_alloc(test, max);
	u8 key[B_KEY], out[B_HASH], ref[B_HASH];
	size_t total, off, n, keylen, outlen;
	unsigned int iter, pieces;

	kk_fill(&ctx->rng, src, max);
	for (iter = 0; iter < 64; iter++) {
		total = kk_below(&ctx->rng, iter < 56 ? KK_MAX_LEN + 1 : max + 1);
		if (iter & 1)
			total &= ~(size_t)(KCRYPTO_BLAKE2S_BLOCK_SIZE - 1);
		keylen = kk_below(&ctx->rng, B_KEY + 1);
		outlen = 1 + kk_below(&ctx->rng, B_HASH);
		kk_fill(&ctx->rng, key, keylen);
		kk_ref_blake2s(ref, outlen, src, total, key, keylen);
		KUNIT_ASSERT_EQ(test, kcrypto_blake2s_init(&bctx, outlen, key, keylen), 0);
		pieces = 0;
		for (off = 0; off <= total; off += n, pieces++) {
			switch (kk_below(&ctx->rng, 4)) {
			case 0:
				n = kk_below(&ctx->rng, 65);
				break;
			case 1:
				n = KCRYPTO_BLAKE2S_BLOCK_SIZE * kk_below(&ctx->rng, 4);
				break;
			default:
				n = kk_below(&ctx->rng, total - off + 1);
				break;
			}
			n = min(n, total - off);
			if (kk_below(&ctx->rng, 4))
				kcrypto_blake2s_update(&bctx, src + off, n);
			else
				kcrypto_blake2s_update_generic(&bctx, src + off, n);
			if (off == total)
				break;
		}
		kcrypto_blake2s_final(&bctx, out);
		if (!kk_memeq(test, out, ref, outlen, "len %zu in %u pieces", total,
			      pieces))
			return;
	}
}

/* Out-of-range parameters are refused, never hashed. */
static void test_bad_params(struct kunit *test)
{
	struct kcrypto_blake2s_ctx ctx;
	u8 key[B_KEY + 1] = { 0 }, out[B_HASH + 1];

	kk_begin(test);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, 0, key, 1, NULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, B_HASH + 1, key, 1, NULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, B_HASH, key, 1, key, B_KEY + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, B_HASH, key, 1, NULL, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s_init(&ctx, 0, NULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s_init(&ctx, B_HASH, key, B_KEY + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcrypto_blake2s_init(&ctx, B_HASH, key, B_KEY), 0);
	kcrypto_blake2s_final(&ctx, out);
}

static struct kunit_case kk_blake2s_cases[] = {
	KUNIT_CASE(kk_test_impls),
	KUNIT_CASE_PARAM(test_vectors, kk_impl_gen),
	KUNIT_CASE_PARAM(test_every_length, kk_impl_gen),
	KUNIT_CASE_PARAM(test_incremental, kk_impl_gen),
	KUNIT_CASE_PARAM(test_guard_page, kk_impl_gen),
	KUNIT_CASE_PARAM(test_alignment, kk_impl_gen),
	KUNIT_CASE(test_bad_params),
	KUNIT_CASE_PARAM(test_irq_context, kk_impl_gen),
	KUNIT_CASE_PARAM(test_benchmark, kk_impl_gen),
	{}
};

static struct kunit_suite kk_blake2s_suite = {
	.name = "kcrypto_blake2s",
	.suite_init = kk_suite_init,
	.init = kk_init,
	.exit = kk_exit,
	.test_cases = kk_blake2s_cases,
};

kunit_test_suite(kk_blake2s_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of kcrypto BLAKE2s, every implementation");
