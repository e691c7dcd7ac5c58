// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ChaCha20/12, AVX-512VL on 256-bit vectors: eight blocks per pass like
 * the AVX2 core, but with single-instruction rotations (vprold) and 32
 * registers, so the state and temporaries never spill; two to four blocks
 * in the ymm row form, one in the xmm row form.  The automatic choice on
 * AVX-512 CPUs where 512-bit vectors cost frequency (no KCRYPTO_CPU_ZMM).
 */
#include <kcrypto/cores.h>
#include "isa.h"

KCRYPTO_ISA_BEGIN("avx2,avx512f,avx512vl")
#include <immintrin.h>

#define CHACHA_ROLX(x, n)	_mm_rol_epi32(x, n)
#define CHACHA_ROLY(x, n)	_mm256_rol_epi32(x, n)
#define CHACHA_WANT_YMM
#include "chacha-x86.h"

/*
 * The tail gets its own stack frame: inlined next to the main loop, its
 * spill slots would add up with those of the loop.
 */
static noinline void chacha_tail(u32 *state, u8 *dst, const u8 *src,
				 size_t len, int nrounds)
{
	if (len <= KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_x1(state, dst, src, len, nrounds);
	else if (len <= 4 * KCRYPTO_CHACHA_BLOCK_SIZE)
		chacha_rows_y(state, dst, src, len, nrounds);
	else
		chacha_x8(state, dst, src, len, nrounds);
}

void kcrypto_chacha_crypt_avx512vl(struct kcrypto_chacha_state *st, u8 *dst,
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
