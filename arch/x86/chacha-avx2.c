// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, AVX2: eight blocks per pass in ymm registers; a tail of
 * two to four blocks takes the ymm row form (chacha-x86.h), one block the
 * xmm row form.
 * Rotations by 16 and 8 are byte shuffles (vpshufb); by 12 and 7, shifts.
 */
#include <kcrypto/cores.h>
#include "isa.h"

KCRYPTO_ISA_BEGIN("avx2")
#include <immintrin.h>

#define CHACHA_ROLX(x, n)						\
	((n) == 16 ? _mm_shuffle_epi8(x, _mm_setr_epi8(2, 3, 0, 1,	\
		6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)) :		\
	 (n) == 8 ? _mm_shuffle_epi8(x, _mm_setr_epi8(3, 0, 1, 2,	\
		7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)) :		\
	 _mm_or_si128(_mm_slli_epi32(x, n), _mm_srli_epi32(x, 32 - (n))))

#define CHACHA_ROLY(x, n)						\
	((n) == 16 ? _mm256_shuffle_epi8(x, _mm256_setr_epi8(2, 3, 0, 1,\
		6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,		\
		2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)) :\
	 (n) == 8 ? _mm256_shuffle_epi8(x, _mm256_setr_epi8(3, 0, 1, 2,	\
		7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,		\
		3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14)) :\
	 _mm256_or_si256(_mm256_slli_epi32(x, n),			\
			 _mm256_srli_epi32(x, 32 - (n))))

/*
 * The rounds of the 8-block function in asm.  Sixteen state words do not
 * fit sixteen ymm registers with the temporaries a rotate by 12 or 7
 * needs, and GCC's spills landed on the dependency chains.  Here two of
 * the four "c" words (x8..x11) are in memory at any time, always the two
 * the next pair of quarter rounds does not use: registers hold the a, b
 * and d words, c0/c1 (x8/x9, or x10/x11 in the middle of a double
 * round) and two temporaries, and a store and a load of two words sit
 * between pairs of quarter rounds, off the chains.  The byte-shuffle
 * masks of the rotates by 16 and 8 stay in memory too.
 */
#define CHACHA_ASM_ROT(b, t, n)						\
	"vpslld $" #n ", %[" #b "], %%" #t "\n\t"			\
	"vpsrld $32-" #n ", %[" #b "], %[" #b "]\n\t"			\
	"vpor %%" #t ", %[" #b "], %[" #b "]\n\t"
/*
 * Half of two quarter rounds, step by step: the byte shuffle (mask at
 * @mask(w)) rotates by 16 or 8, then the shifts by @n = 12 or 7.
 */
#define CHACHA_ASM_HALF2(a0, b0, c0, d0, a1, b1, c1, d1, mask, n)	\
	"vpaddd %[" #b0 "], %[" #a0 "], %[" #a0 "]\n\t"			\
	"vpaddd %[" #b1 "], %[" #a1 "], %[" #a1 "]\n\t"			\
	"vpxor %[" #a0 "], %[" #d0 "], %[" #d0 "]\n\t"			\
	"vpxor %[" #a1 "], %[" #d1 "], %[" #d1 "]\n\t"			\
	"vpshufb " #mask "(%[w]), %[" #d0 "], %[" #d0 "]\n\t"		\
	"vpshufb " #mask "(%[w]), %[" #d1 "], %[" #d1 "]\n\t"		\
	"vpaddd %[" #d0 "], %[" #c0 "], %[" #c0 "]\n\t"			\
	"vpaddd %[" #d1 "], %[" #c1 "], %[" #c1 "]\n\t"			\
	"vpxor %[" #c0 "], %[" #b0 "], %[" #b0 "]\n\t"			\
	"vpxor %[" #c1 "], %[" #b1 "], %[" #b1 "]\n\t"			\
	CHACHA_ASM_ROT(b0, ymm14, n)					\
	CHACHA_ASM_ROT(b1, ymm15, n)
/* Two quarter rounds. */
#define CHACHA_ASM_QR2(a0, b0, c0, d0, a1, b1, c1, d1)			\
	"" CHACHA_ASM_HALF2(a0, b0, c0, d0, a1, b1, c1, d1, 128, 12)	\
	CHACHA_ASM_HALF2(a0, b0, c0, d0, a1, b1, c1, d1, 160, 7)
/* c0/c1 go to slots s0/s1, slots l0/l1 come into c0/c1. */
#define CHACHA_ASM_SWAP(s0, s1, l0, l1)					\
	"vmovdqa %[c0], " #s0 "*32(%[w])\n\t"				\
	"vmovdqa %[c1], " #s1 "*32(%[w])\n\t"				\
	"vmovdqa " #l0 "*32(%[w]), %[c0]\n\t"				\
	"vmovdqa " #l1 "*32(%[w]), %[c1]\n\t"

/*
 * The asm's memory: four spill slots, the masks of the rotates by 16
 * and 8, and the double-round counter (GCC allows 30 operands; the
 * fourteen words in registers take 28, so the temporaries are fixed
 * clobbered registers and everything else is reached through @w).
 */
struct chacha_avx2_work {
	__m256i spill[4];
	__m256i rot16, rot8;
	unsigned long n;
};

#define CHACHA_ROUNDS_Y(nrounds)					\
	do {								\
		struct chacha_avx2_work __w __aligned(32);		\
									\
		__w.spill[2] = x10;					\
		__w.spill[3] = x11;					\
		__w.rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5,	\
			10, 11, 8, 9, 14, 15, 12, 13, 2, 3, 0, 1, 6, 7,	\
			4, 5, 10, 11, 8, 9, 14, 15, 12, 13);		\
		__w.rot8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6,	\
			11, 8, 9, 10, 15, 12, 13, 14, 3, 0, 1, 2, 7, 4,	\
			5, 6, 11, 8, 9, 10, 15, 12, 13, 14);		\
		__w.n = (nrounds) / 2;					\
		asm volatile("1:\n\t"					\
		    CHACHA_ASM_QR2(x0, x4, c0, x12, x1, x5, c1, x13)	\
		    CHACHA_ASM_SWAP(0, 1, 2, 3)				\
		    CHACHA_ASM_QR2(x2, x6, c0, x14, x3, x7, c1, x15)	\
		    CHACHA_ASM_QR2(x0, x5, c0, x15, x1, x6, c1, x12)	\
		    CHACHA_ASM_SWAP(2, 3, 0, 1)				\
		    CHACHA_ASM_QR2(x2, x7, c0, x13, x3, x4, c1, x14)	\
		    "decq 192(%[w])\n\t"				\
		    "jnz 1b"						\
		    : [x0] "+x" (x0), [x1] "+x" (x1), [x2] "+x" (x2),	\
		      [x3] "+x" (x3), [x4] "+x" (x4), [x5] "+x" (x5),	\
		      [x6] "+x" (x6), [x7] "+x" (x7), [c0] "+x" (x8),	\
		      [c1] "+x" (x9), [x12] "+x" (x12),			\
		      [x13] "+x" (x13), [x14] "+x" (x14),		\
		      [x15] "+x" (x15)					\
		    : [w] "r" (&__w)					\
		    : "cc", "memory", "xmm14", "xmm15");		\
		x10 = __w.spill[2];					\
		x11 = __w.spill[3];					\
		/* The slots hold round state: as secret as the key. */ \
		__w.spill[0] = _mm256_setzero_si256();			\
		__w.spill[1] = _mm256_setzero_si256();			\
		__w.spill[2] = _mm256_setzero_si256();			\
		__w.spill[3] = _mm256_setzero_si256();			\
		barrier_data(&__w);					\
	} while (0)

#define CHACHA_WANT_YMM
#define CHACHA_PAIRS	/* 16 registers */
#include "chacha-x86.h"

/*
 * The tails get their own stack frames: inlined next to the main loop (or
 * to each other), their spill slots would add up with those of the loop.
 */
static noinline void chacha_tail8(u32 *state, u8 *dst, const u8 *src,
				  size_t len, int nrounds)
{
	chacha_x8(state, dst, src, len, nrounds);
}

static noinline void chacha_tail(u32 *state, u8 *dst, const u8 *src,
				 size_t len, int nrounds)
{
	if (len <= KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x1(state, dst, src, len, nrounds);
		return;
	}
	if (len > 4 * KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_tail8(state, dst, src, len, nrounds);
	else
		chacha_rows_y(state, dst, src, len, nrounds);
}

void kcrypto_chacha_crypt_avx2(struct kcrypto_chacha_state *st, u8 *dst,
			       const u8 *src, size_t len, int nrounds)
{
	while (len >= 8 * KCRYPTO_CHACHA_BLOCK_SIZE) {
		chacha_x8(st->x, dst, src, 8 * KCRYPTO_CHACHA_BLOCK_SIZE,
			  nrounds);
		dst += 8 * KCRYPTO_CHACHA_BLOCK_SIZE;
		src += 8 * KCRYPTO_CHACHA_BLOCK_SIZE;
		len -= 8 * KCRYPTO_CHACHA_BLOCK_SIZE;
	}
	if (len)
		chacha_tail(st->x, dst, src, len, nrounds);
}

KCRYPTO_ISA_END()
