// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Cross test of the arm64/arm ChaCha and BLAKE2s cores under qemu-user:
 * every variant of kcrypto_chacha_cores[] / kcrypto_blake2s_cores[]
 * against the generic C (every length 0..4096, random data, both round
 * counts, counter wrap, unaligned and in-place buffers, split calls,
 * guard bytes), and the shared vector files (Wycheproof ChaCha20-Poly1305
 * and XChaCha20-Poly1305 ciphertexts, BLAKE2s KAT) through the dispatch
 * points with each variant selected.
 *
 *   chacha-blake2s-test VECTOR_DIR           run the tests
 *   chacha-blake2s-test bench PRIM IMPL LEN  one timed call for counting
 *
 * PRIM is chacha or blake2s, IMPL "generic" or a variant name.  bench runs
 * the work between kc_mark_begin() and kc_mark_end(), whose addresses it
 * prints, so an instruction trace can be cut to exactly that work.
 *
 * cross: lib=chacha,blake2s prims=chacha,blake2s
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kcrypto/cores.h>
#include "dispatch.h"
#include "cpu.h"
#include "../hex.h"

/* Optional tables: an arch without a module for a primitive has none. */
extern const struct kcrypto_core_table kcrypto_chacha_core_table
	__attribute__((weak));
extern const struct kcrypto_core_table kcrypto_blake2s_core_table
	__attribute__((weak));

/* Core @i (any index: NULL when out of range or without a table). */
static const struct kcrypto_chacha_core *chacha_core(unsigned int i)
{
	const struct kcrypto_impl *c = kcrypto_core_at(&kcrypto_chacha_core_table, i);

	return c ? container_of(c, struct kcrypto_chacha_core, impl) : NULL;
}

static const struct kcrypto_blake2s_core *blake2s_core(unsigned int i)
{
	const struct kcrypto_impl *c = kcrypto_core_at(&kcrypto_blake2s_core_table, i);

	return c ? container_of(c, struct kcrypto_blake2s_core, impl) : NULL;
}

static unsigned long passed, failed;

static void check(int ok, const char *what, const char *impl, long arg)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	if (failed <= 30)
		printf("FAIL %s [%s] %ld\n", what, impl, arg);
}

/* --- the dispatch points lib_crypto calls, with a selectable core ------- */

static const struct kcrypto_chacha_core *cur_chacha;
static const struct kcrypto_blake2s_core *cur_blake2s;

void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			  const u8 *src, size_t len, int nrounds)
{
	/* Pieces of at most 4096 bytes, like lib_crypto/dispatch.c. */
	while (len) {
		size_t n = len < 4096 ? len : 4096;

		if (cur_chacha)
			cur_chacha->crypt(st, dst, src, n, nrounds);
		else
			kcrypto_chacha_crypt_generic(st, dst, src, n, nrounds);
		dst += n;
		src += n;
		len -= n;
	}
}

void kcrypto_blake2s_compress(struct kcrypto_blake2s_ctx *ctx, const u8 *block,
			      size_t nblocks, u32 inc)
{
	while (nblocks) {
		size_t n = nblocks < 64 ? nblocks : 64;

		if (cur_blake2s)
			cur_blake2s->compress(ctx, block, n, inc);
		else
			kcrypto_blake2s_compress_generic(ctx, block, n, inc);
		block += 64 * n;
		nblocks -= n;
	}
}

/* --- helpers ------------------------------------------------------------- */

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd64(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rnd_bytes(u8 *p, size_t n)
{
	while (n--)
		*p++ = (u8)rnd64();
}

/* Decode the JSON string value of "name" in [p, end); -1 when absent. */
static long field_hex(const char *p, const char *end, const char *name,
		      u8 *out, size_t cap)
{
	char pat[64];
	const char *q, *close;

	snprintf(pat, sizeof(pat), "\"%s\"", name);
	for (q = p; q < end; q++) {
		if (strncmp(q, pat, strlen(pat)))
			continue;
		q += strlen(pat);
		while (q < end && (*q == ' ' || *q == ':'))
			q++;
		if (q >= end || *q != '"')
			return -1;
		q++;
		close = memchr(q, '"', end - q);
		if (!close || (close - q) % 2 || (size_t)(close - q) / 2 > cap ||
		    kcrypto_hex_bytes(out, q, (close - q) / 2))
			return -1;
		return (long)(close - q) / 2;
	}
	return -1;
}

static char *slurp(const char *dir, const char *name)
{
	char path[1024];
	FILE *f;
	long n;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		printf("cannot open %s\n", path);
		failed++;
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		failed++;
		return NULL;
	}
	buf[n] = 0;
	fclose(f);
	return buf;
}

#define MAXMSG	(1 << 16)

/*
 * The ciphertext of a valid ChaCha20-Poly1305 case is the message XORed
 * with ChaCha20 from block counter 1 (RFC 8439 2.8); XChaCha derives the
 * key and a 12-byte nonce first (HChaCha20).
 */
static void chacha_aead_vectors(const char *dir, const char *file, int x,
				const char *impl)
{
	static u8 msg[MAXMSG], ct[MAXMSG], out[MAXMSG];
	u8 key[64], iv[64], subkey[32], nonce[12];
	char *json = slurp(dir, file), *p, *end;
	long cases = 0;

	if (!json)
		return;
	for (p = strstr(json, "\"tcId\""); p; p = strstr(end, "\"tcId\"")) {
		long kl, il, ml, cl;

		end = strchr(p, '}');
		if (!end)
			break;
		if (!strstr(p, "\"valid\"") || strstr(p, "\"valid\"") > end)
			continue;
		kl = field_hex(p, end, "key", key, sizeof(key));
		il = field_hex(p, end, "iv", iv, sizeof(iv));
		ml = field_hex(p, end, "msg", msg, sizeof(msg));
		cl = field_hex(p, end, "ct", ct, sizeof(ct));
		if (kl != 32 || ml < 0 || cl != ml || il != (x ? 24 : 12))
			continue;
		if (x) {
			kcrypto_hchacha20(subkey, key, iv);
			memset(nonce, 0, 4);
			memcpy(nonce + 4, iv + 16, 8);
			kcrypto_chacha20(out, msg, (size_t)ml, subkey, nonce, 1);
		} else {
			kcrypto_chacha20(out, msg, (size_t)ml, key, iv, 1);
		}
		check(!memcmp(out, ct, (size_t)ml), file, impl, cases);
		cases++;
	}
	check(cases > 100, "vector count", file, cases);
	free(json);
}

static void blake2s_kat(const char *dir, const char *impl)
{
	static u8 in[1024], key[64], out[64], got[64];
	char *json = slurp(dir, "blake2s-kat.json"), *p, *end;
	long cases = 0;

	if (!json)
		return;
	for (p = strstr(json, "\"hash\""); p; p = strstr(end, "\"hash\"")) {
		long il, kl, ol;

		end = strchr(p, '}');
		if (!end)
			break;
		il = field_hex(p, end, "in", in, sizeof(in));
		kl = field_hex(p, end, "key", key, sizeof(key));
		ol = field_hex(p, end, "out", out, sizeof(out));
		if (il < 0 || kl < 0 || ol < 1)
			continue;
		check(!kcrypto_blake2s(got, (size_t)ol, in, (size_t)il, key,
				       (size_t)kl) &&
		      !memcmp(got, out, (size_t)ol), "blake2s kat", impl,
		      cases);
		cases++;
	}
	check(cases == 512, "blake2s kat count", impl, cases);
	free(json);
}

/* --- ChaCha against the generic code ------------------------------------ */

#define BUF	(4096 + 256)

static void chacha_random_state(struct kcrypto_chacha_state *st, size_t len)
{
	u8 key[32], nonce[12];
	u32 ctr = (u32)rnd64();

	rnd_bytes(key, sizeof(key));
	rnd_bytes(nonce, sizeof(nonce));
	/* Every third state wraps the counter inside the message. */
	if (ctr % 3 == 0)
		ctr = (u32)0 - (u32)(len / 64) / 2 - 1;
	kcrypto_chacha_init(st, key, nonce, ctr);
}

static void chacha_vs_generic(const struct kcrypto_chacha_core *c)
{
	static u8 src[BUF], ref[BUF], dst[BUF];
	struct kcrypto_chacha_state s0, s1;
	size_t len, i;
	int nr;

	for (nr = 20; nr >= 12; nr -= 8) {
		for (len = 0; len <= 4096; len++) {
			size_t so = len % 7, doff = len % 5;
			int ok;

			chacha_random_state(&s0, len);
			s1 = s0;
			rnd_bytes(src, BUF);
			memset(dst, 0xa5, BUF);
			kcrypto_chacha_crypt_generic(&s0, ref, src + so, len,
						     nr);
			c->crypt(&s1, dst + doff, src + so, len, nr);
			ok = !memcmp(ref, dst + doff, len) &&
			     !memcmp(&s0, &s1, sizeof(s0));
			for (i = 0; i < doff; i++)
				ok &= dst[i] == 0xa5;
			for (i = doff + len; i < BUF; i++)
				ok &= dst[i] == 0xa5;
			check(ok, nr == 20 ? "chacha20 len" : "chacha12 len",
			      c->impl.name, (long)len);
		}
	}

	/* In place, and a message split into whole blocks + the rest. */
	for (len = 0; len <= 4096; len += 13) {
		size_t cut = (rnd64() % (len / 64 + 1)) * 64;

		chacha_random_state(&s0, len);
		s1 = s0;
		rnd_bytes(src, len);
		memcpy(dst, src, len);
		kcrypto_chacha_crypt_generic(&s0, ref, src, len, 20);
		c->crypt(&s1, dst, dst, cut, 20);
		c->crypt(&s1, dst + cut, dst + cut, len - cut, 20);
		check(!memcmp(ref, dst, len) && !memcmp(&s0, &s1, sizeof(s0)),
		      "chacha in-place split", c->impl.name, (long)len);
	}
}

/* --- BLAKE2s compress against the generic code --------------------------- */

static void blake2s_vs_generic(const struct kcrypto_blake2s_core *c)
{
	static u8 blocks[64 * 64 + 8];
	struct kcrypto_blake2s_ctx a, b;
	size_t nb;
	u32 inc;
	int rep;

	for (rep = 0; rep < 40; rep++) {
		for (nb = 1; nb <= 64; nb++) {
			const u8 *blk = blocks + rep % 8;

			rnd_bytes((u8 *)&a, sizeof(a));
			/* Counters near the 32-bit carry, flags as final sets. */
			if (rep & 1)
				a.t[0] = (u32)0 - (u32)(64 * (rnd64() % 80));
			a.f[0] = rep & 2 ? ~0U : 0;
			a.f[1] = rep & 4 ? ~0U : 0;
			b = a;
			rnd_bytes(blocks, sizeof(blocks));
			kcrypto_blake2s_compress_generic(&a, blk, nb, 64);
			c->compress(&b, blk, nb, 64);
			check(!memcmp(&a, &b, sizeof(a)), "blake2s compress",
			      c->impl.name, (long)nb);
		}
	}
	for (inc = 0; inc <= 64; inc++) {
		rnd_bytes((u8 *)&a, sizeof(a));
		a.f[0] = ~0U;
		a.f[1] = 0;
		b = a;
		rnd_bytes(blocks, sizeof(blocks));
		kcrypto_blake2s_compress_generic(&a, blocks, 1, inc);
		c->compress(&b, blocks, 1, inc);
		check(!memcmp(&a, &b, sizeof(a)), "blake2s final inc",
		      c->impl.name, (long)inc);
	}
}

/* Whole hashes, keyed and not, one-shot and in random pieces. */
static void blake2s_hash_vs_generic(const struct kcrypto_blake2s_core *c)
{
	static u8 msg[4096 + 64];
	struct kcrypto_blake2s_ctx ctx;
	u8 key[32], ref[32], got[32];
	size_t len, klen, olen, off;

	for (len = 0; len <= 4096; len += 7) {
		klen = rnd64() % 33;
		olen = 1 + rnd64() % 32;
		rnd_bytes(key, sizeof(key));
		rnd_bytes(msg, len);
		kcrypto_blake2s_init(&ctx, olen, key, klen);
		kcrypto_blake2s_update_generic(&ctx, msg, len);
		/* final dispatches: generic for the reference run. */
		cur_blake2s = NULL;
		kcrypto_blake2s_final(&ctx, ref);
		cur_blake2s = c;
		kcrypto_blake2s_init(&ctx, olen, key, klen);
		for (off = 0; off < len;) {
			size_t n = 1 + rnd64() % 300;

			if (n > len - off)
				n = len - off;
			kcrypto_blake2s_update(&ctx, msg + off, n);
			off += n;
		}
		kcrypto_blake2s_final(&ctx, got);
		check(!memcmp(ref, got, olen), "blake2s incremental", c->impl.name,
		      (long)len);
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

static int bench(const char *prim, const char *impl, size_t len)
{
	static u8 buf[16384 + 64];
	struct kcrypto_chacha_state st;
	struct kcrypto_blake2s_ctx ctx;
	u8 key[32] = { 1 }, nonce[12] = { 2 };

	printf("marks %p %p\n", (void *)kc_mark_begin, (void *)kc_mark_end);
	fflush(stdout);
	if (len > 16384)
		return 2;
	if (!strcmp(prim, "chacha")) {
		cur_chacha = chacha_core(kcrypto_core_find(&kcrypto_chacha_core_table,
							   impl));
		if (!cur_chacha && strcmp(impl, "generic"))
			return 2;
		kcrypto_chacha_init(&st, key, nonce, 0);
		kc_mark_begin();
		kcrypto_chacha_crypt(&st, buf, buf, len, 20);
		kc_mark_end();
	} else if (!strcmp(prim, "blake2s")) {
		cur_blake2s = blake2s_core(kcrypto_core_find(&kcrypto_blake2s_core_table,
							     impl));
		if (!cur_blake2s && strcmp(impl, "generic"))
			return 2;
		kcrypto_blake2s_init(&ctx, 32, NULL, 0);
		kc_mark_begin();
		kcrypto_blake2s_compress(&ctx, buf, len / 64, 64);
		kc_mark_end();
	} else {
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "vectors";
	u32 cpu = kcrypto_cpu_features();
	unsigned int i;

	if (argc == 5 && !strcmp(argv[1], "bench"))
		return bench(argv[2], argv[3], strtoul(argv[4], NULL, 0));

	cur_chacha = NULL;
	cur_blake2s = NULL;
	chacha_aead_vectors(dir, "wycheproof/chacha20_poly1305_test.json", 0,
			    "generic");
	chacha_aead_vectors(dir, "wycheproof/xchacha20_poly1305_test.json", 1,
			    "generic");
	blake2s_kat(dir, "generic");

	for (i = 0; chacha_core(i); i++) {
		const struct kcrypto_chacha_core *c = chacha_core(i);

		if (!kcrypto_core_usable(&kcrypto_chacha_core_table, i, cpu)) {
			printf("chacha %s: not usable here, skipped\n", c->impl.name);
			continue;
		}
		printf("chacha %s\n", c->impl.name);
		chacha_vs_generic(c);
		cur_chacha = c;
		chacha_aead_vectors(dir,
				    "wycheproof/chacha20_poly1305_test.json",
				    0, c->impl.name);
		chacha_aead_vectors(dir,
				    "wycheproof/xchacha20_poly1305_test.json",
				    1, c->impl.name);
		cur_chacha = NULL;
	}
	for (i = 0; blake2s_core(i); i++) {
		const struct kcrypto_blake2s_core *c = blake2s_core(i);

		if (!kcrypto_core_usable(&kcrypto_blake2s_core_table, i, cpu)) {
			printf("blake2s %s: not usable here, skipped\n",
			       c->impl.name);
			continue;
		}
		printf("blake2s %s\n", c->impl.name);
		blake2s_vs_generic(c);
		cur_blake2s = c;
		blake2s_kat(dir, c->impl.name);
		blake2s_hash_vs_generic(c);
		cur_blake2s = NULL;
	}
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed ? 1 : 0;
}
