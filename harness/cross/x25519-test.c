// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Cross test of the arch X25519 cores (arch/<arch>/x25519-*.c) under
 * qemu-user: every core of kcrypto_x25519_cores[] against the Wycheproof
 * X25519 file (twist points, low-order points, non-canonical u), the
 * RFC 7748 iterated example, edge-case u values, and random scalars and
 * points against kcrypto_x25519_generic().
 *
 *   x25519-test [vectors-dir]         run the checks, "N passed, N failed"
 *   x25519-test bench IMPL            one scalar multiplication for counting
 *
 * IMPL is "generic" or a core name.  bench prints "marks BEGIN END" for
 * harness/cross/icount.py.
 *
 * cross: lib=x25519 prims=x25519
 */
#include <kcrypto/cores.h>
#include "dispatch.h"
#include "cpu.h"
#include "cross-util.h"

/* Absent on an arch without X25519 cores. */
extern const struct kcrypto_core_table kcrypto_x25519_core_table
	__attribute__((weak));

/* Core @i (any index: NULL when out of range or without a table). */
static const struct kcrypto_x25519_core *core(unsigned int i)
{
	const struct kcrypto_impl *c = kcrypto_core_at(&kcrypto_x25519_core_table, i);

	return c ? container_of(c, struct kcrypto_x25519_core, impl) : NULL;
}

/* NULL: generic. */
static const struct kcrypto_x25519_core *cur;

void kcrypto_x25519_scalarmult(u8 out[KCRYPTO_X25519_KEY_SIZE],
			       const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			       const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	if (cur)
		cur->scalarmult(out, scalar, point);
	else
		kcrypto_x25519_generic(out, scalar, point);
}

static const char *impl_name(void)
{
	return cur ? cur->impl.name : "generic";
}

struct wp_arg {
	int n;
};

static void wp_one(const char *obj, const char *end, void *arg)
{
	char *pub = json_str(obj, end, "public");
	char *priv = json_str(obj, end, "private");
	char *shared = json_str(obj, end, "shared");
	char *id = json_str(obj, end, "tcId");
	u8 *p, *k, *s, out[32], sc[32];
	size_t np, nk, ns;
	bool nz;
	int i, zero = 1;

	(void)id;
	if (!pub || !priv || !shared) {
		CHECK(0, "x25519 %s: malformed test object", impl_name());
		goto out;
	}
	p = unhex(pub, &np);
	k = unhex(priv, &nk);
	s = unhex(shared, &ns);
	if (np != 32 || nk != 32 || ns != 32) {
		CHECK(0, "x25519 %s: bad sizes", impl_name());
	} else {
		memcpy(sc, k, 32);
		kcrypto_x25519_scalarmult(out, k, p);
		CHECK(!memcmp(out, s, 32), "x25519 %s: wycheproof public %s",
		      impl_name(), pub);
		CHECK(!memcmp(sc, k, 32), "x25519 %s: scalar modified",
		      impl_name());
		/* The library wrapper: false exactly for an all-zero result. */
		for (i = 0; i < 32; i++)
			zero &= !s[i];
		nz = kcrypto_x25519(out, k, p);
		CHECK(nz == !zero && !memcmp(out, s, 32),
		      "x25519 %s: kcrypto_x25519 public %s", impl_name(), pub);
	}
	((struct wp_arg *)arg)->n++;
	free(p);
	free(k);
	free(s);
out:
	free(pub);
	free(priv);
	free(shared);
	free(id);
}

static void wycheproof(const char *dir)
{
	char path[512];
	char *text;
	struct wp_arg a = { 0 };

	snprintf(path, sizeof(path), "%s/wycheproof/x25519_test.json", dir);
	text = read_file(path);
	CHECK(text != NULL, "x25519: cannot read %s", path);
	if (!text)
		return;
	json_each_test(text, wp_one, &a);
	CHECK(a.n == 518, "x25519 %s: %d wycheproof cases, expected 518",
	      impl_name(), a.n);
	printf("x25519 %s: %d wycheproof cases\n", impl_name(), a.n);
	free(text);
}

/* RFC 7748 section 5.2: k = u = 9, iterated 1 and 1000 times. */
static void rfc7748_iter(void)
{
	static const char *want1 =
		"422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079";
	static const char *want1000 =
		"684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51";
	u8 k[32] = { 9 }, u[32] = { 9 }, r[32], *w;
	size_t n;
	int i;

	for (i = 1; i <= 1000; i++) {
		kcrypto_x25519_scalarmult(r, k, u);
		memcpy(u, k, 32);
		memcpy(k, r, 32);
		if (i == 1) {
			w = unhex(want1, &n);
			CHECK(!memcmp(k, w, 32), "x25519 %s: RFC 7748 1 iteration",
			      impl_name());
			free(w);
		}
	}
	w = unhex(want1000, &n);
	CHECK(!memcmp(k, w, 32), "x25519 %s: RFC 7748 1000 iterations",
	      impl_name());
	free(w);
}

/* Point u as the sum of a small value and a multiple of 2^255 - 19 etc. */
static void set_u(u8 u[32], int kind, u8 low)
{
	int i;

	memset(u, 0, 32);
	switch (kind) {
	case 0:		/* small */
		u[0] = low;
		break;
	case 1:		/* p + low - 20, i.e. p - 1 .. around p */
		memset(u, 0xff, 32);
		u[31] = 0x7f;
		u[0] = (u8)(0xed + low - 20 + 19);
		break;
	case 2:		/* all ones incl. bit 255 */
		memset(u, 0xff, 32);
		u[0] = low;
		break;
	case 3:		/* 2^255 - low with top bit */
		for (i = 0; i < 32; i++)
			u[i] = 0xff;
		u[0] = (u8)(0 - low);
		u[31] = 0xff;
		break;
	default:	/* only bit 255 and one limb-boundary bit */
		u[31] = 0x80;
		u[(low % 32)] |= (u8)(1 << (low % 8));
		break;
	}
}

static void compare(const u8 k[32], const u8 u[32], const char *what)
{
	u8 a[32], b[32], kc[32], uc[32];

	memcpy(kc, k, 32);
	memcpy(uc, u, 32);
	kcrypto_x25519_generic(a, k, u);
	kcrypto_x25519_scalarmult(b, k, u);
	CHECK(!memcmp(a, b, 32) && !memcmp(kc, k, 32) && !memcmp(uc, u, 32),
	      "x25519 %s: %s differs from generic", impl_name(), what);
}

static void edge_and_random(int nrand)
{
	u8 k[32], u[32];
	int kind, low, i;

	for (kind = 0; kind < 5; kind++) {
		for (low = 0; low < 40; low++) {
			rndbytes(k, 32);
			if (low & 1)
				memset(k, low & 2 ? 0xff : 0, 32);
			set_u(u, kind, (u8)low);
			compare(k, u, "edge u");
		}
	}
	for (i = 0; i < nrand; i++) {
		rndbytes(k, 32);
		rndbytes(u, 32);
		compare(k, u, "random");
	}
	/* Chains: output fed back as the next point (outputs are < p). */
	rndbytes(k, 32);
	rndbytes(u, 32);
	for (i = 0; i < 50; i++) {
		u8 a[32];

		kcrypto_x25519_generic(a, k, u);
		compare(k, u, "chain");
		memcpy(u, a, 32);
		k[i % 32] ^= a[0];
	}
}

/* --- bench mode ------------------------------------------------------------ */

void kc_mark_begin(void);
void kc_mark_end(void);

noinline void kc_mark_begin(void)
{
	__asm__ volatile("" ::: "memory");
}

noinline void kc_mark_end(void)
{
	__asm__ volatile("" ::: "memory");
}

static int bench(const char *impl)
{
	u8 k[32] = { 1, 2, 3 }, u[32] = { 9 }, r[32];

	cur = core(kcrypto_core_find(&kcrypto_x25519_core_table, impl));
	if (!cur && strcmp(impl, "generic"))
		return 2;
	printf("marks %p %p\n", (void *)kc_mark_begin, (void *)kc_mark_end);
	fflush(stdout);
	kc_mark_begin();
	kcrypto_x25519_scalarmult(r, k, u);
	kc_mark_end();
	return r[0] == 0x5a ? 3 : 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "vectors";
	u32 cpu = kcrypto_cpu_features();
	unsigned int i;

	if (argc == 3 && !strcmp(argv[1], "bench"))
		return bench(argv[2]);

	cur = NULL;
	wycheproof(dir);
	rfc7748_iter();
	for (i = 0; (cur = core(i)); i++) {
		if (!kcrypto_core_usable(&kcrypto_x25519_core_table, i, cpu)) {
			printf("x25519 %s: skipped, CPU lacks features\n",
			       cur->impl.name);
			continue;
		}
		wycheproof(dir);
		rfc7748_iter();
		edge_and_random(2000);
		printf("x25519 %s: done\n", cur->impl.name);
	}
	return cross_report();
}
