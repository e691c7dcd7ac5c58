// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: Poly1305 through kcrypto's API (kcrypto_poly1305() one-shot and
 * init/update/final), on every implementation, against vectors and the
 * generic path (kcrypto_poly1305_init + _update_generic + _final).
 */
#include <kcrypto/poly1305.h>

#define KK_PRIMS	BIT(KCRYPTO_POLY1305)
#include "kcrypto-kunit.h"
#include "vectors-poly1305.h"

#define P_MAC		KCRYPTO_POLY1305_MAC_SIZE
#define P_KEY		KCRYPTO_POLY1305_KEY_SIZE

/* The one-shot API and the generic path must agree on @src. */
static bool p_check(struct kunit *test, const u8 *src, size_t len,
		    const u8 key[P_KEY], const char *what)
{
	u8 mac[P_MAC + KK_CANARY_LEN], ref[P_MAC];

	kk_ref_poly1305(ref, src, len, key);
	kk_canary_set(mac + P_MAC);
	kcrypto_poly1305(mac, src, len, key);
	return kk_memeq(test, mac, ref, P_MAC, "%s len %zu", what, len) &&
	       kk_canary_ok(test, mac + P_MAC, what, len);
}

static void test_vectors(struct kunit *test)
{
	struct kcrypto_poly1305_ctx ctx;
	u8 mac[P_MAC];
	unsigned int i;
	u8 *src;

	kk_begin(test);
	for (i = 0; i < ARRAY_SIZE(kk_poly1305_vecs); i++) {
		const struct kk_poly1305_vec *v = &kk_poly1305_vecs[i];

		src = kk_guard_buf(test, 0, v->len, false);
		memcpy(src, v->msg, v->len);
		kcrypto_poly1305(mac, src, v->len, v->key);
		kk_memeq(test, mac, v->tag, P_MAC, "%s", v->name);

		kcrypto_poly1305_init(&ctx, v->key);
		kcrypto_poly1305_update(&ctx, src, v->len);
		kcrypto_poly1305_final(&ctx, mac);
		kk_memeq(test, mac, v->tag, P_MAC, "%s (init/update/final)", v->name);
	}
}

static void test_every_length(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 key[P_KEY];
	unsigned int len;

	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, 1100)) {
		kk_fill(&ctx->rng, key, sizeof(key));
		if (!p_check(test, src, len, key, "every length"))
			return;
	}
}

/*
 * Arbitrary pieces through update(), each randomly the dispatching or the
 * generic update: the canonical state (poly1305.h) must carry over.
 */
static void test_incremental(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const size_t max = 3 * KK_MAX_LEN;
	struct kcrypto_poly1305_ctx pctx;
	u8 *src = kk_alloc(test, max);
	u8 key[P_KEY], mac[P_MAC], ref[P_MAC];
	size_t total, off, n;
	unsigned int iter, pieces;

	kk_fill(&ctx->rng, src, max);
	for (iter = 0; iter < 64; iter++) {
		total = kk_below(&ctx->rng, iter < 56 ? KK_MAX_LEN + 1 : max + 1);
		kk_fill(&ctx->rng, key, sizeof(key));
		kk_ref_poly1305(ref, src, total, key);
		kcrypto_poly1305_init(&pctx, key);
		pieces = 0;
		for (off = 0; off <= total; off += n, pieces++) {
			/* Empty, short, block-sized and long pieces. */
			switch (kk_below(&ctx->rng, 4)) {
			case 0:
				n = kk_below(&ctx->rng, 17);
				break;
			case 1:
				n = 16 * kk_below(&ctx->rng, 8);
				break;
			default:
				n = kk_below(&ctx->rng, total - off + 1);
				break;
			}
			n = min(n, total - off);
			if (kk_below(&ctx->rng, 4))
				kcrypto_poly1305_update(&pctx, src + off, n);
			else
				kcrypto_poly1305_update_generic(&pctx, src + off, n);
			if (off == total)
				break;
		}
		kcrypto_poly1305_final(&pctx, mac);
		if (!kk_memeq(test, mac, ref, P_MAC, "len %zu in %u pieces", total,
			      pieces))
			return;
	}
}

static void test_guard_page(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 key[P_KEY], *src, *k, *mac, ref[P_MAC];
	unsigned int i, at_start;
	size_t len;

	for (at_start = 0; at_start < 2; at_start++) {
		for (i = 0; i < ARRAY_SIZE(kk_some_lens); i++) {
			len = kk_some_lens[i];
			src = kk_guard_buf(test, 0, len, at_start);
			k = kk_guard_buf(test, 1, P_KEY, at_start);
			mac = kk_guard_buf(test, 2, P_MAC, at_start);
			kk_fill(&ctx->rng, src, len);
			kk_fill(&ctx->rng, key, sizeof(key));
			memcpy(k, key, sizeof(key));
			kk_ref_poly1305(ref, src, len, key);
			kcrypto_poly1305(mac, src, len, k);
			if (!kk_memeq(test, mac, ref, P_MAC, "guard %s len %zu",
				      at_start ? "head" : "tail", len))
				return;
		}
	}
}

static void test_alignment(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *sbuf = kk_alloc(test, KK_MAX_LEN + 64);
	u8 *kbuf = kk_alloc(test, P_KEY + 64);
	u8 *mbuf = kk_alloc(test, P_MAC + 64);
	u8 ref[P_MAC];
	unsigned int off, i;
	size_t lens[7];

	kk_fill(&ctx->rng, sbuf, KK_MAX_LEN + 64);
	for (off = 0; off < 64; off++) {
		lens[0] = 1;
		lens[1] = 16;
		lens[2] = 17;
		lens[3] = 64 + off;
		lens[4] = 256;
		lens[5] = 1024 + off;
		lens[6] = KK_MAX_LEN - off;
		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			u8 *src = sbuf + off, *key = kbuf + (off * 7) % 64;
			u8 *mac = mbuf + (off * 13) % 64;

			kk_fill(&ctx->rng, key, P_KEY);
			kk_ref_poly1305(ref, src, lens[i], key);
			kcrypto_poly1305(mac, src, lens[i], key);
			if (!kk_memeq(test, mac, ref, P_MAC, "offset %u len %zu", off,
				      lens[i]))
				return;
		}
	}
}

/*
 * Limb edge cases: keys with every r/s bit that survives clamping set, and
 * all-ones messages, drive the carries of every radix to their maximum.
 */
static void test_edge_values(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 key[P_KEY];
	unsigned int len, k, fill;

	for (fill = 0; fill < 3; fill++) {
		memset(src, fill == 0 ? 0xff : fill == 1 ? 0x00 : 0xfe, KK_MAX_LEN);
		for (k = 0; k < 4; k++) {
			memset(key, k & 1 ? 0xff : 0x00, 16);
			memset(key + 16, k & 2 ? 0xff : 0x00, 16);
			if (k == 0)
				kk_fill(&ctx->rng, key, 16);
			/* Every length to 80, then doublings to 4 KiB. */
			for (len = 0; len <= KK_MAX_LEN; len = len < 80 ? len + 1 : len * 2)
				if (!p_check(test, src, len, key, "edge values"))
					return;
		}
	}
}

static const unsigned int p_irq_lens[] = { 0, 16, 17, 64, 256, 1024, 4096 };

struct p_irq_job {
	u8 key[P_KEY];
	const u8 *src;
	u8 mac[ARRAY_SIZE(p_irq_lens)][P_MAC];
	u8 mac_inc[ARRAY_SIZE(p_irq_lens)][P_MAC];
};

static void p_irq_fn(void *arg)
{
	struct p_irq_job *job = arg;
	struct kcrypto_poly1305_ctx ctx;
	unsigned int i, half;

	for (i = 0; i < ARRAY_SIZE(p_irq_lens); i++) {
		kcrypto_poly1305(job->mac[i], job->src, p_irq_lens[i], job->key);
		half = p_irq_lens[i] / 2;
		kcrypto_poly1305_init(&ctx, job->key);
		kcrypto_poly1305_update(&ctx, job->src, half);
		kcrypto_poly1305_update(&ctx, job->src + half, p_irq_lens[i] - half);
		kcrypto_poly1305_final(&ctx, job->mac_inc[i]);
	}
}

static void test_irq_context(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct p_irq_job *job = kk_alloc(test, sizeof(*job));
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 ref[ARRAY_SIZE(p_irq_lens)][P_MAC];
	unsigned int where, i;

	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	kk_fill(&ctx->rng, job->key, P_KEY);
	job->src = src;
	for (i = 0; i < ARRAY_SIZE(p_irq_lens); i++)
		kk_ref_poly1305(ref[i], src, p_irq_lens[i], job->key);
	for (where = 0; where < KK_NR_CONTEXTS; where++) {
		memset(job->mac, 0, sizeof(job->mac));
		memset(job->mac_inc, 0, sizeof(job->mac_inc));
		kk_run_in(test, where, p_irq_fn, job);
		for (i = 0; i < ARRAY_SIZE(p_irq_lens); i++) {
			kk_memeq(test, job->mac[i], ref[i], P_MAC, "%s len %u",
				 kk_context_names[where], p_irq_lens[i]);
			kk_memeq(test, job->mac_inc[i], ref[i], P_MAC,
				 "%s len %u (two updates)", kk_context_names[where],
				 p_irq_lens[i]);
		}
	}
}

static void test_benchmark(struct kunit *test)
{
	static const unsigned int lens[] = { 64, 256, 1420, 4096 };
	u8 key[P_KEY] = { 1 }, mac[P_MAC];
	u8 *buf = kk_alloc(test, KK_MAX_LEN);
	unsigned int i, j;
	u64 t0, ns, iters;

	kk_begin(test);
	kk_bench_begin(test);
	memset(buf, 0x5a, KK_MAX_LEN);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		for (j = 0; j < 16; j++)
			kcrypto_poly1305(mac, buf, lens[i], key);
		iters = 0;
		t0 = ktime_get_ns();
		do {
			for (j = 0; j < 64; j++)
				kcrypto_poly1305(mac, buf, lens[i], key);
			iters += 64;
			ns = ktime_get_ns() - t0;
			cond_resched();
		} while (ns < 200 * NSEC_PER_MSEC);
		kk_bench_report(test, "poly1305", lens[i], iters, iters * lens[i], ns);
	}
}

static struct kunit_case kk_poly1305_cases[] = {
	KUNIT_CASE(kk_test_impls),
	KUNIT_CASE_PARAM(test_vectors, kk_impl_gen),
	KUNIT_CASE_PARAM(test_every_length, kk_impl_gen),
	KUNIT_CASE_PARAM(test_incremental, kk_impl_gen),
	KUNIT_CASE_PARAM(test_guard_page, kk_impl_gen),
	KUNIT_CASE_PARAM(test_alignment, kk_impl_gen),
	KUNIT_CASE_PARAM(test_edge_values, kk_impl_gen),
	KUNIT_CASE_PARAM(test_irq_context, kk_impl_gen),
	KUNIT_CASE_PARAM(test_benchmark, kk_impl_gen),
	{}
};

static struct kunit_suite kk_poly1305_suite = {
	.name = "kcrypto_poly1305",
	.suite_init = kk_suite_init,
	.init = kk_init,
	.exit = kk_exit,
	.test_cases = kk_poly1305_cases,
};

kunit_test_suite(kk_poly1305_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of kcrypto Poly1305, every implementation");
