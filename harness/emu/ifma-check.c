// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kcrypto-ifma-check: harness/emu/ifma-emu.h against the vpmadd52luq and
 * vpmadd52huq instructions, every form (128/256/512 bits, lo/hi, plain,
 * mask, maskz), on random and edge-value inputs.
 *
 *   kcrypto-ifma-check [N]	N inputs (default 100000) per form; compares
 *				with the instructions when the CPU has
 *				AVX512-IFMA and AVX512-VL ("native: yes"),
 *				else says "native: no"; first line "cpu: ..."
 *				the CPU's own AVX-512 bits; exit 1 on a
 *				mismatch
 *   kcrypto-ifma-check --dump N
 *				N inputs per form, one line each:
 *				"<form> <k> <a> <b> <c> <result>", vectors as
 *				comma-separated hex lanes, for an independent
 *				check (tests/test_emulation.py, Python integers)
 *
 * The emulation side is SIMDe's types without native aliases, so that the
 * native intrinsics of <immintrin.h> keep their names in the same file.
 */
#include <immintrin.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <simde/x86/avx512.h>

#include "ifma-emu.h"

#define NATIVE __attribute__((target("avx512f,avx512vl,avx512ifma")))

enum { LO, HI };
enum { PLAIN, MASK, MASKZ };

struct form {
	const char *name;
	int bits, hi, kind;
};

static const struct form forms[] = {
	{ "mm_madd52lo", 128, LO, PLAIN },
	{ "mm_madd52hi", 128, HI, PLAIN },
	{ "mm_mask_madd52lo", 128, LO, MASK },
	{ "mm_mask_madd52hi", 128, HI, MASK },
	{ "mm_maskz_madd52lo", 128, LO, MASKZ },
	{ "mm_maskz_madd52hi", 128, HI, MASKZ },
	{ "mm256_madd52lo", 256, LO, PLAIN },
	{ "mm256_madd52hi", 256, HI, PLAIN },
	{ "mm256_mask_madd52lo", 256, LO, MASK },
	{ "mm256_mask_madd52hi", 256, HI, MASK },
	{ "mm256_maskz_madd52lo", 256, LO, MASKZ },
	{ "mm256_maskz_madd52hi", 256, HI, MASKZ },
	{ "mm512_madd52lo", 512, LO, PLAIN },
	{ "mm512_madd52hi", 512, HI, PLAIN },
	{ "mm512_mask_madd52lo", 512, LO, MASK },
	{ "mm512_mask_madd52hi", 512, HI, MASK },
	{ "mm512_maskz_madd52lo", 512, LO, MASKZ },
	{ "mm512_maskz_madd52hi", 512, HI, MASKZ },
};
#define NFORMS (sizeof(forms) / sizeof(forms[0]))

/* Dispatch of one form over u64 arrays (8 lanes; 2 or 4 used below 512). */
#define CALL(PFX, VT, f, r, a, k, b, c)					\
	do {								\
		VT va, vb, vc, vr;					\
									\
		memcpy(&va, a, sizeof(va));				\
		memcpy(&vb, b, sizeof(vb));				\
		memcpy(&vc, c, sizeof(vc));				\
		if ((f)->kind == PLAIN)					\
			vr = (f)->hi ? PFX##_madd52hi_epu64(va, vb, vc)	\
				     : PFX##_madd52lo_epu64(va, vb, vc);\
		else if ((f)->kind == MASK)				\
			vr = (f)->hi ? PFX##_mask_madd52hi_epu64(va, k, vb, vc) \
				     : PFX##_mask_madd52lo_epu64(va, k, vb, vc);\
		else							\
			vr = (f)->hi ? PFX##_maskz_madd52hi_epu64(k, va, vb, vc) \
				     : PFX##_maskz_madd52lo_epu64(k, va, vb, vc);\
		memcpy(r, &vr, sizeof(vr));				\
	} while (0)

static void emulated(const struct form *f, uint64_t r[8], const uint64_t a[8],
		     uint8_t k, const uint64_t b[8], const uint64_t c[8])
{
	if (f->bits == 128)
		CALL(kcrypto_emu_mm, simde__m128i, f, r, a, k, b, c);
	else if (f->bits == 256)
		CALL(kcrypto_emu_mm256, simde__m256i, f, r, a, k, b, c);
	else
		CALL(kcrypto_emu_mm512, simde__m512i, f, r, a, k, b, c);
}

NATIVE static void native(const struct form *f, uint64_t r[8],
			  const uint64_t a[8], uint8_t k, const uint64_t b[8],
			  const uint64_t c[8])
{
	if (f->bits == 128)
		CALL(_mm, __m128i, f, r, a, k, b, c);
	else if (f->bits == 256)
		CALL(_mm256, __m256i, f, r, a, k, b, c);
	else
		CALL(_mm512, __m512i, f, r, a, k, b, c);
}

/* What this CPU has natively, printed so a test can see the host it ran on. */
static int have_native(void)
{
	int f, vl, bw, ifma;

	__builtin_cpu_init();
	f = __builtin_cpu_supports("avx512f");
	vl = __builtin_cpu_supports("avx512vl");
	bw = __builtin_cpu_supports("avx512bw");
	ifma = __builtin_cpu_supports("avx512ifma");
	printf("cpu: avx512f=%d avx512vl=%d avx512bw=%d avx512ifma=%d\n",
	       !!f, !!vl, !!bw, !!ifma);
	return f && vl && ifma;
}

/* xorshift64*: reproducible inputs, no libc rand() state. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Mostly random, often a value at an edge of the 52-bit fields or of u64. */
static uint64_t value(void)
{
	static const uint64_t edge[] = {
		0, 1, 2, (1ULL << 51), (1ULL << 52) - 1, 1ULL << 52,
		(1ULL << 52) + 1, (1ULL << 63), ~0ULL, ~0ULL - 1,
		0xfff0000000000000ULL, 0x000fffffffffffffULL | (1ULL << 60),
	};
	uint64_t r = rnd();

	switch (r & 7) {
	case 0:
		return edge[(r >> 8) % (sizeof(edge) / sizeof(edge[0]))];
	case 1:
		return rnd() & ((1ULL << 52) - 1);	/* a canonical limb */
	default:
		return rnd();
	}
}

static void print_vec(const uint64_t *v, int lanes)
{
	for (int i = 0; i < lanes; i++)
		printf("%s%" PRIx64, i ? "," : " ", v[i]);
}

int main(int argc, char **argv)
{
	int dump = argc > 1 && !strcmp(argv[1], "--dump");
	long n = argc > 1 + dump ? strtol(argv[1 + dump], NULL, 0) : 100000;
	int nat = !dump && have_native();
	long mismatches = 0;

	if (n <= 0) {
		fprintf(stderr, "usage: kcrypto-ifma-check [--dump] [N > 0]\n");
		return 2;
	}
	for (long it = 0; it < n; it++) {
		uint64_t a[8], b[8], c[8];
		uint8_t k = (uint8_t)rnd();

		for (int i = 0; i < 8; i++) {
			a[i] = value();
			b[i] = value();
			c[i] = value();
		}
		for (size_t fi = 0; fi < NFORMS; fi++) {
			const struct form *f = &forms[fi];
			int lanes = f->bits / 64;
			uint64_t e[8] = { 0 }, x[8] = { 0 };

			emulated(f, e, a, k, b, c);
			if (dump) {
				printf("%s %u", f->name, k);
				print_vec(a, lanes);
				print_vec(b, lanes);
				print_vec(c, lanes);
				print_vec(e, lanes);
				printf("\n");
				continue;
			}
			if (!nat)
				continue;
			native(f, x, a, k, b, c);
			if (!memcmp(e, x, lanes * sizeof(e[0])))
				continue;
			if (mismatches++ < 10) {
				printf("MISMATCH %s k=%#x a", f->name, k);
				print_vec(a, lanes);
				printf(" b");
				print_vec(b, lanes);
				printf(" c");
				print_vec(c, lanes);
				printf(" emulated");
				print_vec(e, lanes);
				printf(" native");
				print_vec(x, lanes);
				printf("\n");
			}
		}
	}
	if (dump)
		return 0;
	printf("native: %s\n", nat ? "yes" : "no");
	printf("kcrypto-ifma-check: %zu forms x %ld inputs: %s\n", NFORMS, n,
	       !nat ? "not compared (no AVX512-IFMA+VL on this CPU)" :
	       mismatches ? "MISMATCH" : "emulated == native");
	return mismatches ? 1 : 0;
}
