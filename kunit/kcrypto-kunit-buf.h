/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KUnit template of the buffer class: primitives whose API reads a
 * message and byte parameters (keys, nonces, associated data) and writes
 * an output.  ChaCha (cipher), Poly1305 (MAC), BLAKE2s (hash) and
 * ChaCha20-Poly1305 (AEAD) take a message of any length; X25519 takes a
 * fixed-size one (the scalar, .fixed_len) and uses the cases that apply.
 *
 * The shared cases, each on every implementation (kk_impl_gen), compare
 * every call of the API with the suite's generic reference:
 *
 *   test_every_length	lengths 0..KK_MAX_LEN (kk_next_len(), .all_upto)
 *   test_guard_page	the message, each parameter, the output and the
 *			inverse's output, each flush against a vmalloc guard
 *			page, after the data and before it
 *   test_alignment	every offset 0..63 of the message, the output and
 *			the parameters, equal and unequal misalignment
 *   test_in_place	the output over the message (.in_place)
 *   test_irq_context	from hardirq, softirq, BH-off and IRQs-off context
 *   test_benchmark	throughput per length (benchmark=1)
 *
 * A suite, after kcrypto-kunit.h, defines struct kk_params (its data per
 * call, kept in struct kk_call), includes this header once, defines
 * kk_buf_op (struct kk_buf_ops: the callbacks) and lists the shared cases
 * that apply next to its own in its kunit_case array.  Its own cases can
 * check a call they set up by hand with kk_buf_setup() + kk_buf_check().
 *
 * A point of a case (a length, an offset...) can have several calls
 * (passes): ->setup() describes pass 0, 1, ... until it returns false, so
 * a second API form (two updates, ChaCha12, generate_public) runs
 * everywhere the first does.
 */
#ifndef _KCRYPTO_KUNIT_BUF_H
#define _KCRYPTO_KUNIT_BUF_H

#ifndef _KCRYPTO_KUNIT_H
#error "include kcrypto-kunit.h before kcrypto-kunit-buf.h"
#endif

/* Byte parameters of one call, each at most KK_AUX_MAX bytes. */
#define KK_NR_AUX		3
#define KK_AUX_MAX		1024
/* Guard-page slots: message, output, inverse output, then the parameters. */
#define KK_SLOT_IN		0
#define KK_SLOT_OUT		1
#define KK_SLOT_BACK		2
#define KK_SLOT_AUX		3
/* Calls per point of a case. */
#define KK_MAX_PASSES		2
/* Room for any output (message + tag) and a canary after it. */
#define KK_BUF_SIZE		(KK_MAX_LEN + 64)
/* Written over outputs before a call, so a missing write shows. */
#define KK_POISON		0x5a

struct kk_call {
	/* The point of the case, set by kk_buf_setup(). */
	unsigned int i;		/* index of the point: choices may follow it */
	unsigned int pass;	/* which call at this point */
	bool bench;		/* test_benchmark: the parameters most callers use */
	size_t len;		/* message length */

	/* Set by ->setup(). */
	const char *label;	/* the form, in messages ("chacha12") */
	size_t out_len;
	size_t aux_len[KK_NR_AUX];
	struct kk_params p;

	/* Placed by the case; ->inverse() writes @back (@out when in place). */
	const u8 *in;
	u8 *out, *back;
	u8 *aux[KK_NR_AUX];
	bool canary;		/* KK_CANARY_LEN bytes of room after out and back */

	/* kk_buf_prepare(): the reference output and the message kept. */
	u8 *ref, *orig;
	bool inv_done, inv_ok;
};

struct kk_buf_ops {
	const char *name;	/* the benchmark's label */
	size_t fixed_len;	/* the one message length; 0: any length */
	bool in_place;		/* @out may be @in: test_in_place applies */
	unsigned int all_upto;	/* test_every_length: every length up to this */
	unsigned int bench_batch, bench_ms;	/* 0: 64 calls, 200 ms */
	/*
	 * Call @c->pass at @c->len: out_len, aux_len[], label and p; false
	 * if this point has no such pass.  Any random choice from @rng.
	 */
	bool (*setup)(struct kk_rng *rng, struct kk_call *c);
	/* The generic result into @c->ref (only reads @in and @aux). */
	void (*ref)(struct kk_call *c);
	/* The API under test; any context, so results go to @c->p. */
	void (*run)(struct kk_call *c);
	/* Optional: return values and state in @c->p; @what names the call. */
	bool (*post)(struct kunit *test, struct kk_call *c, const char *what);
	/* Optional: @c->back = @c->len bytes recovered from @c->out. */
	bool (*inverse)(struct kk_call *c);
};

/* The suite's primitive, defined by the suite. */
static const struct kk_buf_ops kk_buf_op;

/* Lengths of the guard-page case; a fixed-size primitive runs 4 calls. */
static const unsigned int kk_guard_lens[] = {
	0, 1, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256,
	257, 383, 384, 511, 512, 513, 1023, 1024, 1025, 1420, 2047, 2048, 4095,
	4096,
};

#define KK_GUARD_FIXED		4

/* Lengths of the interrupt-context case; a fixed-size primitive runs 3. */
static const unsigned int kk_irq_lens[] = {
	0, 1, 16, 17, 64, 65, 256, 257, 511, 1024, 4096,
};

#define KK_IRQ_FIXED		3
#define KK_IRQ_CALLS		(ARRAY_SIZE(kk_irq_lens) * KK_MAX_PASSES)

static const unsigned int kk_bench_lens[] = { 64, 256, 1420, 4096 };

/* Every length up to this in test_in_place, then kk_next_len()'s. */
#define KK_IN_PLACE_ALL		300

/* Lengths per offset of the alignment case: fixed and offset-dependent. */
#define KK_ALIGN_LENS		13

static inline size_t kk_align_len(unsigned int k, unsigned int off)
{
	static const unsigned short fixed[] = { 1, 16, 17, 63, 64, 65, 255, 256 };

	if (kk_buf_op.fixed_len)
		return kk_buf_op.fixed_len;
	if (k < ARRAY_SIZE(fixed))
		return fixed[k];
	switch (k - ARRAY_SIZE(fixed)) {
	case 0:
		return 64 + off;
	case 1:
		return 129 + off;
	case 2:
		return 256 + off;
	case 3:
		return 1024 + off;
	default:
		return KK_MAX_LEN - off;
	}
}

/* ------------------------------------------------------------------------ */
/* One call. */

/* Scratch of a call, once per case. */
static inline void kk_call_init(struct kunit *test, struct kk_call *c)
{
	memset(c, 0, sizeof(*c));
	c->ref = kk_alloc(test, KK_BUF_SIZE);
	c->orig = kk_alloc(test, KK_BUF_SIZE);
}

/*
 * Describe call @pass at point @i, message length @len (->setup()); false
 * if the point has no such pass.  The caller places the buffers, then
 * fills the parameters (kk_buf_fill_aux() or its own bytes).
 */
static inline bool kk_buf_setup(struct kunit *test, struct kk_call *c, unsigned int i,
				unsigned int pass, size_t len)
{
	unsigned int j;

	c->i = i;
	c->pass = pass;
	c->len = len;
	c->label = kk_buf_op.name;
	c->out_len = 0;
	memset(c->aux_len, 0, sizeof(c->aux_len));
	memset(&c->p, 0, sizeof(c->p));
	c->in = NULL;
	c->out = NULL;
	c->back = NULL;
	memset(c->aux, 0, sizeof(c->aux));
	c->canary = false;
	if (pass >= KK_MAX_PASSES || !kk_buf_op.setup(&kk_ctx(test)->rng, c))
		return false;
	KUNIT_ASSERT_LE(test, c->len, KK_MAX_LEN);
	KUNIT_ASSERT_LE(test, c->out_len, KK_BUF_SIZE - KK_CANARY_LEN);
	for (j = 0; j < KK_NR_AUX; j++)
		KUNIT_ASSERT_LE(test, c->aux_len[j], KK_AUX_MAX);
	return true;
}

static inline void kk_buf_fill_aux(struct kk_rng *rng, struct kk_call *c)
{
	unsigned int j;

	for (j = 0; j < KK_NR_AUX; j++)
		kk_fill(rng, c->aux[j], c->aux_len[j]);
}

/* Before the call: the reference, the message if overwritten, poison, canaries. */
static inline void kk_buf_prepare(struct kk_call *c)
{
	kk_buf_op.ref(c);
	if (c->out == c->in)
		memcpy(c->orig, c->in, c->len);
	else
		memset(c->out, KK_POISON, c->out_len);
	if (c->back && c->back != c->out)
		memset(c->back, KK_POISON, c->len);
	if (c->canary) {
		kk_canary_set(c->out + c->out_len);
		if (c->back && c->back != c->out)
			kk_canary_set(c->back + c->len);
	}
	c->inv_done = false;
	c->inv_ok = false;
}

/* The API: the call, and its inverse unless that overwrites the output. */
static inline void kk_buf_exec(struct kk_call *c)
{
	kk_buf_op.run(c);
	if (kk_buf_op.inverse && c->back && c->back != c->out) {
		c->inv_ok = kk_buf_op.inverse(c);
		c->inv_done = true;
	}
}

/* After the call: state and return values, output, canaries, inverse. */
static inline bool kk_buf_verify(struct kunit *test, struct kk_call *c, const char *what)
{
	const u8 *msg = c->out == c->in ? c->orig : c->in;
	char desc[96];

	scnprintf(desc, sizeof(desc), "%s %s (out %zu, params %zu/%zu/%zu)", what, c->label,
		  c->out_len, c->aux_len[0], c->aux_len[1], c->aux_len[2]);
	if (kk_buf_op.post && !kk_buf_op.post(test, c, desc))
		return false;
	if (!kk_memeq(test, c->out, c->ref, c->out_len, "%s len %zu", desc, c->len) ||
	    (c->canary && !kk_canary_ok(test, c->out + c->out_len, desc, c->len)))
		return false;
	if (!kk_buf_op.inverse || !c->back)
		return true;
	if (!c->inv_done)
		c->inv_ok = kk_buf_op.inverse(c);
	if (!c->inv_ok) {
		KUNIT_FAIL(test, "%s len %zu [%s seed %llu]: own output refused", desc, c->len,
			   kk_impl_name(test), kk_seed);
		return false;
	}
	return kk_memeq(test, c->back, msg, c->len, "%s len %zu, inverse", desc, c->len) &&
	       (!c->canary || c->back == c->out ||
		kk_canary_ok(test, c->back + c->len, desc, c->len));
}

/* Check one call whose buffers are placed and filled. */
static inline bool kk_buf_check(struct kunit *test, struct kk_call *c, const char *what)
{
	kk_buf_prepare(c);
	kk_buf_exec(c);
	return kk_buf_verify(test, c, what);
}

/* KK_NR_AUX parameter buffers of KK_AUX_MAX + 64 bytes. */
static inline void kk_buf_alloc_aux(struct kunit *test, u8 *aux[KK_NR_AUX])
{
	unsigned int j;

	for (j = 0; j < KK_NR_AUX; j++)
		aux[j] = kk_alloc(test, KK_AUX_MAX + 64);
}

/* ------------------------------------------------------------------------ */
/* The shared cases. */

static inline void test_every_length(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	u8 *src = kk_alloc(test, KK_MAX_LEN);
	u8 *dst = kk_alloc(test, KK_BUF_SIZE);
	u8 *back = kk_alloc(test, KK_BUF_SIZE);
	unsigned int len, i, pass, j;
	u8 *aux[KK_NR_AUX];

	KUNIT_ASSERT_EQ(test, kk_buf_op.fixed_len, 0);
	kk_call_init(test, c);
	kk_buf_alloc_aux(test, aux);
	kk_fill(&ctx->rng, src, KK_MAX_LEN);
	for (len = 0, i = 0; len <= KK_MAX_LEN; len = kk_next_len(len, kk_buf_op.all_upto), i++) {
		for (pass = 0; kk_buf_setup(test, c, i, pass, len); pass++) {
			c->in = src;
			c->out = dst;
			c->back = back;
			for (j = 0; j < KK_NR_AUX; j++)
				c->aux[j] = aux[j];
			c->canary = true;
			kk_buf_fill_aux(&ctx->rng, c);
			if (!kk_buf_check(test, c, "every length"))
				return;
		}
	}
}

/*
 * Every buffer of the call at the very end of its own vmalloc area (an
 * overrun faults on the guard page), then at the very start.
 */
static inline void test_guard_page(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	const unsigned int n = kk_buf_op.fixed_len ? KK_GUARD_FIXED : ARRAY_SIZE(kk_guard_lens);
	unsigned int at_start, k, pass, j;
	size_t len;
	u8 *in, *io;

	kk_call_init(test, c);
	for (at_start = 0; at_start < 2; at_start++) {
		for (k = 0; k < n; k++) {
			len = kk_buf_op.fixed_len ? kk_buf_op.fixed_len : kk_guard_lens[k];
			for (pass = 0; kk_buf_setup(test, c, at_start * n + k, pass, len);
			     pass++) {
				in = kk_guard_buf(test, KK_SLOT_IN, len, at_start);
				kk_fill(&ctx->rng, in, len);
				c->in = in;
				c->out = kk_guard_buf(test, KK_SLOT_OUT, c->out_len, at_start);
				if (kk_buf_op.inverse)
					c->back = kk_guard_buf(test, KK_SLOT_BACK, len, at_start);
				for (j = 0; j < KK_NR_AUX; j++)
					c->aux[j] = kk_guard_buf(test, KK_SLOT_AUX + j,
								 c->aux_len[j], at_start);
				kk_buf_fill_aux(&ctx->rng, c);
				if (!kk_buf_check(test, c, at_start ? "guard (head)" :
						  "guard (tail)"))
					return;
				if (!kk_buf_op.in_place)
					continue;
				/* In place: output (longer by a tag, if any) over the message. */
				io = kk_guard_buf(test, KK_SLOT_OUT, c->out_len, at_start);
				memcpy(io, in, len);
				c->in = io;
				c->out = io;
				c->back = kk_buf_op.inverse ? io : NULL;
				if (!kk_buf_check(test, c, at_start ? "guard in place (head)" :
						  "guard in place (tail)"))
					return;
			}
		}
	}
}

/*
 * Every offset 0..63 of the message; the output equally misaligned at odd
 * offsets and differently at even ones; the parameters and the inverse's
 * output at offsets of their own.
 */
static inline void test_alignment(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	const unsigned int nlens = kk_buf_op.fixed_len ? 1 : KK_ALIGN_LENS;
	u8 *sbuf = kk_alloc(test, KK_MAX_LEN + 64);
	u8 *dbuf = kk_alloc(test, KK_BUF_SIZE + 64);
	u8 *bbuf = kk_alloc(test, KK_BUF_SIZE + 64);
	unsigned int off, doff, k, pass, j, i = 0;
	u8 *aux[KK_NR_AUX];

	kk_call_init(test, c);
	kk_buf_alloc_aux(test, aux);
	kk_fill(&ctx->rng, sbuf, KK_MAX_LEN + 64);
	for (off = 0; off < 64; off++) {
		doff = off & 1 ? off : (off * 29 + 6) % 64;
		for (k = 0; k < nlens; k++, i++) {
			for (pass = 0; kk_buf_setup(test, c, i, pass, kk_align_len(k, off));
			     pass++) {
				c->in = sbuf + off;
				c->out = dbuf + doff;
				if (kk_buf_op.inverse)
					c->back = bbuf + (off * 13) % 64;
				for (j = 0; j < KK_NR_AUX; j++)
					c->aux[j] = aux[j] + (off * (7 + 4 * j)) % 64;
				c->canary = true;
				kk_buf_fill_aux(&ctx->rng, c);
				if (!kk_buf_check(test, c, off == doff ? "aligned alike" :
						  "misaligned"))
					return;
			}
		}
	}
}

static inline void test_in_place(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	u8 *buf = kk_alloc(test, KK_BUF_SIZE + 1);
	unsigned int len, pass, j, i;
	u8 *aux[KK_NR_AUX], *p;

	KUNIT_ASSERT_TRUE(test, kk_buf_op.in_place);
	kk_call_init(test, c);
	kk_buf_alloc_aux(test, aux);
	for (len = 0, i = 0; len <= KK_MAX_LEN; len = kk_next_len(len, KK_IN_PLACE_ALL), i++) {
		for (pass = 0; kk_buf_setup(test, c, i, pass, len); pass++) {
			p = buf + (len & 1);
			kk_fill(&ctx->rng, p, len);
			c->in = p;
			c->out = p;
			c->back = kk_buf_op.inverse ? p : NULL;
			for (j = 0; j < KK_NR_AUX; j++)
				c->aux[j] = aux[j];
			c->canary = true;
			kk_buf_fill_aux(&ctx->rng, c);
			if (!kk_buf_check(test, c, "in place"))
				return;
		}
	}
}

/* Calls from interrupt context: the arch hooks must decline SIMD there. */
struct kk_irq_job {
	struct kk_call *calls;
	unsigned int n;
};

static inline void kk_buf_irq_fn(void *arg)
{
	struct kk_irq_job *job = arg;
	unsigned int i;

	for (i = 0; i < job->n; i++)
		kk_buf_exec(&job->calls[i]);
}

static inline void test_irq_context(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const unsigned int n = kk_buf_op.fixed_len ? KK_IRQ_FIXED : ARRAY_SIZE(kk_irq_lens);
	struct kk_irq_job *job = kk_alloc(test, sizeof(*job));
	unsigned int k, pass, where, i, j;
	struct kk_call *c;
	u8 *in;

	job->calls = kk_alloc(test, KK_IRQ_CALLS * sizeof(*job->calls));
	job->n = 0;
	for (k = 0; k < n; k++) {
		for (pass = 0; pass < KK_MAX_PASSES; pass++) {
			c = &job->calls[job->n];
			kk_call_init(test, c);
			if (!kk_buf_setup(test, c, k, pass, kk_buf_op.fixed_len ?:
					  kk_irq_lens[k]))
				break;
			in = kk_alloc(test, c->len);
			kk_fill(&ctx->rng, in, c->len);
			c->in = in;
			c->out = kk_alloc(test, KK_BUF_SIZE);
			if (kk_buf_op.inverse)
				c->back = kk_alloc(test, KK_BUF_SIZE);
			for (j = 0; j < KK_NR_AUX; j++)
				c->aux[j] = kk_alloc(test, c->aux_len[j]);
			c->canary = true;
			kk_buf_fill_aux(&ctx->rng, c);
			job->n++;
		}
	}
	for (where = 0; where < KK_NR_CONTEXTS; where++) {
		for (i = 0; i < job->n; i++)
			kk_buf_prepare(&job->calls[i]);
		kk_run_in(test, where, kk_buf_irq_fn, job);
		for (i = 0; i < job->n; i++)
			kk_buf_verify(test, &job->calls[i], kk_context_names[where]);
	}
}

static inline void test_benchmark(struct kunit *test)
{
	struct kk_ctx *ctx = kk_begin(test);
	const unsigned int batch = kk_buf_op.bench_batch ?: 64;
	const u64 window = (u64)(kk_buf_op.bench_ms ?: 200) * NSEC_PER_MSEC;
	struct kk_call *c = kk_alloc(test, sizeof(*c));
	u8 *buf = kk_alloc(test, KK_BUF_SIZE);
	u8 *out = kk_buf_op.in_place ? buf : kk_alloc(test, KK_BUF_SIZE);
	unsigned int k, n, j;
	u8 *aux[KK_NR_AUX];
	u64 t0, ns, iters;
	size_t len;

	kk_bench_begin(test);
	kk_call_init(test, c);
	kk_buf_alloc_aux(test, aux);
	memset(buf, KK_POISON, KK_BUF_SIZE);
	n = kk_buf_op.fixed_len ? 1 : ARRAY_SIZE(kk_bench_lens);
	for (k = 0; k < n; k++) {
		len = kk_buf_op.fixed_len ?: kk_bench_lens[k];
		c->bench = true;
		KUNIT_ASSERT_TRUE(test, kk_buf_setup(test, c, 0, 0, len));
		c->in = buf;
		c->out = out;
		for (j = 0; j < KK_NR_AUX; j++)
			c->aux[j] = aux[j];
		kk_buf_fill_aux(&ctx->rng, c);
		for (j = 0; j < batch; j++)	/* warm up */
			kk_buf_op.run(c);
		iters = 0;
		t0 = ktime_get_ns();
		do {
			for (j = 0; j < batch; j++)
				kk_buf_op.run(c);
			iters += batch;
			ns = ktime_get_ns() - t0;
			cond_resched();
		} while (ns < window);
		kk_bench_report(test, kk_buf_op.name, len, iters, iters * len, ns);
	}
}

#endif /* _KCRYPTO_KUNIT_BUF_H */
