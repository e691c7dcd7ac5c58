// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Poly1305 block function, AVX2: radix 2^26, four blocks per step.
 *
 * Horner's rule h = ((h + m1) r + m2) r ... is split four ways: lane j of
 * a ymm register accumulates blocks j, j + 4, j + 8, ... as
 *
 *   H_j = (H_j r^4 + m_{j+4}) r^4 + ...
 *
 * and at the end lane j is multiplied by r^(4 - j) and the lanes are added,
 * which gives the same polynomial in r.  A 130-bit value is five 26-bit
 * limbs in the low halves of 64-bit lanes, so vpmuludq (32 x 32 -> 64)
 * forms the 25 partial products; 2^130 = 5 (mod p) folds the products
 * above 2^130 back with the precomputed 5 r_i.
 *
 * The main loop takes two groups (eight blocks) per step and multiplies
 * the older group by r^8 and the newer by r^4 before one carry:
 *
 *   H = H r^8 + M_1 r^4 + M_2
 *
 * which is two of the steps above with the carry between them dropped
 * (the sums of ten partial products stay below 2^61).  Only H r^8 is on
 * the loop-carried dependency chain; M_1 r^4 overlaps with it.
 *
 * The state is canonical (radix 2^64) on entry and on return; the powers
 * r^1..r^4 are computed per call (scalar), r^8 in the vector unit, so
 * short inputs stay with the scalar code.  Whole groups of four blocks go
 * through the vector loop, the rest through the scalar radix-2^64 code.
 */
#include <kcrypto/env.h>
#include <kcrypto/poly1305.h>

#include "isa.h"
#include "poly1305-x86.h"

KCRYPTO_ISA_BEGIN("avx2,bmi2")

/*
 * GCC vector extensions and inline asm rather than <immintrin.h>, which
 * the kernel's -nostdinc build cannot include.
 */
typedef u64 v4u __attribute__((__vector_size__(32)));
typedef u64 v4u_ua __attribute__((__vector_size__(32))) __aligned(1);

#define M26	0x3ffffffULL

/*
 * Shorter inputs go through the scalar code: measured (userspace, Zen 3)
 * the asm scalar loop is faster up to about 320 bytes, the cost of
 * r^2..r^8 and of the lane combination.
 */
#define POLY1305_AVX2_MIN	384

/* Five 26-bit limbs of four lanes. */
struct poly1305_avx2_v5 {
	v4u l[5];
};

/*
 * The power each lane steps by: k[0..3] = 5 r1..5 r4, k[4..8] = r0..r4,
 * so the partial product h_j r_{i-j} (or h_j 5 r_{5+i-j} for i < j, the
 * part at 2^130 and up) of limb i uses k[4 + i - j].  Kept in memory:
 * vpmuludq takes it as its memory operand.
 */
struct poly1305_avx2_key {
	v4u k[9];
};

static __always_inline v4u v4_set1(u64 x)
{
	return (v4u) { x, x, x, x };
}

/* Split a radix-2^64 value (h2 <= 7) into five 26-bit limbs. */
static __always_inline void poly1305_avx2_split(u32 l[5], u64 h0, u64 h1,
						u64 h2)
{
	l[0] = h0 & M26;
	l[1] = (h0 >> 26) & M26;
	l[2] = ((h0 >> 52) | (h1 << 12)) & M26;
	l[3] = (h1 >> 14) & M26;
	l[4] = (h1 >> 40) | (h2 << 24);
}

/*
 * Four blocks as two vectors of 64-bit words: lo has their low halves, hi
 * their high halves.  unpack works within 128-bit halves, so the lanes
 * hold blocks 0, 2, 1, 3 in that order.
 */
static __always_inline void poly1305_avx2_load(v4u *lo, v4u *hi,
					       const u8 *src)
{
	v4u a = *(const v4u_ua *)src;
	v4u b = *(const v4u_ua *)(src + 32);

	*lo = __builtin_shufflevector(a, b, 0, 4, 2, 6);
	*hi = __builtin_shufflevector(a, b, 1, 5, 3, 7);
}

/* Limb j of the blocks in lo/hi (hib: the 2^128 pad bit in limb 4). */
static __always_inline v4u poly1305_avx2_limb(v4u lo, v4u hi, int j,
					      v4u mask, v4u hib)
{
	switch (j) {
	case 0:
		return lo & mask;
	case 1:
		return (lo >> 26) & mask;
	case 2:
		return ((lo >> 52) | (hi << 12)) & mask;
	case 3:
		return (hi >> 14) & mask;
	default:
		return (hi >> 40) | hib;
	}
}

/* h += four blocks split into 26-bit limbs */
static __always_inline void poly1305_avx2_addm(struct poly1305_avx2_v5 *h,
					       const u8 *src, v4u mask, v4u hib)
{
	v4u lo, hi;
	int j;

	poly1305_avx2_load(&lo, &hi, src);
	KCRYPTO_UNROLL(5)
	for (j = 0; j < 5; j++)
		h->l[j] += poly1305_avx2_limb(lo, hi, j, mask, hib);
}

/*
 * The pair step H = H r^8 + M_1 r^4 + M_2 as a loop in asm: sixteen ymm
 * registers hold H, the five sums, the mask, the pad bit and four
 * temporaries exactly, and the powers stay in memory as the operands of
 * vpmuludq.  (Compiled from C the same step spilled most of its
 * temporaries.)  Row j of a product multiplies limb j by k[4 + i - j]
 * for sum i, at byte offset 32 (4 + i - j) in the key.
 */
#define P1305_MUL(k, off, x, d)						\
	"vpmuludq " #off "(%[" #k "]), %[" #x "], %[" #d "]\n\t"
#define P1305_MAC(k, off, x, d)						\
	"vpmuludq " #off "(%[" #k "]), %[" #x "], %[t0]\n\t"		\
	"vpaddq %[t0], %[" #d "], %[" #d "]\n\t"
#define P1305_ROW0(k, x)						\
	"" P1305_MUL(k, 128, x, d0) P1305_MUL(k, 160, x, d1)		\
	P1305_MUL(k, 192, x, d2) P1305_MUL(k, 224, x, d3)		\
	P1305_MUL(k, 256, x, d4)
#define P1305_ROW(k, x, o0, o1, o2, o3, o4)				\
	"" P1305_MAC(k, o0, x, d0) P1305_MAC(k, o1, x, d1)			\
	P1305_MAC(k, o2, x, d2) P1305_MAC(k, o3, x, d3)			\
	P1305_MAC(k, o4, x, d4)
#define P1305_ROWS(k)							\
	"" P1305_ROW(k, h1, 96, 128, 160, 192, 224)			\
	P1305_ROW(k, h2, 64, 96, 128, 160, 192)				\
	P1305_ROW(k, h3, 32, 64, 96, 128, 160)				\
	P1305_ROW(k, h4, 0, 32, 64, 96, 128)
/* lo, hi = the low and high words of the four blocks at off(src) */
#define P1305_LOAD(off, off32)						\
	"vmovdqu " #off "(%[src]), %[t0]\n\t"				\
	"vpunpcklqdq " #off32 "(%[src]), %[t0], %[lo]\n\t"		\
	"vpunpckhqdq " #off32 "(%[src]), %[t0], %[hi]\n\t"

/* d += the four blocks at off(src), split into limbs */
#define P1305_ADDM(off, off32)						\
	P1305_LOAD(off, off32)						\
	"vpand %[mask], %[lo], %[t0]\n\t"				\
	"vpaddq %[t0], %[d0], %[d0]\n\t"				\
	"vpsrlq $26, %[lo], %[t0]\n\t"					\
	"vpand %[mask], %[t0], %[t0]\n\t"				\
	"vpaddq %[t0], %[d1], %[d1]\n\t"				\
	"vpsrlq $52, %[lo], %[t0]\n\t"					\
	"vpsllq $12, %[hi], %[t1]\n\t"					\
	"vpor %[t1], %[t0], %[t0]\n\t"					\
	"vpand %[mask], %[t0], %[t0]\n\t"				\
	"vpaddq %[t0], %[d2], %[d2]\n\t"				\
	"vpsrlq $14, %[hi], %[t0]\n\t"					\
	"vpand %[mask], %[t0], %[t0]\n\t"				\
	"vpaddq %[t0], %[d3], %[d3]\n\t"				\
	"vpsrlq $40, %[hi], %[t0]\n\t"					\
	"vpor %[hib], %[t0], %[t0]\n\t"					\
	"vpaddq %[t0], %[d4], %[d4]\n\t"
/*
 * H = d carried: d (limbs below 2^61) into 26-bit limbs (h1 and h4 may
 * keep a few extra bits), in two interleaved chains to halve the latency:
 * 0->1 and 3->4, 1->2 and 4->0 (times 5), 2->3 and 0->1, 3->4.
 */
#define P1305_CARRY							\
	"vpsrlq $26, %[d0], %[t0]\n\t"					\
	"vpsrlq $26, %[d3], %[t1]\n\t"					\
	"vpand %[mask], %[d0], %[d0]\n\t"				\
	"vpand %[mask], %[d3], %[d3]\n\t"				\
	"vpaddq %[t0], %[d1], %[d1]\n\t"				\
	"vpaddq %[t1], %[d4], %[d4]\n\t"				\
	"vpsrlq $26, %[d1], %[t0]\n\t"					\
	"vpsrlq $26, %[d4], %[t1]\n\t"					\
	"vpand %[mask], %[d1], %[h1]\n\t"				\
	"vpand %[mask], %[d4], %[h4]\n\t"				\
	"vpaddq %[t0], %[d2], %[d2]\n\t"				\
	"vpsllq $2, %[t1], %[lo]\n\t"					\
	"vpaddq %[t1], %[d0], %[d0]\n\t"				\
	"vpaddq %[lo], %[d0], %[d0]\n\t"				\
	"vpsrlq $26, %[d2], %[t0]\n\t"					\
	"vpsrlq $26, %[d0], %[t1]\n\t"					\
	"vpand %[mask], %[d2], %[h2]\n\t"				\
	"vpand %[mask], %[d0], %[h0]\n\t"				\
	"vpaddq %[t0], %[d3], %[d3]\n\t"				\
	"vpaddq %[t1], %[h1], %[h1]\n\t"				\
	"vpsrlq $26, %[d3], %[t0]\n\t"					\
	"vpand %[mask], %[d3], %[h3]\n\t"				\
	"vpaddq %[t0], %[h4], %[h4]\n\t"

/*
 * H = H r^4 + M for the first group when @n / 64 is odd, then
 * H = H r^8 + M_1 r^4 + M_2 for each pair of groups; @n > 0.
 */
static __always_inline void
poly1305_avx2_steps(struct poly1305_avx2_v5 *h, const u8 *src, size_t n,
		    const struct poly1305_avx2_key *k4,
		    const struct poly1305_avx2_key *k8, v4u mask, v4u hib)
{
	v4u d0, d1, d2, d3, d4, t0, t1, lo, hi;

	asm volatile("test $64, %[n]\n\t"
		"jz 1f\n\t"
		P1305_ROW0(k4, h0)
		P1305_ROWS(k4)
		P1305_ADDM(0, 32)
		P1305_CARRY
		"add $64, %[src]\n\t"
		"sub $64, %[n]\n\t"
		"jz 2f\n\t"
		"1:\n\t"
		/* d = H r^8 */
		P1305_ROW0(k8, h0)
		P1305_ROWS(k8)
		/* d += M_1 r^4, its limbs split into h0..h4 */
		P1305_LOAD(0, 32)
		"vpand %[mask], %[lo], %[h0]\n\t"
		"vpsrlq $26, %[lo], %[h1]\n\t"
		"vpand %[mask], %[h1], %[h1]\n\t"
		"vpsrlq $52, %[lo], %[h2]\n\t"
		"vpsllq $12, %[hi], %[t1]\n\t"
		"vpor %[t1], %[h2], %[h2]\n\t"
		"vpand %[mask], %[h2], %[h2]\n\t"
		"vpsrlq $14, %[hi], %[h3]\n\t"
		"vpand %[mask], %[h3], %[h3]\n\t"
		"vpsrlq $40, %[hi], %[h4]\n\t"
		"vpor %[hib], %[h4], %[h4]\n\t"
		P1305_ROW(k4, h0, 128, 160, 192, 224, 256)
		P1305_ROWS(k4)
		P1305_ADDM(64, 96)
		P1305_CARRY
		"add $128, %[src]\n\t"
		"sub $128, %[n]\n\t"
		"jnz 1b\n\t"
		"2:"
		: [h0] "+x" (h->l[0]), [h1] "+x" (h->l[1]),
		  [h2] "+x" (h->l[2]), [h3] "+x" (h->l[3]),
		  [h4] "+x" (h->l[4]),
		  [d0] "=&x" (d0), [d1] "=&x" (d1), [d2] "=&x" (d2),
		  [d3] "=&x" (d3), [d4] "=&x" (d4), [t0] "=&x" (t0),
		  [t1] "=&x" (t1), [lo] "=&x" (lo), [hi] "=&x" (hi),
		  [src] "+r" (src), [n] "+r" (n)
		: [k4] "r" (k4), [k8] "r" (k8), [mask] "x" (mask),
		  [hib] "x" (hib), "m" (*k4), "m" (*k8)
		: "cc", "memory");
}

/* d = h k, unreduced (the final combination of the lanes) */
static __always_inline void
poly1305_avx2_mul_asm(struct poly1305_avx2_v5 *d,
		      const struct poly1305_avx2_v5 *h,
		      const struct poly1305_avx2_key *k)
{
	v4u t0;

	asm(P1305_ROW0(k, h0)
	    P1305_ROWS(k)
	    : [d0] "=&x" (d->l[0]), [d1] "=&x" (d->l[1]),
	      [d2] "=&x" (d->l[2]), [d3] "=&x" (d->l[3]),
	      [d4] "=&x" (d->l[4]), [t0] "=&x" (t0)
	    : [h0] "x" (h->l[0]), [h1] "x" (h->l[1]), [h2] "x" (h->l[2]),
	      [h3] "x" (h->l[3]), [h4] "x" (h->l[4]), [k] "r" (k),
	      "m" (*k));
}

/* h = h k, carried (r^8 from r^4) */
static __always_inline void
poly1305_avx2_mulc_asm(struct poly1305_avx2_v5 *h,
		       const struct poly1305_avx2_key *k, v4u mask)
{
	v4u d0, d1, d2, d3, d4, t0, t1, lo;

	asm(P1305_ROW0(k, h0)
	    P1305_ROWS(k)
	    P1305_CARRY
	    : [h0] "+x" (h->l[0]), [h1] "+x" (h->l[1]),
	      [h2] "+x" (h->l[2]), [h3] "+x" (h->l[3]),
	      [h4] "+x" (h->l[4]),
	      [d0] "=&x" (d0), [d1] "=&x" (d1), [d2] "=&x" (d2),
	      [d3] "=&x" (d3), [d4] "=&x" (d4), [t0] "=&x" (t0),
	      [t1] "=&x" (t1), [lo] "=&x" (lo)
	    : [k] "r" (k), [mask] "x" (mask), "m" (*k));
}

/* Fill k from the limbs of one power per lane (r_i, then s_i = 5 r_i). */
static __always_inline void poly1305_avx2_setkey(struct poly1305_avx2_key *k,
						 const struct poly1305_avx2_v5 *p)
{
	int i;

	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		k->k[4 + i] = p->l[i];
	KCRYPTO_UNROLL(5)
	for (i = 1; i < 5; i++)
		k->k[i - 1] = p->l[i] + (p->l[i] << 2);
}

/*
 * Wipe a key table with 32-byte stores: memzero_explicit() of a few
 * hundred bytes (rep stos) cost about a third of a 256-byte call.  The
 * loop is unrolled, so it is not turned back into memset(), and
 * barrier_data() keeps the stores.
 */
static __always_inline void poly1305_avx2_wipe(struct poly1305_avx2_key *k)
{
	int i;

	KCRYPTO_UNROLL(9)
	for (i = 0; i < 9; i++)
		k->k[i] = (v4u) { 0 };
	barrier_data(k);
}

static __always_inline u64 poly1305_avx2_hsum(v4u d)
{
	return d[0] + d[1] + d[2] + d[3];
}

/**
 * kcrypto_poly1305_blocks_avx2() - absorb full blocks, AVX2
 * @st: canonical state, h2 <= 7 on entry and on return
 * @src: message blocks
 * @len: a multiple of KCRYPTO_POLY1305_BLOCK_SIZE
 * @hibit: 1 for message blocks, 0 for the final padded block
 */
void kcrypto_poly1305_blocks_avx2(struct kcrypto_poly1305_state *st,
				  const u8 *src, size_t len, u32 hibit)
{
	const u64 r0 = st->r[0], r1 = st->r[1];
	const v4u mask = v4_set1(M26);
	const v4u hib = v4_set1((u64)hibit << 24);
	struct poly1305_avx2_v5 h, d;
	struct poly1305_avx2_key k4, k8;
	u32 pl[4][5], hl[5];	/* r^1..r^4, and h, in 26-bit limbs */
	u64 pw[3], e[5];
	size_t n = len & ~(size_t)63;
	int i;

	/* Computing r^2..r^8 only pays off for a few groups of blocks. */
	if (n < POLY1305_AVX2_MIN) {
		poly1305_x86_blocks_scalar(st, src, len, hibit);
		return;
	}

	/* r^1..r^4, each below 2^131 as the split needs. */
	pw[0] = r0;
	pw[1] = r1;
	pw[2] = 0;
	poly1305_avx2_split(pl[0], r0, r1, 0);
	KCRYPTO_UNROLL(4)
	for (i = 1; i < 4; i++) {
		poly1305_x86_mulr(&pw[0], &pw[1], &pw[2], r0, r1);
		poly1305_avx2_split(pl[i], pw[0], pw[1], pw[2]);
	}
	poly1305_avx2_split(hl, st->h[0], st->h[1], st->h[2]);

	/* Every lane steps by r^4 (single groups) or r^8 (pairs). */
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		h.l[i] = v4_set1(pl[3][i]);
	poly1305_avx2_setkey(&k4, &h);
	poly1305_avx2_mulc_asm(&h, &k4, mask);
	poly1305_avx2_setkey(&k8, &h);

	/* The incoming h joins block 0 (lane 0). */
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		h.l[i] = (v4u) { hl[i] };
	poly1305_avx2_addm(&h, src, mask, hib);
	src += 64;
	n -= 64;

	if (n) {
		poly1305_avx2_steps(&h, src, n, &k4, &k8, mask, hib);
		src += n;
	}

	/* Lanes hold blocks 0, 2, 1, 3 of the last group: r^4, r^2, r^3, r. */
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		d.l[i] = (v4u) { pl[3][i], pl[1][i], pl[2][i], pl[0][i] };
	poly1305_avx2_setkey(&k4, &d);
	poly1305_avx2_mul_asm(&d, &h, &k4);

	/* Sum the lanes (each below 2^60, so the sum fits) and carry. */
	KCRYPTO_UNROLL(5)
	for (i = 0; i < 5; i++)
		e[i] = poly1305_avx2_hsum(d.l[i]);

	/* A full carry round with the 2^130 fold, then one more. */
	KCRYPTO_UNROLL(4)
	for (i = 0; i < 4; i++) {
		e[i + 1] += e[i] >> 26;
		e[i] &= M26;
	}
	e[0] += (e[4] >> 26) * 5;
	e[4] &= M26;
	KCRYPTO_UNROLL(4)
	for (i = 0; i < 4; i++) {
		e[i + 1] += e[i] >> 26;
		e[i] &= M26;
	}

	/* Back to radix 2^64; e4 < 2^27 keeps h2 <= 7. */
	st->h[0] = e[0] | (e[1] << 26) | (e[2] << 52);
	st->h[1] = (e[2] >> 12) | (e[3] << 14) | (e[4] << 40);
	st->h[2] = e[4] >> 24;

	/* The powers of r are as secret as r (@pw last held r^4). */
	memzero_explicit(pl, sizeof(pl));
	memzero_explicit(pw, sizeof(pw));
	poly1305_avx2_wipe(&k4);
	poly1305_avx2_wipe(&k8);

	if (len & 63)
		kcrypto_poly1305_blocks_bmi2(st, src, len & 63, hibit);
}

KCRYPTO_ISA_END()
