// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 block function, AVX-512 IFMA: radix 2^52, eight blocks per step.
 *
 * vpmadd52luq and vpmadd52huq multiply the low 52 bits of two 64-bit lanes
 * and add the low, or the high, 52 bits of the 104-bit product to a third
 * lane.  A value below 2^131 is kept as three limbs,
 *
 *   h = h0 + h1 2^52 + h2 2^104,	h0, h1 < 2^52, h2 < 2^27,
 *
 * one value per 64-bit lane, eight values per zmm register.
 *
 * Products by a fixed multiplier P (a power of r).  Modulo p = 2^130 - 5,
 *
 *   h P = h0 P + h1 (2^52 P) + h2 (2^104 P),
 *
 * so with the rows K_i = 2^(52 i) P mod p, each in the limb form above
 * (K_i2 < 2^27), the product is a sum of nine limb products h_i K_ij, the
 * low half of each at weight 2^(52 j) and the high half at 2^(52 (j + 1)):
 * four columns c0..c3, where c3 only gets the high halves of h_i K_i2,
 * each below 2^27 (h_i < 2^52, K_i2 < 2^27).  A row follows from the one
 * before by a shift of the limbs and the fold 2^130 = 5 (mod p), so only
 * P comes from a multiplication.
 *
 * Reduction of the columns (each below 2^60): the part at 2^130 and up is
 * top = (c2 >> 26) + c3 2^26, and 2^130 = 5 (mod p) folds it into c0;
 * then one carry pass c0 -> c1 -> c2 leaves h0, h1 < 2^52 and
 * h2 < 2^26 + 2^6, a valid input for the next product.  (vpmadd52*q
 * ignore the bits of a multiplicand above 52: every limb that is
 * multiplied is below 2^52.)
 *
 * Horner's rule is split eight ways: lane j accumulates blocks j, j + 8,
 * j + 16, ... as H = H r^8 + M, and at the end lane j is multiplied by
 * r^(8 - j) and the lanes are added.  The main loop takes two groups of
 * eight blocks per step, H = H r^16 + M_1 r^8 + M_2, with one reduction:
 * only H r^16 and the reduction are on the loop-carried chain.
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

KCRYPTO_ISA_BEGIN("avx512f,avx512ifma,bmi2")
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

#define P52_M52		((1ULL << 52) - 1)
#define P52_M26		((1ULL << 26) - 1)

/*
 * Inputs with fewer bytes of whole 8-block groups go through the scalar
 * loop: r^2..r^16, the rows and the lane combination cost about as much
 * as the scalar loop takes for 256 bytes.  Measured in userspace (Zen 4),
 * one call after the other on one state: 256 bytes 84 ns here against 69
 * ns scalar, 384 bytes 92 against 101, 512 bytes 94 against 133.
 */
#define POLY1305_IFMA_MIN	384

/*
 * The multipliers, in memory that is wiped before returning (the loop reads
 * r^8 and r^16 from here, broadcast, rather than from registers the
 * compiler might spill): the rows k[3 i + j] = limb j of K_i, and of the
 * final one (eight powers) only the limbs, its rows follow at the end.
 */
struct poly1305_ifma_keys {
	__m512i kf[3];		/* final: r^8, r^4, r^7, r^3, r^6, r^2, r^5, r */
	u64 k8[9], k16[9];	/* r^8, r^16: the rows of one lane */
	u64 pl[4][3];		/* r^1..r^4 */
};

static __always_inline __m512i p52_set1(u64 x)
{
	return _mm512_set1_epi64((long long)x);
}

/* Limbs of a radix-2^64 value below 2^131 (h2 <= 7). */
static __always_inline void p52_split(u64 l[3], u64 h0, u64 h1, u64 h2)
{
	l[0] = h0 & P52_M52;
	l[1] = ((h0 >> 52) | (h1 << 12)) & P52_M52;
	l[2] = (h1 >> 40) | (h2 << 24);
}

/*
 * o = 2^52 x mod p: the limbs move up one place, x1 bits 26 and up and x2
 * land at 2^130 and 2^156, which are 5 and 5 2^26 (mod p).  For x2 < 2^27:
 * t = 5 (x2 2^26 + (x1 >> 26)) < 2^56, and after the carry o2 <= 2^26.
 */
static __always_inline void p52_shift(__m512i o[3], const __m512i x[3])
{
	const __m512i m52 = p52_set1(P52_M52), m26 = p52_set1(P52_M26);
	__m512i t, u;

	t = _mm512_add_epi64(_mm512_slli_epi64(x[2], 26),
			     _mm512_srli_epi64(x[1], 26));
	t = _mm512_add_epi64(t, _mm512_slli_epi64(t, 2));
	u = _mm512_add_epi64(x[0], _mm512_srli_epi64(t, 52));
	o[0] = _mm512_and_si512(t, m52);
	o[1] = _mm512_and_si512(u, m52);
	o[2] = _mm512_add_epi64(_mm512_and_si512(x[1], m26),
				_mm512_srli_epi64(u, 52));
}

/* The three rows of the multiplier x (limbs as in the file comment). */
static __always_inline void p52_setkey(__m512i k[9], const __m512i x[3])
{
	k[0] = x[0];
	k[1] = x[1];
	k[2] = x[2];
	p52_shift(&k[3], &k[0]);
	p52_shift(&k[6], &k[3]);
}

/* The rows of a multiplier broadcast from one lane's (k8, k16). */
static __always_inline void p52_bcast(__m512i k[9], const u64 s[9])
{
	int i;

	KCRYPTO_UNROLL(9)
	for (i = 0; i < 9; i++)
		k[i] = p52_set1(s[i]);
}

/* Lane 0 of the rows k. */
static __always_inline void p52_lane0(u64 s[9], const __m512i k[9])
{
	int i;

	KCRYPTO_UNROLL(9)
	for (i = 0; i < 9; i++)
		s[i] = (u64)_mm_cvtsi128_si64(_mm512_castsi512_si128(k[i]));
}

/*
 * lo[j] += sum_i lo52(h_i K_ij), hi[j] += sum_i hi52(h_i K_ij): column j
 * is lo[j] + hi[j - 1].  With @msg, h is a message (h2 < 2^25) and K_22
 * <= 2^26, so hi52(h2 K_22) is zero and skipped.
 */
static __always_inline void p52_mac(__m512i lo[3], __m512i hi[3],
				    const __m512i h[3], const __m512i k[9],
				    bool msg)
{
	int i, j;

	KCRYPTO_UNROLL(3)
	for (i = 0; i < 3; i++) {
		KCRYPTO_UNROLL(3)
		for (j = 0; j < 3; j++) {
			lo[j] = _mm512_madd52lo_epu64(lo[j], h[i],
						      k[3 * i + j]);
			if (!msg || i < 2 || j < 2)
				hi[j] = _mm512_madd52hi_epu64(hi[j], h[i],
							      k[3 * i + j]);
		}
	}
}

/*
 * h = the columns lo[0], lo[1] + hi[0], lo[2] + hi[1], hi[2], reduced:
 * c0..c2 < 2^57 and c3 < 2^31 give top < 2^58, c0 + 5 top < 2^61, and
 * h0, h1 < 2^52, h2 < 2^26 + 2^6 after the carry.
 */
static __always_inline void p52_reduce(__m512i h[3], const __m512i lo[3],
				       const __m512i hi[3])
{
	const __m512i m52 = p52_set1(P52_M52), m26 = p52_set1(P52_M26);
	__m512i c0 = lo[0];
	__m512i c1 = _mm512_add_epi64(lo[1], hi[0]);
	__m512i c2 = _mm512_add_epi64(lo[2], hi[1]);
	__m512i top;

	top = _mm512_add_epi64(_mm512_srli_epi64(c2, 26),
			       _mm512_slli_epi64(hi[2], 26));
	c2 = _mm512_and_si512(c2, m26);
	c0 = _mm512_add_epi64(c0, _mm512_add_epi64(top,
						   _mm512_slli_epi64(top, 2)));
	c1 = _mm512_add_epi64(c1, _mm512_srli_epi64(c0, 52));
	h[0] = _mm512_and_si512(c0, m52);
	h[2] = _mm512_add_epi64(c2, _mm512_srli_epi64(c1, 52));
	h[1] = _mm512_and_si512(c1, m52);
}

/*
 * The limbs of eight blocks.  unpack works within 128-bit lanes, so the
 * lanes hold blocks 0, 4, 1, 5, 2, 6, 3, 7.  m2 < 2^25 (hib: the 2^128
 * pad bit at 2^24 in limb 2).
 */
static __always_inline void p52_load(__m512i m[3], const u8 *src,
				     __m512i hib)
{
	const __m512i m52 = p52_set1(P52_M52);
	__m512i a = _mm512_loadu_si512(src);
	__m512i b = _mm512_loadu_si512(src + 64);
	__m512i lo = _mm512_unpacklo_epi64(a, b);
	__m512i hi = _mm512_unpackhi_epi64(a, b);

	m[0] = _mm512_and_si512(lo, m52);
	m[1] = _mm512_and_si512(_mm512_or_si512(_mm512_srli_epi64(lo, 52),
						_mm512_slli_epi64(hi, 12)),
				m52);
	m[2] = _mm512_or_si512(_mm512_srli_epi64(hi, 40), hib);
}

static __always_inline void p52_zero(__m512i x[3])
{
	x[0] = _mm512_setzero_si512();
	x[1] = _mm512_setzero_si512();
	x[2] = _mm512_setzero_si512();
}

/* Zero the keys with 64-byte stores, which barrier_data() keeps. */
static __always_inline void poly1305_ifma_wipe(struct poly1305_ifma_keys *k)
{
	__m512i *p = (__m512i *)k;
	size_t i;

	KCRYPTO_UNROLL(7)
	for (i = 0; i < sizeof(*k) / sizeof(*p); i++)
		_mm512_store_si512(p + i, _mm512_setzero_si512());
	barrier_data(k);
}

/* Fill @k (see struct poly1305_ifma_keys) from r. */
static __always_inline void poly1305_ifma_keys(struct poly1305_ifma_keys *k,
					       u64 r0, u64 r1)
{
	__m512i a[3] __uninitialized, x[3] __uninitialized;
	__m512i lo[3] __uninitialized, hi[3] __uninitialized;
	__m512i t[9] __uninitialized;
	u64 h0 = r0, h1 = r1, h2 = 0;
	int i;

	p52_split(k->pl[0], r0, r1, 0);
	KCRYPTO_UNROLL(3)
	for (i = 1; i < 4; i++) {
		poly1305_x86_mulr(&h0, &h1, &h2, r0, r1);
		p52_split(k->pl[i], h0, h1, h2);
		/* Stored now and read from there: no spill slot copies. */
		barrier_data(k);
	}

	/* a = r^4, r^4, r^3, r^3, r^2, r^2, r, r; x = r^4, 1, r^4, 1, ... */
	KCRYPTO_UNROLL(3)
	for (i = 0; i < 3; i++) {
		a[i] = p52_set1(k->pl[0][i]);
		a[i] = _mm512_mask_set1_epi64(a[i], 0x3f, (long long)k->pl[1][i]);
		a[i] = _mm512_mask_set1_epi64(a[i], 0x0f, (long long)k->pl[2][i]);
		a[i] = _mm512_mask_set1_epi64(a[i], 0x03, (long long)k->pl[3][i]);
		x[i] = _mm512_mask_set1_epi64(p52_set1(i == 0), 0x55,
					      (long long)k->pl[3][i]);
	}
	p52_setkey(t, x);
	p52_zero(lo);
	p52_zero(hi);
	p52_mac(lo, hi, a, t, false);
	p52_reduce(a, lo, hi);
	KCRYPTO_UNROLL(3)
	for (i = 0; i < 3; i++)
		k->kf[i] = a[i];
	/* Read back from there: a need not live on (in a spill slot). */
	barrier_data(k);

	/* r^8 (lane 0) in every lane, and its square */
	KCRYPTO_UNROLL(3)
	for (i = 0; i < 3; i++) {
		x[i] = _mm512_load_si512(&k->kf[i]);
		x[i] = _mm512_broadcastq_epi64(_mm512_castsi512_si128(x[i]));
	}
	p52_setkey(t, x);
	p52_lane0(k->k8, t);
	p52_zero(lo);
	p52_zero(hi);
	p52_mac(lo, hi, x, t, false);
	p52_reduce(x, lo, hi);
	p52_setkey(t, x);
	p52_lane0(k->k16, t);
	barrier_data(k);

	poly1305_wipe_local(a);
	poly1305_wipe_local(x);
	poly1305_wipe_local(lo);
	poly1305_wipe_local(hi);
	poly1305_wipe_local(t);
	poly1305_wipe_local(h0);
	poly1305_wipe_local(h1);
	poly1305_wipe_local(h2);
}

/* The blocks function for at least POLY1305_IFMA_MIN bytes. */
static noinline void poly1305_ifma_blocks(struct kcrypto_poly1305_state *st,
					  const u8 *src, size_t len, u32 hibit)
{
	const __m512i hib = p52_set1((u64)hibit << 24);
	struct poly1305_ifma_keys keys __uninitialized, *kp = &keys;
	__m512i h[3] __uninitialized, m[3] __uninitialized;
	__m512i lo[3] __uninitialized, hi[3] __uninitialized;
	__m512i k[9] __uninitialized;
	size_t n = len & ~(size_t)127;
	u64 hl[3], c0, c1, c2, c3, top;
	int i;

	/*
	 * The blocks before the last whole groups go through the scalar loop
	 * first: it overlaps with the computation of the powers.
	 */
	if (len & 127) {
		kcrypto_poly1305_blocks_bmi2(st, src, len & 127, hibit);
		src += len & 127;
	}

	poly1305_ifma_keys(kp, st->r[0], st->r[1]);

	/* The first group, with the incoming h added to block 0 (lane 0). */
	p52_split(hl, st->h[0], st->h[1], st->h[2]);
	p52_load(lo, src, hib);
	KCRYPTO_UNROLL(3)
	for (i = 0; i < 3; i++) {
		lo[i] = _mm512_add_epi64(lo[i],
					 _mm512_maskz_set1_epi64(1, (long long)hl[i]));
		hi[i] = _mm512_setzero_si512();
	}
	p52_reduce(h, lo, hi);
	src += 128;
	n -= 128;

	/* An odd group: H = H r^8 + M. */
	if (n & 128) {
		p52_bcast(k, kp->k8);
		p52_load(lo, src, hib);
		p52_zero(hi);
		p52_mac(lo, hi, h, k, false);
		p52_reduce(h, lo, hi);
		src += 128;
		n -= 128;
	}

	/*
	 * Pairs of groups: H = H r^16 + M_1 r^8 + M_2.  The multipliers are
	 * broadcast from memory in every step (the pointer hidden from the
	 * compiler), so they never sit in a spill slot of the compiler.
	 */
	while (n) {
		OPTIMIZER_HIDE_VAR(kp);
		p52_load(m, src, hib);
		p52_load(lo, src + 128, hib);
		p52_zero(hi);
		p52_bcast(k, kp->k8);
		p52_mac(lo, hi, m, k, true);
		p52_bcast(k, kp->k16);
		p52_mac(lo, hi, h, k, false);
		p52_reduce(h, lo, hi);
		src += 256;
		n -= 256;
	}

	/*
	 * Lane j times its power, the columns summed over the lanes: each
	 * column of a lane is below 6 2^52 (c3: 3 2^27), so the sums stay
	 * below 2^59 (2^30).
	 */
	p52_zero(lo);
	p52_zero(hi);
	p52_setkey(k, kp->kf);
	p52_mac(lo, hi, h, k, false);
	c0 = (u64)_mm512_reduce_add_epi64(lo[0]);
	c1 = (u64)_mm512_reduce_add_epi64(_mm512_add_epi64(lo[1], hi[0]));
	c2 = (u64)_mm512_reduce_add_epi64(_mm512_add_epi64(lo[2], hi[1]));
	c3 = (u64)_mm512_reduce_add_epi64(hi[2]);

	/* Carry, fold 2^130 = 5 (top < 2^59), carry again: c2 <= 2^26. */
	c1 += c0 >> 52;
	c0 &= P52_M52;
	c2 += c1 >> 52;
	c1 &= P52_M52;
	top = (c2 >> 26) + (c3 << 26);
	c2 &= P52_M26;
	c0 += top * 5;
	c1 += c0 >> 52;
	c0 &= P52_M52;
	c2 += c1 >> 52;
	c1 &= P52_M52;
	st->h[0] = c0 | (c1 << 52);
	st->h[1] = (c1 >> 12) | (c2 << 40);
	st->h[2] = c2 >> 24;

	/* The powers of r are as secret as r. */
	poly1305_ifma_wipe(&keys);
	poly1305_wipe_local(h);
	poly1305_wipe_local(m);
	poly1305_wipe_local(lo);
	poly1305_wipe_local(hi);
	poly1305_wipe_local(k);
}

/**
 * kcrypto_poly1305_blocks_avx512ifma() - absorb full blocks, AVX-512 IFMA
 * @st: canonical state, h2 <= 7 on entry and on return
 * @src: message blocks
 * @len: a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_avx512ifma(struct kcrypto_poly1305_state *st,
					const u8 *src, size_t len, u32 hibit)
{
	/*
	 * Short inputs: the scalar loop, without the frame of the vector code
	 * (64-byte aligned, six registers saved).
	 */
	if (len < POLY1305_IFMA_MIN) {
		poly1305_x86_blocks_scalar(st, src, len, hibit);
		return;
	}
	poly1305_ifma_blocks(st, src, len, hibit);
}

KCRYPTO_ISA_END()
