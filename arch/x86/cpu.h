/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * x86_64 CPU features as KCRYPTO_CPU_* bits, for the kernel glue and the
 * userspace harness.  A vector ISA counts only when the OS saves its
 * registers (XSAVE state enabled).
 *
 * KCRYPTO_CPU_ZMM says that 512-bit registers are worth using: AVX-512F is
 * usable and the CPU is not one of the Intel models that lower their clock
 * while zmm instructions run (kcrypto_zmm_slow() below, the models the
 * Linux kernel also flags X86_FEATURE_PREFER_YMM for).  Cores on 512-bit
 * vectors require it; their 256-bit AVX-512VL forms do not.  On the listed
 * models the frequency drop of a short zmm burst costs the rest of the
 * system more than the wider vectors gain; AMD Zen 4 and later, and Intel
 * from Sapphire Rapids and Rocket Lake on, keep their clock.
 */
#ifndef _KCRYPTO_X86_CPU_H
#define _KCRYPTO_X86_CPU_H

#include <kcrypto/cores.h>

/*
 * Does this CPU lower its clock on zmm?  @intel: GenuineIntel; @family and
 * @model as displayed (extended fields included).  The one list of such
 * models, for both branches below.
 */
static inline bool kcrypto_zmm_slow(bool intel, unsigned int family,
				    unsigned int model)
{
	static const u8 slow[] = {
		0x55,	/* Skylake-X, Cascade Lake, Cooper Lake */
		0x6a,	/* Ice Lake-X */
		0x6c,	/* Ice Lake-D */
		0x7d,	/* Ice Lake */
		0x7e,	/* Ice Lake-L */
		0x9d,	/* Ice Lake NNPI */
		0x8c,	/* Tiger Lake-L */
		0x8d,	/* Tiger Lake */
	};
	unsigned int i;

	if (!intel || family != 6)
		return false;
	for (i = 0; i < ARRAY_SIZE(slow); i++)
		if (model == slow[i])
			return true;
	return false;
}

#ifdef __KERNEL__
#include <asm/cpufeature.h>
#include <asm/fpu/api.h>
#include <asm/processor.h>

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
	if ((f & KCRYPTO_CPU_AVX512F) &&
	    !kcrypto_zmm_slow(boot_cpu_data.x86_vendor == X86_VENDOR_INTEL,
			      boot_cpu_data.x86, boot_cpu_data.x86_model))
		f |= KCRYPTO_CPU_ZMM;
	return f;
}
#else
#include <cpuid.h>

/* Vendor, family and model from CPUID leaves 0 and 1, as the kernel does. */
static inline bool kcrypto_cpu_zmm_slow(void)
{
	unsigned int eax, ebx, ecx, edx, family, model;
	bool intel;

	if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx))
		return false;
	/* "GenuineIntel" in EBX, EDX, ECX */
	intel = ebx == 0x756e6547 && edx == 0x49656e69 && ecx == 0x6c65746e;
	if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
		return false;
	family = (eax >> 8) & 0xf;
	model = (eax >> 4) & 0xf;
	if (family == 0xf)
		family += (eax >> 20) & 0xff;
	if (family >= 6)
		model |= ((eax >> 16) & 0xf) << 4;
	return kcrypto_zmm_slow(intel, family, model);
}

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
	if ((f & KCRYPTO_CPU_AVX512F) && !kcrypto_cpu_zmm_slow())
		f |= KCRYPTO_CPU_ZMM;
	return f;
}
#endif

#endif /* _KCRYPTO_X86_CPU_H */
