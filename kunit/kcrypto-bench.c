// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-bench: in-kernel throughput and dispatch-cost benchmark
 * (Documentation/performance.md).
 * Test guests and benchmark boxes only; never installed.
 *
 * Loading it does nothing unless asked:
 *
 *   insmod kcrypto-bench.ko run=1 [reps=N] [min_bytes=B] [prims=MASK]
 *   echo 1 > /sys/kernel/debug/kcrypto-bench/run    (again, any time)
 *
 * A plain module rather than a KUnit case: a benchmark has nothing to
 * assert, must run on kernels built without CONFIG_KUNIT (distro kernels),
 * and its output is data for the host, not KTAP.
 *
 * For every primitive (chacha20, poly1305, chacha20poly1305 seal and
 * open, blake2s, x25519), every implementation (generic, forced through
 * kcrypto_force_generic_set(); auto, whatever is bound, thresholds on;
 * then each variant of the bound arch descriptor that this CPU can run,
 * forced through kcrypto_arch_select(desc, idx) so length thresholds are
 * off) and every size, it times @reps samples of enough calls to cover
 * @min_bytes and prints one line per measurement:
 *
 *   KCB v=1 prim=chacha20 impl=avx2 module=kcrypto-chacha-x86_64 len=4096
 *       iters=16 reps=7 ns=... ns_min=... ns_max=... cyc=...
 *
 * ns, cyc: median over the samples of one sample's ktime / get_cycles()
 * delta (cyc is 0 where get_cycles() is).  The host divides: ns / (iters
 * * len) is ns/byte; under QEMU -icount shift=0 one guest ns is one
 * instruction, so the same figure is instructions/byte (x25519: len=32
 * and per op).  Every call goes through the public API
 * (kcrypto_chacha20() ...), so inputs above KCRYPTO_SIMD_CHUNK (4096)
 * bytes reach the bound core in 4 KiB pieces, each its own
 * kernel_fpu_begin()/end() section: "auto" (module=bound) is what a
 * kernel caller pays, dispatch and chunking included.  chacha20poly1305
 * (seal) and chacha20poly1305-open (open: verify and decrypt len bytes
 * plus the tag) have two implementations: generic (both primitives forced
 * generic) and auto.
 *
 * Then the dispatch shapes (performance.md, "Dispatch overhead"), each
 * calling the same 16-byte generic Poly1305 block function @calls times
 * per sample:
 *
 *   KCB-DISPATCH v=1 shape=direct calls=1024 reps=7 ns=... cyc=...
 *
 *   empty      the loop alone (no call)
 *   direct     (a) direct call
 *   weak       (b) null test of a weak reference, then a direct call
 *   static_call (c) static_call(); a patched direct call where the arch
 *              has HAVE_STATIC_CALL_INLINE (x86_64), an indirect call
 *              through the key elsewhere
 *   pointer    (d)/(e) READ_ONCE() function pointer, indirect call as the
 *              kernel compiles it (x86_64 with retpolines: a call to the
 *              thunk, which the boot patches to the mitigation in force)
 *   lib        kcrypto_poly1305_update(16 bytes), the library's real
 *              dispatch in this binding mode (hook bound and declining
 *              the short input, or nothing bound)
 *   lib_forced the same with Poly1305 forced generic (the library's
 *              force_generic test, no hook call)
 *   lib_generic kcrypto_poly1305_update_generic(16 bytes), no dispatch
 *
 * Output ends with "KCB-END runs=N lines=M"; a measurement that could not
 * be made prints "KCB-ERR ..." (and the run does not count as complete).
 */
#define pr_fmt(fmt) fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/static_call.h>
#include <linux/timex.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include <kcrypto/bindings.h>
#include <kcrypto/chacha20poly1305.h>
#include <kcrypto/weak.h>

#define KB_MAX_REPS	31
#define KB_MAX_LEN	16384
#define KB_CALLS	1024

static bool run;
module_param(run, bool, 0444);
MODULE_PARM_DESC(run, "run the benchmark at load (default: wait for debugfs run)");

static unsigned int reps = 7;
module_param(reps, uint, 0644);
MODULE_PARM_DESC(reps, "samples per measurement, the median is reported (1..31)");

static unsigned int min_bytes = 65536;
module_param(min_bytes, uint, 0644);
MODULE_PARM_DESC(min_bytes, "bytes processed per sample at least (sets iterations)");

static unsigned int prims = 0x1f;
module_param(prims, uint, 0644);
MODULE_PARM_DESC(prims, "mask: 1 chacha20, 2 poly1305, 4 chacha20poly1305 (seal, open), 8 blake2s, 16 x25519, 32 skip dispatch");

/* prims bit that skips the dispatch shapes. */
#define KB_SKIP_DISPATCH	BIT(5)

static const unsigned int kb_lens[] = { 64, 256, 1420, 4096, 16384 };

enum kb_op {
	KB_CHACHA, KB_POLY, KB_AEAD, KB_AEAD_OPEN, KB_BLAKE, KB_X25519,
	KB_NR_OPS
};

static const char *const kb_op_names[KB_NR_OPS] = {
	"chacha20", "poly1305", "chacha20poly1305", "chacha20poly1305-open",
	"blake2s", "x25519",
};

/* The @prims bit that selects an op. */
static const u32 kb_op_mask[KB_NR_OPS] = {
	[KB_CHACHA] = BIT(0),
	[KB_POLY] = BIT(1),
	[KB_AEAD] = BIT(2),
	[KB_AEAD_OPEN] = BIT(2),
	[KB_BLAKE] = BIT(3),
	[KB_X25519] = BIT(4),
};

/* Which library primitives an op exercises (forced generic for "generic"). */
static const u32 kb_op_prims[KB_NR_OPS] = {
	[KB_CHACHA] = BIT(KCRYPTO_CHACHA),
	[KB_POLY] = BIT(KCRYPTO_POLY1305),
	[KB_AEAD] = BIT(KCRYPTO_CHACHA) | BIT(KCRYPTO_POLY1305),
	[KB_AEAD_OPEN] = BIT(KCRYPTO_CHACHA) | BIT(KCRYPTO_POLY1305),
	[KB_BLAKE] = BIT(KCRYPTO_BLAKE2S),
	[KB_X25519] = BIT(KCRYPTO_X25519),
};

struct kb_sample {
	u64 ns;
	u64 cyc;
};

struct kb_buf {
	u8 in[KB_MAX_LEN + KCRYPTO_AEAD_TAG_SIZE];
	u8 out[KB_MAX_LEN + KCRYPTO_AEAD_TAG_SIZE];
	u8 sealed[KB_MAX_LEN + KCRYPTO_AEAD_TAG_SIZE];
	u8 key[32];
	u8 nonce[KCRYPTO_AEAD_NONCE_SIZE];
	u8 point[KCRYPTO_X25519_KEY_SIZE];
	struct kb_sample s[KB_MAX_REPS];
};

static DEFINE_MUTEX(kb_lock);
static unsigned int kb_runs, kb_lines, kb_errors;
static struct dentry *kb_dir;

static int kb_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

struct kb_stats {
	u64 ns, ns_min, ns_max, cyc;
};

/* Median (and range) of the samples' ns; median of their cycles. */
static void kb_reduce(struct kb_sample *s, unsigned int n, struct kb_stats *st)
{
	u64 v[KB_MAX_REPS];
	unsigned int i;

	for (i = 0; i < n; i++)
		v[i] = s[i].ns;
	sort(v, n, sizeof(v[0]), kb_cmp_u64, NULL);
	st->ns = v[n / 2];
	st->ns_min = v[0];
	st->ns_max = v[n - 1];
	for (i = 0; i < n; i++)
		v[i] = s[i].cyc;
	sort(v, n, sizeof(v[0]), kb_cmp_u64, NULL);
	st->cyc = v[n / 2];
}

/* One call of @op on @len bytes; false if an open failed to verify. */
static bool kb_op_once(struct kb_buf *b, enum kb_op op, unsigned int len)
{
	switch (op) {
	case KB_CHACHA:
		kcrypto_chacha20(b->out, b->in, len, b->key, b->nonce, 1);
		break;
	case KB_POLY:
		kcrypto_poly1305(b->out, b->in, len, b->key);
		break;
	case KB_AEAD:
		kcrypto_chacha20poly1305_encrypt(b->out, b->in, len, NULL, 0,
						 b->nonce, b->key);
		break;
	case KB_AEAD_OPEN:
		return kcrypto_chacha20poly1305_decrypt(b->out, b->sealed,
							len + KCRYPTO_AEAD_TAG_SIZE,
							NULL, 0, b->nonce,
							b->key);
	case KB_BLAKE:
		kcrypto_blake2s(b->out, KCRYPTO_BLAKE2S_HASH_SIZE, b->in, len,
				NULL, 0);
		break;
	case KB_X25519:
		kcrypto_x25519(b->out, b->key, b->point);
		break;
	default:
		break;
	}
	return true;
}

static unsigned int kb_iters(enum kb_op op, unsigned int len)
{
	if (op == KB_X25519)
		return 1;
	return max_t(unsigned int, 1, DIV_ROUND_UP(min_bytes, len));
}

static void kb_measure(struct kb_buf *b, enum kb_op op, const char *impl,
		       const char *module, unsigned int len)
{
	unsigned int iters = kb_iters(op, len), r, i;
	struct kb_stats st;
	u64 t0, c0;

	if (op == KB_AEAD_OPEN)		/* what the open verifies */
		kcrypto_chacha20poly1305_encrypt(b->sealed, b->in, len, NULL, 0,
						 b->nonce, b->key);
	/* warm up: caches, lazy FPU state */
	if (!kb_op_once(b, op, len)) {
		pr_info("KCB-ERR prim=%s impl=%s len=%u open=rejected\n",
			kb_op_names[op], impl, len);
		kb_errors++;
		return;
	}
	for (r = 0; r < reps; r++) {
		cond_resched();
		c0 = get_cycles();
		t0 = ktime_get_ns();
		for (i = 0; i < iters; i++)
			kb_op_once(b, op, len);
		b->s[r].ns = ktime_get_ns() - t0;
		b->s[r].cyc = get_cycles() - c0;
	}
	kb_reduce(b->s, reps, &st);
	pr_info("KCB v=1 prim=%s impl=%s module=%s len=%u iters=%u reps=%u ns=%llu ns_min=%llu ns_max=%llu cyc=%llu\n",
		kb_op_names[op], impl, module, len, iters, reps, st.ns,
		st.ns_min, st.ns_max, st.cyc);
	kb_lines++;
}

static void kb_sizes(struct kb_buf *b, enum kb_op op, const char *impl,
		     const char *module)
{
	unsigned int i;

	if (op == KB_X25519) {
		kb_measure(b, op, impl, module, KCRYPTO_X25519_KEY_SIZE);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(kb_lens); i++)
		kb_measure(b, op, impl, module, kb_lens[i]);
}

/*
 * generic; auto (the public API with whatever is bound: dispatch,
 * thresholds and KCRYPTO_SIMD_CHUNK chunking as any caller gets them);
 * then each usable variant of the bound descriptor (forced).
 */
static void kb_bench_op(struct kb_buf *b, enum kb_op op)
{
	const struct kcrypto_arch_desc *desc;
	u32 old;
	int i, err;

	old = kcrypto_force_generic_set(kcrypto_force_generic_get() |
					kb_op_prims[op]);
	kb_sizes(b, op, "generic", "kcrypto");
	kcrypto_force_generic_set(old);

	kb_sizes(b, op, "auto", "bound");
	if (op == KB_AEAD || op == KB_AEAD_OPEN)
		return;
	desc = kcrypto_arch_get(ffs(kb_op_prims[op]) - 1);
	if (!desc)
		return;
	for (i = 0; kcrypto_arch_variant(desc, i); i++) {
		if (!kcrypto_arch_usable(desc, i))
			continue;
		err = kcrypto_arch_select(desc, i);
		if (err) {
			pr_info("KCB-ERR prim=%s impl=%s select=%d\n",
				kb_op_names[op], kcrypto_arch_variant(desc, i), err);
			kb_errors++;
			continue;
		}
		kb_sizes(b, op, kcrypto_arch_variant(desc, i), desc->name);
		kcrypto_arch_select(desc, -1);
	}
	kcrypto_arch_put(desc);
}

/* ------------------------------------------------------------------------ */
/* Dispatch shapes, all around the generic 16-byte Poly1305 block. */

typedef void kb_blocks_fn(struct kcrypto_poly1305_state *st, const u8 *src,
			  size_t len, u32 hibit);

/*
 * (b): the weak-mode binding shape.  Redeclared weak (as lib_crypto/bind.h
 * does for the arch hooks), so the compiler must keep the null test; it
 * resolves to kcrypto's export.
 */
kb_blocks_fn kcrypto_poly1305_blocks_generic __weak;

DEFINE_STATIC_CALL(kb_sc, kcrypto_poly1305_blocks_generic);
static kb_blocks_fn *kb_ptr = kcrypto_poly1305_blocks_generic;

enum kb_shape {
	KB_EMPTY, KB_DIRECT, KB_WEAK, KB_STATIC_CALL, KB_POINTER, KB_LIB,
	KB_LIB_FORCED, KB_LIB_GENERIC, KB_NR_SHAPES
};

static const char *const kb_shape_names[KB_NR_SHAPES] = {
	"empty", "direct", "weak", "static_call", "pointer", "lib",
	"lib_forced", "lib_generic",
};

/* noinline: one copy of each loop, so shapes differ only in the call. */
static noinline void kb_loop(enum kb_shape shape,
			     struct kcrypto_poly1305_ctx *ctx, const u8 *blk)
{
	unsigned int i;

	switch (shape) {
	case KB_EMPTY:
		for (i = 0; i < KB_CALLS; i++)
			barrier();
		break;
	case KB_DIRECT:
		for (i = 0; i < KB_CALLS; i++)
			kcrypto_poly1305_blocks_generic(&ctx->st, blk, 16, 1);
		break;
	case KB_WEAK:
		for (i = 0; i < KB_CALLS; i++)
			if (kcrypto_weak_addr(kcrypto_poly1305_blocks_generic))
				kcrypto_poly1305_blocks_generic(&ctx->st, blk, 16, 1);
		break;
	case KB_STATIC_CALL:
		for (i = 0; i < KB_CALLS; i++)
			static_call(kb_sc)(&ctx->st, blk, 16, 1);
		break;
	case KB_POINTER:
		for (i = 0; i < KB_CALLS; i++)
			READ_ONCE(kb_ptr)(&ctx->st, blk, 16, 1);
		break;
	case KB_LIB:
	case KB_LIB_FORCED:	/* kb_dispatch() sets force_generic */
		for (i = 0; i < KB_CALLS; i++)
			kcrypto_poly1305_update(ctx, blk, 16);
		break;
	case KB_LIB_GENERIC:
		for (i = 0; i < KB_CALLS; i++)
			kcrypto_poly1305_update_generic(ctx, blk, 16);
		break;
	default:
		break;
	}
}

static void kb_dispatch(struct kb_buf *b)
{
	struct kcrypto_poly1305_ctx *ctx;
	struct kb_stats st;
	unsigned int s, r;
	u64 t0, c0;
	u32 old = 0;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx) {		/* counted in KCB-END errors= */
		kb_errors++;
		return;
	}
	kcrypto_poly1305_init(ctx, b->key);
	for (s = 0; s < KB_NR_SHAPES; s++) {
		if (s == KB_LIB_FORCED)
			old = kcrypto_force_generic_set(kcrypto_force_generic_get() |
							BIT(KCRYPTO_POLY1305));
		kb_loop(s, ctx, b->in);		/* warm up */
		for (r = 0; r < reps; r++) {
			cond_resched();
			c0 = get_cycles();
			t0 = ktime_get_ns();
			kb_loop(s, ctx, b->in);
			b->s[r].ns = ktime_get_ns() - t0;
			b->s[r].cyc = get_cycles() - c0;
		}
		if (s == KB_LIB_FORCED)
			kcrypto_force_generic_set(old);
		kb_reduce(b->s, reps, &st);
		pr_info("KCB-DISPATCH v=1 shape=%s calls=%u reps=%u ns=%llu ns_min=%llu ns_max=%llu cyc=%llu\n",
			kb_shape_names[s], KB_CALLS, reps, st.ns, st.ns_min,
			st.ns_max, st.cyc);
		kb_lines++;
	}
	kfree_sensitive(ctx);
}

static int kb_run(void)
{
	struct kb_buf *b;
	unsigned int op, i;

	if (!reps || reps > KB_MAX_REPS) {
		pr_err("kcrypto-bench: reps must be 1..%d, not %u\n",
		       KB_MAX_REPS, reps);
		return -EINVAL;
	}
	b = kvzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	for (i = 0; i < sizeof(b->in); i++)
		b->in[i] = i * 7 + 1;
	for (i = 0; i < sizeof(b->key); i++) {
		b->key[i] = i + 1;
		b->point[i] = 9 * !i;
	}
	mutex_lock(&kb_lock);
	kb_lines = 0;
	kb_errors = 0;
	pr_info("KCB-BEGIN v=1 machine=%s release=%s reps=%u min_bytes=%u prims=%#x hz=%d\n",
		init_utsname()->machine, init_utsname()->release, reps,
		min_bytes, prims, HZ);
	for (op = 0; op < KB_NR_OPS; op++)
		if (prims & kb_op_mask[op])
			kb_bench_op(b, op);
	if (!(prims & KB_SKIP_DISPATCH))
		kb_dispatch(b);
	kb_runs++;
	pr_info("KCB-END runs=%u lines=%u errors=%u\n", kb_runs, kb_lines,
		kb_errors);
	mutex_unlock(&kb_lock);
	kvfree(b);
	return 0;
}

static ssize_t kb_run_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	bool go;
	int err;

	err = kstrtobool_from_user(ubuf, count, &go);
	if (err)
		return err;
	if (go) {
		err = kb_run();
		if (err)
			return err;
	}
	return count;
}

static ssize_t kb_run_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	char buf[48];
	int n;

	n = scnprintf(buf, sizeof(buf), "runs %u lines %u errors %u\n",
		      READ_ONCE(kb_runs), READ_ONCE(kb_lines),
		      READ_ONCE(kb_errors));
	return simple_read_from_buffer(ubuf, count, ppos, buf, n);
}

static const struct file_operations kb_run_fops = {
	.owner = THIS_MODULE,
	.read = kb_run_read,
	.write = kb_run_write,
	.llseek = default_llseek,
};

static int __init kb_init(void)
{
	int err;

	if (run) {
		err = kb_run();
		if (err)
			return err;
	}
	kb_dir = debugfs_create_dir("kcrypto-bench", NULL);
	debugfs_create_file("run", 0600, kb_dir, NULL, &kb_run_fops);
	return 0;
}
module_init(kb_init);

static void __exit kb_exit(void)
{
	debugfs_remove_recursive(kb_dir);
}
module_exit(kb_exit);

MODULE_DESCRIPTION("kcrypto in-kernel benchmark (throughput, dispatch cost)");
MODULE_LICENSE("GPL");
