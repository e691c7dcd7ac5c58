/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * x86_64 CPU features as KCRYPTO_CPU_* bits, for the kernel glue and the
 * userspace harness.  A vector ISA counts only when the OS saves its
 * registers (XSAVE state enabled).
 */
#ifndef _KCRYPTO_X86_CPU_H
#define _KCRYPTO_X86_CPU_H

#include <kcrypto/cores.h>

#ifdef __KERNEL__
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>

static inline u32 kcrypto_cpu_features(void)
{
	bool ymm = cpu_has_xfeatures(XFEATURE_MASK_SSE | XFEATURE_MASK_YMM, NULL);
	bool zmm = ymm && cpu_has_xfeatures(XFEATURE_MASK_AVX512, NULL);
	u32 f = 0;

	if (boot_cpu_has(X86_FEATURE_SSSE3))
		f |= KCRYPTO_CPU_SSSE3;
	if (ymm && boot_cpu_has(X86_FEATURE_AVX))
		f |= KCRYPTO_CPU_AVX;
	if (ymm && boot_cpu_has(X86_FEATURE_AVX2))
		f |= KCRYPTO_CPU_AVX2;
	if (zmm && boot_cpu_has(X86_FEATURE_AVX512F))
		f |= KCRYPTO_CPU_AVX512F;
	if (zmm && boot_cpu_has(X86_FEATURE_AVX512VL))
		f |= KCRYPTO_CPU_AVX512VL;
	if (zmm && boot_cpu_has(X86_FEATURE_AVX512BW))
		f |= KCRYPTO_CPU_AVX512BW;
	if (zmm && boot_cpu_has(X86_FEATURE_AVX512IFMA))
		f |= KCRYPTO_CPU_AVX512IFMA;
	if (boot_cpu_has(X86_FEATURE_BMI2))
		f |= KCRYPTO_CPU_BMI2;
	if (boot_cpu_has(X86_FEATURE_ADX))
		f |= KCRYPTO_CPU_ADX;
	return f;
}
#else
#include <cpuid.h>

static inline u32 kcrypto_cpu_features(void)
{
	unsigned int eax, ebx, ecx, edx;
	u32 f = 0;

	__builtin_cpu_init();
	if (__builtin_cpu_supports("ssse3"))
		f |= KCRYPTO_CPU_SSSE3;
	if (__builtin_cpu_supports("avx"))
		f |= KCRYPTO_CPU_AVX;
	if (__builtin_cpu_supports("avx2"))
		f |= KCRYPTO_CPU_AVX2;
	if (__builtin_cpu_supports("avx512f"))
		f |= KCRYPTO_CPU_AVX512F;
	if (__builtin_cpu_supports("avx512vl"))
		f |= KCRYPTO_CPU_AVX512VL;
	if (__builtin_cpu_supports("avx512bw"))
		f |= KCRYPTO_CPU_AVX512BW;
	if (__builtin_cpu_supports("avx512ifma"))
		f |= KCRYPTO_CPU_AVX512IFMA;
	if (__builtin_cpu_supports("bmi2"))
		f |= KCRYPTO_CPU_BMI2;
	/* clang 14 has no "adx" feature string: CPUID.(7,0):EBX bit 19 */
	if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & bit_ADX))
		f |= KCRYPTO_CPU_ADX;
	return f;
}
#endif

#endif /* _KCRYPTO_X86_CPU_H */
