/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The AVX-512 intrinsics the x86 cores use that SIMDe 0.7.4 (Debian 12's
 * libsimde-dev) lacks, in portable C over SIMDe's vector types: the mask
 * types and conversions, vpshufd on zmm, the add reductions, and the
 * masked loads and stores.  Only for the emulation build (harness/emu/emu.h
 * includes it after <simde/x86/avx512.h>).
 *
 * The masked loads and stores touch exactly the bytes of the selected
 * elements, like the instructions (which suppress faults on the others):
 * the cores rely on that to finish a message that ends at a page boundary,
 * and the harness's exact-end buffers check it.
 *
 * The functions are kcrypto_emu_*, so they cannot clash with a SIMDe that
 * has them; the native names are defined only when SIMDe did not.
 */
#ifndef KCRYPTO_HARNESS_EMU_AVX512_EMU_H
#define KCRYPTO_HARNESS_EMU_AVX512_EMU_H

#include <stdint.h>
#include <string.h>

#include <simde/x86/avx512.h>

/* Mask registers: plain integers, as in GCC's and clang's headers. */
#if defined(SIMDE_ENABLE_NATIVE_ALIASES) && !defined(SIMDE_X86_AVX512F_NATIVE)
typedef simde__mmask8 __mmask8;
typedef simde__mmask16 __mmask16;
typedef simde__mmask32 __mmask32;
typedef simde__mmask64 __mmask64;
#endif

SIMDE_FUNCTION_ATTRIBUTES simde__mmask16 kcrypto_emu_cvtu32_mask16(uint32_t a)
{
	return (simde__mmask16)a;
}

SIMDE_FUNCTION_ATTRIBUTES simde__mmask32 kcrypto_emu_cvtu32_mask32(uint32_t a)
{
	return (simde__mmask32)a;
}

SIMDE_FUNCTION_ATTRIBUTES simde__mmask64 kcrypto_emu_cvtu64_mask64(uint64_t a)
{
	return (simde__mmask64)a;
}

SIMDE_FUNCTION_ATTRIBUTES uint32_t kcrypto_emu_cvtmask32_u32(simde__mmask32 k)
{
	return (uint32_t)k;
}

SIMDE_FUNCTION_ATTRIBUTES uint64_t kcrypto_emu_cvtmask64_u64(simde__mmask64 k)
{
	return (uint64_t)k;
}

/*
 * _mm512_shuffle_epi32: the 32-bit words of each 128-bit lane picked by the
 * four 2-bit fields of @imm (vpshufd).  _MM_PERM_ENUM is the type GCC and
 * clang give @imm; any integer converts to it.
 */
typedef int kcrypto_emu_mm_perm_enum;

SIMDE_FUNCTION_ATTRIBUTES simde__m512i
kcrypto_emu_mm512_shuffle_epi32(simde__m512i a, int imm)
{
	uint32_t v[16], r[16];
	unsigned int i;

	memcpy(v, &a, sizeof(v));
	for (i = 0; i < 16; i++)
		r[i] = v[(i & ~3u) + ((unsigned int)imm >> 2 * (i & 3) & 3)];
	memcpy(&a, r, sizeof(r));
	return a;
}

/* _mm512_reduce_add_epi64: the sum of the eight lanes, modulo 2^64. */
SIMDE_FUNCTION_ATTRIBUTES int64_t kcrypto_emu_mm512_reduce_add_epi64(simde__m512i a)
{
	uint64_t v[8], s = 0;
	unsigned int i;

	memcpy(v, &a, sizeof(v));
	for (i = 0; i < 8; i++)
		s += v[i];
	return (int64_t)s;
}

/* _mm512_reduce_add_epi32: the sum of the sixteen lanes, modulo 2^32. */
SIMDE_FUNCTION_ATTRIBUTES int32_t kcrypto_emu_mm512_reduce_add_epi32(simde__m512i a)
{
	uint32_t v[16], s = 0;
	unsigned int i;

	memcpy(v, &a, sizeof(v));
	for (i = 0; i < 16; i++)
		s += v[i];
	return (int32_t)s;
}

/*
 * _mm{,256,512}_{mask,maskz}_loadu_epi{8,16,32,64} and
 * _mm{,256,512}_mask_storeu_epi{8,16,32,64}: element i of @bits / @esize
 * moves when bit i of @k is set.  The vector goes through a byte array
 * (memcpy), so nothing depends on SIMDe's internal layout.
 */
#define KCRYPTO_EMU_MASKED(VT, PFX, bits, esize, MT)			\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_mask_loadu_epi##esize(		\
	VT src, MT k, const void *p)					\
{									\
	uint8_t v[(bits) / 8];						\
	unsigned int i;							\
									\
	memcpy(v, &src, sizeof(v));					\
	for (i = 0; i < (bits) / (esize); i++)				\
		if ((uint64_t)k >> i & 1)				\
			memcpy(v + i * ((esize) / 8),			\
			       (const uint8_t *)p + i * ((esize) / 8),	\
			       (esize) / 8);				\
	memcpy(&src, v, sizeof(v));					\
	return src;							\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES VT kcrypto_emu_##PFX##_maskz_loadu_epi##esize(		\
	MT k, const void *p)						\
{									\
	VT z;								\
									\
	memset(&z, 0, sizeof(z));					\
	return kcrypto_emu_##PFX##_mask_loadu_epi##esize(z, k, p);	\
}									\
									\
SIMDE_FUNCTION_ATTRIBUTES void kcrypto_emu_##PFX##_mask_storeu_epi##esize(		\
	void *p, MT k, VT a)						\
{									\
	uint8_t v[(bits) / 8];						\
	unsigned int i;							\
									\
	memcpy(v, &a, sizeof(v));					\
	for (i = 0; i < (bits) / (esize); i++)				\
		if ((uint64_t)k >> i & 1)				\
			memcpy((uint8_t *)p + i * ((esize) / 8),	\
			       v + i * ((esize) / 8), (esize) / 8);	\
}

KCRYPTO_EMU_MASKED(simde__m128i, mm, 128, 8, simde__mmask16)
KCRYPTO_EMU_MASKED(simde__m128i, mm, 128, 16, simde__mmask8)
KCRYPTO_EMU_MASKED(simde__m128i, mm, 128, 32, simde__mmask8)
KCRYPTO_EMU_MASKED(simde__m128i, mm, 128, 64, simde__mmask8)
KCRYPTO_EMU_MASKED(simde__m256i, mm256, 256, 8, simde__mmask32)
KCRYPTO_EMU_MASKED(simde__m256i, mm256, 256, 16, simde__mmask16)
KCRYPTO_EMU_MASKED(simde__m256i, mm256, 256, 32, simde__mmask8)
KCRYPTO_EMU_MASKED(simde__m256i, mm256, 256, 64, simde__mmask8)
KCRYPTO_EMU_MASKED(simde__m512i, mm512, 512, 8, simde__mmask64)
KCRYPTO_EMU_MASKED(simde__m512i, mm512, 512, 16, simde__mmask32)
KCRYPTO_EMU_MASKED(simde__m512i, mm512, 512, 32, simde__mmask16)
KCRYPTO_EMU_MASKED(simde__m512i, mm512, 512, 64, simde__mmask8)

#undef KCRYPTO_EMU_MASKED

#if defined(SIMDE_ENABLE_NATIVE_ALIASES) && !defined(SIMDE_X86_AVX512F_NATIVE)
#ifndef _cvtu32_mask16
#define _cvtu32_mask16(a)	kcrypto_emu_cvtu32_mask16(a)
#endif
#ifndef _cvtu32_mask32
#define _cvtu32_mask32(a)	kcrypto_emu_cvtu32_mask32(a)
#endif
#ifndef _cvtu64_mask64
#define _cvtu64_mask64(a)	kcrypto_emu_cvtu64_mask64(a)
#endif
#ifndef _cvtmask32_u32
#define _cvtmask32_u32(k)	kcrypto_emu_cvtmask32_u32(k)
#endif
#ifndef _cvtmask64_u64
#define _cvtmask64_u64(k)	kcrypto_emu_cvtmask64_u64(k)
#endif
#ifndef _MM_PERM_ENUM
#define _MM_PERM_ENUM		kcrypto_emu_mm_perm_enum
#endif
#ifndef _mm512_shuffle_epi32
#define _mm512_shuffle_epi32(a, imm) kcrypto_emu_mm512_shuffle_epi32(a, imm)
#endif
#ifndef _mm512_reduce_add_epi64
#define _mm512_reduce_add_epi64(a) kcrypto_emu_mm512_reduce_add_epi64(a)
#endif
#ifndef _mm512_reduce_add_epi32
#define _mm512_reduce_add_epi32(a) kcrypto_emu_mm512_reduce_add_epi32(a)
#endif

/*
 * The preprocessor cannot generate #defines, so the aliases are spelled
 * out; each only when SIMDe has none (a later SIMDe may).
 */
#ifndef _mm_mask_loadu_epi8
#define _mm_mask_loadu_epi8 kcrypto_emu_mm_mask_loadu_epi8
#endif
#ifndef _mm_maskz_loadu_epi8
#define _mm_maskz_loadu_epi8 kcrypto_emu_mm_maskz_loadu_epi8
#endif
#ifndef _mm_mask_storeu_epi8
#define _mm_mask_storeu_epi8 kcrypto_emu_mm_mask_storeu_epi8
#endif
#ifndef _mm_mask_loadu_epi16
#define _mm_mask_loadu_epi16 kcrypto_emu_mm_mask_loadu_epi16
#endif
#ifndef _mm_maskz_loadu_epi16
#define _mm_maskz_loadu_epi16 kcrypto_emu_mm_maskz_loadu_epi16
#endif
#ifndef _mm_mask_storeu_epi16
#define _mm_mask_storeu_epi16 kcrypto_emu_mm_mask_storeu_epi16
#endif
#ifndef _mm_mask_loadu_epi32
#define _mm_mask_loadu_epi32 kcrypto_emu_mm_mask_loadu_epi32
#endif
#ifndef _mm_maskz_loadu_epi32
#define _mm_maskz_loadu_epi32 kcrypto_emu_mm_maskz_loadu_epi32
#endif
#ifndef _mm_mask_storeu_epi32
#define _mm_mask_storeu_epi32 kcrypto_emu_mm_mask_storeu_epi32
#endif
#ifndef _mm_mask_loadu_epi64
#define _mm_mask_loadu_epi64 kcrypto_emu_mm_mask_loadu_epi64
#endif
#ifndef _mm_maskz_loadu_epi64
#define _mm_maskz_loadu_epi64 kcrypto_emu_mm_maskz_loadu_epi64
#endif
#ifndef _mm_mask_storeu_epi64
#define _mm_mask_storeu_epi64 kcrypto_emu_mm_mask_storeu_epi64
#endif
#ifndef _mm256_mask_loadu_epi8
#define _mm256_mask_loadu_epi8 kcrypto_emu_mm256_mask_loadu_epi8
#endif
#ifndef _mm256_maskz_loadu_epi8
#define _mm256_maskz_loadu_epi8 kcrypto_emu_mm256_maskz_loadu_epi8
#endif
#ifndef _mm256_mask_storeu_epi8
#define _mm256_mask_storeu_epi8 kcrypto_emu_mm256_mask_storeu_epi8
#endif
#ifndef _mm256_mask_loadu_epi16
#define _mm256_mask_loadu_epi16 kcrypto_emu_mm256_mask_loadu_epi16
#endif
#ifndef _mm256_maskz_loadu_epi16
#define _mm256_maskz_loadu_epi16 kcrypto_emu_mm256_maskz_loadu_epi16
#endif
#ifndef _mm256_mask_storeu_epi16
#define _mm256_mask_storeu_epi16 kcrypto_emu_mm256_mask_storeu_epi16
#endif
#ifndef _mm256_mask_loadu_epi32
#define _mm256_mask_loadu_epi32 kcrypto_emu_mm256_mask_loadu_epi32
#endif
#ifndef _mm256_maskz_loadu_epi32
#define _mm256_maskz_loadu_epi32 kcrypto_emu_mm256_maskz_loadu_epi32
#endif
#ifndef _mm256_mask_storeu_epi32
#define _mm256_mask_storeu_epi32 kcrypto_emu_mm256_mask_storeu_epi32
#endif
#ifndef _mm256_mask_loadu_epi64
#define _mm256_mask_loadu_epi64 kcrypto_emu_mm256_mask_loadu_epi64
#endif
#ifndef _mm256_maskz_loadu_epi64
#define _mm256_maskz_loadu_epi64 kcrypto_emu_mm256_maskz_loadu_epi64
#endif
#ifndef _mm256_mask_storeu_epi64
#define _mm256_mask_storeu_epi64 kcrypto_emu_mm256_mask_storeu_epi64
#endif
#ifndef _mm512_mask_loadu_epi8
#define _mm512_mask_loadu_epi8 kcrypto_emu_mm512_mask_loadu_epi8
#endif
#ifndef _mm512_maskz_loadu_epi8
#define _mm512_maskz_loadu_epi8 kcrypto_emu_mm512_maskz_loadu_epi8
#endif
#ifndef _mm512_mask_storeu_epi8
#define _mm512_mask_storeu_epi8 kcrypto_emu_mm512_mask_storeu_epi8
#endif
#ifndef _mm512_mask_loadu_epi16
#define _mm512_mask_loadu_epi16 kcrypto_emu_mm512_mask_loadu_epi16
#endif
#ifndef _mm512_maskz_loadu_epi16
#define _mm512_maskz_loadu_epi16 kcrypto_emu_mm512_maskz_loadu_epi16
#endif
#ifndef _mm512_mask_storeu_epi16
#define _mm512_mask_storeu_epi16 kcrypto_emu_mm512_mask_storeu_epi16
#endif
#ifndef _mm512_mask_loadu_epi32
#define _mm512_mask_loadu_epi32 kcrypto_emu_mm512_mask_loadu_epi32
#endif
#ifndef _mm512_maskz_loadu_epi32
#define _mm512_maskz_loadu_epi32 kcrypto_emu_mm512_maskz_loadu_epi32
#endif
#ifndef _mm512_mask_storeu_epi32
#define _mm512_mask_storeu_epi32 kcrypto_emu_mm512_mask_storeu_epi32
#endif
#ifndef _mm512_mask_loadu_epi64
#define _mm512_mask_loadu_epi64 kcrypto_emu_mm512_mask_loadu_epi64
#endif
#ifndef _mm512_maskz_loadu_epi64
#define _mm512_maskz_loadu_epi64 kcrypto_emu_mm512_maskz_loadu_epi64
#endif
#ifndef _mm512_mask_storeu_epi64
#define _mm512_mask_storeu_epi64 kcrypto_emu_mm512_mask_storeu_epi64
#endif
#endif /* SIMDE_ENABLE_NATIVE_ALIASES */

#endif /* KCRYPTO_HARNESS_EMU_AVX512_EMU_H */
