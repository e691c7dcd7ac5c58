// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * X25519 (RFC 7748) with four 64-bit limbs, BMI2 mulx and ADX adcx/adox.
 *
 * A field element is a 256-bit integer f = f0 + f1 2^64 + f2 2^128 +
 * f3 2^192 taken modulo p = 2^255 - 19.  Between operations it is only
 * kept below 2^256 (lazy reduction): since 2^256 = 38 (mod p), a 512-bit
 * product folds as lo + 38 hi, and a carry or borrow out of bit 256 is
 * worth +-38.  Only the final encoding reduces fully.
 *
 * mulx leaves the flags alone and adcx/adox carry through CF and OF
 * independently, so a row a_i * b adds its low halves on one carry chain
 * and its high halves on the other without spilling partial sums.
 *
 * Only integer registers are used: no kernel_fpu_begin() is needed.
 * Constant time: the scalar bits only select masks in fe_cswap(), and no
 * branch or memory index depends on secret data.
 */
#include <kcrypto/env.h>
#include <kcrypto/x25519.h>
#include <kcrypto/cores.h>

#include "x25519-x86.h"

struct fe {
	u64 v[4];
};

/*
 * Each limb is its own "m" operand, so the asm addresses the elements in
 * place (base register plus offset) and leaves the integer registers to
 * the partial products.
 */
#define FE_IN(n, f)							\
	[n##0] "m" ((f)->v[0]), [n##1] "m" ((f)->v[1]),			\
	[n##2] "m" ((f)->v[2]), [n##3] "m" ((f)->v[3])
#define FE_OUT(n, f)							\
	[n##0] "=m" ((f)->v[0]), [n##1] "=m" ((f)->v[1]),		\
	[n##2] "=m" ((f)->v[2]), [n##3] "=m" ((f)->v[3])

/*
 * Fold the 512-bit t0..t7 into 256 bits: t0..t3 + 38 * t4..t7, then the
 * carry word times 38, then (only when that wraps past 2^256 again, which
 * leaves a value below 2^7) one more 38.  Clobbers rdx, lo, hi.
 */
#define FE_FOLD38							\
	"movl	$38, %%edx\n\t"						\
	"xorl	%k[lo], %k[lo]\n\t"					\
	"mulx	%[t4], %[lo], %[hi]\n\t"				\
	"adcx	%[lo], %[t0]\n\t"					\
	"adox	%[hi], %[t1]\n\t"					\
	"mulx	%[t5], %[lo], %[hi]\n\t"				\
	"adcx	%[lo], %[t1]\n\t"					\
	"adox	%[hi], %[t2]\n\t"					\
	"mulx	%[t6], %[lo], %[hi]\n\t"				\
	"adcx	%[lo], %[t2]\n\t"					\
	"adox	%[hi], %[t3]\n\t"					\
	"mulx	%[t7], %[lo], %[t4]\n\t"				\
	"adcx	%[lo], %[t3]\n\t"					\
	"movl	$0, %k[lo]\n\t"						\
	"adox	%[lo], %[t4]\n\t"					\
	"adcx	%[lo], %[t4]\n\t"					\
	"imul	$38, %[t4], %[t4]\n\t"					\
	"add	%[t4], %[t0]\n\t"					\
	"adc	$0, %[t1]\n\t"						\
	"adc	$0, %[t2]\n\t"						\
	"adc	$0, %[t3]\n\t"						\
	"sbb	%[lo], %[lo]\n\t"					\
	"and	$38, %[lo]\n\t"						\
	"add	%[lo], %[t0]\n\t"

#define FE_STORE							\
	"movq	%[t0], %[h0]\n\t"					\
	"movq	%[t1], %[h1]\n\t"					\
	"movq	%[t2], %[h2]\n\t"					\
	"movq	%[t3], %[h3]\n\t"

#define FE_TMP_OUTPUTS							\
	[t0] "=&r" (t0), [t1] "=&r" (t1), [t2] "=&r" (t2),		\
	[t3] "=&r" (t3), [t4] "=&r" (t4), [t5] "=&r" (t5),		\
	[t6] "=&r" (t6), [t7] "=&r" (t7), [lo] "=&r" (lo),		\
	[hi] "=&r" (hi), "=&d" (dx)

/* h = f * g */
static __always_inline void fe_mul(struct fe *h, const struct fe *f,
				   const struct fe *g)
{
	u64 t0, t1, t2, t3, t4, t5, t6, t7, lo, hi, dx;

	asm("movq	%[f0], %%rdx\n\t"
	    /* row 0: t0..t4 = f0 * g */
	    "mulx	%[g0], %[t0], %[t1]\n\t"
	    "mulx	%[g1], %[lo], %[t2]\n\t"
	    "add	%[lo], %[t1]\n\t"
	    "mulx	%[g2], %[lo], %[t3]\n\t"
	    "adc	%[lo], %[t2]\n\t"
	    "mulx	%[g3], %[lo], %[t4]\n\t"
	    "adc	%[lo], %[t3]\n\t"
	    "adc	$0, %[t4]\n\t"
	    /* row 1: t1..t5 += f1 * g */
	    "movq	%[f1], %%rdx\n\t"
	    "xorl	%k[lo], %k[lo]\n\t"
	    "mulx	%[g0], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t1]\n\t"
	    "adox	%[hi], %[t2]\n\t"
	    "mulx	%[g1], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t2]\n\t"
	    "adox	%[hi], %[t3]\n\t"
	    "mulx	%[g2], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t3]\n\t"
	    "adox	%[hi], %[t4]\n\t"
	    "mulx	%[g3], %[lo], %[t5]\n\t"
	    "adcx	%[lo], %[t4]\n\t"
	    "movl	$0, %k[lo]\n\t"
	    "adox	%[lo], %[t5]\n\t"
	    "adcx	%[lo], %[t5]\n\t"
	    /* row 2: t2..t6 += f2 * g */
	    "movq	%[f2], %%rdx\n\t"
	    "xorl	%k[lo], %k[lo]\n\t"
	    "mulx	%[g0], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t2]\n\t"
	    "adox	%[hi], %[t3]\n\t"
	    "mulx	%[g1], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t3]\n\t"
	    "adox	%[hi], %[t4]\n\t"
	    "mulx	%[g2], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t4]\n\t"
	    "adox	%[hi], %[t5]\n\t"
	    "mulx	%[g3], %[lo], %[t6]\n\t"
	    "adcx	%[lo], %[t5]\n\t"
	    "movl	$0, %k[lo]\n\t"
	    "adox	%[lo], %[t6]\n\t"
	    "adcx	%[lo], %[t6]\n\t"
	    /* row 3: t3..t7 += f3 * g */
	    "movq	%[f3], %%rdx\n\t"
	    "xorl	%k[lo], %k[lo]\n\t"
	    "mulx	%[g0], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t3]\n\t"
	    "adox	%[hi], %[t4]\n\t"
	    "mulx	%[g1], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t4]\n\t"
	    "adox	%[hi], %[t5]\n\t"
	    "mulx	%[g2], %[lo], %[hi]\n\t"
	    "adcx	%[lo], %[t5]\n\t"
	    "adox	%[hi], %[t6]\n\t"
	    "mulx	%[g3], %[lo], %[t7]\n\t"
	    "adcx	%[lo], %[t6]\n\t"
	    "movl	$0, %k[lo]\n\t"
	    "adox	%[lo], %[t7]\n\t"
	    "adcx	%[lo], %[t7]\n\t"
	    FE_FOLD38
	    FE_STORE
	    : FE_OUT(h, h), FE_TMP_OUTPUTS
	    : FE_IN(f, f), FE_IN(g, g)
	    : "cc");
}

/* h = f^2: the six cross products once, doubled, plus the four squares */
static __always_inline void fe_sq(struct fe *h, const struct fe *f)
{
	u64 t0, t1, t2, t3, t4, t5, t6, t7, lo, hi, dx;

	asm("movq	%[f0], %%rdx\n\t"
	    /* f0 * (f1, f2, f3) at t1..t4 */
	    "mulx	%[f1], %[t1], %[t2]\n\t"
	    "mulx	%[f2], %[lo], %[t3]\n\t"
	    "add	%[lo], %[t2]\n\t"
	    "mulx	%[f3], %[lo], %[t4]\n\t"
	    "adc	%[lo], %[t3]\n\t"
	    /* f1 f3 at t4..t5, f2 f3 at t5..t6 */
	    "movq	%[f1], %%rdx\n\t"
	    "mulx	%[f3], %[lo], %[t5]\n\t"
	    "adc	%[lo], %[t4]\n\t"
	    "movq	%[f2], %%rdx\n\t"
	    "mulx	%[f3], %[lo], %[t6]\n\t"
	    "adc	%[lo], %[t5]\n\t"
	    "adc	$0, %[t6]\n\t"
	    /* f1 f2 at t3..t4 */
	    "movq	%[f1], %%rdx\n\t"
	    "mulx	%[f2], %[lo], %[hi]\n\t"
	    "add	%[lo], %[t3]\n\t"
	    "adc	%[hi], %[t4]\n\t"
	    "adc	$0, %[t5]\n\t"
	    "adc	$0, %[t6]\n\t"
	    /* double on CF, add the squares on OF */
	    "movq	%[f0], %%rdx\n\t"
	    "xorl	%k[lo], %k[lo]\n\t"
	    "mulx	%%rdx, %[t0], %[hi]\n\t"
	    "adcx	%[t1], %[t1]\n\t"
	    "adox	%[hi], %[t1]\n\t"
	    "movq	%[f1], %%rdx\n\t"
	    "mulx	%%rdx, %[lo], %[hi]\n\t"
	    "adcx	%[t2], %[t2]\n\t"
	    "adox	%[lo], %[t2]\n\t"
	    "adcx	%[t3], %[t3]\n\t"
	    "adox	%[hi], %[t3]\n\t"
	    "movq	%[f2], %%rdx\n\t"
	    "mulx	%%rdx, %[lo], %[hi]\n\t"
	    "adcx	%[t4], %[t4]\n\t"
	    "adox	%[lo], %[t4]\n\t"
	    "adcx	%[t5], %[t5]\n\t"
	    "adox	%[hi], %[t5]\n\t"
	    "movq	%[f3], %%rdx\n\t"
	    "mulx	%%rdx, %[lo], %[t7]\n\t"
	    "adcx	%[t6], %[t6]\n\t"
	    "adox	%[lo], %[t6]\n\t"
	    "movl	$0, %k[lo]\n\t"
	    "adcx	%[lo], %[t7]\n\t"
	    "adox	%[lo], %[t7]\n\t"
	    FE_FOLD38
	    FE_STORE
	    : FE_OUT(h, h), FE_TMP_OUTPUTS
	    : FE_IN(f, f)
	    : "cc");
}

/* h = f * 121666 (= (A + 2) / 4), the ladder's a24 */
static __always_inline void fe_mul_a24(struct fe *h, const struct fe *f)
{
	u64 t0, t1, t2, t3, t4, lo, dx;

	asm("movl	$121666, %%edx\n\t"
	    "mulx	%[f0], %[t0], %[t1]\n\t"
	    "mulx	%[f1], %[lo], %[t2]\n\t"
	    "add	%[lo], %[t1]\n\t"
	    "mulx	%[f2], %[lo], %[t3]\n\t"
	    "adc	%[lo], %[t2]\n\t"
	    "mulx	%[f3], %[lo], %[t4]\n\t"
	    "adc	%[lo], %[t3]\n\t"
	    "adc	$0, %[t4]\n\t"
	    "imul	$38, %[t4], %[t4]\n\t"
	    "add	%[t4], %[t0]\n\t"
	    "adc	$0, %[t1]\n\t"
	    "adc	$0, %[t2]\n\t"
	    "adc	$0, %[t3]\n\t"
	    "sbb	%[lo], %[lo]\n\t"
	    "and	$38, %[lo]\n\t"
	    "add	%[lo], %[t0]\n\t"
	    FE_STORE
	    : FE_OUT(h, h), [t0] "=&r" (t0), [t1] "=&r" (t1), [t2] "=&r" (t2),
	      [t3] "=&r" (t3), [t4] "=&r" (t4), [lo] "=&r" (lo), "=&d" (dx)
	    : FE_IN(f, f)
	    : "cc");
}

/* h = f + g: a carry out of 2^256 is worth 38, at most twice */
static __always_inline void fe_add(struct fe *h, const struct fe *f,
				   const struct fe *g)
{
	u64 t0, t1, t2, t3, c;

	asm("movq	%[f0], %[t0]\n\t"
	    "movq	%[f1], %[t1]\n\t"
	    "movq	%[f2], %[t2]\n\t"
	    "movq	%[f3], %[t3]\n\t"
	    "add	%[g0], %[t0]\n\t"
	    "adc	%[g1], %[t1]\n\t"
	    "adc	%[g2], %[t2]\n\t"
	    "adc	%[g3], %[t3]\n\t"
	    "sbb	%[c], %[c]\n\t"
	    "and	$38, %[c]\n\t"
	    "add	%[c], %[t0]\n\t"
	    "adc	$0, %[t1]\n\t"
	    "adc	$0, %[t2]\n\t"
	    "adc	$0, %[t3]\n\t"
	    "sbb	%[c], %[c]\n\t"
	    "and	$38, %[c]\n\t"
	    "add	%[c], %[t0]\n\t"
	    FE_STORE
	    : FE_OUT(h, h), [t0] "=&r" (t0), [t1] "=&r" (t1), [t2] "=&r" (t2),
	      [t3] "=&r" (t3), [c] "=&r" (c)
	    : FE_IN(f, f), FE_IN(g, g)
	    : "cc");
}

/* h = f - g: a borrow out of 2^256 is worth -38, at most twice */
static __always_inline void fe_sub(struct fe *h, const struct fe *f,
				   const struct fe *g)
{
	u64 t0, t1, t2, t3, c;

	asm("movq	%[f0], %[t0]\n\t"
	    "movq	%[f1], %[t1]\n\t"
	    "movq	%[f2], %[t2]\n\t"
	    "movq	%[f3], %[t3]\n\t"
	    "sub	%[g0], %[t0]\n\t"
	    "sbb	%[g1], %[t1]\n\t"
	    "sbb	%[g2], %[t2]\n\t"
	    "sbb	%[g3], %[t3]\n\t"
	    "sbb	%[c], %[c]\n\t"
	    "and	$38, %[c]\n\t"
	    "sub	%[c], %[t0]\n\t"
	    "sbb	$0, %[t1]\n\t"
	    "sbb	$0, %[t2]\n\t"
	    "sbb	$0, %[t3]\n\t"
	    "sbb	%[c], %[c]\n\t"
	    "and	$38, %[c]\n\t"
	    "sub	%[c], %[t0]\n\t"
	    FE_STORE
	    : FE_OUT(h, h), [t0] "=&r" (t0), [t1] "=&r" (t1), [t2] "=&r" (t2),
	      [t3] "=&r" (t3), [c] "=&r" (c)
	    : FE_IN(f, f), FE_IN(g, g)
	    : "cc");
}

/*
 * Swap f and g when @swap is 1, in constant time.  In asm so that the
 * compiler neither branches on the mask nor vectorises the loop into wide
 * loads that would miss store forwarding from the 64-bit stores above.
 */
static __always_inline void fe_cswap(struct fe *f, struct fe *g, u64 swap)
{
	u64 mask = 0 - swap, a, b, x;
	int i;

	for (i = 0; i < 4; i++) {
		asm("movq	%[f], %[a]\n\t"
		    "movq	%[g], %[b]\n\t"
		    "movq	%[a], %[x]\n\t"
		    "xorq	%[b], %[x]\n\t"
		    "andq	%[m], %[x]\n\t"
		    "xorq	%[x], %[a]\n\t"
		    "xorq	%[x], %[b]\n\t"
		    "movq	%[a], %[f]\n\t"
		    "movq	%[b], %[g]\n\t"
		    : [f] "+m" (f->v[i]), [g] "+m" (g->v[i]),
		      [a] "=&r" (a), [b] "=&r" (b), [x] "=&r" (x)
		    : [m] "r" (mask));
	}
}

/* h = f^(2^n), n >= 1 */
static noinline void fe_sqn(struct fe *h, const struct fe *f, int n)
{
	fe_sq(h, f);
	while (--n)
		fe_sq(h, h);
}

static noinline void fe_mul_noinline(struct fe *h, const struct fe *f,
				     const struct fe *g)
{
	fe_mul(h, f, g);
}

/* h = z^(p - 2) = 1 / z (Fermat); 0 for z = 0.  254 squarings, 11 products. */
static void fe_invert(struct fe *h, const struct fe *z)
{
	struct fe z11, a, b, c;

	fe_sqn(&a, z, 1);			/* z^2 */
	fe_sqn(&b, &a, 2);			/* z^8 */
	fe_mul_noinline(&b, &b, z);		/* z^9 */
	fe_mul_noinline(&z11, &a, &b);		/* z^11 */
	fe_sqn(&a, &z11, 1);			/* z^22 */
	fe_mul_noinline(&a, &a, &b);		/* z^(2^5 - 1) */
	fe_sqn(&b, &a, 5);
	fe_mul_noinline(&a, &b, &a);		/* z^(2^10 - 1) */
	fe_sqn(&b, &a, 10);
	fe_mul_noinline(&b, &b, &a);		/* z^(2^20 - 1) */
	fe_sqn(&c, &b, 20);
	fe_mul_noinline(&b, &c, &b);		/* z^(2^40 - 1) */
	fe_sqn(&b, &b, 10);
	fe_mul_noinline(&a, &b, &a);		/* z^(2^50 - 1) */
	fe_sqn(&b, &a, 50);
	fe_mul_noinline(&b, &b, &a);		/* z^(2^100 - 1) */
	fe_sqn(&c, &b, 100);
	fe_mul_noinline(&b, &c, &b);		/* z^(2^200 - 1) */
	fe_sqn(&b, &b, 50);
	fe_mul_noinline(&a, &b, &a);		/* z^(2^250 - 1) */
	fe_sqn(&a, &a, 5);			/* z^(2^255 - 32) */
	fe_mul_noinline(h, &a, &z11);		/* z^(2^255 - 21) */

	memzero_explicit(&z11, sizeof(z11));
	memzero_explicit(&a, sizeof(a));
	memzero_explicit(&b, sizeof(b));
	memzero_explicit(&c, sizeof(c));
}

/* Fully reduce f (any value below 2^256) and encode it little-endian. */
static void fe_tobytes(u8 out[KCRYPTO_X25519_KEY_SIZE], const struct fe *f)
{
	u64 t0 = f->v[0], t1 = f->v[1], t2 = f->v[2], t3 = f->v[3];
	u64 g0, g1, g2, g3, c, mask;

	/* Bit 255 is worth 19: afterwards t < 2^255 + 19. */
	c = (t3 >> 63) * 19;
	t3 &= ~(1ULL << 63);
	t0 += c;
	c = t0 < c;
	t1 += c;
	c = t1 < c;
	t2 += c;
	c = t2 < c;
	t3 += c;

	/* t >= p exactly when t + 19 reaches bit 255; then t - p = that - 2^255. */
	g0 = t0 + 19;
	c = g0 < 19;
	g1 = t1 + c;
	c = g1 < c;
	g2 = t2 + c;
	c = g2 < c;
	g3 = t3 + c;
	mask = 0 - (g3 >> 63);
	OPTIMIZER_HIDE_VAR(mask);
	g3 &= ~(1ULL << 63);
	t0 = (t0 & ~mask) | (g0 & mask);
	t1 = (t1 & ~mask) | (g1 & mask);
	t2 = (t2 & ~mask) | (g2 & mask);
	t3 = (t3 & ~mask) | (g3 & mask);

	put_unaligned_le64(t0, out);
	put_unaligned_le64(t1, out + 8);
	put_unaligned_le64(t2, out + 16);
	put_unaligned_le64(t3, out + 24);
}

/* Everything secret in the ladder, in one place so it is wiped once. */
struct x25519_adx_ladder {
	u64 k[4];
	struct fe x1, x2, z2, x3, z3, t0, t1;
};

/*
 * The RFC 7748 ladder.  It is bound by latency (each product is a long
 * carry chain), so the independent products are issued next to each
 * other; this alone took a quarter off the cycle count.
 */
static noinline void x25519_ladder(struct x25519_adx_ladder *l)
{
	u64 swap = 0, bit;
	int t;

	/* Bit 255 of a clamped scalar is 0 and bit 254 is 1. */
	for (t = 254; t >= 0; t--) {
		bit = (l->k[t >> 6] >> (t & 63)) & 1;
		swap ^= bit;
		fe_cswap(&l->x2, &l->x3, swap);
		fe_cswap(&l->z2, &l->z3, swap);
		swap = bit;

		/*
		 * A = x2 + z2, B = x2 - z2, C = x3 + z3, D = x3 - z3,
		 * x3 = (DA + CB)^2, z3 = x1 (DA - CB)^2,
		 * x2 = AA BB, z2 = E (BB + 121666 E) with E = AA - BB.
		 * Ordered so that independent products sit next to each
		 * other and overlap in the out-of-order window.
		 */
		fe_add(&l->t0, &l->x2, &l->z2);		/* A */
		fe_sub(&l->t1, &l->x2, &l->z2);		/* B */
		fe_add(&l->x2, &l->x3, &l->z3);		/* C */
		fe_sub(&l->z2, &l->x3, &l->z3);		/* D */
		fe_mul(&l->z3, &l->z2, &l->t0);		/* DA */
		fe_mul(&l->z2, &l->x2, &l->t1);		/* CB */
		fe_sq(&l->t0, &l->t0);			/* AA */
		fe_sq(&l->t1, &l->t1);			/* BB */
		fe_add(&l->x3, &l->z3, &l->z2);		/* DA + CB */
		fe_sub(&l->z2, &l->z3, &l->z2);		/* DA - CB */
		fe_mul(&l->x2, &l->t0, &l->t1);		/* x2 = AA BB */
		fe_sub(&l->t0, &l->t0, &l->t1);		/* E */
		fe_sq(&l->x3, &l->x3);			/* x3 */
		fe_sq(&l->z2, &l->z2);			/* (DA - CB)^2 */
		fe_mul_a24(&l->z3, &l->t0);		/* 121666 E */
		fe_add(&l->t1, &l->t1, &l->z3);		/* BB + 121666 E */
		fe_mul(&l->z3, &l->x1, &l->z2);		/* z3 */
		fe_mul(&l->z2, &l->t0, &l->t1);		/* z2 */
	}
	fe_cswap(&l->x2, &l->x3, swap);
	fe_cswap(&l->z2, &l->z3, swap);
}

/**
 * kcrypto_x25519_adx() - X25519 scalar multiplication, BMI2 + ADX
 * @out: u-coordinate of clamp(@scalar) * @point, fully reduced
 * @scalar: secret scalar, clamped here (the caller's copy is not changed)
 * @point: u-coordinate; bit 255 is ignored, values >= p are accepted
 */
void kcrypto_x25519_adx(u8 out[KCRYPTO_X25519_KEY_SIZE],
			const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
			const u8 point[KCRYPTO_X25519_KEY_SIZE])
{
	struct x25519_adx_ladder l;
	int i;

	for (i = 0; i < 4; i++) {
		l.k[i] = get_unaligned_le64(scalar + 8 * i);
		l.x1.v[i] = get_unaligned_le64(point + 8 * i);
	}
	/* RFC 7748 clamp; mask the top bit of u (values >= p stay lazy). */
	l.k[0] &= ~7ULL;
	l.k[3] &= ~(1ULL << 63);
	l.k[3] |= 1ULL << 62;
	l.x1.v[3] &= ~(1ULL << 63);

	l.x2 = (struct fe){ { 1, 0, 0, 0 } };
	l.z2 = (struct fe){ { 0, 0, 0, 0 } };
	l.x3 = l.x1;
	l.z3 = (struct fe){ { 1, 0, 0, 0 } };

	x25519_ladder(&l);

	/* u = x2 / z2; z2 = 0 (low-order point) gives 0. */
	fe_invert(&l.z2, &l.z2);
	fe_mul_noinline(&l.x2, &l.x2, &l.z2);
	fe_tobytes(out, &l.x2);

	memzero_explicit(&l, sizeof(l));
}
