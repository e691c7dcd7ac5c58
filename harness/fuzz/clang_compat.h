/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Force-included (-include) into the clang fuzz build only, into the files
 * that need it (see CMakeLists.txt).  The kernel and the default (GCC)
 * harness build never see this file.
 *
 * 1. GCC's two-operand __builtin_shuffle(a, b, mask) (poly1305-avx2.c) has
 *    no clang spelling with a vector mask (clang's __builtin_shufflevector
 *    takes the indices as separate constants), so it is spelled out lane by
 *    lane; with a constant mask clang folds the loop into one shuffle.
 *    Variadic because the mask is a compound literal, whose commas split
 *    macro arguments.
 *
 * 2. clang 14's __builtin_cpu_supports() does not know "adx" (a compile
 *    error in harness/registry.c), so it is replaced by a CPUID/XGETBV
 *    reading with the same meaning as libgcc's: the AVX and AVX-512 bits
 *    count only when the OS saves the registers (XCR0).
 */
#ifndef KCRYPTO_FUZZ_CLANG_COMPAT_H
#define KCRYPTO_FUZZ_CLANG_COMPAT_H

#if defined(__clang__)
#define __builtin_shuffle(a, b, ...)					\
	({								\
		__typeof__(a) a_ = (a), b_ = (b), r_;			\
		__typeof__(__VA_ARGS__) m_ = (__VA_ARGS__);		\
		const int n_ = (int)(sizeof(a_) / sizeof(a_[0]));	\
		for (int i_ = 0; i_ < n_; i_++) {			\
			int k_ = (int)(m_[i_] & (2 * n_ - 1));		\
			r_[i_] = k_ < n_ ? a_[k_] : b_[k_ - n_];	\
		}							\
		r_;							\
	})

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static inline int kcrypto_fuzz_cpu_supports(const char *f)
{
	unsigned int a, b, c, d, b7 = 0, lo = 0, hi = 0;
	int os_avx, os_avx512;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	if (c & (1u << 27))	/* OSXSAVE */
		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	os_avx = (c & (1u << 28)) && (lo & 0x6) == 0x6;
	os_avx512 = os_avx && (lo & 0xe6) == 0xe6;
	if (__get_cpuid_max(0, 0) >= 7) {
		__cpuid_count(7, 0, a, b7, hi, d);
	}
	if (!__builtin_strcmp(f, "ssse3"))
		return !!(c & (1u << 9));
	if (!__builtin_strcmp(f, "avx"))
		return os_avx;
	if (!__builtin_strcmp(f, "avx2"))
		return os_avx && (b7 & (1u << 5));
	if (!__builtin_strcmp(f, "avx512f"))
		return os_avx512 && (b7 & (1u << 16));
	if (!__builtin_strcmp(f, "avx512ifma"))
		return os_avx512 && (b7 & (1u << 21));
	if (!__builtin_strcmp(f, "avx512bw"))
		return os_avx512 && (b7 & (1u << 30));
	if (!__builtin_strcmp(f, "avx512vl"))
		return os_avx512 && (b7 & (1u << 31));
	if (!__builtin_strcmp(f, "bmi2"))
		return !!(b7 & (1u << 8));
	if (!__builtin_strcmp(f, "adx"))
		return !!(b7 & (1u << 19));
	return 0;
}
#define __builtin_cpu_supports(f) kcrypto_fuzz_cpu_supports(f)
#endif /* x86 */
#endif /* __clang__ */

#endif /* KCRYPTO_FUZZ_CLANG_COMPAT_H */
