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

static bool b_check(struct kunit *test, const u8 *in, size_t len, const u8 *key,
		    size_t keylen, size_t outlen, const char *what)
{
	u8 out[B_HASH + KK_CANARY_LEN], ref[B_HASH];
	int err;

	kk_ref_blake2s(ref, outlen, in, len, key, keylen);
	kk_canary_set(out + outlen);
	err = kcrypto_blake2s(out, outlen, in, len, key, keylen);
	KUNIT_EXPECT_EQ_MSG(test, err, 0, "%s len %zu", what, len);
	return !err &&
	       kk_memeq(test, out, ref, outlen, "%s len %zu keylen %zu outlen %zu",
			what, len, keylen, outlen) &&
	       kk_canary_ok(test, out + outlen, what, len);
}

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

static void test_every_length(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 key[B_KEY];
	unsigned int len;
	size_t keylen, outlen;

	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, 1100)) {
		/* Mostly unkeyed 32-byte output, as most callers use it. */
		keylen = kk_below(&ctx->rng, 3) ? 0 : kk_below(&ctx->rng, B_KEY + 1);
		outlen = kk_below(&ctx->rng, 3) ? B_HASH : 1 + kk_below(&ctx->rng, B_HASH);
		kk_fill(&ctx->rng, key, keylen);
		if (!b_check(test, src, len, key, keylen, outlen, "every length"))
			return;
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

static void test_guard_page(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 key[B_KEY], ref[B_HASH], *src, *k, *out;
	unsigned int i, at_start;
	size_t len, keylen, outlen;

	for (at_start = 0; at_start < 2; at_start++) {
		for (i = 0; i < ARRAY_SIZE(kk_some_lens); i++) {
			len = kk_some_lens[i];
			keylen = i % 2 ? 0 : 1 + i % B_KEY;
			outlen = 1 + (i * 5) % B_HASH;
			src = kk_guard_buf(test, 0, len, at_start);
			k = kk_guard_buf(test, 1, keylen, at_start);
			out = kk_guard_buf(test, 2, outlen, at_start);
			kk_fill(&ctx->rng, src, len);
			kk_fill(&ctx->rng, key, keylen);
			memcpy(k, key, keylen);
			kk_ref_blake2s(ref, outlen, src, len, key, keylen);
			KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, outlen, src, len, k,
							      keylen), 0);
			if (!kk_memeq(test, out, ref, outlen, "guard %s len %zu",
				      at_start ? "head" : "tail", len))
				return;
		}
	}
}

static void test_alignment(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *sbuf = kk_alloc(test, KK_MAX_LEN + 64);
	u8 *kbuf = kk_alloc(test, B_KEY + 64);
	u8 *obuf = kk_alloc(test, B_HASH + 64);
	u8 ref[B_HASH];
	unsigned int off, i;
	size_t lens[7];

	kk_fill(&ctx->rng, sbuf, KK_MAX_LEN + 64);
	for (off = 0; off < 64; off++) {
		lens[0] = 1;
		lens[1] = 63;
		lens[2] = 64;
		lens[3] = 65 + off;
		lens[4] = 256;
		lens[5] = 1024 + off;
		lens[6] = KK_MAX_LEN - off;
		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			u8 *src = sbuf + off, *key = kbuf + (off * 7) % 64;
			u8 *out = obuf + (off * 13) % 64;
			size_t keylen = i & 1 ? B_KEY : 0;

			kk_fill(&ctx->rng, key, keylen);
			kk_ref_blake2s(ref, B_HASH, src, lens[i], key, keylen);
			KUNIT_EXPECT_EQ(test, kcrypto_blake2s(out, B_HASH, src, lens[i],
							      key, keylen), 0);
			if (!kk_memeq(test, out, ref, B_HASH, "offset %u len %zu", off,
				      lens[i]))
				return;
		}
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

static const unsigned int b_irq_lens[] = { 0, 1, 64, 65, 256, 1024, 4096 };

struct b_irq_job {
	u8 key[B_KEY];
	const u8 *src;
	u8 out[ARRAY_SIZE(b_irq_lens)][B_HASH];
	u8 out_inc[ARRAY_SIZE(b_irq_lens)][B_HASH];
};

static void b_irq_fn(void *arg)
{
	struct b_irq_job *job = arg;
	struct kcrypto_blake2s_ctx ctx;
	unsigned int i, half;

	for (i = 0; i < ARRAY_SIZE(b_irq_lens); i++) {
		kcrypto_blake2s(job->out[i], B_HASH, job->src, b_irq_lens[i],
				job->key, i & 1 ? B_KEY : 0);
		half = b_irq_lens[i] / 2;
		if (kcrypto_blake2s_init(&ctx, B_HASH, job->key, i & 1 ? B_KEY : 0))
			continue;
		kcrypto_blake2s_update(&ctx, job->src, half);
		kcrypto_blake2s_update(&ctx, job->src + half, b_irq_lens[i] - half);
		kcrypto_blake2s_final(&ctx, job->out_inc[i]);
	}
}

static void test_irq_context(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct b_irq_job *job = kk_alloc(test, sizeof(*job));
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 ref[ARRAY_SIZE(b_irq_lens)][B_HASH];
	unsigned int where, i;

	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	kk_fill(&ctx->rng, job->key, B_KEY);
	job->src = src;
	for (i = 0; i < ARRAY_SIZE(b_irq_lens); i++)
		kk_ref_blake2s(ref[i], B_HASH, src, b_irq_lens[i], job->key, i & 1 ? B_KEY : 0);
	for (where = 0; where < KK_NR_CONTEXTS; where++) {
		memset(job->out, 0, sizeof(job->out));
		memset(job->out_inc, 0, sizeof(job->out_inc));
		kk_run_in(test, where, b_irq_fn, job);
		for (i = 0; i < ARRAY_SIZE(b_irq_lens); i++) {
			kk_memeq(test, job->out[i], ref[i], B_HASH, "%s len %u",
				 kk_context_names[where], b_irq_lens[i]);
			kk_memeq(test, job->out_inc[i], ref[i], B_HASH,
				 "%s len %u (two updates)", kk_context_names[where],
				 b_irq_lens[i]);
		}
	}
}

static void test_benchmark(struct kunit *test)
{
	static const unsigned int lens[] = { 64, 256, 1420, 4096 };
	u8 out[B_HASH];
	u8 *buf = kk_alloc(test, KK_MAX_LEN);
	unsigned int i, j;
	u64 t0, ns, iters;

	kk_begin(test);
	kk_bench_begin(test);
	memset(buf, 0x5a, KK_MAX_LEN);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		for (j = 0; j < 16; j++)
			kcrypto_blake2s(out, B_HASH, buf, lens[i], NULL, 0);
		iters = 0;
		t0 = ktime_get_ns();
		do {
			for (j = 0; j < 64; j++)
				kcrypto_blake2s(out, B_HASH, buf, lens[i], NULL, 0);
			iters += 64;
			ns = ktime_get_ns() - t0;
			cond_resched();
		} while (ns < 200 * NSEC_PER_MSEC);
		kk_bench_report(test, "blake2s", lens[i], iters, iters * lens[i], ns);
	}
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
