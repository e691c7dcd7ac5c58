/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * AVX-512 IFMA (vpmadd52luq, vpmadd52huq) in portable C over SIMDe's
 * vector types, for the emulation build of the harness: SIMDe 0.7.4 has no
 * IFMA.  harness/emu/emu.h includes it after <simde/x86/avx512.h>;
 * kcrypto-ifma-check (ifma-check.c) compares it with the instructions on
 * a CPU that has them, tests/test_emulation.py with Python integers.
 *
 * Per 64-bit lane, with the 104-bit product p = b[51:0] * c[51:0]:
 *
 *   madd52lo: a + p[51:0]		(modulo 2^64)
 *   madd52hi: a + p[103:52]		(modulo 2^64)
 *
 * Forms: _mm{,256,512}_madd52{lo,hi}_epu64(a, b, c), their _mask_ (lanes
 * with a clear bit of k keep a) and _maskz_ (those lanes are zero)
 * variants, and the VEX-encoded AVX-IFMA spelling
 * _mm{,256}_madd52{lo,hi}_avx_epu64.  The functions are kcrypto_emu_*; the
 * native names are macros only with SIMDE_ENABLE_NATIVE_ALIASES and when
 * nothing defined them already.
 */
#ifndef KCRYPTO_HARNESS_EMU_IFMA_EMU_H
#define KCRYPTO_HARNESS_EMU_IFMA_EMU_H

#include <stdint.h>
#include <string.h>

#include <simde/x86/avx512.h>

#define KCRYPTO_EMU_M52		((UINT64_C(1) << 52) - 1)

SIMDE_FUNCTION_ATTRIBUTES uint64_t kcrypto_emu_madd52lo(uint64_t a, uint64_t b, uint64_t c)
{
	unsigned __int128 p = (unsigned __int128)(b & KCRYPTO_EMU_M52) *
			      (c & KCRYPTO_EMU_M52);

	return a + ((uint64_t)p & KCRYPTO_EMU_M52);
}

SIMDE_FUNCTION_ATTRIBUTES uint64_t kcrypto_emu_madd52hi(uint64_t a, uint64_t b, uint64_t c)
{
	unsigned __int128 p = (unsigned __int128)(b & KCRYPTO_EMU_M52) *
			      (c & KCRYPTO_EMU_M52);

	return a + (uint64_t)(p >> 52);
}

/*
 * One form for one vector type: @k selects the lanes that get the result,
 * the others keep @a (@zero false) or become 0 (@zero true).  The lanes go
 * through u64 arrays (memcpy), independent of SIMDe's internal layout.
 */
#define KCRYPTO_EMU_IFMA(VT, PFX, lanes)				\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_ifma(int hi, VT a, uint8_t k,	\
					  int zero, VT b, VT c)		\
{									\
	uint64_t va[lanes], vb[lanes], vc[lanes];			\
	unsigned int i;							\
									\
	memcpy(va, &a, sizeof(va));					\
	memcpy(vb, &b, sizeof(vb));					\
	memcpy(vc, &c, sizeof(vc));					\
	for (i = 0; i < (lanes); i++) {					\
		if (k >> i & 1)						\
			va[i] = hi ? kcrypto_emu_madd52hi(va[i], vb[i], vc[i]) \
				   : kcrypto_emu_madd52lo(va[i], vb[i], vc[i]);\
		else if (zero)						\
			va[i] = 0;					\
	}								\
	memcpy(&a, va, sizeof(va));					\
	return a;							\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_madd52lo_epu64(VT a, VT b, VT c)	\
{									\
	return kcrypto_emu_##PFX##_ifma(0, a, 0xff, 0, b, c);		\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_madd52hi_epu64(VT a, VT b, VT c)	\
{									\
	return kcrypto_emu_##PFX##_ifma(1, a, 0xff, 0, b, c);		\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_mask_madd52lo_epu64(		\
	VT a, simde__mmask8 k, VT b, VT c)				\
{									\
	return kcrypto_emu_##PFX##_ifma(0, a, k, 0, b, c);		\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_mask_madd52hi_epu64(		\
	VT a, simde__mmask8 k, VT b, VT c)				\
{									\
	return kcrypto_emu_##PFX##_ifma(1, a, k, 0, b, c);		\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_maskz_madd52lo_epu64(		\
	simde__mmask8 k, VT a, VT b, VT c)				\
{									\
	return kcrypto_emu_##PFX##_ifma(0, a, k, 1, b, c);		\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_maskz_madd52hi_epu64(		\
	simde__mmask8 k, VT a, VT b, VT c)				\
{									\
	return kcrypto_emu_##PFX##_ifma(1, a, k, 1, b, c);		\
}

KCRYPTO_EMU_IFMA(simde__m128i, mm, 2)
KCRYPTO_EMU_IFMA(simde__m256i, mm256, 4)
KCRYPTO_EMU_IFMA(simde__m512i, mm512, 8)

#undef KCRYPTO_EMU_IFMA

#if defined(SIMDE_ENABLE_NATIVE_ALIASES) && !defined(SIMDE_X86_AVX512IFMA_NATIVE)
#ifndef _mm_madd52lo_epu64
#define _mm_madd52lo_epu64 kcrypto_emu_mm_madd52lo_epu64
#endif
#ifndef _mm_madd52hi_epu64
#define _mm_madd52hi_epu64 kcrypto_emu_mm_madd52hi_epu64
#endif
#ifndef _mm_mask_madd52lo_epu64
#define _mm_mask_madd52lo_epu64 kcrypto_emu_mm_mask_madd52lo_epu64
#endif
#ifndef _mm_mask_madd52hi_epu64
#define _mm_mask_madd52hi_epu64 kcrypto_emu_mm_mask_madd52hi_epu64
#endif
#ifndef _mm_maskz_madd52lo_epu64
#define _mm_maskz_madd52lo_epu64 kcrypto_emu_mm_maskz_madd52lo_epu64
#endif
#ifndef _mm_maskz_madd52hi_epu64
#define _mm_maskz_madd52hi_epu64 kcrypto_emu_mm_maskz_madd52hi_epu64
#endif
#ifndef _mm256_madd52lo_epu64
#define _mm256_madd52lo_epu64 kcrypto_emu_mm256_madd52lo_epu64
#endif
#ifndef _mm256_madd52hi_epu64
#define _mm256_madd52hi_epu64 kcrypto_emu_mm256_madd52hi_epu64
#endif
#ifndef _mm256_mask_madd52lo_epu64
#define _mm256_mask_madd52lo_epu64 kcrypto_emu_mm256_mask_madd52lo_epu64
#endif
#ifndef _mm256_mask_madd52hi_epu64
#define _mm256_mask_madd52hi_epu64 kcrypto_emu_mm256_mask_madd52hi_epu64
#endif
#ifndef _mm256_maskz_madd52lo_epu64
#define _mm256_maskz_madd52lo_epu64 kcrypto_emu_mm256_maskz_madd52lo_epu64
#endif
#ifndef _mm256_maskz_madd52hi_epu64
#define _mm256_maskz_madd52hi_epu64 kcrypto_emu_mm256_maskz_madd52hi_epu64
#endif
#ifndef _mm512_madd52lo_epu64
#define _mm512_madd52lo_epu64 kcrypto_emu_mm512_madd52lo_epu64
#endif
#ifndef _mm512_madd52hi_epu64
#define _mm512_madd52hi_epu64 kcrypto_emu_mm512_madd52hi_epu64
#endif
#ifndef _mm512_mask_madd52lo_epu64
#define _mm512_mask_madd52lo_epu64 kcrypto_emu_mm512_mask_madd52lo_epu64
#endif
#ifndef _mm512_mask_madd52hi_epu64
#define _mm512_mask_madd52hi_epu64 kcrypto_emu_mm512_mask_madd52hi_epu64
#endif
#ifndef _mm512_maskz_madd52lo_epu64
#define _mm512_maskz_madd52lo_epu64 kcrypto_emu_mm512_maskz_madd52lo_epu64
#endif
#ifndef _mm512_maskz_madd52hi_epu64
#define _mm512_maskz_madd52hi_epu64 kcrypto_emu_mm512_maskz_madd52hi_epu64
#endif
/* AVX-IFMA (VEX): same operation, no masks. */
#ifndef _mm_madd52lo_avx_epu64
#define _mm_madd52lo_avx_epu64 kcrypto_emu_mm_madd52lo_epu64
#endif
#ifndef _mm_madd52hi_avx_epu64
#define _mm_madd52hi_avx_epu64 kcrypto_emu_mm_madd52hi_epu64
#endif
#ifndef _mm256_madd52lo_avx_epu64
#define _mm256_madd52lo_avx_epu64 kcrypto_emu_mm256_madd52lo_epu64
#endif
#ifndef _mm256_madd52hi_avx_epu64
#define _mm256_madd52hi_avx_epu64 kcrypto_emu_mm256_madd52hi_epu64
#endif
#endif /* SIMDE_ENABLE_NATIVE_ALIASES */

#endif /* KCRYPTO_HARNESS_EMU_IFMA_EMU_H */
