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

/* A random key, nonce and counter; sometimes a counter about to wrap. */
static void cc_random_state(struct kk_rng *rng, struct kcrypto_chacha_state *st)
{
	u8 key[KCRYPTO_CHACHA_KEY_SIZE], nonce[KCRYPTO_CHACHA_NONCE_SIZE];
	u32 ctr = kk_rand32(rng);

	kk_fill(rng, key, sizeof(key));
	kk_fill(rng, nonce, sizeof(nonce));
	if (!kk_below(rng, 8))
		ctr = U32_MAX - kk_below(rng, 4);
	kcrypto_chacha_init(st, key, nonce, ctr);
}

/*
 * dst = API(src) from @st0, checked against the generic code from the
 * same state: output, the canary after it (when @canary), and the state.
 */
static bool cc_check(struct kunit *test, const struct kcrypto_chacha_state *st0,
		     u8 *dst, const u8 *src, u8 *ref, size_t len, int nrounds,
		     bool canary, const char *what)
{
	struct kcrypto_chacha_state st = *st0, st_ref = *st0;

	kcrypto_chacha_crypt_generic(&st_ref, ref, src, len, nrounds);
	if (canary)
		kk_canary_set(dst + len);
	kcrypto_chacha_crypt(&st, dst, src, len, nrounds);
	return kk_memeq(test, dst, ref, len, "%s chacha%d len %zu", what,
			nrounds, len) &&
	       (!canary || kk_canary_ok(test, dst + len, what, len)) &&
	       kk_memeq(test, &st, &st_ref, sizeof(st), "%s state after len %zu",
			what, len);
}

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

static void test_every_length(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kcrypto_chacha_state st;
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 *ref = kk_alloc(test, KK_MAX_LEN);
	u8 *dst = kk_alloc(test, KK_MAX_LEN + KK_CANARY_LEN);
	unsigned int len;

	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, 1100)) {
		cc_random_state(&ctx->rng, &st);
		if (!cc_check(test, &st, dst, src, ref, len, 20, true, "every length"))
			return;
		/* ChaCha12 on a third of the lengths: same code, fewer rounds. */
		if (len % 3 == 0 &&
		    !cc_check(test, &st, dst, src, ref, len, 12, true, "every length"))
			return;
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

/* Input and output flush against a vmalloc guard page, at either end. */
static void test_guard_page(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kcrypto_chacha_state st;
	u8 *ref = kk_alloc(test, KK_MAX_LEN);
	unsigned int i, at_start;
	u8 *src, *dst, *io;
	size_t len;

	for (at_start = 0; at_start < 2; at_start++) {
		for (i = 0; i < ARRAY_SIZE(kk_some_lens); i++) {
			len = kk_some_lens[i];
			src = kk_guard_buf(test, 0, len, at_start);
			dst = kk_guard_buf(test, 1, len, at_start);
			io = kk_guard_buf(test, 2, len, at_start);
			kk_fill(&ctx->rng, src, len);
			cc_random_state(&ctx->rng, &st);
			if (!cc_check(test, &st, dst, src, ref, len, 20, false,
				      at_start ? "guard (head)" : "guard (tail)"))
				return;
			memcpy(io, src, len);
			if (!cc_check(test, &st, io, io, ref, len, 20, false,
				      "guard in place"))
				return;
		}
	}
}

/* Every source and destination alignment 0..63. */
static void test_alignment(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kcrypto_chacha_state st;
	u8 *sbuf = kk_alloc(test, KK_MAX_LEN + 64);
	u8 *dbuf = kk_alloc(test, KK_MAX_LEN + 64 + KK_CANARY_LEN);
	u8 *ref = kk_alloc(test, KK_MAX_LEN);
	unsigned int soff, doff, i;
	size_t lens[9];

	kk_fill(&ctx->rng, sbuf, KK_MAX_LEN + 64);
	for (soff = 0; soff < 64; soff++) {
		doff = soff & 1 ? soff : (soff * 29 + 7) % 64;
		lens[0] = 1;
		lens[1] = 16;
		lens[2] = 63;
		lens[3] = 64;
		lens[4] = 65;
		lens[5] = 255;
		lens[6] = 256 + soff;
		lens[7] = 1024 + doff;
		lens[8] = KK_MAX_LEN - soff;
		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			cc_random_state(&ctx->rng, &st);
			if (!cc_check(test, &st, dbuf + doff, sbuf + soff, ref, lens[i],
				      20, true, soff == doff ? "aligned alike" :
				      "misaligned"))
				return;
		}
	}
}

static void test_in_place(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kcrypto_chacha_state st;
	u8 *buf = kk_alloc(test, KK_MAX_LEN + 1 + KK_CANARY_LEN);
	u8 *ref = kk_alloc(test, KK_MAX_LEN);
	unsigned int len, off;

	for (len = 0; len <= KK_MAX_LEN; len = kk_next_len(len, 300)) {
		off = len & 1;
		kk_fill(&ctx->rng, buf + off, len);
		cc_random_state(&ctx->rng, &st);
		if (!cc_check(test, &st, buf + off, buf + off, ref, len,
			      len % 3 ? 20 : 12, true, "in place"))
			return;
	}
}

/* The 32-bit counter wraps to 0 and never carries into the nonce. */
static void test_counter_wrap(struct kunit *test)
{
	static const u32 starts[] = { U32_MAX, U32_MAX - 1, U32_MAX - 3, U32_MAX - 7 };
	struct kk_ctx *ctx = kk_begin(test);
	struct kcrypto_chacha_state st, st0;
	u8 *src = kk_alloc(test, 1024 + 7);
	u8 *dst = kk_alloc(test, 1024 + 7 + KK_CANARY_LEN);
	u8 *ref = kk_alloc(test, 1024 + 7);
	unsigned int i;

	kk_fill(&ctx->rng, src, 1024 + 7);
	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		cc_random_state(&ctx->rng, &st0);
		st0.x[12] = starts[i];
		if (!cc_check(test, &st0, dst, src, ref, 1024 + 7, 20, true,
			      "counter wrap"))
			return;
		st = st0;
		kcrypto_chacha_crypt(&st, dst, src, 1024 + 7, 20);
		KUNIT_EXPECT_EQ(test, st.x[12], (u32)(starts[i] + 17));
		KUNIT_EXPECT_EQ(test, st.x[13], st0.x[13]);
		KUNIT_EXPECT_EQ(test, st.x[14], st0.x[14]);
		KUNIT_EXPECT_EQ(test, st.x[15], st0.x[15]);
	}
}

/* Calls from interrupt context: the arch hook must fall back there. */
static const unsigned int cc_irq_lens[] = { 1, 64, 65, 256, 511, 1024, 4096 };

struct cc_irq_job {
	struct kcrypto_chacha_state st;
	const u8 *src;
	u8 *out;		/* one KK_MAX_LEN slot per length */
};

static void cc_irq_fn(void *arg)
{
	struct cc_irq_job *job = arg;
	struct kcrypto_chacha_state st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cc_irq_lens); i++) {
		st = job->st;
		kcrypto_chacha_crypt(&st, job->out + i * KK_MAX_LEN, job->src,
				     cc_irq_lens[i], 20);
	}
}

static void test_irq_context(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const size_t outsz = ARRAY_SIZE(cc_irq_lens) * KK_MAX_LEN;
	struct cc_irq_job *job = kk_alloc(test, sizeof(*job));
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 *ref = kk_alloc(test, outsz);
	struct kcrypto_chacha_state st;
	unsigned int where, i;

	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	cc_random_state(&ctx->rng, &job->st);
	job->src = src;
	job->out = kk_alloc(test, outsz);
	for (i = 0; i < ARRAY_SIZE(cc_irq_lens); i++) {
		st = job->st;
		kcrypto_chacha_crypt_generic(&st, ref + i * KK_MAX_LEN, src,
					     cc_irq_lens[i], 20);
	}
	for (where = 0; where < KK_NR_CONTEXTS; where++) {
		memset(job->out, 0, outsz);
		kk_run_in(test, where, cc_irq_fn, job);
		for (i = 0; i < ARRAY_SIZE(cc_irq_lens); i++)
			kk_memeq(test, job->out + i * KK_MAX_LEN, ref + i * KK_MAX_LEN,
				 cc_irq_lens[i], "%s len %u", kk_context_names[where],
				 cc_irq_lens[i]);
	}
}

static void test_benchmark(struct kunit *test)
{
	static const unsigned int lens[] = { 64, 256, 1420, 4096 };
	u8 key[KCRYPTO_CHACHA_KEY_SIZE] = { 1 }, nonce[KCRYPTO_CHACHA_NONCE_SIZE] = { 2 };
	u8 *buf = kk_alloc(test, KK_MAX_LEN);
	unsigned int i, j;
	u64 t0, ns, iters;

	kk_begin(test);
	kk_bench_begin(test);
	memset(buf, 0, KK_MAX_LEN);
	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		for (j = 0; j < 16; j++)	/* warm up */
			kcrypto_chacha20(buf, buf, lens[i], key, nonce, 0);
		iters = 0;
		t0 = ktime_get_ns();
		do {
			for (j = 0; j < 64; j++)
				kcrypto_chacha20(buf, buf, lens[i], key, nonce, 0);
			iters += 64;
			ns = ktime_get_ns() - t0;
			cond_resched();
		} while (ns < 200 * NSEC_PER_MSEC);
		kk_bench_report(test, "chacha20", lens[i], iters, iters * lens[i], ns);
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
