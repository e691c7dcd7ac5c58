// SPDX-License-Identifier: GPL-2.0
/*
 * TEST ONLY, never installed: a fake ChaCha arch module, so the binding
 * mechanics (weak references, ffp plug/unplug, softdeps, blacklisting,
 * variant walking in KUnit) can be proven on an arch whose real arch
 * modules have not landed.  It binds through kcrypto_arch_init() exactly like
 * a real arch module and provides kcrypto_chacha_arch() and
 * kcrypto_chacha_arch_desc with one variant, "test".
 *
 * The "accelerated" code is a small ChaCha written here from RFC 8439
 * section 2.3 (kcrypto.ko's generic code is deliberately not reused: a
 * provider that called the library would make the weak-mode dependency a
 * cycle, and an independent implementation checks the library too).  Like
 * a SIMD module it declines hardirq context and, unless a test forced the
 * variant, inputs shorter than 256 bytes.
 *
 * Parameters: calls (0444) counts the calls it handled, proof that the
 * hook is bound; corrupt (0644) makes it flip one output bit per call, a
 * negative control showing the tests catch a broken implementation.
 */
#include <linux/atomic.h>
#include <linux/hardirq.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <kcrypto/arch.h>
#include <kcrypto/select.h>

#define TP_THRESHOLD	256

static atomic_long_t tp_calls = ATOMIC_LONG_INIT(0);

static bool corrupt;
module_param(corrupt, bool, 0644);
MODULE_PARM_DESC(corrupt, "flip one output bit per call (negative control)");

static int tp_calls_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%ld\n", atomic_long_read(&tp_calls));
}

/* Read-only, but the loader calls ->set for a load-time value: refuse. */
static int tp_calls_set(const char *val, const struct kernel_param *kp)
{
	return -EPERM;
}

static const struct kernel_param_ops tp_calls_ops = {
	.set = tp_calls_set,
	.get = tp_calls_get,
};
module_param_cb(calls, &tp_calls_ops, NULL, 0444);
MODULE_PARM_DESC(calls, "calls handled by the test provider");

/* The quarter round, RFC 8439 section 2.1. */
static inline void tp_qr(u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rol32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rol32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rol32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rol32(x[b] ^ x[c], 7);
}

/* One 64-byte keystream block from @in (RFC 8439 2.3), little-endian. */
static void tp_block(const u32 in[16], u8 ks[64], int nrounds)
{
	u32 x[16];
	int i;

	memcpy(x, in, sizeof(x));
	for (i = 0; i < nrounds; i += 2) {
		tp_qr(x, 0, 4, 8, 12);
		tp_qr(x, 1, 5, 9, 13);
		tp_qr(x, 2, 6, 10, 14);
		tp_qr(x, 3, 7, 11, 15);
		tp_qr(x, 0, 5, 10, 15);
		tp_qr(x, 1, 6, 11, 12);
		tp_qr(x, 2, 7, 8, 13);
		tp_qr(x, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++)
		put_unaligned_le32(x[i] + in[i], ks + 4 * i);
	memzero_explicit(x, sizeof(x));
}

/* The one core: any @len, like kcrypto_chacha_crypt_generic(). */
static void tp_crypt(struct kcrypto_chacha_state *st, u8 *dst, const u8 *src,
		     size_t len, int nrounds)
{
	u8 ks[64];
	size_t i, n;

	while (len) {
		n = min_t(size_t, len, sizeof(ks));
		tp_block(st->x, ks, nrounds);
		st->x[12]++;		/* 32-bit counter, never into the nonce */
		for (i = 0; i < n; i++)
			dst[i] = src[i] ^ ks[i];
		dst += n;
		src += n;
		len -= n;
	}
	memzero_explicit(ks, sizeof(ks));
}

static const struct kcrypto_chacha_core tp_cores[] = {
	{
		.impl = { .name = "test" },
		.crypt = tp_crypt,
	},
};

static const struct kcrypto_core_table tp_core_table =
	KCRYPTO_CORE_TABLE(tp_cores);

static struct kcrypto_selector tp_sel =
	KCRYPTO_SELECTOR_INIT(tp_sel, &tp_core_table, "kcrypto-test-provider");

bool kcrypto_chacha_arch(struct kcrypto_chacha_state *st, u8 *dst,
			 const u8 *src, size_t len, int nrounds)
{
	/* A SIMD module cannot run here; neither does its stand-in. */
	if (in_hardirq() || in_nmi())
		return false;
	if (!kcrypto_selector_current(&tp_sel))
		return false;
	if (!kcrypto_selector_forced(&tp_sel) && len < TP_THRESHOLD)
		return false;

	atomic_long_inc(&tp_calls);
	tp_crypt(st, dst, src, len, nrounds);
	if (READ_ONCE(corrupt) && len)
		dst[len - 1] ^= 0x80;
	return true;
}
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch);

const struct kcrypto_arch_desc kcrypto_chacha_arch_desc = {
	.prim = KCRYPTO_CHACHA,
	.name = "kcrypto-test-provider",
	.owner = THIS_MODULE,
	.sel = &tp_sel,
	.hook.chacha = kcrypto_chacha_arch,
};
EXPORT_SYMBOL_GPL(kcrypto_chacha_arch_desc);

static int __init kcrypto_test_provider_init(void)
{
	pr_info("kcrypto-test-provider: TEST ONLY fake chacha arch module, variant \"test\"\n");
	return kcrypto_arch_init(&kcrypto_chacha_arch_desc, 0);
}
module_init(kcrypto_test_provider_init);

static void __exit kcrypto_test_provider_exit(void)
{
	kcrypto_arch_exit(&kcrypto_chacha_arch_desc);
}
module_exit(kcrypto_test_provider_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcrypto TEST ONLY fake ChaCha arch module (binding mechanics)");
