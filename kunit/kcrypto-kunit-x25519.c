// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: X25519 through kcrypto's API (kcrypto_x25519(),
 * kcrypto_x25519_generate_public()), on every implementation, against RFC
 * 7748 and Wycheproof vectors and kcrypto_x25519_generic().
 */
#include <kcrypto/x25519.h>

#define KK_PRIMS	BIT(KCRYPTO_X25519)
#include "kcrypto-kunit.h"
#include "vectors-x25519.h"

#define X_LEN		KCRYPTO_X25519_KEY_SIZE

static const u8 x_basepoint[X_LEN] = { 9 };

/*
 * A call: kcrypto_x25519() of the scalar (the message) and the point in
 * aux[0], or kcrypto_x25519_generate_public() of the scalar.
 */
struct kk_params {
	bool ret;
};

#include "kcrypto-kunit-buf.h"

static bool x_setup(struct kk_rng *rng, struct kk_call *c)
{
	if (c->pass && c->bench)
		return false;
	c->label = c->pass ? "generate_public" : "x25519";
	c->out_len = X_LEN;
	c->aux_len[0] = c->pass ? 0 : X_LEN;
	return true;
}

static void x_ref(struct kk_call *c)
{
	kcrypto_x25519_generic(c->ref, c->in, c->pass ? x_basepoint : c->aux[0]);
}

static void x_run(struct kk_call *c)
{
	if (c->pass)
		c->p.ret = kcrypto_x25519_generate_public(c->out, c->in);
	else
		c->p.ret = kcrypto_x25519(c->out, c->in, c->aux[0]);
}

/* RFC 7748 6.1: false exactly for an all-zero result. */
static bool x_post(struct kunit *test, struct kk_call *c, const char *what)
{
	bool want = !kk_all_zero(c->ref, X_LEN);

	KUNIT_EXPECT_EQ_MSG(test, c->p.ret, want, "%s: return value [%s]", what,
			    kk_impl_name(test));
	return c->p.ret == want;
}

static const struct kk_buf_ops kk_buf_op = {
	.name = "x25519",
	.fixed_len = X_LEN,
	.bench_batch = 8,
	.bench_ms = 500,
	.setup = x_setup,
	.ref = x_ref,
	.run = x_run,
	.post = x_post,
};

static void test_vectors(struct kunit *test)
{
	unsigned int i, zero = 0;
	u8 *priv, *pub, *out;
	bool ret;

	kk_begin(test);
	priv = kk_guard_buf(test, 0, X_LEN, false);
	pub = kk_guard_buf(test, 1, X_LEN, false);
	out = kk_guard_buf(test, 2, X_LEN, false);
	for (i = 0; i < ARRAY_SIZE(kk_x25519_vecs); i++) {
		const struct kk_x25519_vec *v = &kk_x25519_vecs[i];

		memcpy(priv, v->priv, X_LEN);
		memcpy(pub, v->pub, X_LEN);
		memset(out, 0x5a, X_LEN);
		ret = kcrypto_x25519(out, priv, pub);
		kk_memeq(test, out, v->shared, X_LEN, "%s", v->name);
		/* RFC 7748 6.1: an all-zero secret is refused. */
		KUNIT_EXPECT_EQ_MSG(test, ret, !v->zero, "%s: return value", v->name);
		zero += v->zero;
	}
	kunit_info(test, "%zu vectors, %u with an all-zero shared secret\n",
		   ARRAY_SIZE(kk_x25519_vecs), zero);
}

/*
 * RFC 7748 5.2: k = u = 9, then (k, u) = (X25519(k, u), k).  The
 * 1000-iteration value costs seconds per implementation under TCG, so it
 * runs with exhaustive=1 only; the Wycheproof vectors cover the edge cases.
 */
static void test_iterated(struct kunit *test)
{
	u8 k[X_LEN], u[X_LEN], r[X_LEN];
	unsigned int i, done = 0;

	kk_begin(test);
	memcpy(k, x_basepoint, X_LEN);
	memcpy(u, x_basepoint, X_LEN);
	for (i = 0; i < ARRAY_SIZE(kk_x25519_iters); i++) {
		if (kk_x25519_iters[i].iterations > 1 && !exhaustive) {
			kunit_info(test, "%u iterations: skipped, load with exhaustive=1\n",
				   kk_x25519_iters[i].iterations);
			break;
		}
		for (; done < kk_x25519_iters[i].iterations; done++) {
			kcrypto_x25519(r, k, u);
			memcpy(u, k, X_LEN);
			memcpy(k, r, X_LEN);
			if (!(done % 64))
				cond_resched();
		}
		kk_memeq(test, k, kk_x25519_iters[i].k, X_LEN, "RFC 7748 after %u iterations",
			 done);
	}
}

/*
 * Random scalars and points (top bit set or not, some non-canonical
 * u >= 2^255 - 19) against the generic code; public keys; and the DH
 * agreement itself.
 */
static void test_random(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	u8 a[X_LEN], b[X_LEN], pa[X_LEN], pb[X_LEN], sa[X_LEN], sb[X_LEN];
	u8 ref[X_LEN], point[X_LEN], out[X_LEN];
	unsigned int iter;

	kk_call_init(test, c);
	for (iter = 0; iter < 48; iter++) {
		KUNIT_ASSERT_TRUE(test, kk_buf_setup(test, c, iter, 0, X_LEN));
		kk_fill(&ctx->rng, a, X_LEN);
		kk_fill(&ctx->rng, point, X_LEN);
		if (iter % 8 == 7) {
			/* 2^255 - 19 + small: non-canonical encodings. */
			memset(point, 0xff, X_LEN);
			point[0] = 0xed + kk_below(&ctx->rng, 0x13);
			point[31] = iter & 8 ? 0xff : 0x7f;
		}
		c->in = a;
		c->aux[0] = point;
		c->out = out;
		if (!kk_buf_check(test, c, "random point"))
			return;
	}
	for (iter = 0; iter < 16; iter++) {
		kk_fill(&ctx->rng, a, X_LEN);
		kk_fill(&ctx->rng, b, X_LEN);
		kcrypto_x25519_generic(ref, a, x_basepoint);
		KUNIT_EXPECT_TRUE(test, kcrypto_x25519_generate_public(pa, a));
		if (!kk_memeq(test, pa, ref, X_LEN, "public key"))
			return;
		KUNIT_EXPECT_TRUE(test, kcrypto_x25519_generate_public(pb, b));
		KUNIT_EXPECT_TRUE(test, kcrypto_x25519(sa, a, pb));
		KUNIT_EXPECT_TRUE(test, kcrypto_x25519(sb, b, pa));
		if (!kk_memeq(test, sa, sb, X_LEN, "DH agreement"))
			return;
	}
}

/* The top bit of the point and the clamped scalar bits do not matter. */
static void test_ignored_bits(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 s[X_LEN], s2[X_LEN], p[X_LEN], p2[X_LEN], o1[X_LEN], o2[X_LEN];
	unsigned int iter;

	for (iter = 0; iter < 8; iter++) {
		kk_fill(&ctx->rng, s, X_LEN);
		kk_fill(&ctx->rng, p, X_LEN);
		memcpy(p2, p, X_LEN);
		p2[31] ^= 0x80;
		memcpy(s2, s, X_LEN);
		s2[0] ^= 7 & (1 + iter);
		s2[31] ^= 0x80 | (iter & 1 ? 0x40 : 0);
		kcrypto_x25519(o1, s, p);
		kcrypto_x25519(o2, s2, p2);
		if (!kk_memeq(test, o1, o2, X_LEN, "ignored bits"))
			return;
		kcrypto_x25519_clamp_secret(s);
		KUNIT_EXPECT_EQ(test, s[0] & 7, 0);
		KUNIT_EXPECT_EQ(test, s[31] & 0xc0, 0x40);
		kcrypto_x25519(o2, s, p);
		if (!kk_memeq(test, o1, o2, X_LEN, "clamped secret"))
			return;
	}
}

static struct kunit_case kk_x25519_cases[] = {
	KUNIT_CASE(kk_test_impls),
	KUNIT_CASE_PARAM(test_vectors, kk_impl_gen),
	KUNIT_CASE_PARAM(test_iterated, kk_impl_gen),
	KUNIT_CASE_PARAM(test_random, kk_impl_gen),
	KUNIT_CASE_PARAM(test_ignored_bits, kk_impl_gen),
	KUNIT_CASE_PARAM(test_guard_page, kk_impl_gen),
	KUNIT_CASE_PARAM(test_alignment, kk_impl_gen),
	KUNIT_CASE_PARAM(test_irq_context, kk_impl_gen),
	KUNIT_CASE_PARAM(test_benchmark, kk_impl_gen),
	{}
};

static struct kunit_suite kk_x25519_suite = {
	.name = "kcrypto_x25519",
	.suite_init = kk_suite_init,
	.init = kk_init,
	.exit = kk_exit,
	.test_cases = kk_x25519_cases,
};

kunit_test_suite(kk_x25519_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of kcrypto X25519, every implementation");
