/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Key material left on the stack by a core, for the cross drivers and
 * harness/tests/wipe_test.cc (C and C++).
 *
 * stackscan_run() runs a function on a thread whose stack is a zeroed
 * buffer of the caller's and copies out every byte the function and its
 * callees left there, which is then read without undefined behaviour,
 * whatever the optimiser did.  The scanners look in it for values only the
 * key can produce:
 *   - ChaCha: the state words of every block of the call, at every half
 *     round from the input to the last round (before the feed-forward),
 *     in the word-sliced layout of the SIMD cores (one word of four
 *     consecutive blocks in 16 bytes; a key word at the input is the same
 *     word broadcast);
 *   - Poly1305: the 26-bit limbs of r, r^2, ... and their multiples by 5,
 *     each power as the fully reduced value and as that value plus p (the
 *     two forms a partially carried limb vector below 2^131 can take),
 *     one by one or as four lanes laid out like a table of the code.
 * Keystream (after the feed-forward) is not looked for.
 */
#ifndef KCRYPTO_STACKSCAN_H
#define KCRYPTO_STACKSCAN_H

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STACKSCAN_SIZE	(1u << 20)

struct stackscan_job {
	void (*fn)(void *);
	void *arg;
	const volatile uint8_t *stack;
	uint8_t *copy;		/* STACKSCAN_SIZE bytes */
	uintptr_t used;
};

/* An address just below the caller's stack pointer: the callee's frame. */
__attribute__((__noinline__))
static uintptr_t stackscan_below(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

/*
 * Clear what the thread's start-up code left below this frame, run the
 * function, and copy the frames it left before returning: the thread
 * library's exit code (and a sanitizer's) runs on this stack afterwards.
 * No calls but @fn, so nothing else writes below the frame meanwhile.
 */
__attribute__((__no_sanitize_address__))
static void *stackscan_thread(void *p)
{
	struct stackscan_job *job = (struct stackscan_job *)p;
	volatile uint8_t *stack = (volatile uint8_t *)job->stack;
	uintptr_t i, used;

	used = stackscan_below() - (uintptr_t)stack;
	/* 0 (failure) when the thread does not run on the given stack. */
	if (used > STACKSCAN_SIZE)
		used = 0;
	for (i = 0; i < used; i++)
		stack[i] = 0;
	job->fn(job->arg);
	for (i = 0; i < used; i++)
		job->copy[i] = stack[i];
	job->used = used;
	return NULL;
}

/*
 * Run @fn(@arg) on a thread whose stack is the STACKSCAN_SIZE bytes at
 * @stack (page aligned), and copy to @copy (STACKSCAN_SIZE bytes) what lies
 * below the thread function's frame right after @fn returned: everything
 * @fn and its callees left there, on a stack that was zero before.
 * Returns the number of bytes copied, 0 when the thread could not be run
 * there.
 */
static inline size_t stackscan_run(void *stack, uint8_t *copy,
				   void (*fn)(void *), void *arg)
{
	struct stackscan_job job = { fn, arg, (const volatile uint8_t *)stack,
				     copy, 0 };
	pthread_attr_t attr;
	pthread_t t;
	int err;

	memset(stack, 0, STACKSCAN_SIZE);
	if (pthread_attr_init(&attr))
		return 0;
	err = pthread_attr_setstack(&attr, stack, STACKSCAN_SIZE) ||
	      pthread_create(&t, &attr, stackscan_thread, &job) ||
	      pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	return err ? 0 : job.used;
}

/*
 * A sorted set of byte patterns of one width (4 or 16), each followed by
 * a 32-bit tag saying what it is (STACKSCAN_TAG()).
 */
struct stackscan_set {
	uint8_t *p;
	size_t n, cap, width;
};

#define STACKSCAN_TAG(a, b, c)	((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (c))

static inline void stackscan_init(struct stackscan_set *s, size_t width)
{
	s->p = NULL;
	s->n = 0;
	s->cap = 0;
	s->width = width;
}

static inline void stackscan_free(struct stackscan_set *s)
{
	free(s->p);
	stackscan_init(s, s->width);
}

/*
 * Add the pattern of s->width bytes at @w (native order) with @tag; a
 * pattern of zeros is skipped.
 */
static inline void stackscan_add(struct stackscan_set *s, const void *w,
				 uint32_t tag)
{
	static const uint8_t zero[16] = { 0 };
	uint8_t *e;

	if (!memcmp(w, zero, s->width))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->p = (uint8_t *)realloc(s->p, s->cap * (s->width + 4));
		if (!s->p)
			abort();
	}
	e = s->p + s->n++ * (s->width + 4);
	memcpy(e, w, s->width);
	memcpy(e + s->width, &tag, 4);
}

static size_t stackscan_cmp_width;

static int stackscan_cmp(const void *a, const void *b)
{
	return memcmp(a, b, stackscan_cmp_width);
}

static inline void stackscan_sort(struct stackscan_set *s)
{
	stackscan_cmp_width = s->width;
	qsort(s->p, s->n, s->width + 4, stackscan_cmp);
}

/*
 * Offset of the first 4-byte aligned place at or after @from in
 * @mem[0..@len) that holds a pattern of the sorted set @s, or -1; *@tag
 * gets the pattern's tag.
 */
static inline long stackscan_find(const struct stackscan_set *s,
				  const uint8_t *mem, size_t len, size_t from,
				  uint32_t *tag)
{
	const uint8_t *e;
	size_t off;

	stackscan_cmp_width = s->width;
	for (off = (from + 3) & ~(size_t)3; s->n && off + s->width <= len; off += 4) {
		e = (const uint8_t *)bsearch(mem + off, s->p, s->n, s->width + 4,
					     stackscan_cmp);
		if (e) {
			memcpy(tag, e + s->width, 4);
			return (long)off;
		}
	}
	return -1;
}

/* --- ChaCha ---------------------------------------------------------------- */

static inline uint32_t stackscan_rol(uint32_t v, int n)
{
	return v << n | v >> (32 - n);
}

static inline void stackscan_qr(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] = stackscan_rol(x[d] ^ x[a], 16);
	x[c] += x[d]; x[b] = stackscan_rol(x[b] ^ x[c], 12);
	x[a] += x[b]; x[d] = stackscan_rol(x[d] ^ x[a], 8);
	x[c] += x[d]; x[b] = stackscan_rol(x[b] ^ x[c], 7);
}

/*
 * 16-byte patterns of a call on @state (16 words, counter in word 12) of
 * @len bytes with @nrounds: per group of four consecutive blocks counted
 * from the first, each word at each half round (the input only for the
 * key words 4..11).  Tag: STACKSCAN_TAG(word, half rounds, first block / 4).
 */
static inline void stackscan_chacha(struct stackscan_set *s,
				    const uint32_t state[16], size_t len,
				    int nrounds)
{
	size_t nblocks = (len + 63) / 64, g, b;
	uint32_t (*x)[16], v[4];
	int h, w, j;

	x = (uint32_t (*)[16])calloc(nblocks + 3, sizeof(*x));
	if (!x)
		abort();
	for (b = 0; b < nblocks + 3; b++) {
		memcpy(x[b], state, sizeof(x[b]));
		x[b][12] += (uint32_t)b;
	}
	for (h = 0; h <= nrounds; h++) {
		for (g = 0; g < nblocks; g += 4) {
			for (w = 0; w < 16; w++) {
				if (!h && (w < 4 || w > 11))
					continue;	/* public input words */
				for (j = 0; j < 4; j++)
					v[j] = x[g + j][w];
				stackscan_add(s, v, STACKSCAN_TAG(w, h, g / 4));
			}
		}
		for (b = 0; b < nblocks + 3 && h < nrounds; b++) {
			if (h % 2 == 0) {
				stackscan_qr(x[b], 0, 4, 8, 12);
				stackscan_qr(x[b], 1, 5, 9, 13);
				stackscan_qr(x[b], 2, 6, 10, 14);
				stackscan_qr(x[b], 3, 7, 11, 15);
			} else {
				stackscan_qr(x[b], 0, 5, 10, 15);
				stackscan_qr(x[b], 1, 6, 11, 12);
				stackscan_qr(x[b], 2, 7, 8, 13);
				stackscan_qr(x[b], 3, 4, 9, 14);
			}
		}
	}
	free(x);
	stackscan_sort(s);
}

/* --- Poly1305 -------------------------------------------------------------- */

/* out = a b mod p, fully reduced; 26-bit limbs in and out. */
static inline void stackscan_mulmod(uint32_t out[5], const uint32_t a[5],
				    const uint32_t b[5])
{
	uint64_t t[5] = { 0 }, c;
	uint32_t g[5];
	int i, j;

	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++)
			t[(i + j) % 5] += (uint64_t)a[i] * b[j] * (i + j >= 5 ? 5 : 1);
	do {
		for (i = 0; i < 4; i++) {
			t[i + 1] += t[i] >> 26;
			t[i] &= 0x3ffffff;
		}
		c = t[4] >> 26;
		t[4] &= 0x3ffffff;
		t[0] += c * 5;
	} while (c);
	/* t < 2^130: t + 5 carries out of bit 130 exactly when t >= p */
	for (c = 5, i = 0; i < 5; i++) {
		c += t[i];
		g[i] = (uint32_t)c & 0x3ffffff;
		c >>= 26;
	}
	for (i = 0; i < 5; i++)
		out[i] = c ? g[i] : (uint32_t)t[i];
}

#define STACKSCAN_MAXPOW	8

/*
 * pw[k][f][j]: limb j of r^k mod p (f = 0) and of r^k mod p + p (f = 1),
 * for k = 1..STACKSCAN_MAXPOW; pw[0] is zero.  @r is the clamped r, two
 * little-endian 64-bit words as in struct kcrypto_poly1305_state.  Only
 * limbs 0 and 4 differ between the two forms.
 */
static inline void stackscan_powers(uint32_t pw[STACKSCAN_MAXPOW + 1][2][5],
				    const uint64_t r[2])
{
	static const uint32_t p[5] = { 0x3fffffb, 0x3ffffff, 0x3ffffff,
				       0x3ffffff, 0x3ffffff };
	uint32_t l[5];
	uint64_t c;
	int k, i;

	l[0] = (uint32_t)r[0] & 0x3ffffff;
	l[1] = (uint32_t)(r[0] >> 26) & 0x3ffffff;
	l[2] = (uint32_t)((r[0] >> 52) | (r[1] << 12)) & 0x3ffffff;
	l[3] = (uint32_t)(r[1] >> 14) & 0x3ffffff;
	l[4] = (uint32_t)(r[1] >> 40);
	memset(pw[0], 0, sizeof(pw[0]));
	memcpy(pw[1][0], l, sizeof(l));
	for (k = 1; k <= STACKSCAN_MAXPOW; k++) {
		if (k > 1)
			stackscan_mulmod(pw[k][0], pw[k - 1][0], l);
		for (c = 0, i = 0; i < 5; i++) {
			c += (uint64_t)pw[k][0][i] + p[i];
			pw[k][1][i] = i < 4 ? (uint32_t)c & 0x3ffffff : (uint32_t)c;
			c >>= 26;
		}
	}
}

/*
 * 4-byte patterns: every limb of r^1..r^@maxpow in both forms, and 5
 * times each.  Tag: STACKSCAN_TAG(k, limb, form + 1), + 4 for 5 times.
 */
static inline void stackscan_poly1305(struct stackscan_set *s,
				      const uint64_t r[2], int maxpow)
{
	uint32_t pw[STACKSCAN_MAXPOW + 1][2][5], v;
	int k, f, i;

	stackscan_powers(pw, r);
	for (k = 1; k <= maxpow && k <= STACKSCAN_MAXPOW; k++) {
		for (f = 0; f < 2; f++) {
			for (i = 0; i < 5; i++) {
				stackscan_add(s, &pw[k][f][i], STACKSCAN_TAG(k, i, f + 1));
				v = 5 * pw[k][f][i];
				stackscan_add(s, &v, STACKSCAN_TAG(k, i, f + 5));
			}
		}
	}
	stackscan_sort(s);
}

/*
 * 16-byte patterns of a table row or vector: lane i holds @mul times limb
 * @j of r^@pows[i] (0: a zero lane), in every combination of the two
 * forms.  Tag: STACKSCAN_TAG(@id, @j, @mul).  Sort the set when done.
 */
static inline void stackscan_poly1305_vec(struct stackscan_set *s,
					  const uint64_t r[2], const int pows[4],
					  int j, uint32_t mul, int id)
{
	uint32_t pw[STACKSCAN_MAXPOW + 1][2][5], v[4];
	unsigned int combo;
	int i;

	stackscan_powers(pw, r);
	for (combo = 0; combo < 16; combo++) {
		for (i = 0; i < 4; i++)
			v[i] = mul * pw[pows[i]][combo >> i & 1][j];
		stackscan_add(s, v, STACKSCAN_TAG(id, j, mul));
	}
}

#endif /* KCRYPTO_STACKSCAN_H */
