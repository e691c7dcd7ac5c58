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

/* A call: kcrypto_poly1305() of the message with the key in aux[0]. */
struct kk_params {
	bool split;	/* init, update twice, final instead */
};

#include "kcrypto-kunit-buf.h"

/* kcrypto_poly1305() at every point; init/update/final as well. */
static bool p_setup(struct kk_rng *rng, struct kk_call *c)
{
	if (c->pass && c->bench)
		return false;
	c->p.split = c->pass;
	c->label = c->pass ? "poly1305 (two updates)" : "poly1305";
	c->out_len = P_MAC;
	c->aux_len[0] = P_KEY;
	return true;
}

static void p_ref(struct kk_call *c)
{
	kk_ref_poly1305(c->ref, c->in, c->len, c->aux[0]);
}

static void p_run(struct kk_call *c)
{
	struct kcrypto_poly1305_ctx ctx;
	size_t half = c->len / 2;

	if (!c->p.split) {
		kcrypto_poly1305(c->out, c->in, c->len, c->aux[0]);
		return;
	}
	kcrypto_poly1305_init(&ctx, c->aux[0]);
	kcrypto_poly1305_update(&ctx, c->in, half);
	kcrypto_poly1305_update(&ctx, c->in + half, c->len - half);
	kcrypto_poly1305_final(&ctx, c->out);
}

static const struct kk_buf_ops kk_buf_op = {
	.name = "poly1305",
	.all_upto = 1100,
	.setup = p_setup,
	.ref = p_ref,
	.run = p_run,
};

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

/*
 * Limb edge cases: keys with every r/s bit that survives clamping set, and
 * all-ones messages, drive the carries of every radix to their maximum.
 */
static void test_edge_values(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 mac[P_MAC + KK_CANARY_LEN];
	unsigned int len, k, fill, pass;
	u8 key[P_KEY];

	kk_call_init(test, c);
	for (fill = 0; fill < 3; fill++) {
		memset(src, fill == 0 ? 0xff : fill == 1 ? 0x00 : 0xfe, KK_MAX_LEN);
		for (k = 0; k < 4; k++) {
			memset(key, k & 1 ? 0xff : 0x00, 16);
			memset(key + 16, k & 2 ? 0xff : 0x00, 16);
			if (k == 0)
				kk_fill(&ctx->rng, key, 16);
			/* Every length to 80, then doublings to 4 KiB. */
			for (len = 0; len <= KK_MAX_LEN; len = len < 80 ? len + 1 : len * 2) {
				for (pass = 0; kk_buf_setup(test, c, len, pass, len); pass++) {
					c->in = src;
					c->out = mac;
					c->aux[0] = key;
					c->canary = true;
					if (!kk_buf_check(test, c, "edge values"))
						return;
				}
			}
		}
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
