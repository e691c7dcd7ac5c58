/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The infrastructure shared by the kcrypto KUnit suites, one module per
 * class (kcrypto-kunit-<class>.c); the cases they share are in the class
 * template kcrypto-kunit-buf.h.  This header provides:
 *
 *  - the "every implementation" parameter: a parameterised case runs once
 *    with generic forced, once as bound ("auto", when an arch module is
 *    bound), then once per usable variant of each bound arch descriptor,
 *    forced through kcrypto_arch_select(desc, idx) (length thresholds off, so SIMD code
 *    sees short inputs too) and restored with select(-1) afterwards;
 *  - a seeded PRNG: the seed is printed, and seed=<n> replays a run;
 *  - guard-page buffers: data placed at the very end of a vmalloc area, so
 *    the vmalloc guard page turns a one-byte overrun into a fault;
 *  - runners for hardirq (hrtimer), softirq (tasklet), BH-disabled and
 *    IRQs-off sections, where the arch hooks must decline SIMD they
 *    cannot use and the generic fallback must give the same result;
 *  - kk_memeq(), which reports where two outputs first differ.
 *
 * A suite defines KK_PRIMS (mask of BIT(KCRYPTO_<prim>)) before including
 * this header, sets .suite_init = kk_suite_init, .init = kk_init and
 * .exit = kk_exit in its suite, and starts each case with kk_begin().
 * The first case of every suite is kk_test_impls.
 *
 * Module parameters of every suite: seed=<n> (replay a run; the seed in
 * use is printed by the first case), benchmark=1 (run the last case,
 * skipped by default), exhaustive=1 (every length 0..4096 in the length
 * sweeps, and the slow RFC 7748 1000-iteration check).
 */
#ifndef _KCRYPTO_KUNIT_H
#define _KCRYPTO_KUNIT_H

#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include <kcrypto/bindings.h>

#include "kcrypto-test-util.h"

#ifndef KK_PRIMS
#error "define KK_PRIMS before including kcrypto-kunit.h"
#endif

/* Longest input of the length, guard and alignment cases. */
#define KK_MAX_LEN		4096
/*
 * Guard-page buffers per case, each holding KK_MAX_LEN + 64 bytes: the
 * buffer-class template (kcrypto-kunit-buf.h) guards a message, an output,
 * an inverse's output and three parameters each in its own.
 */
#define KK_NR_GUARD		6
#define KK_MAX_IMPLS		(2 + KCRYPTO_NR_PRIMS * 8)

static unsigned long long seed;
module_param(seed, ullong, 0444);
MODULE_PARM_DESC(seed, "PRNG seed (0: random, printed so a run can be replayed)");

static bool benchmark;
module_param(benchmark, bool, 0444);
MODULE_PARM_DESC(benchmark, "run the benchmark case (skipped by default)");

static bool exhaustive;
module_param(exhaustive, bool, 0444);
MODULE_PARM_DESC(exhaustive, "every length 0..4096 in the length cases (slow under TCG)");

static u64 kk_seed;

/* ------------------------------------------------------------------------ */
/* Implementations. */

enum kk_impl_kind {
	KK_GENERIC,	/* kcrypto_force_generic_set() for KK_PRIMS */
	KK_AUTO,	/* whatever is bound, automatic variant selection */
	KK_VARIANT,	/* one variant of one arch descriptor, forced */
};

struct kk_impl {
	enum kk_impl_kind kind;
	enum kcrypto_prim prim;
	int idx;
	char name[40];
	char module[48];
};

static struct kk_impl kk_impls[KK_MAX_IMPLS];
static unsigned int kk_nr_impls;

static inline bool kk_multi_prim(void)
{
	return hweight32(KK_PRIMS) > 1;
}

static inline void kk_add_impl(enum kk_impl_kind kind, enum kcrypto_prim prim,
			       int idx, const char *name, const char *module)
{
	struct kk_impl *p;

	if (kk_nr_impls >= ARRAY_SIZE(kk_impls))
		return;
	p = &kk_impls[kk_nr_impls++];
	p->kind = kind;
	p->prim = prim;
	p->idx = idx;
	if (kind == KK_VARIANT && kk_multi_prim())
		snprintf(p->name, sizeof(p->name), "%s-%s",
			 kcrypto_prim_names[prim], name);
	else
		strscpy(p->name, name, sizeof(p->name));
	strscpy(p->module, module, sizeof(p->module));
}

/* The implementation list as bound right now; rebuilt for every case. */
static inline void kk_build_impls(void)
{
	const struct kcrypto_arch_desc *desc;
	bool any = false;
	unsigned int p, i;

	kk_nr_impls = 0;
	kk_add_impl(KK_GENERIC, 0, -1, "generic", "kcrypto");
	for (p = 0; p < KCRYPTO_NR_PRIMS; p++) {
		if (!(KK_PRIMS & BIT(p)))
			continue;
		desc = kcrypto_arch_get(p);
		if (!desc)
			continue;
		if (!any)
			kk_add_impl(KK_AUTO, p, -1, "auto", desc->name);
		any = true;
		for (i = 0; kcrypto_arch_variant(desc, i); i++)
			if (kcrypto_arch_usable(desc, i))
				kk_add_impl(KK_VARIANT, p, i, kcrypto_arch_variant(desc, i),
					    desc->name);
		kcrypto_arch_put(desc);
	}
}

/* KUNIT_CASE_PARAM generator over kk_impls[]. */
static const void *kk_impl_gen(KCRYPTO_PARAM_GEN_ARGS)
{
	const struct kk_impl *p = prev;

	if (!p) {
		kk_build_impls();
		p = kk_impls;
	} else if (++p >= kk_impls + kk_nr_impls) {
		return NULL;
	}
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
	return p;
}

/* ------------------------------------------------------------------------ */
/* Per-case context. */

struct kk_ctx {
	struct kk_rng rng;
	const struct kk_impl *impl;
	const struct kcrypto_arch_desc *desc;	/* pinned, variant selected */
	bool forced;
	u32 old_mask;
	const char *skip;	/* reason the variant cannot run now */
	int select_err;
	u8 *guard[KK_NR_GUARD];
	size_t guard_size;
};

static inline struct kk_ctx *kk_ctx(struct kunit *test)
{
	return test->priv;
}

static inline const char *kk_impl_name(struct kunit *test)
{
	struct kk_ctx *ctx = kk_ctx(test);

	return ctx && ctx->impl ? ctx->impl->name : "auto";
}

static inline int kk_suite_init(struct kunit_suite *suite)
{
	if (!kk_seed)
		kk_seed = seed ? seed : get_random_u64();
	pr_info("%s: seed=%llu (load with seed=%llu to replay)\n", suite->name,
		kk_seed, kk_seed);
	return 0;
}

static inline int kk_init(struct kunit *test)
{
	const struct kk_impl *impl = test->param_value;
	const struct kcrypto_arch_desc *desc;
	struct kk_ctx *ctx;
	const char *c;
	u64 h = kk_seed;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	/* Each case and parameter gets its own stream of the one seed. */
	for (c = test->name; *c; c++)
		h = (h ^ (u8)*c) * 0x100000001b3ULL;
	ctx->rng.s = h + (impl ? impl - kk_impls : 0);
	ctx->impl = impl;
	ctx->guard_size = PAGE_ALIGN(KK_MAX_LEN + 64);
	if (!impl)
		return 0;

	switch (impl->kind) {
	case KK_GENERIC:
		ctx->old_mask = kcrypto_force_generic_set(kcrypto_force_generic_get() |
							  KK_PRIMS);
		ctx->forced = true;
		break;
	case KK_AUTO:
		break;
	case KK_VARIANT:
		desc = kcrypto_arch_get(impl->prim);
		if (!desc || strcmp(desc->name, impl->module)) {
			/* ffp: the arch module went away since the list was built. */
			ctx->skip = "arch module no longer bound";
			kcrypto_arch_put(desc);
			break;
		}
		ctx->desc = desc;
		ctx->select_err = kcrypto_arch_select(desc, impl->idx);
		break;
	}
	return 0;
}

static inline void kk_exit(struct kunit *test)
{
	struct kk_ctx *ctx = kk_ctx(test);
	unsigned int i;

	if (!ctx)
		return;
	if (ctx->desc) {
		kcrypto_arch_select(ctx->desc, -1);
		kcrypto_arch_put(ctx->desc);
		ctx->desc = NULL;
	}
	if (ctx->forced)
		kcrypto_force_generic_set(ctx->old_mask);
	ctx->forced = false;
	for (i = 0; i < KK_NR_GUARD; i++) {
		vfree(ctx->guard[i]);
		ctx->guard[i] = NULL;
	}
}

/* First statement of every case: the context, or the case is skipped. */
static inline struct kk_ctx *kk_begin(struct kunit *test)
{
	struct kk_ctx *ctx = kk_ctx(test);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	if (ctx->skip)
		kunit_skip(test, "%s: %s", kk_impl_name(test), ctx->skip);
	KUNIT_ASSERT_EQ_MSG(test, ctx->select_err, 0,
			    "%s: select() failed although usable() said yes",
			    kk_impl_name(test));
	return ctx;
}

/* ------------------------------------------------------------------------ */
/* Buffers. */

/*
 * @len bytes (at most KK_MAX_LEN + 64) ending exactly at the end of guard
 * buffer @slot: vmalloc leaves an unmapped guard page after each area, so
 * touching the byte after the buffer faults.  With @at_start the data
 * starts the area instead (an underrun hits the previous area's guard
 * page, as far as vmalloc placement makes that so).
 */
static inline u8 *kk_guard_buf(struct kunit *test, unsigned int slot, size_t len,
			       bool at_start)
{
	struct kk_ctx *ctx = kk_ctx(test);

	KUNIT_ASSERT_LT(test, slot, KK_NR_GUARD);
	KUNIT_ASSERT_LE(test, len, ctx->guard_size);
	if (!ctx->guard[slot])
		ctx->guard[slot] = vmalloc(ctx->guard_size);
	KUNIT_ASSERT_NOT_NULL(test, ctx->guard[slot]);
	return at_start ? ctx->guard[slot] :
			  ctx->guard[slot] + ctx->guard_size - len;
}

static inline void *kk_alloc(struct kunit *test, size_t len)
{
	void *p = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static inline __printf(5, 6)
bool kk_memeq(struct kunit *test, const void *got, const void *want, size_t len,
	      const char *fmt, ...)
{
	const u8 *g = got, *w = want;
	char what[128];
	va_list ap;
	size_t i, n;

	if (!memcmp(got, want, len))
		return true;
	for (i = 0; g[i] == w[i]; i++)
		;
	n = min_t(size_t, len - i, 16);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	KUNIT_FAIL(test, "%s [%s seed %llu]: %zu bytes differ at %zu: got %*ph want %*ph",
		   what, kk_impl_name(test), kk_seed, len, i, (int)n, g + i,
		   (int)n, w + i);
	return false;
}

/* The canary after an output must be intact (no write past the end). */
#define KK_CANARY_LEN	16
#define KK_CANARY	0xa5

static inline void kk_canary_set(u8 *p)
{
	memset(p, KK_CANARY, KK_CANARY_LEN);
}

static inline bool kk_canary_ok(struct kunit *test, const u8 *p, const char *what,
				size_t len)
{
	unsigned int i;

	for (i = 0; i < KK_CANARY_LEN; i++) {
		if (p[i] != KK_CANARY) {
			KUNIT_FAIL(test, "%s len %zu [impl %s, seed %llu]: wrote past the end",
				   what, len, kk_impl_name(test), kk_seed);
			return false;
		}
	}
	return true;
}

/*
 * The length sweep: every length up to @all_upto, then those around
 * 16/32/64-byte boundaries and a stride of 61 up to KK_MAX_LEN, so TCG
 * runs stay short; module parameter exhaustive=1 takes every length.
 */
static inline unsigned int kk_next_len(unsigned int len, unsigned int all_upto)
{
	while (++len <= KK_MAX_LEN) {
		if (exhaustive || len <= all_upto || len == KK_MAX_LEN)
			break;
		switch (len % 64) {
		case 0: case 1: case 15: case 16: case 17:
		case 31: case 32: case 33: case 48: case 63:
			return len;
		}
		if (len % 61 == 0)
			break;
	}
	return len;
}

/* ------------------------------------------------------------------------ */
/* Execution contexts. */

enum kk_context {
	KK_HARDIRQ,	/* hrtimer callback */
	KK_SOFTIRQ,	/* tasklet */
	KK_BH_OFF,	/* task context, local_bh_disable() */
	KK_IRQS_OFF,	/* task context, local_irq_save() */
	KK_NR_CONTEXTS
};

static const char *const kk_context_names[KK_NR_CONTEXTS] __maybe_unused = {
	[KK_HARDIRQ] = "hardirq",
	[KK_SOFTIRQ] = "softirq",
	[KK_BH_OFF] = "bh-disabled",
	[KK_IRQS_OFF] = "irqs-disabled",
};

struct kk_irq_run {
	struct hrtimer timer;
	struct tasklet_struct tasklet;
	struct completion done;
	void (*fn)(void *arg);
	void *arg;
	bool right_context;
};

static inline enum hrtimer_restart kk_hrtimer_fn(struct hrtimer *timer)
{
	struct kk_irq_run *run = container_of(timer, struct kk_irq_run, timer);

	run->right_context = in_hardirq();
	run->fn(run->arg);
	complete(&run->done);
	return HRTIMER_NORESTART;
}

static inline void kk_tasklet_fn(struct tasklet_struct *t)
{
	struct kk_irq_run *run = from_tasklet(run, t, tasklet);

	run->right_context = in_serving_softirq();
	run->fn(run->arg);
	complete(&run->done);
}

/* Run @fn(@arg) once in context @where and wait for it. */
static inline void kk_run_in(struct kunit *test, enum kk_context where,
			     void (*fn)(void *arg), void *arg)
{
	struct kk_irq_run *run = kunit_kzalloc(test, sizeof(*run), GFP_KERNEL);
	unsigned long flags;

	KUNIT_ASSERT_NOT_NULL(test, run);
	run->fn = fn;
	run->arg = arg;
	init_completion(&run->done);

	switch (where) {
	case KK_HARDIRQ:
		kcrypto_hrtimer_setup(&run->timer, kk_hrtimer_fn, CLOCK_MONOTONIC,
				      HRTIMER_MODE_REL_HARD);
		hrtimer_start(&run->timer, ns_to_ktime(10 * NSEC_PER_USEC),
			      HRTIMER_MODE_REL_HARD);
		if (!wait_for_completion_timeout(&run->done, 60 * HZ))
			KUNIT_FAIL(test, "hrtimer callback did not run");
		hrtimer_cancel(&run->timer);
		break;
	case KK_SOFTIRQ:
		tasklet_setup(&run->tasklet, kk_tasklet_fn);
		tasklet_schedule(&run->tasklet);
		if (!wait_for_completion_timeout(&run->done, 60 * HZ))
			KUNIT_FAIL(test, "tasklet did not run");
		tasklet_kill(&run->tasklet);
		break;
	case KK_BH_OFF:
		local_bh_disable();
		run->right_context = in_softirq();
		fn(arg);
		local_bh_enable();
		break;
	case KK_IRQS_OFF:
		local_irq_save(flags);
		run->right_context = irqs_disabled();
		fn(arg);
		local_irq_restore(flags);
		break;
	default:
		KUNIT_FAIL(test, "bad context %d", where);
		return;
	}
	KUNIT_EXPECT_TRUE_MSG(test, run->right_context, "%s: not in that context",
			      kk_context_names[where]);
}

/* ------------------------------------------------------------------------ */
/* The implementation matrix, printed by each suite's first case. */

static inline void kk_test_impls(struct kunit *test)
{
	const struct kcrypto_arch_desc *desc;
	unsigned int p, i;
	char line[160];
	int n = 0;

	kk_build_impls();
	for (i = 0; i < kk_nr_impls; i++)
		n += scnprintf(line + n, sizeof(line) - n, "%s%s", i ? " " : "",
			       kk_impls[i].name);
	kunit_info(test, "seed %llu; implementations covered: %s\n", kk_seed, line);
	for (p = 0; p < KCRYPTO_NR_PRIMS; p++) {
		if (!(KK_PRIMS & BIT(p)))
			continue;
		desc = kcrypto_arch_get(p);
		if (!desc) {
			kunit_info(test, "%s: bound to generic (no arch module)\n",
				   kcrypto_prim_names[p]);
			continue;
		}
		n = 0;
		for (i = 0; kcrypto_arch_variant(desc, i); i++)
			n += scnprintf(line + n, sizeof(line) - n, " %s%s",
				       kcrypto_arch_variant(desc, i),
				       kcrypto_arch_usable(desc, i) ? "" : "(unusable)");
		kunit_info(test, "%s: bound to %s, variants:%s\n",
			   kcrypto_prim_names[p], desc->name, line);
		kcrypto_arch_put(desc);
	}
}

/* ------------------------------------------------------------------------ */
/* Benchmark helper. */

static inline bool kk_bench_begin(struct kunit *test)
{
	if (!benchmark)
		kunit_skip(test, "benchmark skipped; load with benchmark=1");
	return true;
}

/* Report @bytes processed in @ns, per second. */
static inline void kk_bench_report(struct kunit *test, const char *op,
				   unsigned int len, u64 iters, u64 bytes, u64 ns)
{
	u64 mbps = ns ? div64_u64(bytes * 1000, ns) : 0;	/* bytes/ns*1000 = MB/s */
	u64 ops = ns ? div64_u64(iters * NSEC_PER_SEC, ns) : 0;

	kunit_info(test, "bench %s impl=%s len=%u: %llu MB/s, %llu ops/s\n", op,
		   kk_impl_name(test), len, mbps, ops);
}

#endif /* _KCRYPTO_KUNIT_H */
