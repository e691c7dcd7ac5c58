// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-stress: a client that keeps calling every kcrypto API and checks
 * each result against the generic code, while the matrix plugs and unplugs
 * arch modules (ffp), flips force_generic, or cycles modules (weak).  Test
 * guests only.
 *
 *   /sys/kernel/debug/kcrypto-stress/run     write N (1..8): run N kernel
 *        threads plus a periodic hrtimer (hardirq) and tasklet (softirq)
 *        caller, and (flip_ms > 0) a flipper thread; write 0: stop them
 *        all and wait for them.  Read: N.
 *   /sys/kernel/debug/kcrypto-stress/stats   "calls N mismatches M flips F"
 *   /sys/kernel/debug/kcrypto-stress/detail  the same per context and op
 *
 * The flipper, every flip_ms, either sets a random force_generic mask
 * (kcrypto_force_generic_set(), the override the module parameter and
 * the test interface use) or forces a random usable variant of a bound
 * arch module through its descriptor; stopping restores the mask and
 * automatic variant selection.  It pins an arch module only for the
 * moment of a select() call, so an rmmod racing it may see EBUSY/EAGAIN
 * once (qemu/guest/stress.sh retries).
 *
 * Loading this module pins kcrypto.ko (it uses its symbols): the weak-mode
 * stress cycle (qemu/guest/stress.sh) uses it as the client that holds and
 * releases the library.
 *
 * Every check computes the generic reference first, then calls the API,
 * so an arch hook plugged or unplugged in between can only change which
 * implementation the API call takes, never the reference.  Mismatches are
 * counted and logged (rate limited) with everything needed to replay them.
 */
#define pr_fmt(fmt) "kcrypto-stress: " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <kcrypto/bindings.h>
#include <kcrypto/x25519.h>

#include "kcrypto-test-util.h"

#define KS_MAX_THREADS	8
#define KS_MAX_VARIANTS	16
/* Task context: lengths up to 3 * 4 KiB cross the library's SIMD chunks. */
#define KS_MAX_LEN	(3 * 4096)
/* Interrupt context: keep the time with interrupts off short. */
#define KS_IRQ_MAX_LEN	1024
#define KS_TAG		KCRYPTO_AEAD_TAG_SIZE
/* Slack for misalignment (0..63) and the tag. */
#define KS_SLACK	(64 + KS_TAG)

static unsigned int irq_period_us = 2000;
module_param(irq_period_us, uint, 0644);
MODULE_PARM_DESC(irq_period_us, "period of the hardirq/softirq caller in us (0: off)");

static unsigned int pause_us;
module_param(pause_us, uint, 0644);
MODULE_PARM_DESC(pause_us, "task callers sleep 1-2x this long (at most 100000 us) after each call (0: cond_resched() only)");

static unsigned int flip_ms;
module_param(flip_ms, uint, 0644);
MODULE_PARM_DESC(flip_ms, "flip force_generic / arch variants every N ms while running (0: off)");

enum ks_ctx { KS_TASK, KS_HARDIRQ, KS_SOFTIRQ, KS_NR_CTX };
enum ks_op {
	KS_CHACHA, KS_POLY1305, KS_BLAKE2S, KS_AEAD, KS_XAEAD, KS_X25519,
	KS_NR_OPS
};

static const char *const ks_ctx_names[KS_NR_CTX] = { "task", "hardirq", "softirq" };
static const char *const ks_op_names[KS_NR_OPS] = {
	"chacha", "poly1305", "blake2s", "chacha20poly1305", "xchacha20poly1305",
	"x25519",
};

static atomic64_t ks_calls[KS_NR_CTX][KS_NR_OPS];
static atomic64_t ks_bad[KS_NR_CTX][KS_NR_OPS];
static atomic64_t ks_flips;

/* Buffers of one caller. */
struct ks_bufs {
	struct kk_rng rng;
	u8 *src, *dst, *ref;
	size_t max;
};

struct ks_thread {
	struct task_struct *task;
	struct ks_bufs b;
};

static DEFINE_MUTEX(ks_lock);		/* run/stop */
static struct ks_thread *ks_threads[KS_MAX_THREADS];
static unsigned int ks_nr_threads;
static struct ks_bufs ks_hard_bufs, ks_soft_bufs;
static struct hrtimer ks_timer;
static struct tasklet_struct ks_tasklet;
static bool ks_irq_running;
static struct task_struct *ks_flipper;
static u32 ks_saved_mask;		/* force_generic before the flipper */
static unsigned long ks_ticks;		/* hrtimer callback only */
static struct dentry *ks_dir;

static int ks_bufs_alloc(struct ks_bufs *b, size_t max)
{
	b->max = max;
	b->rng.s = get_random_u64();
	b->src = kvmalloc(max + KS_SLACK, GFP_KERNEL);
	b->dst = kvmalloc(max + KS_SLACK, GFP_KERNEL);
	b->ref = kvmalloc(max + KS_SLACK, GFP_KERNEL);
	if (!b->src || !b->dst || !b->ref)
		return -ENOMEM;
	return 0;
}

static void ks_bufs_free(struct ks_bufs *b)
{
	kvfree(b->src);
	kvfree(b->dst);
	kvfree(b->ref);
	b->src = NULL;
	b->dst = NULL;
	b->ref = NULL;
}

/* Mostly short inputs, as real callers make them, some up to @max. */
static size_t ks_len(struct kk_rng *rng, size_t max)
{
	switch (kk_below(rng, 4)) {
	case 0:
		return kk_below(rng, 65);
	case 1:
		return kk_below(rng, 513);
	default:
		return kk_below(rng, max + 1);
	}
}

static void ks_result(enum ks_ctx ctx, enum ks_op op, bool ok, size_t len,
		      unsigned int soff, unsigned int doff, u64 seed)
{
	atomic64_inc(&ks_calls[ctx][op]);
	if (ok)
		return;
	atomic64_inc(&ks_bad[ctx][op]);
	pr_err_ratelimited("MISMATCH %s in %s context: len %zu src offset %u dst offset %u (case seed %llu)\n",
			   ks_op_names[op], ks_ctx_names[ctx], len, soff, doff, seed);
}

/* One random check of one random API in context @ctx. */
static void ks_one(struct ks_bufs *b, enum ks_ctx ctx)
{
	struct kk_rng *rng = &b->rng;
	const u64 seed = rng->s;
	unsigned int soff = kk_below(rng, 64), doff = kk_below(rng, 64);
	u8 *src = b->src + soff, *dst = b->dst + doff, *ref = b->ref;
	u8 key[KCRYPTO_AEAD_KEY_SIZE], nonce[KCRYPTO_XAEAD_NONCE_SIZE], ad[32];
	struct kcrypto_chacha_state st, st_ref;
	enum ks_op op = kk_below(rng, KS_NR_OPS);
	size_t len = ks_len(rng, b->max), ad_len, outlen, keylen;
	bool ok, x;

	kk_fill(rng, key, sizeof(key));
	kk_fill(rng, nonce, sizeof(nonce));
	/* X25519 costs milliseconds under TCG: rarely in interrupts. */
	if (op == KS_X25519 && ctx != KS_TASK && kk_below(rng, 16))
		op = KS_CHACHA;
	kk_fill(rng, src, len);

	switch (op) {
	case KS_CHACHA:
		kcrypto_chacha_init(&st, key, nonce, kk_rand32(rng));
		st_ref = st;
		kcrypto_chacha_crypt_generic(&st_ref, ref, src, len, len & 1 ? 12 : 20);
		kcrypto_chacha_crypt(&st, dst, src, len, len & 1 ? 12 : 20);
		ok = !memcmp(dst, ref, len) && !memcmp(&st, &st_ref, sizeof(st));
		break;
	case KS_POLY1305:
		kk_ref_poly1305(ref, src, len, key);
		kcrypto_poly1305(dst, src, len, key);
		ok = !memcmp(dst, ref, KCRYPTO_POLY1305_MAC_SIZE);
		break;
	case KS_BLAKE2S:
		outlen = 1 + kk_below(rng, KCRYPTO_BLAKE2S_HASH_SIZE);
		keylen = kk_below(rng, 2) ? 0 : kk_below(rng, KCRYPTO_BLAKE2S_KEY_SIZE + 1);
		ok = !kk_ref_blake2s(ref, outlen, src, len, key, keylen) &&
		     !kcrypto_blake2s(dst, outlen, src, len, key, keylen) &&
		     !memcmp(dst, ref, outlen);
		break;
	case KS_AEAD:
	case KS_XAEAD:
		x = op == KS_XAEAD;
		ad_len = kk_below(rng, sizeof(ad) + 1);
		kk_fill(rng, ad, ad_len);
		if (x) {
			kk_ref_xaead_encrypt(ref, src, len, ad, ad_len, nonce, key);
			kcrypto_xchacha20poly1305_encrypt(dst, src, len, ad, ad_len,
							  nonce, key);
		} else {
			kk_ref_aead_encrypt(ref, src, len, ad, ad_len, nonce, key);
			kcrypto_chacha20poly1305_encrypt(dst, src, len, ad, ad_len,
							 nonce, key);
		}
		ok = !memcmp(dst, ref, len + KS_TAG);
		/* And back, in place. */
		if (ok && x)
			ok = kcrypto_xchacha20poly1305_decrypt(dst, dst, len + KS_TAG, ad,
							       ad_len, nonce, key);
		else if (ok)
			ok = kcrypto_chacha20poly1305_decrypt(dst, dst, len + KS_TAG, ad,
							      ad_len, nonce, key);
		ok = ok && !memcmp(dst, src, len);
		break;
	case KS_X25519:
	default:
		len = KCRYPTO_X25519_KEY_SIZE;
		kcrypto_x25519_generic(ref, key, src);
		ok = kcrypto_x25519(dst, key, src) == !kk_all_zero(ref, len) &&
		     !memcmp(dst, ref, len);
		break;
	}
	ks_result(ctx, op, ok, len, soff, doff, seed);
}

static int ks_thread_fn(void *arg)
{
	struct ks_thread *t = arg;

	while (!kthread_should_stop()) {
		/* Capped: kthread_stop() waits for the sleep to end. */
		unsigned int us = min(READ_ONCE(pause_us), 100000U);

		ks_one(&t->b, KS_TASK);
		if (us)
			usleep_range(us, 2 * us);
		else
			cond_resched();
	}
	return 0;
}

static void ks_tasklet_fn(struct tasklet_struct *t)
{
	ks_one(&ks_soft_bufs, KS_SOFTIRQ);
}

/* At least 100 us between interrupt calls, whatever the parameter says. */
static ktime_t ks_period(void)
{
	return ns_to_ktime((u64)max(READ_ONCE(irq_period_us), 100U) * NSEC_PER_USEC);
}

static enum hrtimer_restart ks_timer_fn(struct hrtimer *timer)
{
	ks_one(&ks_hard_bufs, KS_HARDIRQ);
	if (!(++ks_ticks & 1))
		tasklet_schedule(&ks_tasklet);
	hrtimer_forward_now(timer, ks_period());
	return HRTIMER_RESTART;
}

/* Force variant @pick (modulo the usable ones) of the module bound to @prim. */
static void ks_flip_variant(enum kcrypto_prim prim, u32 pick)
{
	const struct kcrypto_arch_desc *desc = kcrypto_arch_get(prim);
	unsigned int i, n = 0;
	int usable[KS_MAX_VARIANTS];

	if (!desc)
		return;
	for (i = 0; kcrypto_arch_variant(desc, i) && n < ARRAY_SIZE(usable); i++)
		if (kcrypto_arch_usable(desc, i))
			usable[n++] = i;
	/* One in n + 1: back to automatic selection. */
	pick %= n + 1;
	kcrypto_arch_select(desc, pick == n ? -1 : usable[pick]);
	kcrypto_arch_put(desc);
}

/* Undo the flipper: automatic selection everywhere, the saved mask. */
static void ks_flip_restore(void)
{
	const struct kcrypto_arch_desc *desc;
	unsigned int p;

	for (p = 0; p < KCRYPTO_NR_PRIMS; p++) {
		desc = kcrypto_arch_get(p);
		if (!desc)
			continue;
		kcrypto_arch_select(desc, -1);
		kcrypto_arch_put(desc);
	}
	kcrypto_force_generic_set(ks_saved_mask);
}

static int ks_flip_fn(void *arg)
{
	struct kk_rng rng = { .s = get_random_u64() };
	u32 r;

	while (!kthread_should_stop()) {
		r = kk_rand32(&rng);
		if (r & 1)
			kcrypto_force_generic_set((r >> 1) & (BIT(KCRYPTO_NR_PRIMS) - 1));
		else
			ks_flip_variant(kk_below(&rng, KCRYPTO_NR_PRIMS), r >> 8);
		atomic64_inc(&ks_flips);
		schedule_timeout_interruptible(msecs_to_jiffies(max(READ_ONCE(flip_ms), 1U)));
	}
	return 0;
}

/* Stop every caller and wait for it; ks_lock held. */
static void ks_stop_locked(void)
{
	unsigned int i;

	if (ks_irq_running) {
		hrtimer_cancel(&ks_timer);
		/* The timer is the only one scheduling the tasklet. */
		tasklet_kill(&ks_tasklet);
		ks_irq_running = false;
	}
	if (ks_flipper) {
		kthread_stop(ks_flipper);
		put_task_struct(ks_flipper);
		ks_flipper = NULL;
		ks_flip_restore();
	}
	for (i = 0; i < ks_nr_threads; i++) {
		kthread_stop(ks_threads[i]->task);
		put_task_struct(ks_threads[i]->task);
		ks_bufs_free(&ks_threads[i]->b);
		kfree(ks_threads[i]);
		ks_threads[i] = NULL;
	}
	if (ks_nr_threads)
		pr_info("stopped %u threads\n", ks_nr_threads);
	ks_nr_threads = 0;
}

static int ks_start_locked(unsigned int n)
{
	struct ks_thread *t;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++) {
		t = kzalloc(sizeof(*t), GFP_KERNEL);
		if (!t)
			return -ENOMEM;
		err = ks_bufs_alloc(&t->b, KS_MAX_LEN);
		if (!err) {
			t->task = kthread_run(ks_thread_fn, t, "kcrypto-stress/%u", i);
			err = PTR_ERR_OR_ZERO(t->task);
		}
		if (err) {
			ks_bufs_free(&t->b);
			kfree(t);
			return err;
		}
		/* Held until kthread_stop(), which needs the task alive. */
		get_task_struct(t->task);
		ks_threads[ks_nr_threads++] = t;
	}
	if (flip_ms) {
		ks_saved_mask = kcrypto_force_generic_get();
		ks_flipper = kthread_run(ks_flip_fn, NULL, "kcrypto-stress/flip");
		if (IS_ERR(ks_flipper)) {
			err = PTR_ERR(ks_flipper);
			ks_flipper = NULL;
			return err;
		}
		get_task_struct(ks_flipper);
	}
	if (irq_period_us) {
		hrtimer_start(&ks_timer, ks_period(), HRTIMER_MODE_REL_HARD);
		ks_irq_running = true;
	}
	pr_info("running %u threads, irq caller every %u us, flipper every %u ms\n",
		n, irq_period_us, flip_ms);
	return 0;
}

static ssize_t ks_run_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	unsigned int n;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = kstrtouint_from_user(ubuf, count, 10, &n);
	if (err)
		return err;
	if (n > KS_MAX_THREADS) {
		pr_info_ratelimited("run: at most %d threads\n", KS_MAX_THREADS);
		return -EINVAL;
	}
	mutex_lock(&ks_lock);
	ks_stop_locked();
	err = n ? ks_start_locked(n) : 0;
	if (err)
		ks_stop_locked();
	mutex_unlock(&ks_lock);
	return err ? err : count;
}

static ssize_t ks_run_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	char buf[16];
	int len;

	mutex_lock(&ks_lock);
	len = scnprintf(buf, sizeof(buf), "%u\n", ks_nr_threads);
	mutex_unlock(&ks_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations ks_run_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = ks_run_read,
	.write = ks_run_write,
};

static u64 ks_sum(atomic64_t (*a)[KS_NR_OPS])
{
	unsigned int c, o;
	u64 sum = 0;

	for (c = 0; c < KS_NR_CTX; c++)
		for (o = 0; o < KS_NR_OPS; o++)
			sum += atomic64_read(&a[c][o]);
	return sum;
}

static int ks_stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "calls %llu mismatches %llu flips %lld\n", ks_sum(ks_calls),
		   ks_sum(ks_bad), (long long)atomic64_read(&ks_flips));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ks_stats);

static int ks_detail_show(struct seq_file *m, void *v)
{
	unsigned int c, o;

	for (c = 0; c < KS_NR_CTX; c++)
		for (o = 0; o < KS_NR_OPS; o++)
			seq_printf(m, "%s %s calls %lld mismatches %lld\n", ks_ctx_names[c],
				   ks_op_names[o], (long long)atomic64_read(&ks_calls[c][o]),
				   (long long)atomic64_read(&ks_bad[c][o]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ks_detail);

static int __init ks_init(void)
{
	int err;

	err = ks_bufs_alloc(&ks_hard_bufs, KS_IRQ_MAX_LEN);
	if (!err)
		err = ks_bufs_alloc(&ks_soft_bufs, KS_IRQ_MAX_LEN);
	if (err) {
		ks_bufs_free(&ks_hard_bufs);
		ks_bufs_free(&ks_soft_bufs);
		return err;
	}
	kcrypto_hrtimer_setup(&ks_timer, ks_timer_fn, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL_HARD);
	tasklet_setup(&ks_tasklet, ks_tasklet_fn);

	ks_dir = debugfs_create_dir("kcrypto-stress", NULL);
	debugfs_create_file("run", 0600, ks_dir, NULL, &ks_run_fops);
	debugfs_create_file("stats", 0400, ks_dir, NULL, &ks_stats_fops);
	debugfs_create_file("detail", 0400, ks_dir, NULL, &ks_detail_fops);
	return 0;
}
module_init(ks_init);

static void __exit ks_exit(void)
{
	/* No new run/stop once the files are gone (in-flight ones finish). */
	debugfs_remove_recursive(ks_dir);
	mutex_lock(&ks_lock);
	ks_stop_locked();
	mutex_unlock(&ks_lock);
	pr_info("exit: calls %llu mismatches %llu\n", ks_sum(ks_calls), ks_sum(ks_bad));
	ks_bufs_free(&ks_hard_bufs);
	ks_bufs_free(&ks_soft_bufs);
}
module_exit(ks_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto stress client: every API from task, softirq and hardirq, checked against generic code");
