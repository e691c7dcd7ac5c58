// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 block function, AVX-512F: radix 2^26, eight blocks per step.
 *
 * The AVX2 core's method (poly1305-avx2.c) in zmm registers: a 130-bit
 * value is five 26-bit limbs in the low halves of 64-bit lanes, vpmuludq
 * (32 x 32 -> 64) forms the 25 partial products of a product, and 2^130 =
 * 5 (mod p) folds those at 2^130 and up back with the limbs of 5 P:
 *
 *   d_i = sum_{j <= i} h_j P_(i-j) + sum_{j > i} h_j 5 P_(5+i-j).
 *
 * Horner's rule is split eight ways: lane j accumulates blocks j, j + 8,
 * j + 16, ... as H = H r^8 + M, and at the end lane j is multiplied by
 * r^(8 - j) and the lanes are added.  The main loop takes two groups of
 * eight blocks per step, H = H r^16 + M_1 r^8 + M_2, with one carry (the
 * sums of ten partial products stay below 2^61).
 *
 * The state is canonical (radix 2^64) on entry and on return; r^1..r^4
 * come from the scalar code, r^5..r^8 and r^16 from the vector unit.
 * Whole groups of eight blocks go through the vector code; the blocks
 * before them (len mod 128 bytes, first, so that they overlap with the
 * powers) and short inputs through the scalar radix-2^64 loop.
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

#include "isa.h"
#include "poly1305-x86.h"

KCRYPTO_ISA_BEGIN("avx512f,bmi2")
#include <immintrin.h>

/*
 * The kernel's -ftrivial-auto-var-init=zero would give each array of
 * vectors below a zeroed stack slot, although they all live in registers.
 */
#ifndef __uninitialized
#define __uninitialized
#endif

/*
 * Under AddressSanitizer (KASAN in the kernel) the compiler keeps every
 * local whose address goes to a helper in stack memory, so the ones that
 * held powers of r are wiped too; otherwise they live in registers.
 */
#ifdef __SANITIZE_ADDRESS__
#define POLY1305_X86_ASAN
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POLY1305_X86_ASAN
#endif
#endif
#ifdef POLY1305_X86_ASAN
#define poly1305_wipe_local(x)	memzero_explicit(&(x), sizeof(x))
#else
#define poly1305_wipe_local(x)	((void)(x))
#endif

#define P26_M26		((1ULL << 26) - 1)

/*
 * Inputs with fewer bytes of whole 8-block groups go through the scalar
 * loop: the powers and the lane combination cost about what the scalar
 * loop takes for 384 bytes.  Measured in userspace (Zen 4), one call after
 * the other on one state: 384 bytes 102 ns here against 101 ns scalar,
 * 512 bytes 117 against 133.
 */
#define POLY1305_AVX512_MIN	512

/*
 * The multipliers, in memory that is wiped before returning.  A multiplier
 * P is k[0..3] = 5 P_1..5 P_4 and k[4..8] = P_0..P_4, so d_i takes h_j
 * times k[4 + i - j].  The loop broadcasts r^8 and r^16 from here, one
 * table entry per partial product, k[i][j] = k[4 + i - j]: 25 different
 * loads, each used once, so that no limb stays in a register across the
 * step (with nine entries, and generic vector additions, GCC kept the 18
 * broadcast limbs in registers and spilled partial products: a frame too
 * large for the kernel, and multiples of r on the stack).  Of the final
 * multiplier only P_0..P_4 are kept.
 */
struct poly1305_avx512_keys {
	__m512i kf[5];		/* final: r^8, r^4, r^7, r^3, r^6, r^2, r^5, r */
	u32 k8[5][5], k16[5][5];	/* r^8, r^16: one lane */
	u32 pl[4][5];		/* r^1..r^4 */
	u32 l[5];		/* scratch: one lane of r^8 or r^16 */
};

static __always_inline __m512i p26_set1(u64 x)
{
	return _mm512_set1_epi64((long long)x);
}

/* Five 26-bit limbs of a radix-2^64 value below 2^131 (h2 <= 7). */
static __always_inline void p26_split(u32 l[5], u64 h0, u64 h1, u64 h2)
{
	l[0] = h0 & P26_M26;
	l[1] = (h0 >> 26) & P26_M26;
	l[2] = ((h0 >> 52) | (h1 << 12)) & P26_M26;
	l[3] = (h1 >> 14) & P26_M26;
	l[4] = (h1 >> 40) | (h2 << 24);
}

/* The multiplier of the limbs x. */
static __always_inline void p26_setkey(__m512i k[9], const __m512i x[5])
{
	int i;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		k[4 + i] = x[i];
	KCRYPTO_UNROLL(4)
	for (i = 1; i < 5; i++)
		k[i - 1] = _mm512_add_epi64(x[i], _mm512_slli_epi64(x[i], 2));
}

/*
 * The table of a multiplier (k8 or k16) from lane 0 of its limbs x (each
 * below 2^32: vpmuludq reads only the low half of a 64-bit lane), which
 * go to memory first and are read back from there, so that building the
 * table needs no vector registers the compiler might spill.
 */
static __always_inline void p26_table(struct poly1305_avx512_keys *k,
				      u32 s[5][5], const __m512i x[5])
{
	int i, j;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		k->l[i] = (u32)_mm_cvtsi128_si32(_mm512_castsi512_si128(x[i]));
	barrier_data(k);
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++) {
		KCRYPTO_UNROLL(5)
		for (j = 0; j < 5; j++)
			s[i][j] = i >= j ? k->l[i - j] : 5 * k->l[5 + i - j];
	}
}

/*
 * a + b as a target builtin, not as GCC's generic vector addition: GCC
 * would move a chain of generic additions, each result used once, to the
 * last use of the sum (TER), while the products (builtins) stay where they
 * are, which keeps all the products of a step live at once and spills
 * them.  The masked form with all lanes is a plain vpaddq.
 */
static __always_inline __m512i p26_add(__m512i a, __m512i b)
{
	return _mm512_mask_add_epi64(a, 0xff, a, b);
}

/* d += h k (partial products, no carry) */
static __always_inline void p26_mac(__m512i d[5], const __m512i h[5],
				    const __m512i k[9])
{
	int i, j;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++) {
		KCRYPTO_UNROLL(5)
		for (j = 0; j < 5; j++)
			d[i] = p26_add(d[i], _mm512_mul_epu32(h[j], k[4 + i - j]));
	}
}

/* The same with a multiplier from the table of k8 or k16. */
static __always_inline void p26_macb(__m512i d[5], const __m512i h[5],
				     const u32 s[5][5])
{
	__m512i k;
	int i, j;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++) {
		KCRYPTO_UNROLL(5)
		for (j = 0; j < 5; j++) {
			k = _mm512_set1_epi32((int)s[i][j]);
			d[i] = p26_add(d[i], _mm512_mul_epu32(h[j], k));
		}
	}
}

/*
 * d = h P for the final multiplier, its limbs P_0..P_4 (per lane) read
 * from memory: the products at 2^130 and up are summed apart and then
 * taken 5 times, rather than taking the limbs of P 5 times (four more
 * vectors to keep in registers, or in a spill slot of the compiler).
 */
static __always_inline void p26_final(__m512i d[5], const __m512i h[5],
				      const __m512i p[5])
{
	__m512i lo, hi;
	int i, j;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++) {
		lo = _mm512_setzero_si512();
		hi = _mm512_setzero_si512();
		KCRYPTO_UNROLL(5)
		for (j = 0; j < 5; j++) {
			if (j <= i)
				lo = p26_add(lo, _mm512_mul_epu32(h[j], p[i - j]));
			else
				hi = p26_add(hi, _mm512_mul_epu32(h[j], p[5 + i - j]));
		}
		d[i] = p26_add(lo, p26_add(hi, _mm512_slli_epi64(hi, 2)));
	}
}

/*
 * h = d carried (limbs below 2^61) in two interleaved chains, 0->1 and
 * 3->4, 1->2 and 4->0 (times 5), 2->3 and 0->1, 3->4: h0, h2, h3 < 2^26,
 * h1 < 2^26 + 2^13, h4 < 2^26 + 2^10.
 */
static __always_inline void p26_carry(__m512i h[5], const __m512i d[5])
{
	const __m512i m = p26_set1(P26_M26);
	__m512i d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3], d4 = d[4];
	__m512i t0, t1;

	t0 = _mm512_srli_epi64(d0, 26);
	t1 = _mm512_srli_epi64(d3, 26);
	d0 = _mm512_and_si512(d0, m);
	d3 = _mm512_and_si512(d3, m);
	d1 = _mm512_add_epi64(d1, t0);
	d4 = _mm512_add_epi64(d4, t1);
	t0 = _mm512_srli_epi64(d1, 26);
	t1 = _mm512_srli_epi64(d4, 26);
	d1 = _mm512_and_si512(d1, m);
	d4 = _mm512_and_si512(d4, m);
	d2 = _mm512_add_epi64(d2, t0);
	d0 = _mm512_add_epi64(d0, _mm512_add_epi64(t1, _mm512_slli_epi64(t1, 2)));
	t0 = _mm512_srli_epi64(d2, 26);
	t1 = _mm512_srli_epi64(d0, 26);
	h[2] = _mm512_and_si512(d2, m);
	h[0] = _mm512_and_si512(d0, m);
	d3 = _mm512_add_epi64(d3, t0);
	h[1] = _mm512_add_epi64(d1, t1);
	t0 = _mm512_srli_epi64(d3, 26);
	h[3] = _mm512_and_si512(d3, m);
	h[4] = _mm512_add_epi64(d4, t0);
}

/*
 * d = the limbs of eight blocks.  unpack works within 128-bit lanes, so the
 * lanes hold blocks 0, 4, 1, 5, 2, 6, 3, 7 (hib: the 2^128 pad bit at 2^24
 * in limb 4).
 */
static __always_inline void p26_load(__m512i d[5], const u8 *src, __m512i hib)
{
	const __m512i m = p26_set1(P26_M26);
	__m512i a = _mm512_loadu_si512(src);
	__m512i b = _mm512_loadu_si512(src + 64);
	__m512i lo = _mm512_unpacklo_epi64(a, b);
	__m512i hi = _mm512_unpackhi_epi64(a, b);

	d[0] = _mm512_and_si512(lo, m);
	d[1] = _mm512_and_si512(_mm512_srli_epi64(lo, 26), m);
	d[2] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(lo, 52),
						_mm512_slli_epi64(hi, 12)),
				m);
	d[3] = _mm512_and_si512(_mm512_srli_epi64(hi, 14), m);
	d[4] = _mm512_or_si512(_mm512_srli_epi64(hi, 40), hib);
}

static __always_inline void p26_zero(__m512i d[5])
{
	int i;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		d[i] = _mm512_setzero_si512();
}

/* Zero the keys with 64-byte stores, which barrier_data() keeps. */
static __always_inline void poly1305_avx512_wipe(struct poly1305_avx512_keys *k)
{
	__m512i *p = (__m512i *)k;
	size_t i;

	KCRYPTO_UNROLL(10)
	for (i = 0; i < sizeof(*k) / sizeof(*p); i++)
		_mm512_store_si512(p + i, _mm512_setzero_si512());
	barrier_data(k);
}

/* Fill @k (see struct poly1305_avx512_keys) from r. */
static __always_inline void poly1305_avx512_keys(struct poly1305_avx512_keys *k,
						 u64 r0, u64 r1)
{
	__m512i a[5] __uninitialized, x[5] __uninitialized;
	__m512i d[5] __uninitialized, t[9] __uninitialized;
	u64 h0 = r0, h1 = r1, h2 = 0;
	int i;

	p26_split(k->pl[0], r0, r1, 0);
	KCRYPTO_UNROLL(3)
	for (i = 1; i < 4; i++) {
		poly1305_x86_mulr(&h0, &h1, &h2, r0, r1);
		p26_split(k->pl[i], h0, h1, h2);
		/* Stored now and read from there: no spill slot copies. */
		barrier_data(k);
	}

	/* a = r^4, r^4, r^3, r^3, r^2, r^2, r, r; x = r^4, 1, r^4, 1, ... */
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++) {
		a[i] = p26_set1(k->pl[0][i]);
		a[i] = _mm512_mask_set1_epi64(a[i], 0x3f, (long long)k->pl[1][i]);
		a[i] = _mm512_mask_set1_epi64(a[i], 0x0f, (long long)k->pl[2][i]);
		a[i] = _mm512_mask_set1_epi64(a[i], 0x03, (long long)k->pl[3][i]);
		x[i] = _mm512_mask_set1_epi64(p26_set1(i == 0), 0x55,
					      (long long)k->pl[3][i]);
	}
	p26_setkey(t, x);
	p26_zero(d);
	p26_mac(d, a, t);
	p26_carry(a, d);
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		k->kf[i] = a[i];
	/* Read back from there: a need not live on (in a spill slot). */
	barrier_data(k);

	/* r^8 (lane 0) in every lane, and its square */
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++) {
		x[i] = _mm512_load_si512(&k->kf[i]);
		x[i] = _mm512_broadcastq_epi64(_mm512_castsi512_si128(x[i]));
	}
	p26_setkey(t, x);
	p26_table(k, k->k8, x);
	p26_zero(d);
	p26_mac(d, x, t);
	p26_carry(x, d);
	p26_table(k, k->k16, x);
	barrier_data(k);

	poly1305_wipe_local(a);
	poly1305_wipe_local(x);
	poly1305_wipe_local(d);
	poly1305_wipe_local(t);
	poly1305_wipe_local(h0);
	poly1305_wipe_local(h1);
	poly1305_wipe_local(h2);
}

/* The blocks function for at least POLY1305_AVX512_MIN bytes. */
static noinline void poly1305_avx512_blocks(struct kcrypto_poly1305_state *st,
					    const u8 *src, size_t len,
					    u32 hibit)
{
	const __m512i hib = p26_set1((u64)hibit << 24);
	struct poly1305_avx512_keys keys __uninitialized, *kp = &keys;
	__m512i h[5] __uninitialized, m[5] __uninitialized;
	__m512i d[5] __uninitialized;
	size_t n = len & ~(size_t)127;
	u32 hl[5];
	u64 e[5];
	int i;

	/*
	 * The blocks before the last whole groups go through the scalar loop
	 * first: it overlaps with the computation of the powers.
	 */
	if (len & 127) {
		kcrypto_poly1305_blocks_bmi2(st, src, len & 127, hibit);
		src += len & 127;
	}

	poly1305_avx512_keys(kp, st->r[0], st->r[1]);

	/* The first group, with the incoming h added to block 0 (lane 0). */
	p26_split(hl, st->h[0], st->h[1], st->h[2]);
	p26_load(h, src, hib);
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		h[i] = _mm512_add_epi64(h[i],
					_mm512_maskz_set1_epi64(1, (long long)hl[i]));
	src += 128;
	n -= 128;

	/* An odd group: H = H r^8 + M. */
	if (n & 128) {
		p26_load(d, src, hib);
		p26_macb(d, h, kp->k8);
		p26_carry(h, d);
		src += 128;
		n -= 128;
	}

	/*
	 * Pairs of groups: H = H r^16 + M_1 r^8 + M_2.  The multipliers are
	 * broadcast from memory in every step (the pointer hidden from the
	 * compiler), so they never sit in a register the compiler might spill.
	 */
	while (n) {
		OPTIMIZER_HIDE_VAR(kp);
		p26_load(m, src, hib);
		p26_load(d, src + 128, hib);
		p26_macb(d, m, kp->k8);
		p26_macb(d, h, kp->k16);
		p26_carry(h, d);
		src += 256;
		n -= 256;
	}

	/*
	 * Lane j times its power, the limbs summed over the lanes (each below
	 * 2^57 in a lane, 2^60 summed).
	 */
	p26_final(d, h, kp->kf);
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		e[i] = (u64)_mm512_reduce_add_epi64(d[i]);

	/* A full carry round with the 2^130 fold, then one more. */
	KCRYPTO_UNROLL(4)
	for (i = 0; i < 4; i++) {
		e[i + 1] += e[i] >> 26;
		e[i] &= P26_M26;
	}
	e[0] += (e[4] >> 26) * 5;
	e[4] &= P26_M26;
	KCRYPTO_UNROLL(4)
	for (i = 0; i < 4; i++) {
		e[i + 1] += e[i] >> 26;
		e[i] &= P26_M26;
	}

	/* Back to radix 2^64; e4 <= 2^26 keeps h2 <= 4. */
	st->h[0] = e[0] | (e[1] << 26) | (e[2] << 52);
	st->h[1] = (e[2] >> 12) | (e[3] << 14) | (e[4] << 40);
	st->h[2] = e[4] >> 24;

	/* The powers of r are as secret as r. */
	poly1305_avx512_wipe(&keys);
	poly1305_wipe_local(h);
	poly1305_wipe_local(m);
	poly1305_wipe_local(d);
}

/**
 * kcrypto_poly1305_blocks_avx512() - absorb full blocks, AVX-512F
 * @st: canonical state, h2 <= 7 on entry and on return
 * @src: message blocks
 * @len: a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_avx512(struct kcrypto_poly1305_state *st,
				    const u8 *src, size_t len, u32 hibit)
{
	/*
	 * Short inputs: the scalar loop, without the frame of the vector code
	 * (64-byte aligned, six registers saved).
	 */
	if (len < POLY1305_AVX512_MIN) {
		poly1305_x86_blocks_scalar(st, src, len, hibit);
		return;
	}
	poly1305_avx512_blocks(st, src, len, hibit);
}

KCRYPTO_ISA_END()
