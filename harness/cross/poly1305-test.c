// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Cross test of the arch Poly1305 cores (arch/<arch>/poly1305-*.c) under
 * qemu-user: every core of kcrypto_poly1305_cores[] against the generic
 * block function over lengths 0..4096 (and longer), random and extreme
 * canonical states, misaligned input, incremental splits, the RFC 8439
 * example and the Wycheproof ChaCha20-Poly1305 file.
 *
 * Usage: poly1305-test [vectors-dir]    (prints "N passed, N failed")
 */
#include <kcrypto/cores.h>
#include <kcrypto/chacha20poly1305.h>
#include "dispatch.h"
#include "cpu.h"
#include "cross-util.h"

/* -1: generic; else an index into kcrypto_poly1305_cores[]. */
static int sel = -1;

void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st, const u8 *src,
			     size_t len, u32 hibit)
{
	if (sel < 0)
		kcrypto_poly1305_blocks_generic(st, src, len, hibit);
	else
		kcrypto_poly1305_cores[sel].blocks(st, src, len, hibit);
}

void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			  const u8 *src, size_t len, int nrounds)
{
	kcrypto_chacha_crypt_generic(st, dst, src, len, nrounds);
}

/* a + b + *c with carry out in *c (portable: no 128-bit type on arm) */
static u64 adc(u64 a, u64 b, u64 *c)
{
	u64 s = a + b, r = s + *c;

	*c = (s < a) + (r < s);
	return r;
}

/* h mod p, from any canonical h (below 2^131), as two words + bit 128. */
static void reduce(const struct kcrypto_poly1305_state *st, u64 out[3])
{
	u64 h0 = st->h[0], h1 = st->h[1], h2 = st->h[2], c, g0, g1, g2;
	int i;

	for (i = 0; i < 2; i++) {
		c = 0;
		h0 = adc(h0, (h2 >> 2) * 5, &c);
		h2 &= 3;
		h1 = adc(h1, 0, &c);
		h2 += c;
	}
	/* now h < 2^130 + 5; subtract p once if h >= p */
	c = 0;
	g0 = adc(h0, 5, &c);
	g1 = adc(h1, 0, &c);
	g2 = h2 + c;
	if (g2 >> 2) {
		h0 = g0;
		h1 = g1;
		h2 = g2 & 3;
	}
	out[0] = h0;
	out[1] = h1;
	out[2] = h2;
}

static int canon_ok(const struct kcrypto_poly1305_state *st)
{
	return st->h[2] <= 7;
}

static void random_state(struct kcrypto_poly1305_state *st, int extreme)
{
	if (extreme) {
		st->h[0] = ~0ULL;
		st->h[1] = ~0ULL;
		st->h[2] = 7;
		st->r[0] = 0x0ffffffc0fffffffULL;
		st->r[1] = 0x0ffffffc0ffffffcULL;
		return;
	}
	st->h[0] = rnd64();
	st->h[1] = rnd64();
	st->h[2] = rnd64() % 8;
	st->r[0] = rnd64() & 0x0ffffffc0fffffffULL;
	st->r[1] = rnd64() & 0x0ffffffc0ffffffcULL;
}

static void test_blocks(int core, const char *name)
{
	static u8 buf[16384 + 64];
	struct kcrypto_poly1305_state a, b;
	u64 ra[3], rb[3];
	size_t len, off;
	int ex, hibit;

	for (len = 0; len <= 16384; len += (len < 4096 ? 16 : 1008)) {
		for (ex = 0; ex < 3; ex++) {
			off = rnd64() % 16;
			hibit = ex == 2 ? 0 : 1;
			if (ex == 1)
				memset(buf + off, 0xff, len);
			else
				rndbytes(buf + off, len);
			random_state(&a, ex == 1);
			b = a;
			kcrypto_poly1305_blocks_generic(&a, buf + off, len,
							hibit);
			kcrypto_poly1305_cores[core].blocks(&b, buf + off, len,
							    hibit);
			reduce(&a, ra);
			reduce(&b, rb);
			CHECK(canon_ok(&b) && !memcmp(ra, rb, sizeof(ra)) &&
			      a.r[0] == b.r[0] && a.r[1] == b.r[1],
			      "%s blocks len %zu off %zu case %d", name, len,
			      off, ex);
		}
	}
}

static void test_oneshot(int core, const char *name)
{
	static u8 buf[4096 + 64];
	struct kcrypto_poly1305_ctx ctx;
	u8 key[32], t1[16], t2[16];
	size_t len, off, pos, n;

	for (len = 0; len <= 4096; len++) {
		off = len % 8;
		rndbytes(key, 32);
		rndbytes(buf + off, len);
		sel = -1;
		kcrypto_poly1305(t1, buf + off, len, key);
		sel = core;
		kcrypto_poly1305(t2, buf + off, len, key);
		CHECK(!memcmp(t1, t2, 16), "%s one-shot len %zu", name, len);

		/* random incremental split, same tag */
		if (len % 7 == 0) {
			kcrypto_poly1305_init(&ctx, key);
			for (pos = 0; pos < len; pos += n) {
				n = rnd64() % 600;
				if (n > len - pos)
					n = len - pos;
				kcrypto_poly1305_update(&ctx, buf + off + pos, n);
			}
			kcrypto_poly1305_final(&ctx, t2);
			CHECK(!memcmp(t1, t2, 16), "%s split len %zu", name,
			      len);
		}
	}
	sel = -1;
}

static void test_rfc(int core, const char *name)
{
	/* RFC 8439 section 2.5.2 */
	static const u8 key[32] = {
		0x85, 0xd6, 0xbe, 0x78, 0x57, 0x55, 0x6d, 0x33,
		0x7f, 0x44, 0x52, 0xfe, 0x42, 0xd5, 0x06, 0xa8,
		0x01, 0x03, 0x80, 0x8a, 0xfb, 0x0d, 0xb2, 0xfd,
		0x4a, 0xbf, 0xf6, 0xaf, 0x41, 0x49, 0xf5, 0x1b,
	};
	static const u8 tag[16] = {
		0xa8, 0x06, 0x1d, 0xc1, 0x30, 0x51, 0x36, 0xc6,
		0xc2, 0x2b, 0x8b, 0xaf, 0x0c, 0x01, 0x27, 0xa9,
	};
	static const char msg[] = "Cryptographic Forum Research Group";
	u8 out[16];

	sel = core;
	kcrypto_poly1305(out, (const u8 *)msg, sizeof(msg) - 1, key);
	sel = -1;
	CHECK(!memcmp(out, tag, 16), "%s RFC 8439 2.5.2", name);
}

struct wp_arg {
	int core;
	const char *name;
	int ran;
};

static void wp_case(const char *obj, const char *end, void *argp)
{
	struct wp_arg *arg = argp;
	char *s[7];
	static const char *const f[7] = {
		"key", "iv", "aad", "msg", "ct", "tag", "result"
	};
	size_t n[6];
	u8 *b[6], *in, *out;
	bool ok;
	int i, valid;

	for (i = 0; i < 7; i++)
		s[i] = json_str(obj, end, f[i]);
	for (i = 0; i < 6; i++)
		b[i] = s[i] ? unhex(s[i], &n[i]) : NULL;
	if (!s[6] || !b[0] || !b[1] || !b[5] || n[1] != 12 || n[0] != 32 ||
	    n[5] != 16)
		goto out;
	valid = strcmp(s[6], "invalid") != 0;
	in = malloc(n[4] + 16);
	out = malloc(n[4] + 1);
	memcpy(in, b[4], n[4]);
	memcpy(in + n[4], b[5], 16);
	sel = arg->core;
	ok = kcrypto_chacha20poly1305_decrypt(out, in, n[4] + 16, b[2], n[2],
					      b[1], b[0]);
	sel = -1;
	CHECK(ok == valid && (!ok || !memcmp(out, b[3], n[3])),
	      "%s wycheproof aead case at %.20s", arg->name, obj);
	arg->ran++;
	free(in);
	free(out);
out:
	for (i = 0; i < 7; i++)
		free(s[i]);
	for (i = 0; i < 6; i++)
		free(b[i]);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "vectors";
	char path[512], *text;
	unsigned int i;
	u32 cpu = kcrypto_cpu_features();

	snprintf(path, sizeof(path), "%s/wycheproof/chacha20_poly1305_test.json",
		 dir);
	text = read_file(path);
	CHECK(text != NULL, "cannot read %s", path);

	for (i = 0; i < kcrypto_poly1305_core_table.count; i++) {
		const char *name = kcrypto_poly1305_cores[i].impl.name;
		struct wp_arg arg = { (int)i, name, 0 };

		if (!kcrypto_core_usable(&kcrypto_poly1305_core_table, i, cpu)) {
			printf("poly1305 %s: skipped (CPU)\n", name);
			continue;
		}
		test_rfc(i, name);
		test_blocks(i, name);
		test_oneshot(i, name);
		if (text)
			json_each_test(text, wp_case, &arg);
		CHECK(!text || arg.ran > 250, "%s: only %d AEAD cases", name,
		      arg.ran);
		printf("poly1305 %s: done (%d AEAD cases)\n", name, arg.ran);
	}
	free(text);
	return cross_report();
}
